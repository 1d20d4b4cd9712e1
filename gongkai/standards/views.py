"""Staff pages of the 基层政务公开标准目录 (/staff/standards/) and the public page of each unit's catalog
(/bzml/). The 政务公开办 sees every unit below it; a unit sees its own; anything else is a 404."""

from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from gongkai.accounts.access import forbidden, staff_required
from gongkai.accounts.permissions import has_perm, organization_ids_with
from gongkai.audit.services import record
from gongkai.core.params import id_param, int_param
from gongkai.core.services import ActionRefused
from gongkai.core.uploads import check_table
from gongkai.organizations.models import Organization, under_regulation
from gongkai.portal.queries import site_organization_ids
from gongkai.standards import services, xlsx
from gongkai.standards.forms import AssignForm, ImportForm, NotApplicableForm, OwnMatterForm
from gongkai.standards.models import Assignment, Domain, UnitMatter

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _year(request) -> int:
    today = timezone.localdate()
    return int_param(request, "year", min_value=2000, max_value=today.year + 1) or today.year


def _xlsx_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def _viewable_units(user) -> set[int]:
    return organization_ids_with(user, "standards.view")


@staff_required
def index(request):
    user = request.user
    manage = services.can_manage(user)
    domains = Domain.objects.all()
    assigned = {}
    for assignment in Assignment.objects.filter(organization_id__in=_viewable_units(user)).select_related(
            "organization"):
        assigned.setdefault(assignment.domain_id, []).append(assignment.organization)
    my_units = Organization.objects.filter(pk__in=_viewable_units(user), standard_assignments__isnull=False) \
        .distinct().order_by("sort_order", "id")
    rows = [(domain, domain.matters.filter(organization__isnull=True).count(), assigned.get(domain.pk, []))
            for domain in domains]
    return render(request, "standards/staff/index.html", {
        "rows": rows, "can_manage": manage, "my_units": my_units,
    })


@staff_required
def domain_detail(request, domain_id: int):
    domain = get_object_or_404(Domain, pk=domain_id)
    user = request.user
    viewable = _viewable_units(user)
    manage_ids = organization_ids_with(user, "standards.manage")
    form = None
    if manage_ids:
        # 部门 here, 乡镇 through 「全部镇（街道）」; never a 党委工作机关 (outside the 条例: services.assign refuses it).
        candidates = under_regulation(Organization.objects.filter(pk__in=manage_ids)).exclude(kind="township").exclude(
            parent__isnull=True).order_by("sort_order", "id")
        form = AssignForm(request.POST or None, units=candidates)
        if request.method == "POST":
            if form.is_valid():
                chosen = list(candidates.filter(pk__in=form.cleaned_data["units"]))
                if form.cleaned_data["all_townships"]:
                    county = services.county_of(user)
                    chosen += [t for t in services.townships(county) if t.pk in manage_ids]
                try:
                    result = services.assign(user, domain, chosen, request=request)
                except ActionRefused as exc:
                    form.add_error(None, exc.reason)
                else:
                    messages.success(request, _("已分配：新增%(a)d个单位，新建目录栏目%(n)d个。") % {
                        "a": result["assignments"], "n": result["nodes"]})
                    return redirect("standards_staff:domain", domain_id=domain.pk)
    elif request.method == "POST":
        return forbidden(request, _("只有政务公开办可以分配领域。"))
    assignments = domain.assignments.filter(organization_id__in=viewable).select_related("organization")
    return render(request, "standards/staff/domain.html", {
        "domain": domain, "matters": domain.matters.filter(organization__isnull=True), "form": form,
        "assignments": assignments, "can_manage": bool(manage_ids),
    })


