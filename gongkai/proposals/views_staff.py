"""Staff pages of 建议提案办理 (/staff/proposals/): the register, the 主办 unit's reply and its publication,
the import of the congress's list, and the yearly 办理总体情况."""

from django.contrib import messages
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.accounts.access import forbidden, staff_required
from gongkai.accounts.permissions import has_perm, organization_ids_with
from gongkai.audit.services import record
from gongkai.core.sanitize import sanitize_html
from gongkai.core.services import ActionRefused
from gongkai.organizations.models import Organization
from gongkai.proposals import services
from gongkai.proposals.forms import (
    GenerateForm,
    ImportForm,
    ProposalForm,
    ReplyForm,
    SummaryForm,
    WithholdForm,
)
from gongkai.proposals.models import Proposal, Summary


def _is_keeper(user) -> bool:
    return services.is_keeper(user)


def get_proposal(request, proposal_id: int) -> Proposal:
    proposal = get_object_or_404(services.visible_proposals(request.user).select_related("lead_unit"), pk=proposal_id)
    return proposal


@staff_required
def proposal_list(request):
    proposals = services.visible_proposals(request.user).select_related("lead_unit")
    years = sorted(set(proposals.values_list("year", flat=True)), reverse=True)
    try:
        year = int(request.GET.get("year") or (years[0] if years else timezone.localdate().year))
    except ValueError:
        year = timezone.localdate().year
    rows = list(proposals.filter(year=year).order_by("kind", "number"))
    today = timezone.localdate()
    overdue = [p for p in rows if p.overdue_on(today)]
    return render(request, "proposals/staff/list.html", {
        "rows": rows, "years": years, "year": year, "today": today, "is_keeper": _is_keeper(request.user),
        "overdue": overdue, "overdue_ids": {p.pk for p in overdue},
    })


def _register_form(request, proposal=None):
    if not _is_keeper(request.user):
        return forbidden(request, _("建议提案登记册由县政府办公室（政务公开办）维护。"))
    initial = {}
    if proposal is not None:
        initial = {name: getattr(proposal, name) for name in ("year", "kind", "number", "title", "proposers",
                                                               "lead_unit", "assigned_on", "complex")}
        initial["co_units"] = list(proposal.co_units.all())
    form = ProposalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if proposal is None:
                proposal = services.register(request.user, form.cleaned_data, request=request)
            else:
                proposal = services.update_register(request.user, proposal, form.cleaned_data, request=request)
        except ActionRefused as exc:
            form.add_error(None, exc.reason)
        else:
            messages.success(request, _("已保存到登记册。"))
            return redirect("proposals_staff:detail", proposal_id=proposal.pk)
    return render(request, "proposals/staff/form.html", {"form": form, "proposal": proposal})


@staff_required
def proposal_create(request):
    return _register_form(request)


@staff_required
def proposal_edit(request, proposal_id: int):
    return _register_form(request, get_proposal(request, proposal_id))


@staff_required
def proposal_import(request):
    if not _is_keeper(request.user):
        return forbidden(request, _("建议提案登记册由县政府办公室（政务公开办）维护。"))
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > 5 * 1024 * 1024:
                raise ActionRefused(_("文件过大（上限 5 MB）。"))
            result = services.import_register(request.user, form.cleaned_data["year"], upload.name, upload.read(),
                                              request=request)
        except ActionRefused as exc:
            form.add_error(None, exc.reason)
            _import_refused(request, upload, form.cleaned_data["year"], exc.reason)
        else:
            if result.errors:
                errors = result.errors
                _import_refused(request, upload, form.cleaned_data["year"],
                                _("%(n)d 处错误，未导入。") % {"n": len(errors)})
            else:
                messages.success(request, _("已导入 %(n)d 件。") % {"n": result.created})
                return redirect(f"{_list_url()}?year={form.cleaned_data['year']}")
    return render(request, "proposals/staff/import.html", {"form": form, "errors": errors})


def _import_refused(request, upload, year: int, reason: str) -> None:
    """A refused import is audited too (who tried which file, and why), as 好差评's is; nothing was stored."""
    record(request.user, "proposal.import_refused", None, object_type="proposals.import",
           object_repr=_("%(year)s年建议提案交办清单") % {"year": year}, note=reason[:500],
           after={"year": year, "file": (upload.name or "")[:100]}, request=request)


def _list_url():
    from django.urls import reverse

    return reverse("proposals_staff:list")


@staff_required
def proposal_detail(request, proposal_id: int, reply_form=None, withhold_form=None):
    proposal = get_proposal(request, proposal_id)
    can_reply = has_perm(request.user, "proposal.reply", proposal.lead_unit_id) and not proposal.is_public
    initial = {"reply": proposal.reply, "replied_on": proposal.replied_on or timezone.localdate(),
               "classification": proposal.classification, "adopted": proposal.adopted}
    return render(request, "proposals/staff/detail.html", {
        "proposal": proposal, "co_units": list(proposal.co_units.all()), "today": timezone.localdate(),
        "can_reply": can_reply, "reply_form": reply_form or ReplyForm(initial=initial),
        "can_publish": has_perm(request.user, "proposal.publish", proposal.lead_unit_id),
        "withhold_form": withhold_form or WithholdForm(initial={"reason": proposal.withheld_reason}),
        "is_keeper": _is_keeper(request.user), "reply_html": mark_safe(sanitize_html(proposal.reply)),
    })


