"""政民互动 (gongkai.mailbox): messages unanswered for more than 3 months — the single-item veto
"互动回应差" of 国办秘函〔2019〕19号 (statute.UNANSWERED_MESSAGE_MONTHS)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy, gettext_noop

from gongkai.inspection.models import Severity
from gongkai.inspection.rules.base import Hit, Rule
from gongkai.inspection.wording import text
from gongkai.workdays import statute


class MessagesUnanswered(Rule):
    code = "messages_unanswered"
    title = gettext_lazy("互动回应差：群众留言超过3个月未回应（单项否决）")
    indicator = "interaction"
    severity = Severity.VETO
    source = gettext_lazy("国办秘函〔2019〕19号 单项否决指标“互动回应差”：政务咨询类栏目中存在超过3个月未回应的留言")
    requires_app = "gongkai.mailbox"

    def check(self, context):
        from gongkai.mailbox.queries import unanswered_beyond_veto

        for message in unanswered_beyond_veto(context.organization_ids, context.today):
            # The number identifies the message; nothing about the writer is kept in a finding.
            yield Hit(message.organization_id, f"message:{message.pk}",
                      text(gettext_noop("留言%(number)s（%(received)s收到）超过%(months)d个月未答复。"),
                           number=message.tracking_number, received=message.received_on.isoformat(),
                           months=statute.UNANSWERED_MESSAGE_MONTHS),
                      {"urls": [reverse("mailbox_staff:detail", kwargs={"message_id": message.pk})],
                       "dates": {"received": message.received_on.isoformat()}, "message": message.tracking_number})
