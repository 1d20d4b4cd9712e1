"""「批量导入」 pages: download the template, upload the filled sheet, check the preview with each row's
problems, import the good rows as drafts or straight to review. The rows wait server-side between the
preview and the import (pending.py); the session holds only their token."""

from pathlib import PurePath

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from gongkai.accounts.access import forbidden, staff_required
from gongkai.accounts.permissions import has_perm, organization_ids_with
from gongkai.core.services import ActionRefused
from gongkai.core.uploads import check_upload
from gongkai.interchange import batch, pending, sheet
from gongkai.organizations.models import Organization
from gongkai.publishing.forms import NoSuffixMixin

SESSION_KEY = "gongkai.batch_import"
DRAFT, REVIEW = "draft", "review"


class UploadForm(NoSuffixMixin, forms.Form):
    organization = forms.ModelChoiceField(
        queryset=Organization.objects.none(), label=gettext_lazy("发布机构"),
        error_messages={"invalid_choice": gettext_lazy("所选发布机构无效，或您无权为该机构起草信息。"),
                        "required": gettext_lazy("请选择发布机构。")})
    sheet = forms.FileField(label=gettext_lazy("填好的表格（.xlsx）"),
                            error_messages={"required": gettext_lazy("请选择填好的 XLSX 表格。")},
                            widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}))

    def __init__(self, *args, organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.filter(pk__in=[o.pk for o in organizations])
        if len(organizations) == 1:
            self.fields["organization"].initial = organizations[0].pk

    def clean_sheet(self):
        uploaded = self.cleaned_data["sheet"]
        if PurePath(uploaded.name or "").suffix.lower() != ".xlsx":
            raise ValidationError(_("请上传 .xlsx 格式的表格（WPS 表格和 Excel 都可“另存为” .xlsx）。"))
        check_upload(uploaded)
        return uploaded


class ConfirmForm(NoSuffixMixin, forms.Form):
    token = forms.CharField(widget=forms.HiddenInput)
    target = forms.ChoiceField(label=gettext_lazy("导入为"), widget=forms.RadioSelect, initial=DRAFT,
                               choices=[(DRAFT, gettext_lazy("草稿（逐条核对后再送审）")),
                                        (REVIEW, gettext_lazy("直接送审"))])


def _creatable(request) -> list:
    return list(Organization.objects.filter(pk__in=organization_ids_with(request.user, "item.create")))


@staff_required
@require_GET
def template(request):
    organizations = _creatable(request)
    if not organizations:
        return forbidden(request, _("您没有起草政府信息的岗位（信息员、审核员或单位管理员），不能导入。"))
    response = HttpResponse(sheet.template(organizations),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = "attachment; filename*=UTF-8''%E6%89%B9%E9%87%8F%E5%AF%BC%E5%85%A5%E6%A8%A1%E6%9D%BF.xlsx"
    return response


@staff_required
@require_http_methods(["GET", "POST"])
def upload(request):
    organizations = _creatable(request)
    if not organizations:
        return forbidden(request, _("您没有起草政府信息的岗位（信息员、审核员或单位管理员），不能导入。"))
    form = UploadForm(request.POST or None, request.FILES or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        organization = form.cleaned_data["organization"]
        try:
            rows = sheet.read(form.cleaned_data["sheet"], organization)
        except sheet.SheetError as exc:
            form.add_error("sheet", str(exc))
        else:
            request.session[SESSION_KEY] = pending.keep(request.user, organization, [
                {"number": r.number, "data": r.data, "node_ids": r.node_ids, "node_paths": r.node_paths,
                 "errors": r.errors} for r in rows])
            return redirect("interchange:preview")
    return render(request, "interchange/upload.html", {"form": form})


@staff_required
@require_http_methods(["GET", "POST"])
def preview(request):
    token = request.session.get(SESSION_KEY)
    if not isinstance(token, str) or not token:  # nothing uploaded (or a session from before the rows moved out)
        request.session.pop(SESSION_KEY, None)
        messages.error(request, _("没有待导入的表格，请重新上传。"))
        return redirect("interchange:upload")
    try:
        waiting = pending.take(request.user, token)
    except pending.PendingRefused as exc:
        request.session.pop(SESSION_KEY, None)
        messages.error(request, exc.reason)
        return redirect("interchange:upload")
    organization = waiting.organization
    if not has_perm(request.user, "item.create", organization.pk):
        request.session.pop(SESSION_KEY, None)
        pending.discard(token)
        return forbidden(request, _("您没有为该机构起草信息的岗位。"))
    rows = waiting.rows
    good = [r for r in rows if not r["errors"]]
    form = ConfirmForm(request.POST or None, initial={"token": token})
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["token"] != token:
            form.add_error(None, _("表格已重新上传，请核对新的预览后再导入。"))
        elif not good:
            form.add_error(None, _("没有可以导入的行，请修改表格后重新上传。"))
        else:
            submit = form.cleaned_data["target"] == REVIEW
            try:
                with transaction.atomic():  # the rows are taken with the import: a second 确认导入 finds none
                    if not pending.claim(token):
                        raise ActionRefused(_("这份表格已经导入，或已被新上传的表格替换；请在信息列表中查看。"))
                    items = batch.import_rows(request.user, organization, good, submit, request=request)
            except ActionRefused as exc:
                form.add_error(None, exc.reason)
            else:
                request.session.pop(SESSION_KEY, None)
                messages.success(request, (_("已导入 %(n)d 条信息并送审。") if submit else
                                           _("已导入 %(n)d 条草稿。")) % {"n": len(items)})
                return redirect("publishing:list")
    return render(request, "interchange/preview.html", {
        "form": form, "rows": rows, "good": len(good), "bad": len(rows) - len(good), "organization": organization,
    })
