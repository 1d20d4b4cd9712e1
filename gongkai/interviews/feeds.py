"""RSS of the published interviews (/zxft/feed.rss): announcements and archived ones, newest first."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from gongkai.interviews.models import Interview


class InterviewsFeed(Feed):
    title = _("在线访谈")
    description = _("访谈预告和往期访谈实录。")

    def link(self):
        return reverse("interviews:index")

    def items(self):
        return Interview.objects.public().select_related("organization").order_by("-starts_at")[:50]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return Truncator(item.summary).chars(200)

    def item_link(self, item):
        return reverse("interviews:detail", kwargs={"interview_id": item.pk})

    def item_pubdate(self, item):
        return item.published_at

    def item_author_name(self, item):
        return item.organization.name
