"""Events that change a case's course without a reply: the applicant's withdrawal (申请人撤回) and the
agency's 第三十五条 delayed reply. Each is a typed clock event; the clocks recompute from it
(gongkai.requests.clock)."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core.services import ActionRefused
from gongkai.requests.choices import OPEN_STATES, State
from gongkai.requests.clock import reply_inputs
from gongkai.requests.models import ClockEvent, RequestCase, VolumeReview
from gongkai.requests.outcomes import WITHDRAWAL_OUTCOME, WITHDRAWN_ANSWER
from gongkai.requests.services.common import (
    add_event,
    audit,
    before,
    check_date,
    locked,
    refuse_unknown_year,
    require,
    require_state,
    sync_dates,
    today,
)
from gongkai.workdays import clocks

K = ClockEvent.Kind


@transaction.atomic
def withdraw(actor, case: RequestCase, on: dt.date, note: str = "", request=None) -> RequestCase:
    """申请人撤回: the applicant withdrew the request on `on`. The clock stops that day and every wait
    ends; the case is closed as 其他处理-其他 (annual-report.md table 3 （六）其他处理), and is filed
    like any closed case."""
    case = locked(case)
    require(actor, "request.handle", case.organization_id)
    require_state(case, OPEN_STATES - {State.PENDING}, _("登记申请人撤回"))
    if not note.strip():
        raise ActionRefused(_("请写明申请人撤回申请的方式（如书面撤回申请、电话并记录）。"))
    check_date(on, _("撤回日期"), earliest=case.received_on, earliest_label=_("收到申请日期"))
    old = before(case)
    add_event(actor, case, K.WITHDRAWN, on, note=note.strip()[:1000])
    case.outcome, case.answer_code = WITHDRAWAL_OUTCOME, WITHDRAWN_ANSWER.code
    case.reply_content = note.strip()
    case.state = State.WITHDRAWN
    sync_dates(case)
    case.save()
    audit(actor, "withdraw", case, old, request=request, note=note.strip())
    return case


@transaction.atomic
def delay_reply(actor, case: RequestCase, until: dt.date, reason: str, on: dt.date, request=None) -> RequestCase:
    """第三十五条: the applicant's requests clearly exceed a reasonable range, the agency found the stated
    reason reasonable but cannot answer within the 第三十三条 period, so it sets a reasonable later date
    and tells the applicant. The reply deadline becomes that date."""
    case = locked(case)
    require(actor, "request.handle", case.organization_id)
    require_state(case, OPEN_STATES - {State.PENDING}, _("确定延迟答复期限"))
    if not case.volume_reviews.filter(decision=VolumeReview.Decision.REASONABLE).exists():
        raise ActionRefused(_("须先要求申请人说明理由并认定理由合理（条例第三十五条），才能确定延迟答复的期限。"))
    if not reason.strip():
        raise ActionRefused(_("请写明延迟答复的理由。"))
    check_date(on, _("决定日期"), earliest=case.received_on, earliest_label=_("收到申请日期"))
    inputs = reply_inputs(case)
    if inputs is None or inputs.awaiting_correction:
        raise ActionRefused(_("答复期限尚未起算，不需要延迟答复。"))
    current = refuse_unknown_year(lambda: clocks.reply_clock(inputs, today()))
    if until is None or until <= current.statutory_due:
        raise ActionRefused(_("延迟答复的期限应晚于条例第三十三条规定的答复期限（%(day)s）。")
                            % {"day": current.statutory_due})
    if on > current.due:
        raise ActionRefused(_("答复期限（%(day)s）已过，不能再确定延迟答复期限。") % {"day": current.due})
    old = before(case)
    add_event(actor, case, K.DELAYED, on, until=until, note=reason.strip()[:1000])
    case.save()
    audit(actor, "delay_reply", case, old, request=request, note=f"{until.isoformat()} {reason.strip()}")
    return case
