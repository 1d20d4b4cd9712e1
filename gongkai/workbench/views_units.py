"""Staff pages about units: a unit's details for its staff, the 第十二条 office editor for 单位管理员,
and the overview of every unit for 政务公开办."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from gongkai.accounts.access import forbidden, staff_required
from gongkai.accounts.permissions import has_perm, organization_ids_with
from gongkai.catalog.templates_builtin import guide_gaps, has_guide
from gongkai.core.services import ActionRefused
from gongkai.organizations.forms import OfficeForm
from gongkai.organizations.models import Organization
from gongkai.organizations.services import in_tree_order
from gongkai.workbench.unit_office import update_office


@staff_required
@require_GET
def organization_list(request):
    """政务公开办: every unit below them, the 第十二条 gaps marked. Unit staff: their own unit (or units)."""
    org_ids = organization_ids_with(request.user, "org.supervise")
    if not org_ids:
        org_ids = organization_ids_with(request.user, "org.view")
        if len(org_ids) == 1:
            return redirect("organizations:detail", org_id=next(iter(org_ids)))
        if not org_ids:
            return forbidden(request, _("您的岗位不能查看单位信息。"))
    rows = []
    for organization, depth in in_tree_order(Organization.objects.filter(id__in=org_ids)):
        rows.append({"organization": organization, "depth": depth, "has_guide": has_guide(organization),
                     "missing": guide_gaps(organization)})
    incomplete = sum(1 for row in rows if row["missing"])
    return render(request, "organizations/list.html", {"rows": rows, "incomplete": incomplete})


@staff_required
@require_GET
def organization_detail(request, org_id: int):
    organization = get_object_or_404(Organization, pk=org_id)
    if not has_perm(request.user, "org.view", organization.id):
        return forbidden(request, _("您只能查看本单位（或本级政务公开办所辖单位）的信息。"))
    return render(request, "organizations/detail.html", {
        "organization": organization,
        "missing": guide_gaps(organization),
        "can_manage": has_perm(request.user, "org.manage", organization.id),
        "can_manage_catalog": has_perm(request.user, "catalog.manage", organization.id),
        "can_unlock": has_perm(request.user, "account.unlock", organization.id),
        "can_reset_passwords": has_perm(request.user, "account.reset_password", organization.id),
    })


@staff_required
@require_http_methods(["GET", "POST"])
def organization_edit(request, org_id: int):
    organization = get_object_or_404(Organization, pk=org_id)
    if not has_perm(request.user, "org.manage", organization.id):
        return forbidden(request, _("只有本单位管理员可以修改本单位的政府信息公开工作机构信息。"))
    form = OfficeForm(request.POST or None, instance=organization)
    if request.method == "POST" and form.is_valid():
        try:
            update_office(request.user, organization, form.cleaned_data, request=request)
        except ActionRefused as refusal:
            form.add_error(None, refusal.reason)
        else:
            messages.success(request, _("已保存政府信息公开工作机构信息。"))
            return redirect("organizations:detail", org_id=organization.id)
    return render(request, "organizations/edit.html", {"organization": organization, "form": form})
