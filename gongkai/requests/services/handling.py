"""办理: 补正, consultations, fees (in fee_notices.py, exported here too), extensions and the 第三十五条
exchange. Each records typed clock events (the clocks are recomputed from them) and issues the letter the
law requires."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core.i18n import in_record_language
from gongkai.core.services import ActionRefused
from gongkai.requests import events
from gongkai.requests.choices import HANDLING_STATES, OPEN_STATES, State
from gongkai.requests.clock import reply_inputs
from gongkai.requests.clock_steps import article_label
from gongkai.requests.models import ClockEvent, Consultation, RequestCase, VolumeReview
from gongkai.requests.outcomes import Outcome
from gongkai.requests.services import case_letters
from gongkai.requests.services.common import (
    add_event,
    audit,
    before,
    case_regime,
    check_date,
    events_of,
    locked,
    refuse_unknown_year,
    regime_law,
    require,
    require_state,
    settle_handling_state,
    sync_dates,
    today,
)
from gongkai.requests.services.fee_notices import (  # noqa: F401 (handling.notify_fee etc., as before)
    month_position,
    notify_fee,
    record_fee_notice_received,
    record_payment,
)
from gongkai.workdays import clocks
from gongkai.workdays.calendar import UnknownYearError

K = ClockEvent.Kind
# 合理的补正期限 (第三十条) is the unit's call; the form offers 1 to 30 working days.
MAX_CORRECTION_PERIOD_WORKDAYS = 30
# … and suggests 15 working days (the platform's default, not the 条例's: 第三十条 sets no number).
DEFAULT_CORRECTION_PERIOD_WORKDAYS = 15


@transaction.atomic
def start_handling(actor, case: RequestCase, handler=None, request=None) -> RequestCase:
    case = locked(case)
    require(actor, "request.handle", case.organization_id)
    require_state(case, {State.ACCEPTED}, _("开始办理"))
    handler = handler or actor
    from gongkai.accounts.permissions import has_perm

    if not has_perm(handler, "request.handle", case.organization_id):
        raise ActionRefused(_("承办人须为受理机关的工作人员。"))
    old = before(case)
    case.state, case.handler = State.PROCESSING, handler
    case.save()
    audit(actor, "start", case, old, request=request)
    return case


@transaction.atomic
def request_correction(actor, case: RequestCase, matters: str, period_workdays: int, on: dt.date,
                       request=None) -> RequestCase:
    """第三十条: one notice that says what to correct and a reasonable period; the reply clock stops."""
    case = locked(case)
    require(actor, "request.handle", case.organization_id)
    require_state(case, {State.ACCEPTED, State.PROCESSING}, _("告知补正"))
    if events_of(case, K.CORRECTION_NOTICE).exists():
        raise ActionRefused(_("补正只能一次性告知（条例第三十条），本申请已经告知过补正。"))
    if not matters.strip():
        raise ActionRefused(_("请写明需要补正的事项。"))
    if not 1 <= period_workdays <= MAX_CORRECTION_PERIOD_WORKDAYS:
        raise ActionRefused(_("补正期限应为1至%(n)s个工作日。") % {"n": MAX_CORRECTION_PERIOD_WORKDAYS})
    check_date(on, _("告知日期"), earliest=case.received_on, earliest_label=_("收到申请日期"))
    old = before(case)
    event = add_event(actor, case, K.CORRECTION_NOTICE, on, workdays=period_workdays, note=matters.strip())
    values = case_letters.values_for(case)
    values.update({"补正事项": matters.strip(), "补正工作日": period_workdays})
    event.document = case_letters.issue(actor, case, "requests.correction", values, on=on, request=request)
    event.save(update_fields=["document"])
    case.state = State.CORRECTION
    case.save()
    audit(actor, "correction_request", case, old, request=request, note=matters.strip())
    events.announce(case, events.CORRECTION)
    return case


@transaction.atomic
def receive_correction(actor, case: RequestCase, on: dt.date, corrected_content: str = "",
                       request=None) -> RequestCase:
    """收到补正: the reply clock restarts from this day (第三十条)."""
    case = locked(case)
    require(actor, "request.handle", case.organization_id)
    require_state(case, {State.CORRECTION}, _("登记收到补正"))
    notice = events_of(case, K.CORRECTION_NOTICE).first()
    check_date(on, _("收到补正日期"), earliest=notice.on, earliest_label=_("补正告知日期"))
    old = before(case)
    add_event(actor, case, K.CORRECTION_RECEIVED, on, note=corrected_content.strip())
    if corrected_content.strip():
        case.info_description = f"{case.info_description}\n{case_letters.CORRECTION_MARK}{corrected_content.strip()}"
    case.state = State.PROCESSING
    case.save()
    audit(actor, "correction_receive", case, old, request=request)
    return case


def correction_period_due(case: RequestCase) -> dt.date | None:
    notice = events_of(case, K.CORRECTION_NOTICE).first()
    if not notice or not notice.workdays:
        return None
    return refuse_unknown_year(lambda: clocks.correction_period_due(notice.on, notice.workdays))


@transaction.atomic
def abandon(actor, case: RequestCase, outcome: str, on: dt.date, request=None) -> RequestCase:
    """视为放弃: no 补正 within the period (第三十条) or an unpaid fee (国办函〔2020〕109号)."""
    case = locked(case)
    require(actor, "request.handle", case.organization_id)
    if outcome == Outcome.NO_CORRECTION:
        require_state(case, {State.CORRECTION}, _("按逾期不补正办结"))
        due = correction_period_due(case)
        if due is None or on <= due:
            raise ActionRefused(_("补正期限（%(day)s）届满后才能按“逾期不补正”办结。") % {"day": due})
    elif outcome == Outcome.UNPAID_FEE:
        require_state(case, {State.FEE}, _("按逾期未缴费办结"))
        fee = case.fee_notices.filter(event__until__isnull=True, event__voided_at__isnull=True).first()
        if fee is None or fee.notice_received_on is None:
            raise ActionRefused(_("请先登记申请人收到收费通知的日期。"))
        due = refuse_unknown_year(lambda: clocks.fee_payment_due(fee.notice_received_on))
        if on <= due:
            raise ActionRefused(_("缴费期限（%(day)s）届满后才能按“逾期未缴费”办结。") % {"day": due})
    else:
        raise ActionRefused(_("视为放弃只适用于逾期不补正或逾期未缴费。"))
    check_date(on, _("办结日期"))
    old = before(case)
    case.outcome = outcome
    add_event(actor, case, K.REPLIED, on, note=outcome)
    from gongkai.requests.services.replies import issue_reply

    issue_reply(actor, case, on, request=request)
    case.state = State.ABANDONED
    sync_dates(case)
    case.save()
    audit(actor, "abandon", case, old, request=request)
    return case


@transaction.atomic
def consult(actor, case: RequestCase, kind: str, party_name: str, matters: str, on: dt.date,
            party_address: str = "", request=None) -> Consultation:
    """第三十二条 (third party) / 第三十四条 (another agency): a written consultation; its span is excluded."""
    case = locked(case)
    require(actor, "request.handle", case.organization_id)
    require_state(case, HANDLING_STATES, _("征求意见（请先开始办理）"))
    if kind not in Consultation.Kind.values:
        raise ActionRefused(_("请选择征求第三方意见或征求其他机关意见。"))
    if not party_name.strip() or not matters.strip():
        raise ActionRefused(_("请填写被征求意见方和征求意见的内容。"))
    check_date(on, _("发出日期"), earliest=case.received_on, earliest_label=_("收到申请日期"))
    old = before(case)
    event = add_event(actor, case, K.CONSULTATION, on, label=party_name.strip(), note=matters.strip())
    values = case_letters.values_for(case)
    values.update({"被征求意见方": party_name.strip(), "征求事项": matters.strip()})
    event.document = case_letters.issue(actor, case, f"requests.consultation.{kind}", values, on=on,
                                        recipient=party_name.strip(), for_applicant=False, request=request)
    event.save(update_fields=["document"])
    consultation = Consultation.objects.create(case=case, kind=kind, party_name=party_name.strip(),
                                               party_address=party_address.strip(), event=event)
    settle_handling_state(case)
    case.save()
    audit(actor, "consult", case, old, request=request,
          note=f"{in_record_language(Consultation.Kind(kind).label)}：{party_name.strip()}")
    if kind == Consultation.Kind.THIRD_PARTY:  # the applicant learns why the clock stops (第三十二条)
        events.announce(case, events.THIRD_PARTY)
    return consultation


@transaction.atomic
def record_letter_received(actor, consultation: Consultation, on: dt.date, request=None) -> Consultation:
    case = locked(consultation.case)
    require(actor, "request.handle", case.organization_id)
    consultation = Consultation.objects.select_related("event").get(pk=consultation.pk)
    check_date(on, _("对方收到日期"), earliest=consultation.event.on, earliest_label=_("发出日期"))
    consultation.letter_received_on = on
    consultation.save(update_fields=["letter_received_on"])
    audit(actor, "consultation_received", case, request=request, note=consultation.party_name)
    return consultation


@transaction.atomic
def record_opinion(actor, consultation: Consultation, opinion: str, text: str = "", on: dt.date | None = None,
                   request=None) -> Consultation:
    """The consulted party's answer, or the lapse of its 15 working days (then the span ends on the last
    day; another agency's silence counts as consent, 第三十四条)."""
    case = locked(consultation.case)
    require(actor, "request.handle", case.organization_id)
    consultation = Consultation.objects.select_related("event").get(pk=consultation.pk)
    event = consultation.event
    if event.until is not None or event.voided_at is not None:
        raise ActionRefused(_("该征求意见已经办结。"))
    if opinion not in Consultation.Opinion.values:
        raise ActionRefused(_("请选择对方意见。"))
    if opinion == Consultation.Opinion.LAPSED:
        if consultation.letter_received_on is None:
            raise ActionRefused(_("请先登记对方收到征求意见书的日期。"))
        due = refuse_unknown_year(lambda: clocks.opinion_due(consultation.letter_received_on))
        if today() <= due:
            raise ActionRefused(_("意见期限（%(day)s）尚未届满。") % {"day": due})
        on = due
        if consultation.kind == Consultation.Kind.AGENCY and not text.strip():
            text = _("逾期未提出意见，视为同意公开（条例第三十四条）。")
    else:
        check_date(on, _("收到意见日期"), earliest=event.on, earliest_label=_("发出日期"))
    old = before(case)
    event.until = on
    event.save(update_fields=["until"])
    consultation.opinion, consultation.opinion_text = opinion, text.strip()
    consultation.save(update_fields=["opinion", "opinion_text"])
    case._active_events = None
    settle_handling_state(case)
    case.save()
    audit(actor, "consultation_answer", case, old, request=request,
          note=f"{consultation.party_name}：{in_record_language(Consultation.Opinion(consultation.opinion).label)}")
    return consultation


