"""Public 政策解读 pages (/zcjd/) and the staff pages (/staff/interpretations/)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from gongkai.accounts.access import forbidden, staff_required
from gongkai.accounts.permissions import has_perm, organization_ids_with
from gongkai.audit.services import record
from gongkai.core.params import parse_id
from gongkai.core.sanitize import render_rich_text
from gongkai.core.services import ActionRefused
from gongkai.interpretations import services
from gongkai.interpretations.forms import InterpretationForm
from gongkai.interpretations.models import Interpretation
from gongkai.organizations.models import Organization
from gongkai.portal.queries import live_items, public_items
from gongkai.publishing.choices import State
from gongkai.publishing.workflow import CORRECTABLE_STATES

PER_PAGE = 20


@require_safe
def public_list(request):
    found = Interpretation.objects.filter(item__in=live_items(request)).select_related("item__organization")
    form = request.GET.get("form", "")
    if form in Interpretation.Form.values:
        found = found.filter(form=form)
    page = Paginator(found.order_by("-item__published_at", "-id"), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "interpretations/list.html", {
        "page_obj": page, "page_range": page.paginator.get_elided_page_range(page.number),
        "forms": Interpretation.Form.choices, "current_form": form,
    })


@require_safe
def public_detail(request, interpretation_id: int):
    interpretation = get_object_or_404(
        Interpretation.objects.filter(item__in=public_items(request)).select_related("item__organization"),
        pk=interpretation_id)
    item = interpretation.item
    policies = [(p, services.public_url(p)) for p in services.policies_for(interpretation, public=True)]
    return render(request, "interpretations/detail.html", {
        "interpretation": interpretation, "item": item, "policies": policies,
        "body": render_rich_text(item.body), "attachments": list(item.attachments.all()),
        "is_withdrawn": item.state == State.WITHDRAWN,
    })


def _own(request, interpretation_id: int) -> Interpretation:
    interpretation = get_object_or_404(Interpretation.objects.select_related("item__organization"), pk=interpretation_id)
    if not has_perm(request.user, "item.view", interpretation.item.organization_id):
        raise Http404
    return interpretation


@staff_required
def staff_list(request):
    org_ids = organization_ids_with(request.user, "item.view")
    found = (Interpretation.objects.filter(item__organization_id__in=org_ids).exclude(item__state=State.DELETED)
             .select_related("item__organization").prefetch_related("policies").order_by("-id"))
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    for interpretation in page.object_list:  # the 修改 link only where it leads somewhere, else why not
        interpretation.may_manage = has_perm(request.user, "interpretations.manage", interpretation.item.organization_id)
        interpretation.edit_refusal = services.edit_refusal(request.user, interpretation) if interpretation.may_manage else None
        interpretation.published_for_reviewer = interpretation.item.state in CORRECTABLE_STATES
    return render(request, "interpretations/staff_list.html", {
        "page": page, "can_create": bool(organization_ids_with(request.user, "interpretations.manage")),
        "can_see_findings": bool(organization_ids_with(request.user, "interpretations.findings")),
    })


@staff_required
def staff_create(request):
    organizations = list(Organization.objects.filter(pk__in=organization_ids_with(request.user, "interpretations.manage")))
    if not organizations:
        return forbidden(request, _("您没有起草政策解读的岗位（信息员、审核员或单位管理员）。"))
    candidates = services.policy_candidates(request.user)
    initial = {"organization": organizations[0], "formed_on": timezone.localdate()}
    policy_id = parse_id(request.GET.get("policy"))
    if policy_id is not None and candidates.filter(pk=policy_id).exists():
        policy = candidates.get(pk=policy_id)
        initial.update(policies=[policy], title=_("《%(title)s》政策解读") % {"title": policy.title},
                       organization=policy.organization if policy.organization in organizations else organizations[0])
    searching = "find_policies" in request.POST
    form = InterpretationForm(request.POST or None, organizations=organizations, policies=candidates, initial=initial,
                              searching=searching)
    if request.method == "POST" and not searching and form.is_valid():
        data = form.cleaned_data
        item_data = {k: data[k] for k in ("title", "topic", "formed_on", "summary", "body")}
        try:
            interpretation = services.create_interpretation(request.user, data["organization"], item_data, data,
                                                            data["policies"], request=request)
        except ActionRefused as exc:
            form.add_error(None, exc.reason)
        else:
            messages.success(request, _("解读草稿已保存。请与政策文件同步送审、同步发布。"))
            return redirect("publishing:detail", item_id=interpretation.item_id)
    return render(request, "interpretations/staff_form.html", {"form": form, "interpretation": None})


@staff_required
def staff_edit(request, interpretation_id: int):
    interpretation = _own(request, interpretation_id)
    if not has_perm(request.user, "interpretations.manage", interpretation.item.organization_id):
        return forbidden(request, _("您没有修改本单位政策解读的岗位。"))
    refusal = services.edit_refusal(request.user, interpretation)
    if refusal:
        if request.method == "POST":  # an attempt to change it (e.g. a published one by a 信息员): audited
            record(request.user, "interpretation.update_refused", interpretation,
                   organization=interpretation.item.organization, note=refusal, request=request)
        return forbidden(request, refusal)
    candidates = services.policy_candidates(request.user) | interpretation.policies.all()
    initial = {"form": interpretation.form, "interpreter": interpretation.interpreter,
               "media_url": interpretation.media_url, "policies": list(interpretation.policies.all())}
    searching = "find_policies" in request.POST
    form = InterpretationForm(request.POST or None, policies=candidates.distinct(), editing=True, initial=initial,
                              searching=searching)
    if request.method == "POST" and not searching and form.is_valid():
        try:
            services.update_interpretation(request.user, interpretation, form.cleaned_data,
                                           form.cleaned_data["policies"], request=request)
        except ActionRefused as exc:
            form.add_error(None, exc.reason)
        else:
            messages.success(request, _("解读的形式和关联文件已保存。"))
            return redirect("interpretations_staff:list")
    return render(request, "interpretations/staff_form.html", {"form": form, "interpretation": interpretation})


@staff_required
@require_safe
def staff_findings(request):
    org_ids = organization_ids_with(request.user, "interpretations.findings")
    if not org_ids:
        return forbidden(request, _("政策解读问题清单仅供政务公开办和单位管理员查看。"))
    found, unknown = services.findings(org_ids, timezone.localdate())
    return render(request, "interpretations/findings.html", {
        "findings": found, "unknown": unknown, "workdays": services.workdays(),
    })
