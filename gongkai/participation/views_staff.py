"""Staff pages of 公众参与 (/staff/participation/): the overview and consultations. Catalogs, hearings,
events and meetings are in views_staff_more.py. Thin: forms validate, services decide and audit."""

from django.contrib import messages
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.accounts.access import forbidden, staff_required
from gongkai.accounts.permissions import has_perm, organization_ids_with
from gongkai.core.masking import mask_numbers
from gongkai.core.services import ActionRefused
from gongkai.organizations.models import Organization
from gongkai.participation import paragraphs, services
from gongkai.participation.forms import (
    ClassifyForm,
    ConsultationForm,
    ExtendForm,
    InvitationForm,
    LinkForm,
    ModerateForm,
    OfflineCommentForm,
    OutcomeForm,
    ReplyForm,
)
from gongkai.participation.labels import status_label
from gongkai.participation.models import (
    Comment,
    Consultation,
    DecisionCatalog,
    Event,
    Hearing,
    Invitation,
    Meeting,
    PublishState,
)
from gongkai.requests import spam


def organizations_with(request, perm: str) -> list:
    return list(Organization.objects.filter(pk__in=organization_ids_with(request.user, perm)).order_by("sort_order", "id"))


def get_owned(request, model, pk: int, org_field: str = "organization_id"):
    """The object if the user may see its organization's participation data; 404 otherwise (no leak)."""
    obj = get_object_or_404(model, pk=pk)
    organization_id = obj
    for part in org_field.split("."):
        organization_id = getattr(organization_id, part)
    if not has_perm(request.user, "participation.view", organization_id):
        raise Http404
    return obj


def run(request, call, success: str, target: str):
    """POST action without a form (publish): call the service, show its refusal or the success message, go back
    to `target`."""
    try:
        call()
    except ActionRefused as exc:
        messages.error(request, exc.reason)
    else:
        messages.success(request, success)
    return redirect(target)


def form_action(request, form_class, call, success: str, target: str, page, repeated: str = "", **form_kwargs):
    """POST form action of a form shown on another page. Invalid input, the service's refusal or a stale token:
    `page(form)` shows that page again with the form as typed, its errors next to its fields and in a summary
    (400), nothing saved. With `repeated` (the form is single-use) a double submit does it once and says so."""
    form = form_class(request.POST, **form_kwargs)
    if form.is_valid():
        try:
            if repeated:
                spam.once(form, repeated, lambda: call(form.cleaned_data))
            else:
                call(form.cleaned_data)
        except spam.TokenUsed as problem:  # a form sent twice: done once, and the page shows it
            messages.error(request, str(problem))
            return redirect(target)
        except spam.TokenProblem as problem:  # a stale or forged one: nothing done; the form comes back to resend
            form.add_error(None, str(problem))
            spam.renew_staff_token(form)
        except ActionRefused as exc:
            form.add_error(None, exc.reason)
        else:
            messages.success(request, success)
            return redirect(target)
    response = page(form)
    response.status_code = 400
    return response


def create_once(request, form, create, repeated: str):
    """(the new consultation, hearing, event or meeting, None) of a create form (single-use: SingleUseMixin), or
    (None, a response): a double-click creates one, the second submit goes to the overview saying so. On a stale
    or forged token (None, None) with the form as typed, its error and a new token; on a refusal, its reason."""
    try:
        return spam.once(form, repeated, create), None
    except spam.TokenUsed as problem:
        messages.error(request, str(problem))
        return None, redirect("participation_staff:index")
    except spam.TokenProblem as problem:
        form.add_error(None, str(problem))
        spam.renew_staff_token(form)
    except ActionRefused as exc:
        form.add_error(None, exc.reason)
    return None, None


@staff_required
def index(request):
    org_ids = organization_ids_with(request.user, "participation.view")
    if not org_ids:
        return forbidden(request, _("您没有公众参与工作的岗位。"))
    mine = {"organization_id__in": org_ids}
    consultations = list(Consultation.objects.filter(**mine).select_related("organization").order_by("-opens_on", "-id"))
    pending = {row["consultation_id"]: row["n"] for row in Comment.objects.filter(
        consultation__organization_id__in=org_ids, state=Comment.State.PENDING).values("consultation_id")
        .annotate(n=Count("id"))}
    for c in consultations:
        c.status_text, c.pending = status_label(c), pending.get(c.pk, 0)
    return render(request, "participation/staff/index.html", {
        "consultations": consultations,
        "catalogs": DecisionCatalog.objects.filter(**mine).select_related("organization"),
        "hearings": Hearing.objects.filter(**mine).select_related("organization"),
        "events": Event.objects.filter(**mine).select_related("organization"),
        "meetings": Meeting.objects.filter(**mine).select_related("organization"),
        "can_manage": bool(organization_ids_with(request.user, "participation.manage")),
    })


