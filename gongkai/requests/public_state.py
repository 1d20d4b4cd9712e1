"""What the applicant sees of a case's state: the few stages that concern them (「已受理」「待补正」
「已延期」「已答复」…), never the office's internal steps (答复待审, 已备案, 已归档)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.requests.choices import HANDLING_STATES, State


class PublicState(models.TextChoices):
    SUBMITTED = "submitted", _("待确认收到")
    ACCEPTED = "accepted", _("已受理")
    CORRECTION = "correction", _("待补正")
    EXTENDED = "extended", _("已延期")
    FEE = "fee", _("待缴费")
    REPLIED = "replied", _("已答复")
    ENDED = "ended", _("已终止")  # 视为放弃申请 (逾期不补正、逾期未缴费)


def public_state(case) -> PublicState:
    from gongkai.requests.models import ClockEvent

    if case.state == State.PENDING:
        return PublicState.SUBMITTED
    if case.state == State.CORRECTION:
        return PublicState.CORRECTION
    if case.state == State.FEE:
        return PublicState.FEE
    if case.state == State.ABANDONED:
        return PublicState.ENDED
    if case.state in {State.ACCEPTED, *HANDLING_STATES, State.REVIEW}:
        extended = case.clock_events.filter(kind=ClockEvent.Kind.EXTENSION, voided_at__isnull=True).exists()
        return PublicState.EXTENDED if extended else PublicState.ACCEPTED
    return PublicState.REPLIED  # 已答复, 已送达, 已备案, 已归档
