"""Intake: online applications, staff registration of offline ones, the 第三十一条 receipt date,
transfer to the right unit, 交办 and 协助调查 by the 政务公开办, 会商, and the 第三十五条 volume flag."""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.accounts.permissions import has_perm, is_staff_user, organization_ids_with
from gongkai.core import crypto, query_codes
from gongkai.core.i18n import in_record_language
from gongkai.core.services import ActionRefused
from gongkai.organizations.models import Organization, is_under_regulation, under_regulation
from gongkai.requests import events
from gongkai.requests.choices import CONFIRMATION_CHANNELS, OPEN_STATES, Channel, State
from gongkai.requests.models import (
    Assignment,
    ClockEvent,
    Deliberation,
    DeliberationOpinion,
    RequestCase,
    RequestPolicy,
    TrackingSequence,
)
from gongkai.requests.services.common import (
    add_event,
    audit,
    before,
    check_date,
    locked,
    require,
    require_state,
    sync_dates,
)

APPLICANT_FIELDS = ["applicant_type", "applicant_name", "id_number", "contact_person", "phone", "email", "address",
                    "postcode", "needs_assistance", "info_title", "info_doc_number", "info_description",
                    "form_wanted", "delivery_wanted"]
QUERY_CODE_ALPHABET = query_codes.ALPHABET
QUERY_PURPOSE = "query-code"
APPLICANT_PURPOSE = "applicant-id"


@dataclass(frozen=True)
class Submitted:
    case: RequestCase
    query_code: str  # shown once to the applicant, stored only as a digest


def takes_requests(organization) -> bool:
    """Whether `organization` receives 依申请公开 applications: a 党委工作机关 does not (not under the 条例,
    organizations.is_under_regulation). Checked by every path that gives a unit a case or a part in one: the
    public form, staff registration, confirming a pending case (a unit that became a 党委工作机关 转送s it
    instead), 转送, 交办 and 协助调查."""
    return is_under_regulation(organization.kind)


def receiving_units(organizations):
    """The units of an Organization queryset that may be offered as a case's unit (takes_requests)."""
    return under_regulation(organizations)


def receiving_unit_ids(user, perm: str) -> set[int]:
    """The ids of the units where `user` holds `perm` and that take applications: a page offers an entry point
    (登记申请, 台账导入) only where its view would open."""
    ids = organization_ids_with(user, perm)
    if not ids:
        return set()
    return set(receiving_units(Organization.objects.filter(id__in=ids)).values_list("id", flat=True))


def _require_takes_requests(organization, then: str = "") -> None:
    """Refuse when `organization` takes no applications; `then` adds what the refused verb would have asked."""
    if not takes_requests(organization):
        raise ActionRefused(_("%(name)s是党委工作机关，不适用《政府信息公开条例》，不受理政府信息公开申请。")
                            % {"name": organization.name} + then)


def _tracking_number(year: int) -> str:
    sequence, _created = TrackingSequence.objects.select_for_update().get_or_create(year=year)
    sequence.last_serial += 1
    sequence.save(update_fields=["last_serial"])
    return f"SQ-{year}-{sequence.last_serial:06d}"


def query_code_digest(tracking_number: str, code: str) -> str:
    return query_codes.digest(QUERY_PURPOSE, tracking_number, code)


def find_for_applicant(tracking_number: str, code: str) -> RequestCase | None:
    """The case whose number and query code both match; None otherwise (never says which was wrong)."""
    return query_codes.find(RequestCase.objects.select_related("organization"), QUERY_PURPOSE, tracking_number, code)


def applicant_digest(id_number: str) -> str:
    normalized = crypto.normalize_id_number(id_number)
    return crypto.digest(APPLICANT_PURPOSE, normalized) if normalized else ""


def same_applicant(case: RequestCase):
    """Cases of the same applicant at the same unit: by ID digest when known, else by type and name."""
    qs = RequestCase.objects.filter(organization_id=case.organization_id)
    if case.id_digest:
        return qs.filter(id_digest=case.id_digest)
    return qs.filter(applicant_type=case.applicant_type, applicant_name=case.applicant_name)


def _flag_volume(case: RequestCase) -> None:
    policy = RequestPolicy.current()
    since = case.submitted_at - dt.timedelta(days=policy.volume_window_days)
    count = same_applicant(case).filter(submitted_at__gte=since, submitted_at__lte=case.submitted_at).count()
    case.volume_flagged = count > policy.volume_threshold


