"""What the staff views share: who may see a case, which actions they may take, the detail context."""

from django.conf import settings
from django.contrib import messages
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect

from gongkai.accounts.models import User
from gongkai.accounts.permissions import has_perm, organization_ids_with
from gongkai.core.services import ActionRefused
from gongkai.organizations.models import Organization
from gongkai.requests import notices
from gongkai.requests.choices import ANSWERED_STATES, HANDLING_STATES, OPEN_STATES, State
from gongkai.requests.clock import case_clocks
from gongkai.requests.clock_steps import article_label
from gongkai.requests.forms import staff as forms
from gongkai.requests.models import Assignment, Deliberation, RequestCase
from gongkai.requests.outcomes import OUTCOMES
from gongkai.requests.services import intake
from gongkai.requests.services.common import case_regime, regime_law
from gongkai.workdays import statute


def can_view(user, case: RequestCase) -> bool:
    if has_perm(user, "request.view", case.organization_id):
        return True
    helping = organization_ids_with(user, "request.handle")
    if helping and case.assignments.filter(kind=Assignment.Kind.ASSIST, organization_id__in=helping).exists():
        return True
    return Deliberation.objects.filter(case=case, invitees=user).exists()


def get_case(request, case_id: int) -> RequestCase:
    """The case if the user may see it; 404 otherwise (another unit's case is not even confirmed to exist)."""
    case = get_object_or_404(RequestCase.objects.select_related("organization", "handler"), pk=case_id)
    if not can_view(request.user, case):
        raise Http404
    return case


def actions_for(user, case: RequestCase) -> set[str]:
    handle = has_perm(user, "request.handle", case.organization_id)
    review = has_perm(user, "request.review", case.organization_id)
    supervise = has_perm(user, "request.assign", case.organization_id)
    state, actions = case.state, set()
    if handle:
        by_state = {
            State.PENDING: {"confirm", "transfer"},
            State.ACCEPTED: {"start", "correction", "transfer", "draft", "extend", "volume_ask", "disclose",
                             "undisclose"},
            State.CORRECTION: {"correction_received", "abandon", "void"},
            State.PROCESSING: {"correction", "consult", "fee", "extend", "draft", "volume_ask", "void", "disclose",
                               "undisclose"},
            State.THIRD_PARTY: {"consult", "consultation_answers", "extend", "void"},
            State.AGENCY: {"consult", "consultation_answers", "extend", "void"},
            State.FEE: {"fee_answers", "abandon", "extend", "void"},
            State.REVIEW: {"extend"},
            State.REPLIED: {"deliver", "remedy", "proactive"},
            State.DELIVERED: {"deliver", "file", "remedy", "proactive"},
            State.ABANDONED: {"deliver", "file", "remedy"},
            State.WITHDRAWN: {"file"},
            State.FILED: {"archive", "remedy", "proactive"},
            State.ARCHIVED: {"remedy", "proactive"},
        }
        actions |= by_state.get(state, set())
        if not intake.takes_requests(case.organization):
            actions.discard("confirm")  # a unit that became a 党委工作机关 转送s its pending cases instead
        if case.clock_events.filter(kind="correction_notice", voided_at__isnull=True).exists():
            actions.discard("correction")
        if case.proactive_item_id or case.outcome not in ("予以公开", "部分公开"):
            actions.discard("proactive")
        if state in OPEN_STATES:
            actions.add("deliberate")
            if state != State.PENDING:
                actions.add("withdraw")
                if case.volume_reviews.filter(decision="reasonable").exists():
                    actions.add("delay_reply")
        if state in HANDLING_STATES | {State.ACCEPTED} and case.volume_reviews.filter(decision="").exists():
            actions.add("volume_decide")
    if review and state == State.REVIEW:
        actions.add("review")
    if supervise:
        if intake.may_be_assigned(case):
            actions.add("assign")
        if state in OPEN_STATES:
            actions.add("assist")
    return actions


