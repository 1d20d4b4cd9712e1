from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.core.forms import PlainTextMixin
from gongkai.core.secrecy import SecrecyReviewFields
from gongkai.core.widgets import RichTextarea
from gongkai.gazette.models import MAX_ISSUE_NUMBER, MAX_PAGE, MAX_TOTAL_NUMBER
from gongkai.organizations.models import Organization
from gongkai.publishing.forms import DateInput, NoSuffixMixin


class IssueForm(NoSuffixMixin, forms.Form):
    organization = forms.ModelChoiceField(queryset=Organization.objects.none(), label=_("编辑出版单位"))
    year = forms.IntegerField(label=_("年份"), min_value=1949, max_value=2100)
    number = forms.IntegerField(label=_("期号"), min_value=1, max_value=MAX_ISSUE_NUMBER, error_messages={
        "max_value": _("期号不能大于%(limit_value)s。"), "min_value": _("期号须为正整数。")},
        help_text=_("同一年内不能重复。已撤回的一期不占用期号和总期号：更正后重新出版的一期可以沿用。"))
    total_number = forms.IntegerField(label=_("总期号"), min_value=1, max_value=MAX_TOTAL_NUMBER, error_messages={
        "max_value": _("总期号不能大于%(limit_value)s。"), "min_value": _("总期号须为正整数。")})
    published_on = forms.DateField(label=_("出版日期"), widget=DateInput())
    pdf = forms.FileField(label=_("整期 PDF"))

    def __init__(self, *args, organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.filter(pk__in=[o.pk for o in organizations])
        self.fields["year"].initial = timezone.localdate().year


class ImportForm(PlainTextMixin, IssueForm, SecrecyReviewFields):
    contents = forms.FileField(label=_("目录 CSV"), help_text=_(
        "列：序号、栏目、标题（必填）、文号、发文机关、页码、索引号、正文。每行填“索引号”（关联已发布的政府信息）或“正文”之一。"
        "UTF-8 或 Excel 默认编码均可。导入后该期公报即发布。"))
    field_order = ["organization", "year", "number", "total_number", "published_on", "pdf", "contents",
                   "secrecy_checked", "opinion"]


class PublishForm(PlainTextMixin, NoSuffixMixin, SecrecyReviewFields):
    pass


class WithdrawForm(PlainTextMixin, NoSuffixMixin, forms.Form):
    reason = forms.CharField(label=_("撤回原因"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
                             error_messages={"required": _("请填写撤回原因。")})


class EntryForm(PlainTextMixin, NoSuffixMixin, forms.Form):
    section = forms.CharField(label=_("栏目"), max_length=50, required=False)
    title = forms.CharField(label=_("标题"), max_length=300)
    doc_number = forms.CharField(label=_("文号"), max_length=100, required=False)
    issuer = forms.CharField(label=_("发文机关"), max_length=100, required=False)
    page = forms.IntegerField(label=_("页码"), min_value=1, max_value=MAX_PAGE, required=False, error_messages={
        "max_value": _("页码不能大于%(limit_value)s。"), "min_value": _("页码须为正整数。")})
    index_no = forms.CharField(label=_("对应政府信息的索引号"), max_length=40, required=False,
                               help_text=_("文件已在本平台发布的，填写索引号，正文随信息显示。"))
    body = forms.CharField(label=_("正文"), required=False, widget=RichTextarea(attrs={"rows": 10}),
                           help_text=_("未在本平台发布的文件，在此填写正文。"))


class CorrectionForm(EntryForm, SecrecyReviewFields):
    """An entry added to a published issue: public at once, so with the 保密审查 (条例第十七条)."""

    field_order = [*EntryForm.base_fields, "secrecy_checked", "opinion"]
