"""What the applicant sees of a case's state: the few stages that concern them (「已受理」「待补正」
「已延期」「已答复」「已撤回」…), never the office's internal steps (答复待审, 已备案, 已归档).

A case that ended without a reply keeps saying so after it is filed: 已撤回 (the applicant withdrew;
annual-report.md still counts it as 其他处理-其他) and 已终止 (视为放弃) are never 「已答复」."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.requests.choices import HANDLING_STATES, State
from gongkai.requests.outcomes import ABANDONMENT_OUTCOMES, WITHDRAWN_ANSWER


class PublicState(models.TextChoices):
    SUBMITTED = "submitted", _("待确认收到")
    ACCEPTED = "accepted", _("已受理")
    CORRECTION = "correction", _("待补正")
    EXTENDED = "extended", _("已延期")
    FEE = "fee", _("待缴费")
    REPLIED = "replied", _("已答复")
    ENDED = "ended", _("已终止")  # 视为放弃申请 (逾期不补正、逾期未缴费)
    WITHDRAWN = "withdrawn", _("已撤回")  # 申请人撤回申请 (services.interruptions.withdraw)


def public_state(case) -> PublicState:
    from gongkai.requests.models import ClockEvent

    if case.state == State.PENDING:
        return PublicState.SUBMITTED
    if case.state == State.CORRECTION:
        return PublicState.CORRECTION
    if case.state == State.FEE:
        return PublicState.FEE
    if case.state in {State.ACCEPTED, *HANDLING_STATES, State.REVIEW}:
        extended = case.clock_events.filter(kind=ClockEvent.Kind.EXTENSION, voided_at__isnull=True).exists()
        return PublicState.EXTENDED if extended else PublicState.ACCEPTED
    # Closed: how it ended, also once filed (已备案) or archived (已归档).
    if case.state == State.WITHDRAWN or case.answer_code == WITHDRAWN_ANSWER.code:
        return PublicState.WITHDRAWN
    if case.state == State.ABANDONED or case.outcome in ABANDONMENT_OUTCOMES:
        return PublicState.ENDED
    return PublicState.REPLIED  # 已答复, 已送达, 已备案, 已归档