def _new_case(organization, data: dict, channel: str, submitted_at) -> tuple[RequestCase, str]:
    case = RequestCase(organization=organization, channel=channel, submitted_at=submitted_at, state=State.PENDING)
    for field in APPLICANT_FIELDS:
        if field in data:
            value = data[field]
            setattr(case, field, value.strip() if isinstance(value, str) else value)
    case.id_number = crypto.normalize_id_number(case.id_number)
    case.id_digest = applicant_digest(case.id_number)
    year = timezone.localtime(submitted_at).year
    case.tracking_number = _tracking_number(year)
    code = query_codes.new()
    case.query_code_digest = query_code_digest(case.tracking_number, code)
    case.save()
    _flag_volume(case)
    case.save(update_fields=["volume_flagged"])
    return case, code


@transaction.atomic
def submit_online(organization, data: dict, request=None) -> Submitted:
    """An application through the public form: 待确认 until staff and applicant confirm (第三十一条（三）)."""
    if not organization.is_active:
        raise ActionRefused(_("该机关暂不接收网上申请。"))
    _require_takes_requests(organization)
    case, code = _new_case(organization, data, Channel.ONLINE, timezone.now())
    audit(None, "submit", case, request=request, note=in_record_language(gettext_lazy("网上提交")))
    return Submitted(case, code)


@transaction.atomic
def register(actor, organization, data: dict, *, channel: str, received_on: dt.date | None = None,
             confirmation_method: str = "", confirmation_note: str = "", request=None) -> Submitted:
    """Staff register an offline application. 当面/口头: received the day handed in; 邮寄: the day signed
    for; 平常信函/传真/电子邮件: the day confirmed with the applicant (left 待确认 when not yet confirmed)."""
    require(actor, "request.handle", organization.id)
    _require_takes_requests(organization)
    if channel not in Channel.values:
        raise ActionRefused(_("请选择申请方式。"))
    if channel not in CONFIRMATION_CHANNELS and received_on is None:
        raise ActionRefused(_("请填写收到申请日期（当面、口头为提交之日，邮寄为签收之日）。"))
    if received_on is not None and channel in CONFIRMATION_CHANNELS and not confirmation_method:
        raise ActionRefused(_("平常信函、传真和电子邮件申请以与申请人确认之日为收到申请之日，请填写确认方式。"))
    submitted = timezone.now()
    if received_on:
        check_date(received_on, _("收到申请日期"))
        if received_on < timezone.localdate():
            submitted = timezone.make_aware(dt.datetime.combine(received_on, dt.time(9)))
    case, code = _new_case(organization, data, channel, submitted)
    if received_on is not None:
        _receive(actor, case, received_on, confirmation_method, confirmation_note)
    audit(actor, "register", case, request=request, note=in_record_language(Channel(case.channel).label))
    return Submitted(case, code)


def _receive(actor, case, on, method, note) -> None:
    case.confirmation_method = method or ""
    case.confirmation_note = (note or "").strip()[:300]
    add_event(actor, case, ClockEvent.Kind.RECEIVED, on, label=case.channel, note=case.confirmation_note)
    case.state = State.ACCEPTED
    sync_dates(case)
    case.save()
    events.announce(case, events.ACCEPTED)


@transaction.atomic
def confirm_receipt(actor, case: RequestCase, on: dt.date, method: str, note: str = "", request=None) -> RequestCase:
    """第三十一条: the day staff and applicant confirm an online, fax, e-mail or ordinary-letter application."""
    case = locked(case)
    require(actor, "request.handle", case.organization_id)
    require_state(case, {State.PENDING}, _("确认受理"))
    _require_takes_requests(case.organization, _("请将该申请转送有关行政机关。"))
    if not method:
        raise ActionRefused(_("请选择与申请人确认的方式。"))
    earliest = timezone.localtime(case.submitted_at).date()
    check_date(on, _("确认日期"), earliest=earliest, earliest_label=_("提交日期"))
    old = before(case)
    _receive(actor, case, on, method, note)
    audit(actor, "confirm", case, old, request=request)
    return case


