"""What every 依申请公开 service shares: permission checks, locking, typed clock events, dates, state."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.accounts.permissions import has_perm
from gongkai.audit.services import record, snapshot
from gongkai.core.forms import EARLIEST_DATE, date_range_message
from gongkai.core.services import ActionRefused
from gongkai.requests.choices import HANDLING_STATES, State
from gongkai.requests.mirror import changing_events
from gongkai.requests.models import ClockEvent, RequestCase
from gongkai.workdays import statute
from gongkai.workdays.calendar import UnknownYearError

AUDITED_FIELDS = ["state", "organization", "handler", "channel", "outcome", "answer_code", "reply_content",
                  "withholding_article", "withholding_law", "withholding_reason", "referral", "received_on",
                  "replied_on", "fee_yuan", "withholding_confirmed", "reviewed_by", "note"]
NO_PERMISSION = gettext_lazy("您没有权限办理该申请（仅限受理机关有相应岗位的人员）。")


def require(actor, perm: str, organization_id: int, message: str | None = None) -> None:
    if not has_perm(actor, perm, organization_id):
        raise ActionRefused(message or NO_PERMISSION)


def locked(case: RequestCase) -> RequestCase:
    """The case as it is now in the database, locked for this transaction."""
    return RequestCase.objects.select_for_update().select_related("organization").get(pk=case.pk)


def require_state(case: RequestCase, allowed, action: str) -> None:
    if case.state not in allowed:
        raise ActionRefused(_("“%(state)s”状态的申请不能%(action)s。") % {"state": case.get_state_display(),
                                                                        "action": action})


def today() -> dt.date:
    return timezone.localdate()


def check_date(on: dt.date | None, label: str, *, earliest: dt.date | None = None,
               earliest_label: str = "") -> dt.date:
    if on is None:
        raise ActionRefused(_("请填写%(label)s。") % {"label": label})
    if on > today():
        raise ActionRefused(_("%(label)s不能晚于今天。") % {"label": label})
    if on < EARLIEST_DATE:  # a typo such as year 1: no clock can count from it (core.forms.EARLIEST_DATE)
        raise ActionRefused(_("%(label)s：%(range)s") % {"label": label, "range": date_range_message()})
    if earliest and on < earliest:
        raise ActionRefused(_("%(label)s不能早于%(other)s（%(day)s）。") % {
            "label": label, "other": earliest_label, "day": earliest.isoformat()})
    return on


def add_event(actor, case: RequestCase, kind: str, on: dt.date, **fields) -> ClockEvent:
    event = ClockEvent.objects.create(case=case, kind=kind, on=on, recorded_by=actor, **fields)
    case._active_events = None
    return event


def events_of(case: RequestCase, kind: str):
    return case.clock_events.filter(kind=kind, voided_at__isnull=True).order_by("-on", "-id")


def sync_dates(case: RequestCase) -> None:
    """Mirror the current RECEIVED and REPLIED events on the case (for lists and counts), and whether a
    deadline-changing event is active (clock_changed). A withdrawn case (申请人撤回) is closed on the
    withdrawal date: `replied_on` is the day the case ended (办结)."""
    received = events_of(case, ClockEvent.Kind.RECEIVED).first()
    replied = events_of(case, ClockEvent.Kind.REPLIED).first() or events_of(case, ClockEvent.Kind.WITHDRAWN).first()
    case.received_on = received.on if received else None
    case.replied_on = replied.on if replied else None
    case.clock_changed = changing_events().filter(case=case).exists()
    case._active_events = None


def settle_handling_state(case: RequestCase) -> None:
    """办理中 and its waiting sub-states follow the open waits: a fee first, then consultations."""
    if case.state not in HANDLING_STATES:
        return
    open_waits = case.clock_events.filter(voided_at__isnull=True, until__isnull=True,
                                          kind__in=[ClockEvent.Kind.FEE, ClockEvent.Kind.CONSULTATION])
    if open_waits.filter(kind=ClockEvent.Kind.FEE).exists():
        case.state = State.FEE
    elif open_waits.filter(consultation__kind="third_party").exists():
        case.state = State.THIRD_PARTY
    elif open_waits.filter(consultation__kind="agency").exists():
        case.state = State.AGENCY
    else:
        case.state = State.PROCESSING


def audit(actor, action: str, case: RequestCase, before: dict | None = None, request=None, note: str = "",
          extra: dict | None = None, organization=None) -> None:
    """The audit event of a verb, under the case's agency unless `organization` names another (转送)."""
    after = snapshot(case, AUDITED_FIELDS)
    if extra:
        after.update(extra)
    record(actor, f"request.{action}", case, organization=organization or case.organization, before=before,
           after=after, note=note, request=request)


def before(case: RequestCase) -> dict:
    return snapshot(case, AUDITED_FIELDS)


def refuse_unknown_year(call):
    """Run a computation; a date past the calendar's last known year becomes a refusal with its message."""
    try:
        return call()
    except UnknownYearError as exc:
        raise ActionRefused(str(exc)) from exc


def case_regime(case: RequestCase) -> statute.ReplyRegime:
    """The 条例 whose periods govern the case (by its 收到申请之日; the 2019 条例 until it has one)."""
    return statute.reply_regime(case.received_on) if case.received_on else statute.REGIME_2019


def regime_law(regime: statute.ReplyRegime) -> str:
    """The regulation as a message cites it before an article: 「条例」 or 「2007年条例」."""
    return _("条例") if regime is statute.REGIME_2019 else _("2007年条例")