# --- consultations ------------------------------------------------------------------------------------
@staff_required
def consultation_create(request):
    organizations = organizations_with(request, "participation.manage")
    if not organizations:
        return forbidden(request, _("您没有发起征求意见的岗位。"))
    today = timezone.localdate()
    form = ConsultationForm(request.POST or None, organizations=organizations,
                            initial={"opens_on": today, "closes_on": today + timezone.timedelta(days=29)})
    if request.method == "POST" and form.is_valid():
        consultation, response = create_once(request, form, lambda: services.create_consultation(
            request.user, form.cleaned_data["organization"], form.cleaned_data, request=request),
            _("这项征求意见已经保存过（可能重复点击了保存按钮），未再次保存。"))
        if response:
            return response
        if consultation:
            messages.success(request, _("征求意见已保存，核对后即可发布。"))
            return redirect("participation_staff:consultation", consultation_id=consultation.pk)
    return render(request, "participation/staff/form.html", {"form": form, "title": _("发起征求意见"),
                                                             "rich": True})


@staff_required
def consultation_edit(request, consultation_id: int):
    consultation = get_owned(request, Consultation, consultation_id)
    if not has_perm(request.user, "participation.manage", consultation.organization_id):
        return forbidden(request, _("只有本单位的信息员、审核员可以修改征求意见。"))
    form = ConsultationForm(request.POST or None, instance=consultation,
                            organizations=[consultation.organization])
    if request.method == "POST" and form.is_valid():
        try:
            services.update_consultation(request.user, consultation, form.cleaned_data, request=request)
        except ActionRefused as exc:
            form.add_error(None, exc.reason)
        else:
            messages.success(request, _("已保存。"))
            return redirect("participation_staff:consultation", consultation_id=consultation.pk)
    return render(request, "participation/staff/form.html", {"form": form, "title": _("修改征求意见"), "rich": True})


@staff_required
def consultation_detail(request, consultation_id: int, bound=None):
    """The consultation's staff page; `bound`: (name, form) of a form sent from it that comes back with its
    errors and what was typed (form_action), open, in place of the empty one."""
    consultation = get_owned(request, Consultation, consultation_id)
    name, form = bound or ("", None)
    org_id = consultation.organization_id
    personal = has_perm(request.user, "participation.view_personal", org_id)
    comments = list(consultation.comments.all())
    for comment in comments:
        comment.excerpt = paragraphs.excerpt(consultation.draft, comment.paragraph) if comment.paragraph else ""
        comment.body_shown = comment.body if personal else mask_numbers(comment.body)
        comment.classify_form = form if name == f"classify{comment.pk}" else ClassifyForm(initial={
            "topic": comment.topic, "adoption": comment.adoption, "reason": comment.adoption_reason},
            prefix=f"c{comment.pk}")
        comment.classify_open = name == f"classify{comment.pk}"
        comment.moderate_form = form if name == f"moderate{comment.pk}" else ModerateForm(
            auto_id=f"moderate{comment.pk}_%s")
    invitations = list(consultation.invitations.all())
    for invitation in invitations:
        invitation.reply_form = form if name == f"reply{invitation.pk}" else ReplyForm(
            auto_id=f"reply{invitation.pk}_%s")
        invitation.reply_open = name == f"reply{invitation.pk}"
    return render(request, "participation/staff/consultation.html", {
        "consultation": consultation, "status_text": status_label(consultation), "comments": comments,
        "personal": personal, "can_manage": has_perm(request.user, "participation.manage", org_id),
        "can_publish": has_perm(request.user, "participation.publish", org_id),
        "is_draft": consultation.state == PublishState.DRAFT,
        "closed": consultation.closes_on < timezone.localdate(),
        # Several forms on one page with fields of the same name (姓名 and 企业或商会名称 are both "name", each
        # form has its form_token): ids of their own, so each label names its own field.
        "extend_form": ExtendForm(), "offline_form": OfflineCommentForm(auto_id="offline_%s"),
        "invitation_form": InvitationForm(auto_id="invitation_%s"), "link_form": LinkForm(),
        **({name: form} if name.endswith("_form") else {}), "open_form": name, "bound_form": form,
        "invitations": invitations, "extensions": list(consultation.extensions.all()),
        "public_url": reverse("participation:consultation", kwargs={"consultation_id": consultation.pk}),
    })


def _detail_url(consultation_id, anchor=""):
    return reverse("participation_staff:consultation", kwargs={"consultation_id": consultation_id}) + anchor


