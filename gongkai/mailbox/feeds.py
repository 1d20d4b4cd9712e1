"""RSS of published answers (question and reply, no personal data)."""

import datetime as dt

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.core.sanitize import xml_text
from gongkai.mailbox import queries


class AnswersFeed(Feed):
    title = _("政民互动：留言答复")
    description = _("群众留言及各单位的答复（不含留言人个人信息）")

    def link(self):
        return reverse("mailbox:list")

    def items(self):
        return queries.published()[:30]

    def item_title(self, item):
        return xml_text(item.public.subject)

    def item_description(self, item):
        text = item.public
        return xml_text(f"{text.content}\n\n{item.organization.name}：{text.reply}")

    def item_link(self, item):
        return reverse("mailbox:detail", kwargs={"message_id": item.pk})

    def item_pubdate(self, item):
        return timezone.make_aware(dt.datetime.combine(item.replied_on, dt.time(12)))

    def item_author_name(self, item):
        return xml_text(item.organization.name)
