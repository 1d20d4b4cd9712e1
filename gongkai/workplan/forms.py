"""Forms of the work plan pages. They validate input and give clear Chinese errors; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongkai.core.forms import ModelMultipleChoiceField, PlainTextMixin
from gongkai.core.widgets import DateInput
from gongkai.publishing.models import InformationItem
from gongkai.workplan.choices import DayKind, DeadlineKind, Period, Progress
from gongkai.workplan.models import Plan

DATE = DateInput()


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


def find_item(ref: str) -> InformationItem | None:
    """A live item by the link to its page on this platform or by its 发文字号."""
    from gongkai.workplan.reporting import _platform_item

    ref = (ref or "").strip()
    if not ref:
        return None
    item = _platform_item(ref) if "/" in ref else None
    if item is None:
        item = InformationItem.objects.live().filter(doc_number=ref).order_by("-published_at").first()
    return item


class PlanForm(PlainTextMixin, forms.ModelForm):
    item_ref = forms.CharField(
        label=_("已公开的文件"), required=False, max_length=500,
        help_text=_("填写该工作要点在本平台公开页面的链接或其发文字号，公开页面将链接到原文。"),
    )

    class Meta:
        model = Plan
        fields = ["title", "doc_number", "year", "issued_on", "task_levels", "is_public"]
        widgets = {"issued_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.item_id and not self.is_bound:
            self.initial["item_ref"] = self.instance.item.doc_number or ""

    def clean_item_ref(self):
        ref = self.cleaned_data["item_ref"]
        item = find_item(ref)
        if ref.strip() and item is None:
            raise forms.ValidationError(_("没有找到该已公开的文件，请核对链接或发文字号。"))
        return item


class ImportForm(forms.Form):
    table = forms.FileField(label=_("任务分解表（.xlsx）"),
                            help_text=_("列：工作任务、具体要求、责任单位、完成时限（可选）；层级可用合并单元格表示。"))


class TaskForm(PlainTextMixin, forms.Form):
    text = forms.CharField(label=_("内容"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)
    weight = forms.IntegerField(label=_("权重"), min_value=1, max_value=100,
                                help_text=_("上级任务的进度按下级任务的权重加权计算。"))
    responsibility_text = forms.CharField(
        label=_("责任单位"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("第一个单位为牵头单位；也可写明“某单位（牵头）”或“牵头单位：…；配合单位：…”。"),
    )


class DeadlineForm(PlainTextMixin, forms.Form):
    kind = forms.ChoiceField(label=_("时限类型"), choices=DeadlineKind.choices)
    due_on = forms.DateField(label=_("完成时限"), required=False, widget=DATE)
    period = forms.ChoiceField(label=_("周期"), choices=[("", "—"), *Period.choices], required=False)
    starts_on = forms.DateField(label=_("起始日期"), required=False, widget=DATE)
    ends_on = forms.DateField(label=pgettext_lazy("date range", "截止日期"), required=False, widget=DATE)
    event_label = forms.CharField(label=_("起算事件"), required=False, max_length=60,
                                  help_text=_("例如：办理完结"))
    event_days = forms.IntegerField(label=_("事后天数"), required=False, min_value=1, max_value=365)
    event_day_kind = forms.ChoiceField(
        label=_("天数计法"), choices=[(DayKind.CALENDAR, _("自然日（“3日内”）")), (DayKind.WORKING, _("工作日（“15个工作日内”）"))],
        initial=DayKind.CALENDAR, required=False,
        help_text=_("工作日按本平台工作日历计算，节假日和调休按国务院办公厅公布的安排。"))
    # Single-use (requests.spam.consume_staff_token) when adding: a double-click sets one deadline.
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, token: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not token:
            del self.fields["form_token"]
        elif not self.is_bound:
            from gongkai.requests.spam import new_staff_token

            self.initial["form_token"] = new_staff_token()


class ReportForm(PlainTextMixin, forms.Form):
    organization = forms.ChoiceField(label=_("报送单位"))
    occurrence = forms.ChoiceField(label=_("期次"), required=False)
    status = forms.ChoiceField(label=_("状态"), choices=Progress.choices)
    percent = forms.IntegerField(label=_("完成进度（%）"), min_value=0, max_value=100)
    text = forms.CharField(label=_("进展情况"), widget=forms.Textarea(attrs={"rows": 5}), max_length=4000)
    items = ModelMultipleChoiceField(
        label=_("佐证：本单位已公开的信息"), required=False, queryset=InformationItem.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("可多选（按住 Ctrl 键）。"),
    )
    urls = forms.CharField(
        label=_("佐证：网址"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("每行一个网址；本平台信息页面的链接会自动识别为平台信息。"),
    )
    files = MultipleFileField(label=_("佐证：附件"), required=False,
                              help_text=_("可选多个文件：PDF、OFD、Word、Excel、WPS、图片或 ZIP。"))
    # Single-use (requests.spam.consume_staff_token): a double-click files one report.
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, organizations=(), occurrences=(), items=None, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            from gongkai.requests.spam import new_staff_token

            self.initial["form_token"] = new_staff_token()
        self.organizations = {str(o.pk): o for o in organizations}
        self.fields["organization"].choices = [(str(o.pk), o.name) for o in organizations]
        self.occurrences = {str(o.pk): o for o in occurrences}
        self.fields["occurrence"].choices = [("", _("不针对具体期次"))] + [
            (str(o.pk), _("%(label)s（%(due)s到期）") % {"label": o.display_label, "due": f"{o.due_on:%Y-%m-%d}"})
            for o in occurrences]
        if items is not None:
            self.fields["items"].queryset = items

    def clean_organization(self):
        return self.organizations[self.cleaned_data["organization"]]

    def clean_occurrence(self):
        value = self.cleaned_data.get("occurrence")
        return self.occurrences.get(value) if value else None

    def url_list(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("urls", "").splitlines() if line.strip()]


class ReviewForm(PlainTextMixin, forms.Form):
    decision = forms.ChoiceField(label=_("审核结论"), widget=forms.RadioSelect,
                                 choices=[("accept", _("采纳（在公开页面展示）")), ("return", _("退回（请单位补充或更正）"))])
    comment = forms.CharField(label=_("审核意见"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 3}))