@staff_required
@require_POST
def proposal_reply(request, proposal_id: int):
    proposal = get_proposal(request, proposal_id)
    if not has_perm(request.user, "proposal.reply", proposal.lead_unit_id):
        raise Http404
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            services.reply(request.user, proposal, form.cleaned_data, request=request)
        except ActionRefused as exc:
            form.add_error(None, exc.reason)
        else:
            messages.success(request, _("答复已保存。"))
            return redirect("proposals_staff:detail", proposal_id=proposal.pk)
    return proposal_detail(request, proposal_id, reply_form=form)


@staff_required
@require_POST
def proposal_publish(request, proposal_id: int):
    proposal = get_proposal(request, proposal_id)
    if not has_perm(request.user, "proposal.publish", proposal.lead_unit_id):
        raise Http404
    try:
        services.publish_reply(request.user, proposal, request=request)
    except ActionRefused as exc:
        messages.error(request, exc.reason)
    else:
        messages.success(request, _("复文已公开。"))
    return redirect("proposals_staff:detail", proposal_id=proposal.pk)


@staff_required
@require_POST
def proposal_withhold(request, proposal_id: int):
    proposal = get_proposal(request, proposal_id)
    if not has_perm(request.user, "proposal.publish", proposal.lead_unit_id):
        raise Http404
    form = WithholdForm(request.POST)
    if form.is_valid():
        try:
            services.withhold_reply(request.user, proposal, form.cleaned_data["reason"], request=request)
        except ActionRefused as exc:
            form.add_error(None, exc.reason)
        else:
            messages.success(request, _("已记录复文不公开及其理由。"))
            return redirect("proposals_staff:detail", proposal_id=proposal.pk)
    return proposal_detail(request, proposal_id, withhold_form=form)


# --- 办理总体情况 ---------------------------------------------------------------------------------------------


def _summary_choices(user) -> list[tuple[str, str]]:
    choices = []
    if _is_keeper(user):
        choices.append(("county", _("全县（县政府）")))
    org_ids = organization_ids_with(user, "proposal.reply") | organization_ids_with(user, "proposal.publish")
    for org in Organization.objects.filter(pk__in=org_ids).order_by("name"):
        choices.append((str(org.pk), org.name))
    return choices


def _visible_summaries(user):
    org_ids = organization_ids_with(user, "proposal.view")
    if _is_keeper(user):
        return Summary.objects.filter(Q(organization__isnull=True) | Q(organization_id__in=org_ids))
    return Summary.objects.filter(organization_id__in=org_ids)


@staff_required
def summary_list(request):
    choices = _summary_choices(request.user)
    summaries = _visible_summaries(request.user).select_related("organization")
    return render(request, "proposals/staff/summaries.html", {
        "summaries": summaries, "form": GenerateForm(choices=choices) if choices else None})


@staff_required
@require_POST
def summary_generate(request):
    choices = _summary_choices(request.user)
    form = GenerateForm(request.POST, choices=choices)
    if not choices or not form.is_valid():
        messages.error(request, _("请选择年度和单位。"))
        return redirect("proposals_staff:summaries")
    value = form.cleaned_data["organization"]
    organization = None if value == "county" else Organization.objects.get(pk=int(value))
    choice = request.POST.get("edited_text", "")
    try:
        summary = services.generate_summary(request.user, form.cleaned_data["year"], organization, request=request,
                                            edited_text=choice, seen_text=request.POST.get("seen_text"))
    except services.SummaryEdited as exc:  # no JavaScript needed: a confirm step, nothing changed yet
        existing = _visible_summaries(request.user).get(year=form.cleaned_data["year"], organization=organization)
        return render(request, "proposals/staff/summary_regenerate.html", {
            "summary": existing, "form": form, "reason": exc.reason, "seen_text": services.text_version(existing)})
    except ActionRefused as exc:
        messages.error(request, exc.reason)
        return redirect("proposals_staff:summaries")
    if choice == services.KEEP_TEXT:
        messages.success(request, _("已按登记册更新统计数字，正文保留了您修改的内容，请核对其中的数字后公开。"))
    else:
        messages.success(request, _("已按登记册生成统计数字和初稿，请核对、修改后公开。"))
    return redirect("proposals_staff:summary", summary_id=summary.pk)


def get_summary(request, summary_id: int) -> Summary:
    return get_object_or_404(_visible_summaries(request.user).select_related("organization"), pk=summary_id)


@staff_required
def summary_detail(request, summary_id: int):
    summary = get_summary(request, summary_id)
    can_edit = services.can_edit_summary(request.user, summary.organization_id) and summary.state == Summary.State.DRAFT
    form = SummaryForm(request.POST or None, initial={"body": summary.body})
    if request.method == "POST":
        if not can_edit:
            raise Http404
        if form.is_valid():
            try:
                services.edit_summary(request.user, summary, form.cleaned_data["body"], request=request)
            except ActionRefused as exc:
                form.add_error(None, exc.reason)
            else:
                messages.success(request, _("正文已保存。"))
                return redirect("proposals_staff:summary", summary_id=summary.pk)
    return render(request, "proposals/staff/summary.html", {
        "summary": summary, "form": form, "can_edit": can_edit, "figures": summary.figures,
        "body_html": mark_safe(sanitize_html(summary.body)),
        "can_publish": services.can_publish_summary(request.user, summary.organization_id)
        and summary.state == Summary.State.DRAFT})


@staff_required
@require_POST
def summary_publish(request, summary_id: int):
    summary = get_summary(request, summary_id)
    try:
        services.publish_summary(request.user, summary, request=request)
    except ActionRefused as exc:
        messages.error(request, exc.reason)
    else:
        messages.success(request, _("总体情况已公开。"))
    return redirect("proposals_staff:summary", summary_id=summary.pk)