@transaction.atomic
def extend(actor, case: RequestCase, workdays: int, approver: str, approved_on: dt.date, reason: str,
           request=None) -> RequestCase:
    """第三十三条第二款: an extension approved by the 负责人 of the 政府信息公开工作机构, notified to the applicant."""
    case = locked(case)
    require(actor, "request.handle", case.organization_id)
    require_state(case, {State.ACCEPTED} | HANDLING_STATES | {State.REVIEW}, _("延期答复"))
    taken = sum(e.workdays or 0 for e in events_of(case, K.EXTENSION))
    regime = case_regime(case)
    if workdays < 1 or taken + workdays > regime.max_extension_workdays:
        raise ActionRefused(_("延长的期限最长不得超过%(max)s个工作日（%(law)s%(article)s），本申请已延长%(taken)s个工作日。")
                            % {"max": regime.max_extension_workdays, "taken": taken, "article": article_label(regime.period_article),
                               "law": regime_law(regime)})
    if not approver.strip() or not reason.strip():
        raise ActionRefused(_("请填写批准延期的负责人和延期理由。"))
    check_date(approved_on, _("批准日期"), earliest=case.received_on, earliest_label=_("收到申请日期"))
    inputs = reply_inputs(case)
    if inputs is None or inputs.awaiting_correction:
        raise ActionRefused(_("答复期限尚未起算，不需要延期。"))
    try:
        current = clocks.reply_clock(inputs, today())
    except UnknownYearError:
        current = None  # the deadline lies in a year not entered yet: later than any day that can be approved
    if current is not None and approved_on > current.due:
        raise ActionRefused(_("答复期限（%(day)s）已过，不能再延期。") % {"day": current.due})
    old = before(case)
    event = add_event(actor, case, K.EXTENSION, approved_on, workdays=workdays, label=approver.strip(),
                      note=reason.strip())
    values = case_letters.values_for(case)
    values.update({"延长工作日": workdays, "延期理由": reason.strip()})
    event.document = case_letters.issue(actor, case, "requests.extension", values, on=approved_on, request=request)
    event.save(update_fields=["document"])
    case.save()
    audit(actor, "extend", case, old, request=request, note=f"{workdays} {reason.strip()}")
    events.announce(case, events.EXTENDED)
    return case