@staff_required
def catalog_import(request):
    county = services.county_of(request.user)
    if county is None:
        return forbidden(request, _("只有政务公开办可以导入标准目录。"))
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["table"]
        try:
            check_table(upload, extensions=(".xlsx",))
            parsed = xlsx.read_catalog(upload.read(), Domain.objects.values_list("name", flat=True))
            counts = services.import_catalog(request.user, parsed, form.cleaned_data["domain"], request=request)
        except services.ImportRefused as exc:
            form.add_error("table", exc.reason)
            problems = exc.problems
        except ActionRefused as exc:
            form.add_error("table", exc.reason)
        except xlsx.CatalogFileError as exc:
            form.add_error("table", str(exc))
        except ValidationError as exc:  # check_table
            form.add_error("table", " ".join(exc.messages))
        else:
            messages.success(request, _("已导入：") + "；".join(
                _("%(name)s 新增%(c)d项、更新%(u)d项") % {"name": name, "c": c["created"], "u": c["updated"]}
                for name, c in counts.items()))
            return redirect("standards_staff:index")
    return render(request, "standards/staff/import.html", {"form": form, "problems": problems})


@staff_required
def catalog_export(request):
    domain_id = id_param(request, "domain")
    domains = Domain.objects.all()
    if domain_id:
        domains = domains.filter(pk=domain_id)
    data = xlsx.export_catalog([(d, list(d.matters.filter(organization__isnull=True))) for d in domains])
    record(request.user, "standards.export", None, note=",".join(d.name for d in domains)[:200], request=request,
           object_type="standards.Domain", object_repr=_("标准目录导出"))
    name = (domains[0].name if domain_id and domains else _("基层政务公开")) + _("标准目录.xlsx")
    return _xlsx_response(data, name)


def _unit(request, org_id: int) -> Organization:
    if org_id not in _viewable_units(request.user):
        raise Http404
    return get_object_or_404(Organization, pk=org_id)


@staff_required
def unit_detail(request, org_id: int):
    organization = _unit(request, org_id)
    catalog = services.unit_catalog(organization)
    return render(request, "standards/staff/unit.html", {
        "organization": organization, "catalog": catalog,
        "can_adjust": has_perm(request.user, "standards.adjust", organization.pk),
        "can_manage": has_perm(request.user, "standards.manage", organization.pk),
        "matter_form": OwnMatterForm(), "na_form": NotApplicableForm(),
    })


@staff_required
def unit_export(request, org_id: int):
    organization = _unit(request, org_id)
    domains = []
    for assignment, entries, _unused in services.unit_catalog(organization):
        domains.append((assignment.domain, [e.unit_matter.matter for e in entries if not e.unit_matter.not_applicable]))
    data = xlsx.export_catalog(domains, title_prefix=organization.name)  # recorded once it is made
    record(request.user, "standards.export", None, organization=organization, request=request,
           object_type="standards.Domain", object_repr=_("标准目录导出"))
    return _xlsx_response(data, f"{organization.name}{_('标准目录')}.xlsx")


def _assignment(request, assignment_id: int) -> Assignment:
    assignment = get_object_or_404(Assignment.objects.select_related("organization", "domain"), pk=assignment_id)
    if assignment.organization_id not in _viewable_units(request.user):
        raise Http404
    return assignment


def _unit_matter(request, unit_matter_id: int) -> UnitMatter:
    unit_matter = get_object_or_404(UnitMatter.objects.select_related("assignment__organization", "matter"),
                                    pk=unit_matter_id)
    if unit_matter.assignment.organization_id not in _viewable_units(request.user):
        raise Http404
    return unit_matter


@staff_required
def matter_add(request, assignment_id: int):
    assignment = _assignment(request, assignment_id)
    if not has_perm(request.user, "standards.adjust", assignment.organization_id):
        return forbidden(request, _("只有本单位管理员可以增加本单位的公开事项。"))
    form = OwnMatterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_own_matter(request.user, assignment, form.cleaned_data, request=request)
        except ActionRefused as exc:
            form.add_error(None, exc.reason)
        else:
            messages.success(request, _("已增加事项，并在本单位信息公开目录中建立栏目。"))
            return redirect("standards_staff:unit", org_id=assignment.organization_id)
    return render(request, "standards/staff/matter_form.html", {"form": form, "assignment": assignment},
                  status=400 if request.method == "POST" else 200)


