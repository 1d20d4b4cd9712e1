"""Staff pages of the gazette (/staff/gazette/): issues, their contents, publication, import."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.accounts.access import forbidden, staff_required
from gongkai.accounts.permissions import has_perm, organization_ids_with
from gongkai.core.services import ActionRefused
from gongkai.gazette import importer, services
from gongkai.gazette.forms import EntryForm, ImportForm, IssueForm
from gongkai.gazette.models import GazetteIssue
from gongkai.organizations.models import Organization


def get_issue(request, issue_id: int) -> GazetteIssue:
    issue = get_object_or_404(GazetteIssue.objects.select_related("organization"), pk=issue_id)
    if not has_perm(request.user, "gazette.manage", issue.organization_id):
        raise Http404
    return issue


def _organizations(request, perm: str) -> list:
    return list(Organization.objects.filter(pk__in=organization_ids_with(request.user, perm)))


@staff_required
def issue_list(request):
    org_ids = organization_ids_with(request.user, "gazette.manage")
    issues = GazetteIssue.objects.filter(organization_id__in=org_ids).select_related("organization")
    return render(request, "gazette/staff/list.html", {"issues": issues, "can_manage": bool(org_ids),
                                                        "can_import": bool(organization_ids_with(request.user,
                                                                                                 "gazette.publish"))})


def _issue_form(request, form_class, perm: str, save, template: str, success: str):
    organizations = _organizations(request, perm)
    if not organizations:
        return forbidden(request, _("您没有编辑政府公报的岗位。"))
    form = form_class(request.POST or None, request.FILES or None, organizations=organizations,
                      initial={"organization": organizations[0]})
    if request.method == "POST" and form.is_valid():
        try:
            issue = save(form.cleaned_data)
        except ActionRefused as exc:
            form.add_error(None, exc.reason)
        else:
            messages.success(request, success)
            return redirect("gazette_staff:detail", issue_id=issue.pk)
    return render(request, template, {"form": form})


@staff_required
def issue_create(request):
    return _issue_form(request, IssueForm, "gazette.manage",
                       lambda d: services.create_issue(request.user, d["organization"], d, d["pdf"], request=request),
                       "gazette/staff/issue_form.html", _("公报已创建，请添加目录条目后发布。"))


@staff_required
def issue_import(request):
    def save(data):
        upload = data["contents"]
        if upload.size > importer.MAX_CSV_BYTES:
            raise ActionRefused(_("CSV 文件过大（上限 2 MB）。"))
        return importer.import_issue(request.user, data["organization"], data, data["pdf"], upload.read(),
                                     request=request)

    return _issue_form(request, ImportForm, "gazette.publish", save, "gazette/staff/import_form.html",
                       _("历史公报已导入并发布。"))


@staff_required
def issue_detail(request, issue_id: int, entry_form=None):
    issue = get_issue(request, issue_id)
    return render(request, "gazette/staff/detail.html", {
        "issue": issue, "entries": list(issue.entries.select_related("item")),
        "entry_form": entry_form or EntryForm(), "is_draft": issue.state == GazetteIssue.State.DRAFT,
        "can_publish": has_perm(request.user, "gazette.publish", issue.organization_id),
    })


@staff_required
@require_POST
def entry_add(request, issue_id: int):
    issue = get_issue(request, issue_id)
    form = EntryForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("提交的内容有误，请按提示修改后重试。"))
        return issue_detail(request, issue_id, entry_form=form)
    try:
        services.add_entry(request.user, issue, form.cleaned_data, request=request)
    except ActionRefused as exc:
        form.add_error(None, exc.reason)
        return issue_detail(request, issue_id, entry_form=form)
    messages.success(request, _("目录条目已添加。"))
    return redirect("gazette_staff:detail", issue_id=issue.pk)


@staff_required
@require_POST
def entry_remove(request, issue_id: int, entry_id: int):
    issue = get_issue(request, issue_id)
    entry = get_object_or_404(issue.entries, pk=entry_id)
    try:
        services.remove_entry(request.user, entry, request=request)
    except ActionRefused as exc:
        messages.error(request, exc.reason)
    else:
        messages.success(request, _("目录条目已删除。"))
    return redirect("gazette_staff:detail", issue_id=issue.pk)


@staff_required
@require_POST
def issue_publish(request, issue_id: int):
    issue = get_issue(request, issue_id)
    try:
        services.publish_issue(request.user, issue, request=request)
    except ActionRefused as exc:
        messages.error(request, exc.reason)
    else:
        messages.success(request, _("公报已发布。"))
    return redirect("gazette_staff:detail", issue_id=issue.pk)
