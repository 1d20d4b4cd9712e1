from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.core.forms import PlainTextMixin, plain_text
from gongkai.core.i18n import colon
from gongkai.core.secrecy import SecrecyReviewFields
from gongkai.organizations.models import Organization
from gongkai.publishing.forms import NoSuffixMixin
from gongkai.reports import formats
from gongkai.reports.narrative import CHAPTERS, MAX_CHAPTER_CHARS


class CreateForm(NoSuffixMixin, forms.Form):
    organization = forms.ModelChoiceField(queryset=Organization.objects.none(), label=_("单位"))
    year = forms.IntegerField(label=_("报告年度"), min_value=formats.FIRST_REPORT_YEAR, max_value=2200)

    def __init__(self, *args, organizations=(), year=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.filter(pk__in=[o.pk for o in organizations])
        self.fields["year"].initial = year


class FiguresForm(NoSuffixMixin, forms.Form):
    """The table-2 cells the unit enters; names are "<row>.<field>" as in the report JSON."""

    def __init__(self, *args, year: int, entered: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        entered = entered or {}
        for row, row_label, spec in formats.entered_fields(formats.format_for(year)):
            label = f"{row_label}{colon()}{spec.label}"
            initial = (entered.get(row) or {}).get(spec.key, 0)
            if spec.kind == formats.MONEY:
                field = forms.DecimalField(label=label, min_value=0, max_digits=12, decimal_places=2, initial=initial)
            elif spec.kind == formats.SIGNED:
                field = forms.IntegerField(label=label, initial=initial, help_text=_("减少的填负数。"))
            else:
                field = forms.IntegerField(label=label, min_value=0, initial=initial)
            self.fields[f"{row}.{spec.key}"] = field


class ChaptersForm(NoSuffixMixin, forms.Form):
    """The narrative chapters, published as the report's page, DOCX and PDF: a control character (which
    would break the DOCX) or an invisible bidi control is refused on its chapter."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, title in CHAPTERS:
            self.fields[key] = forms.CharField(
                label=title, required=False, max_length=MAX_CHAPTER_CHARS,
                widget=forms.Textarea(attrs={"rows": 14 if key == "overview" else 6}),
                help_text=_("每行一段；以“（一）”等开头的短行作为小标题。“【请填写：…】”提示须补充或删除后才能通过校验。"))
            plain_text(self.fields[key], bidi=True)


class ReturnForm(PlainTextMixin, NoSuffixMixin, forms.Form):
    opinion = forms.CharField(label=_("审核意见"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class PublishForm(PlainTextMixin, NoSuffixMixin, SecrecyReviewFields):
    """审核通过 and 公布, with the 保密审查 (条例第十七条)."""

    override_reason = forms.CharField(
        label=_("未通过校验仍公布的理由"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("仅在年报未通过校验时填写；理由与公布操作一并记入操作日志。"))


class ReopenForm(PlainTextMixin, NoSuffixMixin, forms.Form):
    refuse_bidi = True  # shown to the public on the withdrawn report's page

    reason = forms.CharField(label=_("撤回更正的原因"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("原因将在已公布的信息页面上向公众显示。"))