@staff_required
@require_POST
def matter_not_applicable(request, unit_matter_id: int):
    unit_matter = _unit_matter(request, unit_matter_id)
    if not has_perm(request.user, "standards.adjust", unit_matter.assignment.organization_id):
        return forbidden(request, _("只有本单位管理员可以标记事项不适用。"))
    form = NotApplicableForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写不适用的理由（300字以内）。"))
    else:
        try:
            services.mark_not_applicable(request.user, unit_matter, form.cleaned_data["reason"], request=request)
        except ActionRefused as exc:
            messages.error(request, exc.reason)
        else:
            messages.success(request, _("已标记为不适用。"))
    return redirect("standards_staff:unit", org_id=unit_matter.assignment.organization_id)


@staff_required
@require_POST
def matter_applicable(request, unit_matter_id: int):
    unit_matter = _unit_matter(request, unit_matter_id)
    if not has_perm(request.user, "standards.adjust", unit_matter.assignment.organization_id):
        return forbidden(request, _("只有本单位管理员可以恢复事项。"))
    try:
        services.mark_applicable(request.user, unit_matter, request=request)
    except ActionRefused as exc:
        messages.error(request, exc.reason)
    else:
        messages.success(request, _("已恢复该事项。"))
    return redirect("standards_staff:unit", org_id=unit_matter.assignment.organization_id)


@staff_required
@require_POST
def assignment_delete(request, assignment_id: int):
    assignment = _assignment(request, assignment_id)
    if not has_perm(request.user, "standards.manage", assignment.organization_id):
        return forbidden(request, _("只有政务公开办可以取消分配。"))
    domain_id = assignment.domain_id
    services.unassign(request.user, assignment, request=request)
    messages.success(request, _("已取消分配；该单位目录中的栏目保留。"))
    return redirect("standards_staff:domain", domain_id=domain_id)


@staff_required
def coverage(request):
    user = request.user
    if not organization_ids_with(user, "standards.manage"):
        return forbidden(request, _("只有政务公开办可以查看全县标准目录落实情况。"))
    year = _year(request)
    day = services.as_of(year)
    units = services.coverage_on(day, organization_ids_with(user, "standards.manage"))
    domains = sorted({d for unit in units for d in unit.domains}, key=lambda d: d.sort_order)
    table = [(unit, [(d, unit.domains.get(d)) for d in domains]) for unit in units]
    return render(request, "standards/staff/coverage.html", {
        "year": year, "day": day, "domains": domains, "table": table,
        "years": range(timezone.localdate().year, 2019, -1),
    })


# --- public ---------------------------------------------------------------------------------------


def _public_units(request):
    """Units with a standard catalog that this host's site shows (docs/portal.md, 「Site scope」): another
    county's units are not listed and their pages answer 404, as on every other public page."""
    units = Organization.objects.filter(standard_assignments__isnull=False).distinct()
    allowed = site_organization_ids(request)
    return units if allowed is None else units.filter(pk__in=allowed)


@require_safe
def public_index(request):
    units = _public_units(request).order_by("sort_order", "id")
    rows = []
    for unit in units:
        rows.append((unit, [a.domain for a in unit.standard_assignments.select_related("domain")]))
    return render(request, "standards/public/index.html", {"rows": rows, "domains": Domain.objects.all()})


@require_safe
def public_unit(request, org_id: int):
    organization = get_object_or_404(_public_units(request), pk=org_id)
    catalog = services.unit_catalog(organization)
    if not catalog:
        raise Http404
    return render(request, "standards/public/unit.html", {
        "organization": organization, "catalog": catalog, "today": timezone.localdate(),
    })