@transaction.atomic
def transfer(actor, case: RequestCase, to_organization, reason: str, on: dt.date | None = None,
             request=None) -> RequestCase:
    """The information is another agency's. A case not yet received (待确认) simply moves there, to be
    confirmed by that agency. A received case is the first agency's own: under 第三十六条（五） it answers
    that the information is not its to disclose, naming the responsible agency, on `on` (its clock and its
    table 3 count that answer), and the receiving agency gets its own case, linked to this one, to be
    received there. Returns the case the receiving agency now holds."""
    case = locked(case)
    require(actor, "request.handle", case.organization_id)
    require_state(case, {State.PENDING, State.ACCEPTED}, _("转送"))
    if not reason.strip():
        raise ActionRefused(_("请填写转送理由。"))
    if to_organization.pk == case.organization_id or not to_organization.is_active:
        raise ActionRefused(_("请选择其他正在使用平台的机关。"))
    _require_takes_requests(to_organization)
    old = before(case)
    Assignment.objects.create(case=case, kind=Assignment.Kind.TRANSFER, organization=to_organization,
                              from_organization=case.organization, instructions=reason.strip(), requested_by=actor)
    if case.state == State.PENDING:
        source = case.organization
        case.organization, case.handler = to_organization, None
        case.confirmation_method = case.confirmation_note = ""
        case.save()
        # Under the agency it left, and under the one it reached, as for a received case (below).
        audit(actor, "transfer", case, old, request=request, note=reason.strip(), organization=source)
        audit(actor, "transfer_in", case, old, request=request, note=f"{source.name}：{reason.strip()}")
        return case
    on = on or timezone.localdate()
    check_date(on, _("转送日期"), earliest=case.received_on, earliest_label=_("收到申请日期"))
    from gongkai.requests.outcomes import NOT_OURS, Outcome
    from gongkai.requests.services.replies import issue_reply

    case.outcome, case.answer_code = Outcome.NOT_HELD, NOT_OURS.code
    case.referral, case.reply_content = to_organization.name, reason.strip()
    case.state = State.REPLIED
    add_event(actor, case, ClockEvent.Kind.REPLIED, on, note=case.outcome)
    sync_dates(case)
    issue_reply(actor, case, on, request=request)
    case.save()
    audit(actor, "transfer", case, old, request=request, note=reason.strip())
    passed = RequestCase(organization=to_organization, channel=case.channel, state=State.PENDING,
                         submitted_at=timezone.now(), transferred_from=case, source=case.source,
                         tracking_number=_tracking_number(timezone.localdate().year), id_digest=case.id_digest)
    for field in APPLICANT_FIELDS:
        setattr(passed, field, getattr(case, field))
    passed.note = _("由%(org)s转来（原申请编号 %(no)s）。") % {"org": case.organization.name, "no": case.tracking_number}
    passed.save()
    audit(actor, "transfer_in", passed, request=request, note=case.tracking_number)
    return passed


ASSIGNABLE_STATES = frozenset({State.PENDING, State.ACCEPTED, State.PROCESSING})


def may_be_assigned(case: RequestCase) -> bool:
    """交办 before the unit has started to answer; a deactivated unit's case in any open state (补正, 征求意见,
    收费 …), since nobody there can go on with it and its periods keep running."""
    return case.state in ASSIGNABLE_STATES or (not case.organization.is_active and case.state in OPEN_STATES)


@transaction.atomic
def assign(actor, case: RequestCase, to_organization, instructions: str, request=None) -> Assignment:
    """交办: the 政务公开办 hands a case to a unit to handle; its clock keeps running from the receipt."""
    case = locked(case)
    require(actor, "request.assign", case.organization_id, _("只有政务公开办可以交办申请。"))
    require(actor, "request.assign", to_organization.id, _("只能交办给本级政务公开办所辖的单位。"))
    if not to_organization.is_active:
        raise ActionRefused(_("该单位已停用，不能交办给它。"))
    _require_takes_requests(to_organization)
    if not may_be_assigned(case):
        raise ActionRefused(_("只能交办尚未开始答复的申请。"))
    if not instructions.strip():
        raise ActionRefused(_("请填写办理要求。"))
    old = before(case)
    assignment = Assignment.objects.create(case=case, kind=Assignment.Kind.ASSIGN, organization=to_organization,
                                           from_organization=case.organization, instructions=instructions.strip(),
                                           requested_by=actor)
    case.organization, case.handler = to_organization, None
    case.save()
    audit(actor, "assign", case, old, request=request, note=instructions.strip())
    return assignment