def _page(request, consultation, name):
    """The consultation's page with the form `name` as sent (form_action's `page`)."""
    return lambda form: consultation_detail(request, consultation.pk, bound=(name, form))


@staff_required
@require_POST
def consultation_publish(request, consultation_id: int):
    consultation = get_owned(request, Consultation, consultation_id)
    return run(request, lambda: services.publish_consultation(request.user, consultation, request=request),
               _("征求意见已发布。"), _detail_url(consultation.pk))


@staff_required
@require_POST
def consultation_extend(request, consultation_id: int):
    consultation = get_owned(request, Consultation, consultation_id)
    return form_action(request, ExtendForm, lambda d: services.extend(
        request.user, consultation, d["new_closes_on"], d["reason"], request=request),
        _("征求意见期限已延长，延长情况在征求意见页面公开。"), _detail_url(consultation.pk),
        _page(request, consultation, "extend_form"))


@staff_required
@require_POST
def consultation_link(request, consultation_id: int):
    consultation = get_owned(request, Consultation, consultation_id)
    return form_action(request, LinkForm, lambda d: services.link_decision(
        request.user, consultation, d["index_no"], request=request),
        _("已关联决策文件。"), _detail_url(consultation.pk), _page(request, consultation, "link_form"))


@staff_required
@require_POST
def comment_add(request, consultation_id: int):
    consultation = get_owned(request, Consultation, consultation_id)
    return form_action(request, OfflineCommentForm, lambda d: services.record_offline_comment(
        request.user, consultation, d, request=request), _("已登记该意见。"), _detail_url(consultation.pk, "#comments"),
        _page(request, consultation, "offline_form"), repeated=_("这条意见已经登记过（可能重复点击了提交按钮），未再次登记。"),
        auto_id="offline_%s")


@staff_required
@require_POST
def comment_moderate(request, opinion_id: int):
    comment = get_owned(request, Comment, opinion_id, "consultation.organization_id")
    publish = request.POST.get("decision") == "publish"
    return form_action(request, ModerateForm, lambda d: services.moderate(
        request.user, comment, publish, d.get("note", ""), request=request),
        _("意见已公开。") if publish else _("意见已设为不公开。"), _detail_url(comment.consultation_id, "#comments"),
        _page(request, comment.consultation, f"moderate{comment.pk}"), auto_id=f"moderate{comment.pk}_%s")


@staff_required
@require_POST
def comment_classify(request, opinion_id: int):
    comment = get_owned(request, Comment, opinion_id, "consultation.organization_id")
    return form_action(request, ClassifyForm, lambda d: services.classify(
        request.user, comment, d["topic"], d["adoption"], d["reason"], request=request),
        _("已保存该意见的采纳情况。"), _detail_url(comment.consultation_id, f"#comment-{comment.pk}"),
        _page(request, comment.consultation, f"classify{comment.pk}"), prefix=f"c{comment.pk}")


@staff_required
@require_POST
def invitation_add(request, consultation_id: int):
    consultation = get_owned(request, Consultation, consultation_id)
    return form_action(request, InvitationForm, lambda d: services.invite(
        request.user, consultation, d["name"], d["kind"], d["invited_on"], request=request),
        _("已登记邀请。"), _detail_url(consultation.pk, "#invitations"), _page(request, consultation, "invitation_form"),
        repeated=_("这项邀请已经登记过（可能重复点击了提交按钮），未再次登记。"), auto_id="invitation_%s")


@staff_required
@require_POST
def invitation_reply(request, invitation_id: int):
    invitation = get_owned(request, Invitation, invitation_id, "consultation.organization_id")
    return form_action(request, ReplyForm, lambda d: services.record_reply(
        request.user, invitation, d["replied_on"], d["reply"], request=request),
        _("已登记回复。"), _detail_url(invitation.consultation_id, "#invitations"),
        _page(request, invitation.consultation, f"reply{invitation.pk}"), auto_id=f"reply{invitation.pk}_%s")


@staff_required
def outcome(request, consultation_id: int):
    consultation = get_owned(request, Consultation, consultation_id)
    form = OutcomeForm(request.POST or None, initial={"text": consultation.outcome_text})
    if request.method == "POST" and form.is_valid():
        try:
            services.publish_outcome(request.user, consultation, form.cleaned_data["text"], request=request)
        except ActionRefused as exc:
            form.add_error(None, exc.reason)
        else:
            messages.success(request, _("意见收集采纳情况已发布，显示在征求意见页面上。"))
            return redirect("participation_staff:consultation", consultation_id=consultation.pk)
    return render(request, "participation/staff/outcome.html", {
        "consultation": consultation, "form": form, "summary": services.outcome_summary(consultation),
        "can_publish": has_perm(request.user, "participation.publish", consultation.organization_id)})