@transaction.atomic
def void_event(actor, event: ClockEvent, reason: str, request=None) -> ClockEvent:
    """Correct a wrongly entered clock event: voided (kept, with the reason), the clocks recompute."""
    case = locked(event.case)
    require(actor, "request.handle", case.organization_id)
    if case.state not in OPEN_STATES:
        raise ActionRefused(_("已答复的申请不能更正时限节点。"))
    event = case.clock_events.get(pk=event.pk)  # holds `case`: saving it updates case.clock_changed (mirror.py)
    if event.voided_at or event.kind in (K.RECEIVED, K.REPLIED):
        raise ActionRefused(_("该节点不能作废（收到申请日期请通过转送或重新确认更正）。"))
    if not reason.strip():
        raise ActionRefused(_("请填写作废理由。"))
    old = before(case)
    event.voided_at, event.voided_by, event.void_reason = timezone.now(), actor, reason.strip()[:300]
    event.save(update_fields=["voided_at", "voided_by", "void_reason"])
    case._active_events = None
    if event.kind == K.CORRECTION_NOTICE and case.state == State.CORRECTION:
        case.state = State.PROCESSING
    settle_handling_state(case)
    case.save()
    audit(actor, "void_event", case, old, request=request, note=f"{in_record_language(ClockEvent.Kind(event.kind).label)}：{reason.strip()}")
    return event