@transaction.atomic
def ask_assistance(actor, case: RequestCase, organization, instructions: str, request=None) -> Assignment:
    """协助调查: the 政务公开办 asks another unit to investigate and report on the case."""
    case = locked(case)
    require(actor, "request.assign", case.organization_id, _("只有政务公开办可以要求协助调查。"))
    if organization.pk == case.organization_id:
        raise ActionRefused(_("请选择受理机关以外的单位协助调查。"))
    if not organization.is_active:
        raise ActionRefused(_("该单位已停用，不能要求它协助调查。"))
    _require_takes_requests(organization, _("不能要求其协助调查。"))
    if not instructions.strip():
        raise ActionRefused(_("请填写需要协助调查的事项。"))
    assignment = Assignment.objects.create(case=case, kind=Assignment.Kind.ASSIST, organization=organization,
                                           from_organization=case.organization, instructions=instructions.strip(),
                                           requested_by=actor)
    audit(actor, "ask_assistance", case, request=request, note=f"{organization.name}：{instructions.strip()}")
    return assignment


@transaction.atomic
def answer_assistance(actor, assignment: Assignment, response: str, request=None) -> Assignment:
    assignment = Assignment.objects.select_for_update().select_related("case__organization").get(pk=assignment.pk)
    require(actor, "request.handle", assignment.organization_id, _("只有被要求协助调查的单位可以反馈调查结果。"))
    if assignment.kind != Assignment.Kind.ASSIST or assignment.responded_at:
        raise ActionRefused(_("该协助调查已经反馈。"))
    if not response.strip():
        raise ActionRefused(_("请填写调查结果。"))
    assignment.response, assignment.responded_by, assignment.responded_at = response.strip(), actor, timezone.now()
    assignment.save()
    audit(actor, "answer_assistance", assignment.case, request=request, note=assignment.organization.name)
    return assignment


@transaction.atomic
def open_deliberation(actor, case: RequestCase, question: str, invitees, request=None) -> Deliberation:
    """疑难件会商: invite colleagues of any unit (or the legal office) to record opinions on the case."""
    require(actor, "request.handle", case.organization_id)
    invitees = [user for user in invitees if user.pk != actor.pk]
    if not question.strip():
        raise ActionRefused(_("请填写会商事项。"))
    if not invitees or not all(user.is_active and is_staff_user(user) for user in invitees):
        raise ActionRefused(_("请邀请至少一名平台工作人员参加会商。"))
    deliberation = Deliberation.objects.create(case=case, question=question.strip(), opened_by=actor)
    deliberation.invitees.set(invitees)
    audit(actor, "deliberation_open", case, request=request, note="、".join(str(u) for u in invitees))
    return deliberation


def may_give_opinion(user, deliberation: Deliberation) -> bool:
    return (deliberation.closed_at is None
            and (deliberation.invitees.filter(pk=user.pk).exists()
                 or has_perm(user, "request.handle", deliberation.case.organization_id)))


@transaction.atomic
def add_opinion(actor, deliberation: Deliberation, text: str, request=None) -> DeliberationOpinion:
    if not may_give_opinion(actor, deliberation):
        raise ActionRefused(_("您不是该会商的参加人员，或会商已经结束。"))
    if not text.strip():
        raise ActionRefused(_("请填写会商意见。"))
    opinion = DeliberationOpinion.objects.create(deliberation=deliberation, author=actor, text=text.strip())
    audit(actor, "deliberation_opinion", deliberation.case, request=request)
    return opinion


@transaction.atomic
def close_deliberation(actor, deliberation: Deliberation, conclusion: str, request=None) -> Deliberation:
    require(actor, "request.handle", deliberation.case.organization_id)
    if deliberation.closed_at:
        raise ActionRefused(_("会商已经结束。"))
    if not conclusion.strip():
        raise ActionRefused(_("请填写会商结论。"))
    deliberation.conclusion, deliberation.closed_by, deliberation.closed_at = conclusion.strip(), actor, timezone.now()
    deliberation.save()
    audit(actor, "deliberation_close", deliberation.case, request=request, note=conclusion.strip())
    return deliberation
