"""RSS of the published 复文 (/jyta/feed.rss), newest first. Every text goes through services.public_text:
numbers masked as on the page, and no character XML cannot hold (the feed writer refuses one: a 500)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from gongkai.core.sanitize import html_to_text
from gongkai.proposals import services


class RepliesFeed(Feed):
    title = _("建议提案办理复文")
    description = _("县政府各承办单位公开的人大代表建议和政协提案复文。")

    def link(self):
        return reverse("proposals:index")

    def items(self):
        return services.public_replies().select_related("lead_unit").order_by("-published_at")[:50]

    def item_title(self, item):
        return services.public_text(f"{item.label} {item.title}")

    def item_description(self, item):
        return Truncator(services.public_text(html_to_text(item.reply))).chars(200)

    def item_link(self, item):
        return reverse("proposals:reply", kwargs={"proposal_id": item.pk})

    def item_pubdate(self, item):
        return item.published_at

    def item_author_name(self, item):
        return services.public_text(item.lead_unit.name)
