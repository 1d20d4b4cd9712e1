"""绩效考核 pages: the 政务公开办's assessments (weights, 加减分, ranking, 公布, XLSX); a unit's own sheet."""

from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.accounts.access import forbidden, staff_required
from gongkai.accounts.permissions import has_perm, organization_ids_with
from gongkai.assurance import assessment as figures
from gongkai.assurance.forms import AssessmentCreateForm, ManualItemForm, WeightsForm
from gongkai.assurance.models import Assessment, ManualItem
from gongkai.assurance.services import assessment as services
from gongkai.assurance.views.common import download, form_errors, is_supervisor, run
from gongkai.core.services import ActionRefused
from gongkai.requests import spam

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _managed(request, assessment_id: int) -> Assessment:
    return get_object_or_404(Assessment.objects.select_related("organization"), pk=assessment_id,
                             organization_id__in=organization_ids_with(request.user, "assurance.manage"))


@staff_required
def assessments(request):
    supervisor = is_supervisor(request.user)
    own = organization_ids_with(request.user, "assurance.view") if not supervisor else set()
    form = AssessmentCreateForm(request.POST or None)
    if request.method == "POST":
        if not supervisor:
            return forbidden(request, _("绩效考核由政务公开办开展。"))
        if form.is_valid():
            created = run(request, lambda: services.create_assessment(request.user, form.cleaned_data["year"],
                                                                      request=request), _("已建立绩效考核。"))
            if created:
                return redirect("assurance:assessment", assessment_id=created.pk)
    if supervisor:
        found = Assessment.objects.filter(organization_id__in=organization_ids_with(request.user, "assurance.manage"))
    else:
        found = Assessment.objects.filter(state=Assessment.State.PUBLISHED)
    return render(request, "assurance/staff/assessments.html", {
        "assessments": found, "form": form if supervisor else None, "own_units": own})


@staff_required
def assessment_detail(request, assessment_id: int):
    assessment = _managed(request, assessment_id)
    draft = assessment.state == Assessment.State.DRAFT
    units = figures.assessed_units(assessment)
    weights = WeightsForm(request.POST or None, instance=Assessment.objects.get(pk=assessment.pk), prefix="w")
    manual = ManualItemForm(units=units, prefix="m")
    if request.method == "POST":
        if weights.is_valid():
            if run(request, lambda: services.update_weights(request.user, assessment, weights.cleaned_data,
                                                            request=request), _("权重已保存。")):
                return redirect("assurance:assessment", assessment_id=assessment.pk)
    rows = services.sheets(assessment)
    return render(request, "assurance/staff/assessment.html", {
        "assessment": assessment, "rows": rows, "draft": draft, "weights": weights, "manual_form": manual,
        "columns": 4 + (len(rows[0]["parts"]) if rows else 0),  # 名次, 单位, the parts, 加减分, 总分
        "manual_items": ManualItem.objects.filter(assessment=assessment).select_related("organization"),
        "standards": figures.standards_coverage(assessment.year, []) is not None,
    })


@staff_required
@require_POST
def manual_add(request, assessment_id: int):
    assessment = _managed(request, assessment_id)
    form = ManualItemForm(request.POST, units=figures.assessed_units(assessment), prefix="m")
    if form.is_valid():
        data = form.cleaned_data

        def add():
            with transaction.atomic():  # the token is used only if the item is recorded
                try:
                    spam.consume_staff_token(data["form_token"], _(
                        "这项加减分已经登记过（可能重复点击了提交按钮），未再次登记。如需再登记一项，请重新填写。"))
                except spam.TokenUsed as problem:
                    raise ActionRefused(str(problem)) from None
                except spam.TokenProblem:  # the page this redirects to has an empty form with a new token
                    raise ActionRefused(_("表单已失效，加减分未登记，请重新填写后提交。")) from None
                return services.add_manual_item(request.user, assessment, data["organization"], data["points"],
                                                data["reason"], request=request)

        run(request, add, _("加减分已登记。"))
    else:
        form_errors(request, form)
    return redirect("assurance:assessment", assessment_id=assessment.pk)


@staff_required
@require_POST
def manual_remove(request, manual_item_id: int):
    item = get_object_or_404(ManualItem.objects.select_related("assessment", "organization"), pk=manual_item_id,
                             assessment__organization_id__in=organization_ids_with(request.user, "assurance.manage"))
    run(request, lambda: services.remove_manual_item(request.user, item, request=request), _("已删除该加减分项。"))
    return redirect("assurance:assessment", assessment_id=item.assessment_id)


@staff_required
@require_POST
def assessment_publish(request, assessment_id: int):
    assessment = _managed(request, assessment_id)
    run(request, lambda: services.publish(request.user, assessment, request=request),
        _("考核结果已公布，各单位可查看本单位考核表。"))
    return redirect("assurance:assessment", assessment_id=assessment.pk)


@staff_required
def assessment_export(request, assessment_id: int):
    assessment = _managed(request, assessment_id)
    return download(services.export_xlsx(request.user, assessment, request=request), f"{assessment.title}.xlsx", XLSX)


@staff_required
def unit_sheet(request, assessment_id: int, org_id: int):
    """One unit's sheet: the 政务公开办 sees every unit's, a unit only its own, once published."""
    assessment = get_object_or_404(Assessment.objects.select_related("organization"), pk=assessment_id)
    manager = has_perm(request.user, "assurance.manage", assessment.organization_id)
    if not manager and not (assessment.state == Assessment.State.PUBLISHED
                            and has_perm(request.user, "assurance.view", org_id)):
        raise Http404
    row = services.unit_sheet(assessment, org_id)
    if row is None:
        raise Http404
    row = dict(row, parts=[dict(part, percent=None if part["rate"] is None else figures.rate_percent(part["rate"]))
                           for part in row["parts"]])
    return render(request, "assurance/staff/unit_sheet.html", {
        "assessment": assessment, "row": row, "manager": manager, "count": len(services.sheets(assessment))})
