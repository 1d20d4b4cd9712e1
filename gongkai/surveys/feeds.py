"""RSS of the published surveys (/zjdc/feed.rss), newest first.

Every text goes through core.sanitize.xml_text: a character XML 1.0 cannot hold, stored before the services
refused control characters, would make the whole feed a 500."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from gongkai.core.sanitize import xml_text
from gongkai.surveys.models import Survey


class SurveysFeed(Feed):
    title = _("征集调查")
    description = _("各单位发起的意见征集和问卷调查。")

    def link(self):
        return reverse("surveys:index")

    def items(self):
        return Survey.objects.public().select_related("organization").order_by("-published_at")[:50]

    def item_title(self, item):
        return xml_text(item.title)

    def item_description(self, item):
        return xml_text(Truncator(item.description).chars(200))

    def item_link(self, item):
        return reverse("surveys:detail", kwargs={"survey_id": item.pk})

    def item_pubdate(self, item):
        return item.published_at

    def item_author_name(self, item):
        return xml_text(item.organization.name)
