"""Forms of the two imports staff run on the web: 「从Word导入」 and 「批量导入」."""

from pathlib import PurePath

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from gongkai.core.uploads import check_upload
from gongkai.organizations.models import Organization
from gongkai.publishing.forms import NoSuffixMixin

# Binary Office formats without a well-kept converter short of LibreOffice (wordimport.py).
UNCONVERTED = {".doc", ".wps"}


class OrganizationChoiceMixin:
    def _limit_organizations(self, organizations):
        field = self.fields["organization"]
        field.queryset = Organization.objects.filter(pk__in=[o.pk for o in organizations])
        if len(organizations) == 1:
            field.initial = organizations[0].pk


class WordImportForm(OrganizationChoiceMixin, NoSuffixMixin, forms.Form):
    organization = forms.ModelChoiceField(
        queryset=Organization.objects.none(), label=_("发布机构"),
        error_messages={"invalid_choice": _("所选发布机构无效，或您无权为该机构起草信息。"),
                        "required": _("请选择发布机构。")},
    )
    document = forms.FileField(
        label=_("Word 文档（.docx）"),
        help_text=_("名称、发文字号、成文日期和文种能识别的会自动填写；正文保留标题、加粗、列表、表格和对齐方式。"
                    ".doc 和 .wps 格式暂不能直接导入，请先用 WPS 或 Word “另存为” .docx 文件。"),
        error_messages={"required": _("请选择要导入的 Word 文档。")},
        widget=forms.ClearableFileInput(attrs={"accept": ".docx"}),
    )

    def __init__(self, *args, organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._limit_organizations(list(organizations))

    def clean_document(self):
        uploaded = self.cleaned_data["document"]
        extension = PurePath(uploaded.name or "").suffix.lower()
        if extension in UNCONVERTED:
            raise ValidationError(_("暂不支持直接导入 %(ext)s 文件：请用 WPS 或 Word 打开后“另存为” .docx 再导入。"),
                                  params={"ext": extension})
        if extension != ".docx":
            raise ValidationError(_("请上传 .docx 格式的 Word 文档。"))
        check_upload(uploaded)
        return uploaded
