"""Staff pages around the cases: the 备案 register, the 台账 import/export, letter templates, reminders."""

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongkai.accounts.access import forbidden, staff_required
from gongkai.accounts.permissions import has_perm, organization_ids_with
from gongkai.core.forms import PlainTextMixin
from gongkai.core.params import id_param
from gongkai.core.services import ActionRefused
from gongkai.core.uploads import check_table
from gongkai.letters import registry
from gongkai.letters import services as letters
from gongkai.organizations.models import Organization
from gongkai.requests import queries
from gongkai.requests.clock import filing_day_kind
from gongkai.requests.ledger import LedgerFileError, export_audited, import_ledger
from gongkai.requests.ledger_io import write
from gongkai.requests.letter_texts import GROUP
from gongkai.requests.models import Filing, Reminder
from gongkai.requests.services.filing import filing_register, receive_filing
from gongkai.requests.services.intake import receiving_unit_ids
from gongkai.workdays import statute
from gongkai.workdays.statute import FILING_NATURAL_DAYS


@staff_required
@require_GET
def filings(request):
    org_ids = organization_ids_with(request.user, "request.filings")
    if not org_ids:
        return forbidden(request, _("备案登记簿仅供县大数据发展服务中心和政务公开办查看。"))
    rows = filing_register(request.user)
    state = request.GET.get("state", "")
    if state:
        rows = [row for row in rows if row.state == state]
    return render(request, "requests/staff/filings.html", {
        "rows": rows, "state": state, "can_receive": bool(organization_ids_with(request.user, "request.receive_filing")),
        "filing_natural_days": filing_day_kind() == FILING_NATURAL_DAYS, "filing_days": statute.FILING_DAYS,
    })


@staff_required
@require_POST
def filing_receive(request, case_id: int):
    filing = get_object_or_404(Filing.objects.select_related("case"), case_id=case_id)
    if not has_perm(request.user, "request.filings", filing.case.organization_id):
        raise Http404
    try:
        receive_filing(request.user, filing, request=request)
    except ActionRefused as exc:
        messages.error(request, exc.reason)
    else:
        messages.success(request, _("已签收备案材料。"))
    return redirect("requests:filings")


class ExportForm(forms.Form):
    organization = forms.ModelChoiceField(label=gettext_lazy("机关"), queryset=Organization.objects.none(),
                                          required=False, empty_label=gettext_lazy("全部"))
    year = forms.IntegerField(label=gettext_lazy("收到申请年度"), min_value=2008, max_value=2100, required=False)
    format = forms.ChoiceField(label=gettext_lazy("格式"), choices=[("xlsx", "Excel (.xlsx)"), ("csv", "CSV (UTF-8)")])


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("台账文件（.xlsx 或 .csv）"))


def _orgs(user, perm):
    return Organization.objects.filter(id__in=organization_ids_with(user, perm)).order_by("sort_order", "id")


@staff_required
@require_GET
def ledger(request):
    export_form = ExportForm()
    export_form.fields["organization"].queryset = _orgs(request.user, "request.view")
    return render(request, "requests/staff/ledger.html", {
        "export_form": export_form, "import_form": ImportForm(),
        "can_import": bool(receiving_unit_ids(request.user, "request.import")),
    })


