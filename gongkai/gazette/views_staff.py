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
from gongkai.gazette.forms import CorrectionForm, EntryForm, ImportForm, IssueForm, PublishForm, WithdrawForm
from gongkai.gazette.models import GazetteIssue
from gongkai.organizations.models import Organization


def get_issue(request, issue_id: int) -> GazetteIssue:
    issue = get_object_or_404(GazetteIssue.objects.select_related("organization"), pk=issue_id)
    if not has_perm(request.user, "gazette.manage", issue.organization_id):
        raise Http404
    return issue


def _organizations(request, perm: str) -> list:
    """The units where the user has `perm` and that publish the 政府公报 (services.publisher_ids)."""
    ids = set(organization_ids_with(request.user, perm)) & services.publisher_ids()
    return list(Organization.objects.filter(pk__in=ids))


@staff_required
def issue_list(request):
    org_ids = organization_ids_with(request.user, "gazette.manage")
    issues = GazetteIssue.objects.filter(organization_id__in=org_ids).select_related("organization")
    return render(request, "gazette/staff/list.html", {"issues": issues,
                                                        "can_manage": bool(_organizations(request, "gazette.manage")),
                                                        "can_import": bool(_organizations(request, "gazette.publish"))})


def _issue_form(request, form_class, perm: str, save, template: str, success: str):
    organizations = _organizations(request, perm)
    if not organizations:
        return forbidden(request, _("政府公报由县政府办公室统一编辑出版，您没有编辑政府公报的岗位。"))
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
                                     request=request, secrecy_checked=data["secrecy_checked"],
                                     opinion=data["opinion"])

    return _issue_form(request, ImportForm, "gazette.publish", save, "gazette/staff/import_form.html",
                       _("历史公报已导入并发布。"))


def _entry_form_class(issue):
    return EntryForm if issue.state == GazetteIssue.State.DRAFT else CorrectionForm


@staff_required
def issue_detail(request, issue_id: int, entry_form=None, publish_form=None):
    issue = get_issue(request, issue_id)
    can_publish = has_perm(request.user, "gazette.publish", issue.organization_id)
    is_draft, is_published = issue.state == GazetteIssue.State.DRAFT, issue.state == GazetteIssue.State.PUBLISHED
    return render(request, "gazette/staff/detail.html", {
        "issue": issue, "entries": list(issue.entries.select_related("item")),
        "entry_form": entry_form or _entry_form_class(issue)(), "is_draft": is_draft, "is_published": is_published,
        "can_publish": can_publish, "can_add": is_draft or (is_published and can_publish),
        "publish_form": publish_form or PublishForm(), "withdraw_form": WithdrawForm(),
    })


@staff_required
@require_POST
def entry_add(request, issue_id: int):
    issue = get_issue(request, issue_id)
    form = _entry_form_class(issue)(request.POST)
    if not form.is_valid():
        messages.error(request, _("提交的内容有误，请按提示修改后重试。"))
        return issue_detail(request, issue_id, entry_form=form)
    try:
        services.add_entry(request.user, issue, form.cleaned_data, request=request,
                           secrecy_checked=form.cleaned_data.get("secrecy_checked", False),
                           opinion=form.cleaned_data.get("opinion", ""))
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
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("提交的内容有误，请按提示修改后重试。"))
        return issue_detail(request, issue_id, publish_form=form)
    try:
        services.publish_issue(request.user, issue, request=request, secrecy_checked=form.cleaned_data["secrecy_checked"],
                               opinion=form.cleaned_data["opinion"])
    except ActionRefused as exc:
        messages.error(request, exc.reason)
    else:
        messages.success(request, _("公报已发布，保密审查记录已保存。"))
    return redirect("gazette_staff:detail", issue_id=issue.pk)


def _withdraw(request, withdraw, success: str):
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写撤回原因。"))
        return
    try:
        withdraw(form.cleaned_data["reason"])
    except ActionRefused as exc:
        messages.error(request, exc.reason)
    else:
        messages.success(request, success)


@staff_required
@require_POST
def issue_withdraw(request, issue_id: int):
    issue = get_issue(request, issue_id)
    _withdraw(request, lambda reason: services.withdraw_issue(request.user, issue, reason, request=request),
              _("本期公报已撤回，网站不再显示。"))
    return redirect("gazette_staff:detail", issue_id=issue.pk)


@staff_required
@require_POST
def entry_withdraw(request, issue_id: int, entry_id: int):
    issue = get_issue(request, issue_id)
    entry = get_object_or_404(issue.entries, pk=entry_id)
    _withdraw(request, lambda reason: services.withdraw_entry(request.user, entry, reason, request=request),
              _("条目已撤回，网站不再显示。"))
    return redirect("gazette_staff:detail", issue_id=issue.pk)