def detail_context(request, case: RequestCase, **bound) -> dict:
    user = request.user
    actions = actions_for(user, case)
    show_personal = has_perm(user, "request.view_personal", case.organization_id)
    unit_staff = User.objects.filter(memberships__organization=case.organization, is_active=True).distinct()
    supervised = intake.receiving_units(
        Organization.objects.filter(id__in=organization_ids_with(user, "request.assign"), is_active=True))
    helping = organization_ids_with(user, "request.handle")
    deliberations = list(case.deliberations.prefetch_related("invitees", "opinions__author"))
    for deliberation in deliberations:
        deliberation.may_opine = deliberation.closed_at is None and (
            user in deliberation.invitees.all() or "deliberate" in actions)
    assignments = list(case.assignments.select_related("organization", "from_organization"))
    for assignment in assignments:
        assignment.may_answer = (assignment.kind == Assignment.Kind.ASSIST and not assignment.responded_at
                                 and assignment.organization_id in helping)
    staff_people = User.objects.filter(is_active=True, memberships__isnull=False).exclude(pk=user.pk).distinct()
    context = {
        "case": case, "actions": actions, "clocks": case_clocks(case),
        "id_display": case.id_number if show_personal else case.masked_id_number,
        "phone_display": case.phone if show_personal else case.masked_phone,
        "show_personal": show_personal,
        "events": list(case.clock_events.select_related("document", "recorded_by").order_by("on", "id")),
        "consultations": list(case.consultations.select_related("event")),
        "fees": list(case.fee_notices.select_related("event")),
        "documents": case.documents.select_related("document"),
        "deliveries": case.deliveries.all(), "remedies": case.remedies.all(), "notices": notices.for_case(case),
        "assignments": assignments, "deliberations": deliberations,
        "volume_reviews": list(case.volume_reviews.all()), "withheld_parts": case.withheld_parts.all(),
        "filing": getattr(case, "filing", None),
        "outcome_spec": OUTCOMES.get(case.outcome),
        "forms": {
            "confirm": forms.ConfirmForm(), "transfer": forms.TransferForm(),
            "assign": forms.AssignForm(organizations=supervised), "assist": forms.AssignForm(organizations=supervised),
            "start": forms.StartForm(handlers=unit_staff), "correction": forms.CorrectionForm(),
            "correction_received": forms.CorrectionReceivedForm(), "consult": forms.ConsultForm(),
            "fee": forms.FeeForm(), "extend": forms.ExtensionForm(), "abandon": forms.AbandonForm(),
            "draft": forms.ReplyForm(initial={"outcome": case.outcome, "answer_code": case.answer_code,
                                              "reply_content": case.reply_content,
                                              "withholding_reason": case.withholding_reason,
                                              "withholding_law": case.withholding_law,
                                              "referral": case.referral}),
            "review": forms.ReviewForm(), "deliver": forms.DeliveryForm(), "remedy": forms.RemedyForm(),
            "deliberate": forms.DeliberationForm(people=staff_people), "volume_ask": forms.VolumeAskForm(),
            "withdraw": forms.WithdrawForm(), "delay_reply": forms.DelayReplyForm(),
            "disclose": forms.DiscloseForm(),
        },
        "disclosed": list(case.disclosed.annotate(download_count=Count("downloads"))),
        "disclosure_days": settings.GONGKAI_DISCLOSURE_DOWNLOAD_DAYS,
        "answered": case.state in ANSWERED_STATES,
        "periods": _periods(case),
    }
    for key, form in context["forms"].items():
        form.auto_id = f"{key}_%s"
    context["forms"]["parts"] = forms.WithheldPartFormSet(prefix="parts", initial=[
        {"description": p.description, "article": p.article, "law": p.law, "reason": p.reason} for p in case.withheld_parts.all()])
    _sub_forms(context)
    context["forms"].update(bound)
    return context


def _periods(case) -> dict:
    """The statutory periods the action panels state, from workdays.statute; the extension by the case's 条例."""
    regime = case_regime(case)
    return {"correction": statute.CORRECTION_NOTICE_WORKDAYS, "consultation": statute.CONSULTATION_WORKDAYS,
            "max_extension": regime.max_extension_workdays, "extension_law": regime_law(regime),
            "extension_article": article_label(regime.period_article), "filing": statute.FILING_DAYS}


def _sub_forms(context) -> None:
    """A form per sub-record (each with its own element ids), shown beside the record it acts on."""
    for c in context["consultations"]:
        c.received_form = forms.LetterReceivedForm(auto_id=f"received{c.pk}_%s")
        c.opinion_form = forms.OpinionForm(auto_id=f"opinion{c.pk}_%s")
    for f in context["fees"]:
        f.received_form = forms.FeeReceivedForm(auto_id=f"feereceived{f.pk}_%s")
        f.payment_form = forms.PaymentForm(auto_id=f"payment{f.pk}_%s")
    for d in context["deliberations"]:
        d.opinion_form = forms.OpinionTextForm(auto_id=f"dopinion{d.pk}_%s")
        d.close_form = forms.ConclusionForm(auto_id=f"dclose{d.pk}_%s")
    for a in context["assignments"]:
        a.answer_form = forms.AssistanceAnswerForm(auto_id=f"answer{a.pk}_%s")
    for v in context["volume_reviews"]:
        v.decide_form = forms.VolumeDecisionForm(auto_id=f"volume{v.pk}_%s")
    for e in context["events"]:
        e.void_form = forms.VoidForm(auto_id=f"void{e.pk}_%s")


def to_detail(case_id: int):
    return redirect("requests:detail", case_id=case_id)


def run(request, case_id: int, success: str, call):
    """Call a service; a refusal becomes a message on the case page. Always back to the case page."""
    try:
        call()
    except ActionRefused as exc:
        messages.error(request, exc.reason)
    else:
        messages.success(request, success)
    return to_detail(case_id)