@staff_required
@require_GET
def ledger_export(request):
    form = ExportForm(request.GET)
    form.fields["organization"].queryset = _orgs(request.user, "request.view")
    if not form.is_valid():
        messages.error(request, _("请选择有效的机关、年度和格式。"))
        return redirect("requests:ledger")
    cases = queries.visible_cases(request.user)
    if form.cleaned_data["organization"]:
        cases = cases.filter(organization=form.cleaned_data["organization"])
    if form.cleaned_data["year"]:
        cases = cases.filter(received_on__year=form.cleaned_data["year"])
    extension = form.cleaned_data["format"]
    rows = export_audited(request.user, cases,
                          lambda case: has_perm(request.user, "request.view_personal", case.organization_id),
                          organization=form.cleaned_data["organization"], year=form.cleaned_data["year"],
                          file_format=extension, request=request)
    content_type = ("text/csv; charset=utf-8" if extension == "csv"
                    else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response = HttpResponse(write(f"ledger.{extension}", rows), content_type=content_type)
    response["Content-Disposition"] = (
        f"attachment; filename=\"ledger-{timezone.localdate():%Y%m%d}.{extension}\"; "
        f"filename*=UTF-8''%E4%BE%9D%E7%94%B3%E8%AF%B7%E5%85%AC%E5%BC%80%E5%8F%B0%E8%B4%A6.{extension}")
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required
@require_POST
def ledger_import(request):
    allowed = organization_ids_with(request.user, "request.import")
    if not allowed:
        return forbidden(request, _("只有受理机关的工作人员可以导入台账。"))
    if not receiving_unit_ids(request.user, "request.import"):
        return forbidden(request, _("党委工作机关不适用《政府信息公开条例》，不受理政府信息公开申请。"))
    form = ImportForm(request.POST, request.FILES)
    report, problem = None, ""
    if form.is_valid():
        upload = form.cleaned_data["file"]
        name = upload.name or ""
        try:
            check_table(upload)
            report = import_ledger(request.user, name, upload.read(), allowed_organization_ids=allowed)
        except LedgerFileError as exc:
            problem = str(exc)
        except forms.ValidationError as exc:
            problem = " ".join(exc.messages)
    export_form = ExportForm()
    export_form.fields["organization"].queryset = _orgs(request.user, "request.view")
    status = 200 if report is not None and report.ok else 400
    return render(request, "requests/staff/ledger.html", {
        "export_form": export_form, "import_form": form, "report": report, "problem": problem, "can_import": True,
    }, status=status)


@staff_required
@require_GET
def templates(request):
    orgs = _orgs(request.user, "letter.templates")
    if not orgs:
        return forbidden(request, _("只有单位管理员可以修改本单位的文书模板。"))
    org = orgs.filter(pk=id_param(request, "org") or 0).first() or orgs.first()
    items = [(spec, letters.template_for(org, spec.key)) for spec in registry.specs(GROUP)]
    return render(request, "requests/staff/templates.html", {"organizations": orgs, "org": org, "items": items})


class TemplateForm(PlainTextMixin, forms.Form):
    """A letter template: a control character would break every DOCX and PDF issued from it."""

    title = forms.CharField(label=gettext_lazy("标题"), max_length=100)
    doc_prefix = forms.CharField(label=gettext_lazy("发文字号代字"), max_length=20)
    body = forms.CharField(label=gettext_lazy("正文模板"), widget=forms.Textarea(attrs={"rows": 14}))


@staff_required
@require_http_methods(["GET", "POST"])
def template_edit(request):
    key = request.GET.get("key", "")
    org = get_object_or_404(Organization, pk=id_param(request, "org") or 0)
    if not has_perm(request.user, "letter.templates", org.id):
        return forbidden(request, _("只有单位管理员可以修改本单位的文书模板。"))
    try:
        spec = registry.get(key)
    except KeyError as exc:
        raise Http404 from exc
    template = letters.template_for(org, key)
    form = TemplateForm(request.POST or None, initial={"title": template.title, "doc_prefix": template.doc_prefix,
                                                       "body": template.body})
    if request.method == "POST":
        try:
            if request.POST.get("reset"):
                letters.reset_template(request.user, org, key, request=request)
                messages.success(request, _("已恢复为平台默认模板。"))
                return redirect(f"{request.path}?org={org.pk}&key={key}")
            if form.is_valid():
                letters.save_template(request.user, org, key, request=request, **form.cleaned_data)
                messages.success(request, _("模板已保存，之后出具的文书使用新模板；已出具的文书不变。"))
                return redirect(f"{request.path}?org={org.pk}&key={key}")
        except ActionRefused as exc:
            form.add_error(None, exc.reason)
    return render(request, "requests/staff/template_edit.html", {"form": form, "spec": spec, "org": org},
                  status=400 if form.errors else 200)


@staff_required
@require_http_methods(["GET", "POST"])
def reminders(request):
    mine = Reminder.objects.filter(user=request.user).select_related("case")
    if request.method == "POST":
        mine.filter(read_at__isnull=True).update(read_at=timezone.now())
        return redirect("requests:reminders")
    return render(request, "requests/staff/reminders.html", {"reminders": mine[:200]})