@transaction.atomic
def ask_volume_explanation(actor, case: RequestCase, question: str, on: dt.date, request=None) -> VolumeReview:
    """第三十五条: ask the applicant to explain a volume or frequency beyond a reasonable range."""
    case = locked(case)
    require(actor, "request.handle", case.organization_id)
    require_state(case, OPEN_STATES - {State.PENDING}, _("要求说明理由"))
    if not question.strip():
        raise ActionRefused(_("请写明要求申请人说明的事项。"))
    check_date(on, _("要求说明理由日期"), earliest=case.received_on, earliest_label=_("收到申请日期"))
    review = VolumeReview.objects.create(case=case, asked_on=on, question=question.strip(), asked_by=actor)
    audit(actor, "volume_ask", case, request=request)
    return review


@transaction.atomic
def record_volume_decision(actor, review: VolumeReview, explanation: str, explained_on: dt.date | None,
                           decision: str, note: str, request=None) -> VolumeReview:
    case = locked(review.case)
    require(actor, "request.handle", case.organization_id)
    review = VolumeReview.objects.get(pk=review.pk)
    if review.decision:
        raise ActionRefused(_("已经作出认定。"))
    if decision not in VolumeReview.Decision.values or not note.strip():
        raise ActionRefused(_("请选择认定结论并写明理由。"))
    if explained_on:
        check_date(explained_on, _("收到说明日期"), earliest=review.asked_on, earliest_label=_("要求说明理由日期"))
    review.explanation, review.explained_on = explanation.strip(), explained_on
    review.decision, review.decision_note, review.decided_by = decision, note.strip(), actor
    review.save()
    audit(actor, "volume_decide", case, request=request, note=in_record_language(VolumeReview.Decision(review.decision).label))
    return review
