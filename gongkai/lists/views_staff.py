"""Staff pages of 清单 (/staff/lists/): a unit's lists, their versions, import and row editing, submit
and review. Thin: forms validate, services decide and audit; a list of another unit is a 404."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from gongkai.accounts.access import forbidden, staff_required
from gongkai.accounts.permissions import has_perm, organization_ids_with
from gongkai.audit.services import record
from gongkai.core.services import ActionRefused
from gongkai.core.uploads import check_table
from gongkai.lists import services, sheet
from gongkai.lists.forms import (
    ImportForm,
    ListEditForm,
    ListForm,
    NewVersionForm,
    ReviewForm,
    RowForm,
    VersionForm,
)
from gongkai.lists.models import DisclosureList, ListType, Row, Version
from gongkai.lists.views_public import prepared_rows, shown_columns, version_file
from gongkai.organizations.models import Organization


def _visible_lists(user):
    return DisclosureList.objects.filter(organization_id__in=organization_ids_with(user, "lists.view"))


def get_list(request, list_id: int) -> DisclosureList:
    return get_object_or_404(_visible_lists(request.user).select_related("list_type", "organization"), pk=list_id)


def get_version(request, version_id: int) -> Version:
    return get_object_or_404(
        Version.objects.filter(disclosure_list__in=_visible_lists(request.user))
        .select_related("disclosure_list__list_type", "disclosure_list__organization"), pk=version_id)


def get_row(request, row_id: int) -> Row:
    row = get_object_or_404(Row.objects.filter(version__disclosure_list__in=_visible_lists(request.user))
                            .select_related("version__disclosure_list__list_type",
                                            "version__disclosure_list__organization"), pk=row_id)
    return row


def _can(user, perm: str, lst: DisclosureList) -> bool:
    return has_perm(user, perm, lst.organization_id)


def _run(request, call, success: str) -> bool:
    try:
        call()
    except ActionRefused as exc:
        messages.error(request, exc.reason)
        return False
    messages.success(request, success)
    return True


def _org_names() -> list[str]:
    return list(Organization.objects.filter(is_active=True).order_by("sort_order", "id").values_list("name", flat=True))


@staff_required
def index(request):
    user = request.user
    lists = (_visible_lists(user).select_related("list_type", "organization")
             .order_by("organization__sort_order", "organization_id", "list_type__position", "id"))
    versions: dict[int, list[Version]] = {}
    for version in Version.objects.filter(disclosure_list__in=lists).order_by("-number"):
        versions.setdefault(version.disclosure_list_id, []).append(version)
    rows = [{"list": lst, "versions": versions.get(lst.pk, [])} for lst in lists[:500]]
    reviewable = organization_ids_with(user, "lists.review")
    waiting = (Version.objects.filter(state=Version.State.SUBMITTED, disclosure_list__organization_id__in=reviewable)
               .select_related("disclosure_list__organization").order_by("submitted_at"))
    return render(request, "lists/staff/index.html", {
        "rows": rows, "waiting": waiting[:100], "can_create": bool(organization_ids_with(user, "lists.edit")),
        "types": ListType.objects.order_by("position"),
    })


@staff_required
def list_create(request):
    organizations = list(Organization.objects.filter(pk__in=organization_ids_with(request.user, "lists.edit"))
                         .order_by("sort_order", "id"))
    if not organizations:
        return forbidden(request, _("只有单位的信息员、审核员或单位管理员可以新建本单位的清单。"))
    types = list(ListType.objects.order_by("position"))
    form = ListForm(request.POST or None, types=types, organizations=organizations,
                    initial={"list_type": request.GET.get("type", "")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        organization = next(o for o in organizations if str(o.pk) == data["organization"])
        list_type = next(t for t in types if str(t.pk) == data["list_type"])
        try:
            created = services.create_list(request.user, organization, list_type, data["title"], data["description"],
                                           request=request)
        except ActionRefused as exc:
            form.add_error(None, exc.reason)
        else:
            messages.success(request, _("清单已新建，请新建第一个版本并导入或录入条目。"))
            return redirect("lists_staff:list", list_id=created.pk)
    return render(request, "lists/staff/list_form.html", {"form": form})


@staff_required
def list_detail(request, list_id: int):
    lst = get_list(request, list_id)
    return render(request, "lists/staff/list_detail.html", {
        "list": lst, "versions": lst.versions.order_by("-number"), "can_edit": _can(request.user, "lists.edit", lst),
        "version_form": NewVersionForm(), "current": services.latest_published(lst),
    })


@staff_required
def list_edit(request, list_id: int):
    lst = get_list(request, list_id)
    if not _can(request.user, "lists.edit", lst):
        return forbidden(request, _("只有本单位的信息员、审核员或单位管理员可以修改清单。"))
    form = ListEditForm(request.POST or None, initial={"title": lst.title, "description": lst.description})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_list(request.user, lst, data["title"], data["description"], request=request)
        except ActionRefused as exc:
            form.add_error(None, exc.reason)
        else:
            messages.success(request, _("已保存。"))
            return redirect("lists_staff:list", list_id=lst.pk)
    return render(request, "lists/staff/simple_form.html", {"form": form, "list": lst, "heading": _("修改清单信息")})


@staff_required
def version_create(request, list_id: int):
    lst = get_list(request, list_id)
    if not _can(request.user, "lists.edit", lst):
        return forbidden(request, _("只有本单位的信息员、审核员或单位管理员可以新建清单版本。"))
    current = services.latest_published(lst)
    form = NewVersionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            version = services.create_version(request.user, lst, data["label"], data["effective_from"], data["note"],
                                              copy_from=current if data["copy_current"] else None, request=request)
        except ActionRefused as exc:
            form.add_error(None, exc.reason)
        else:
            messages.success(request, _("已新建版本「%(label)s」。") % {"label": version.label})
            return redirect("lists_staff:version", version_id=version.pk)
    return render(request, "lists/staff/simple_form.html", {"form": form, "list": lst, "heading": _("新建版本")})


@staff_required
def version_detail(request, version_id: int):
    version = get_version(request, version_id)
    lst = version.disclosure_list
    can_edit = _can(request.user, "lists.edit", lst) and version.is_editable
    rows = list(version.rows.order_by("position", "id"))
    head, others, table_rows = prepared_rows(rows, shown_columns(lst.list_type.columns))  # headings in the page's language
    return render(request, "lists/staff/version_detail.html", {
        "version": version, "list": lst, "rows": rows, "table_rows": table_rows, "head": head, "others": others,
        "can_edit": can_edit, "can_submit": can_edit,
        "can_review": _can(request.user, "lists.review", lst) and version.state == Version.State.SUBMITTED,
        "review_form": ReviewForm(), "import_form": ImportForm(),
    })


@staff_required
def version_edit(request, version_id: int):
    version = get_version(request, version_id)
    lst = version.disclosure_list
    if not (_can(request.user, "lists.edit", lst) and version.is_editable):
        return forbidden(request, _("只有本单位的草稿或退回的版本可以修改。"))
    form = VersionForm(request.POST or None, initial={"label": version.label, "effective_from": version.effective_from,
                                                      "note": version.note})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _run(request, lambda: services.update_version(request.user, version, data["label"], data["effective_from"],
                                                         data["note"], request=request), _("已保存。")):
            return redirect("lists_staff:version", version_id=version.pk)
    return render(request, "lists/staff/simple_form.html",
                  {"form": form, "list": lst, "version": version, "heading": _("修改版本信息")})


@staff_required
def version_import(request, version_id: int):
    version = get_version(request, version_id)
    lst = version.disclosure_list
    if not (_can(request.user, "lists.edit", lst) and version.is_editable):
        return forbidden(request, _("只有本单位的草稿或退回的版本可以导入条目。"))
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["table"]
        try:
            check_table(upload)
            rows = sheet.parse(lst.list_type, sheet.read_upload(upload))
            count = services.replace_rows(request.user, version, rows, source=upload.name, request=request)
        except ValidationError as exc:  # check_table
            form.add_error("table", " ".join(exc.messages))
        except sheet.ImportFailed as exc:
            errors = exc.errors
            form.add_error("table", _("表格有 %(n)d 处错误，未导入任何条目。请改正后重新上传。") % {"n": len(errors)})
        except ActionRefused as exc:
            form.add_error("table", exc.reason)
        else:
            messages.success(request, _("已导入 %(n)d 条。") % {"n": count})
            return redirect("lists_staff:version", version_id=version.pk)
    return render(request, "lists/staff/import.html", {"form": form, "version": version, "list": lst,
                                                       "errors": errors[:500], "error_count": len(errors)})


@staff_required
@require_safe
def version_export(request, version_id: int):
    version = get_version(request, version_id)
    fmt = "csv" if request.GET.get("format") == "csv" else "xlsx"
    response = version_file(version, fmt)  # recorded once the file is built: a failed export took nothing out
    record(request.user, "lists.export", version, organization=version.disclosure_list.organization,
           note=fmt, request=request)
    return response


@staff_required
@require_POST
def version_submit(request, version_id: int):
    version = get_version(request, version_id)
    _run(request, lambda: services.submit(request.user, version, request=request), _("已送审，等待本单位审核员审核。"))
    return redirect("lists_staff:version", version_id=version.pk)


@staff_required
@require_POST
def version_review(request, version_id: int):
    version = get_version(request, version_id)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择审核结论。"))
    elif form.cleaned_data["decision"] == "approve":
        _run(request, lambda: services.approve(request.user, version, form.cleaned_data["opinion"], request=request),
             _("已审核通过并发布。"))
    else:
        _run(request, lambda: services.return_version(request.user, version, form.cleaned_data["opinion"],
                                                      request=request), _("已退回。"))
    return redirect("lists_staff:version", version_id=version.pk)


@staff_required
@require_POST
def version_delete(request, version_id: int):
    version = get_version(request, version_id)
    list_id = version.disclosure_list_id
    if _run(request, lambda: services.delete_version(request.user, version, request=request), _("版本已删除。")):
        return redirect("lists_staff:list", list_id=list_id)
    return redirect("lists_staff:version", version_id=version.pk)


def _row_form_page(request, version: Version, row: Row | None):
    lst = version.disclosure_list
    if not (_can(request.user, "lists.edit", lst) and version.is_editable):
        return forbidden(request, _("只有本单位的草稿或退回的版本可以修改条目。"))
    columns = lst.list_type.columns
    form = RowForm(request.POST or None, columns=columns, organizations=_org_names())
    if row is not None and request.method != "POST":
        form.initial_from(row.cells)
    if request.method == "POST" and form.is_valid():
        values = {key: value for key, value in form.cleaned_data.items()}
        try:
            if row is None:
                services.add_row(request.user, version, values, request=request)
            else:
                services.update_row(request.user, row, values, request=request)
        except services.RowInvalid as exc:
            for key, message in exc.errors.items():
                form.add_error(key or None, message)
        except ActionRefused as exc:
            form.add_error(None, exc.reason)
        else:
            messages.success(request, _("已保存。"))
            return redirect("lists_staff:version", version_id=version.pk)
    return render(request, "lists/staff/row_form.html", {"form": form, "version": version, "list": lst, "row": row})


@staff_required
def row_add(request, version_id: int):
    return _row_form_page(request, get_version(request, version_id), None)


@staff_required
def row_edit(request, row_id: int):
    row = get_row(request, row_id)
    return _row_form_page(request, row.version, row)


@staff_required
@require_POST
def row_delete(request, row_id: int):
    row = get_row(request, row_id)
    version_id = row.version_id
    _run(request, lambda: services.delete_row(request.user, row, request=request), _("已删除该条目。"))
    return redirect("lists_staff:version", version_id=version_id)


@staff_required
@require_safe
def type_template(request, type_id: int):
    list_type = get_object_or_404(ListType, pk=type_id)
    from urllib.parse import quote

    response = HttpResponse(sheet.template_xlsx(list_type), content_type=sheet.XLSX_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(list_type.name + '模板.xlsx')}"
    return response
