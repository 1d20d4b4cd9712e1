"""RSS of the published interviews (/zxft/feed.rss): announcements and archived ones, newest first.

Every text goes through core.sanitize.xml_text: a character XML 1.0 cannot hold, stored before the services
refused control characters, would make the whole feed a 500."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from gongkai.core.sanitize import xml_text
from gongkai.interviews.models import Interview


class InterviewsFeed(Feed):
    title = _("在线访谈")
    description = _("访谈预告和往期访谈实录。")

    def link(self):
        return reverse("interviews:index")

    def items(self):
        return Interview.objects.public().select_related("organization").order_by("-starts_at")[:50]

    def item_title(self, item):
        return xml_text(item.title)

    def item_description(self, item):
        return xml_text(Truncator(item.summary).chars(200))

    def item_link(self, item):
        return reverse("interviews:detail", kwargs={"interview_id": item.pk})

    def item_pubdate(self, item):
        return item.published_at

    def item_author_name(self, item):
        return xml_text(item.organization.name)
