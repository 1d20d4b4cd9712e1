"""「从Word导入」 (a .docx becomes a draft) and 「批量导入」 (an XLSX sheet becomes drafts)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.access import forbidden, staff_required
from gongkai.accounts.permissions import organization_ids_with
from gongkai.core.services import ActionRefused
from gongkai.organizations.models import Organization
from gongkai.publishing import services
from gongkai.publishing.forms_import import WordImportForm
from gongkai.publishing.wordimport import WordImportError, convert_docx


def _creatable(request) -> list:
    return list(Organization.objects.filter(pk__in=organization_ids_with(request.user, "item.create")))


@staff_required
def import_word(request):
    organizations = _creatable(request)
    if not organizations:
        return forbidden(request, _("您没有起草政府信息的岗位（信息员、审核员或单位管理员），不能导入。"))
    form = WordImportForm(request.POST or None, request.FILES or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        try:
            converted = convert_docx(form.cleaned_data["document"], form.cleaned_data["document"].name)
            data = {"title": converted.title, "doc_number": converted.doc_number, "body": converted.body,
                    "written_on": converted.written_on, "formed_on": converted.written_on or timezone.localdate()}
            if converted.doc_type:
                data["doc_type"] = converted.doc_type
            item = services.create_item(request.user, form.cleaned_data["organization"], data, request=request)
        except WordImportError as exc:
            form.add_error("document", str(exc))
        except ActionRefused as exc:
            form.add_error(None, exc.reason)
        else:
            messages.success(request, _("已从 Word 文档生成草稿。请核对名称、发文字号、日期和正文，选择目录栏目后送审。"))
            for warning in converted.warnings:
                messages.warning(request, warning)
            return redirect("publishing:edit", item_id=item.pk)
    return render(request, "publishing/import_word.html", {"form": form})
