"""单位管理员 manage their unit's 政府信息公开目录: browse the tree, add, edit and delete their own nodes.
Every change goes through catalog.services (permission catalog.manage, audited)."""

from django.contrib import messages
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from gongkai.accounts.access import forbidden, staff_required
from gongkai.accounts.permissions import has_perm, organization_ids_with
from gongkai.catalog.forms import AddNodeForm, EditNodeForm
from gongkai.catalog.models import CatalogNode
from gongkai.catalog.services import add_node, delete_node, deletion_refusal, edit_node, is_leftover, tree
from gongkai.core.params import id_param
from gongkai.core.services import ActionRefused
from gongkai.organizations.models import Organization


def _index_url(organization_id: int) -> str:
    return f"{reverse('catalog:index')}?org={organization_id}"


def _refuse(request):
    return forbidden(request, _("只有本单位管理员可以管理本单位的信息公开目录。"))


def _node(node_id: int) -> CatalogNode:
    return get_object_or_404(CatalogNode.objects.select_related("organization", "parent"), pk=node_id)


@staff_required
@require_GET
def index(request):
    org_ids = organization_ids_with(request.user, "catalog.manage")
    if not org_ids:
        return _refuse(request)
    organizations = Organization.objects.filter(id__in=org_ids)
    chosen = id_param(request, "org")
    if chosen:
        if chosen not in org_ids:
            raise Http404
        organization = organizations.get(pk=chosen)
    elif len(org_ids) == 1:
        organization = organizations.get()
    else:
        return render(request, "catalog/choose.html", {"organizations": organizations})
    counts = dict(CatalogNode.objects.filter(organization=organization).annotate(n=Count("items"))
                  .values_list("id", "n"))
    ordered = tree(organization)
    parents = {node.parent_id for node, _depth in ordered}
    rows = []
    for node, depth in ordered:
        node.item_count = counts.get(node.id, 0)
        # The same rule as services.deletion_refusal, from the counts already at hand.
        leftover = is_leftover(node, organization.kind)
        deletable = (not node.is_builtin or leftover) and node.id not in parents and not node.item_count
        rows.append({"node": node, "depth": depth, "deletable": deletable, "leftover": leftover})
    return render(request, "catalog/index.html", {
        "organization": organization, "rows": rows, "several": len(org_ids) > 1,
    })


@staff_required
@require_http_methods(["GET", "POST"])
def add(request, org_id: int):
    organization = get_object_or_404(Organization, pk=org_id)
    if not has_perm(request.user, "catalog.manage", organization.id):
        return _refuse(request)
    initial = {"parent": request.GET["parent"]} if request.GET.get("parent", "").isdigit() else {}
    form = AddNodeForm(request.POST or None, organization=organization, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            node = add_node(request.user, data["parent"], data["name"], data["expected_update_days"],
                            data["description"], request=request)
        except ActionRefused as refusal:
            form.add_error(None, refusal.reason)
        else:
            messages.success(request, _("已新增栏目“%(name)s”。") % {"name": node.name})
            return redirect(_index_url(organization.id))
    return render(request, "catalog/node_form.html", {"organization": organization, "form": form, "node": None})


@staff_required
@require_http_methods(["GET", "POST"])
def edit(request, node_id: int):
    node = _node(node_id)
    if not has_perm(request.user, "catalog.manage", node.organization_id):
        return _refuse(request)
    form = EditNodeForm(request.POST or None, node=node)
    if request.method == "POST" and form.is_valid():
        try:
            node = edit_node(request.user, node, form.changes(), request=request)
        except ActionRefused as refusal:
            form.add_error(None, refusal.reason)
        else:
            messages.success(request, _("已保存栏目“%(name)s”。") % {"name": node.name})
            return redirect(_index_url(node.organization_id))
    return render(request, "catalog/node_form.html", {"organization": node.organization, "form": form, "node": node})


@staff_required
@require_http_methods(["GET", "POST"])
def delete(request, node_id: int):
    node = _node(node_id)
    if not has_perm(request.user, "catalog.manage", node.organization_id):
        return _refuse(request)
    if request.method == "POST":
        try:
            delete_node(request.user, node, request=request)
        except ActionRefused as refusal:
            messages.error(request, refusal.reason)
        else:
            messages.success(request, _("已删除栏目“%(name)s”。") % {"name": node.name})
        return redirect(_index_url(node.organization_id))
    return render(request, "catalog/node_confirm_delete.html", {
        "organization": node.organization, "node": node, "refusal": deletion_refusal(node),
    })
