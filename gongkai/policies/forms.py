"""The staff form of a policy record, the digest forms, and the public finder's filters."""

import re

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai.core.forms import CONTROL_CHARS, DateRangeMixin, KeywordField, PlainTextMixin
from gongkai.core.industries import Industry
from gongkai.core.widgets import DateInput
from gongkai.organizations.models import Organization
from gongkai.policies.limits import MAX_LINE_LENGTH, MAX_MATERIALS, MAX_STEPS
from gongkai.policies.models import Category, Delivery, Size
from gongkai.publishing.forms import NoSuffixMixin

# "1." "2、" "（3）" typed before a line: the list numbers its entries itself.
NUMBERING = re.compile(r"^\s*(?:\d{1,2}[.、)）]|[（(]\d{1,2}[)）])\s*")
DATE = DateInput()


class LinesField(forms.CharField):
    """One entry per line (申报材料, 办理流程 steps): a list of non-empty lines.

    The text is checked before it becomes a list (Django's own NUL and max_length checks would look at the
    list): control characters, the length of each line and the number of lines are refused with a message,
    never cut silently."""

    widget = forms.Textarea(attrs={"rows": 5})

    def __init__(self, *args, max_lines: int, **kwargs):
        self.max_lines = max_lines
        super().__init__(*args, **kwargs)
        self.validators = []  # the NUL and length validators would see the list: to_python checks the text

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list | tuple) else value

    def to_python(self, value):
        text = "" if value in self.empty_values else str(value)
        if CONTROL_CHARS.search(text):
            raise forms.ValidationError(_("“%(field)s”不能包含控制字符，请只填写文字。") % {"field": self.label},
                                        code="control_characters")
        if self.max_length is not None and len(text) > self.max_length:
            raise forms.ValidationError(_("“%(field)s”最多%(limit)d个字（现有%(count)d个字）。")
                                        % {"field": self.label, "limit": self.max_length, "count": len(text)},
                                        code="max_length")
        lines = [NUMBERING.sub("", line).strip() or line.strip() for line in text.splitlines() if line.strip()]
        if len(lines) > self.max_lines:
            raise forms.ValidationError(_("“%(field)s”最多%(limit)d行（现有%(count)d行），请合并或精简。")
                                        % {"field": self.label, "limit": self.max_lines, "count": len(lines)},
                                        code="max_lines")
        long = [number for number, line in enumerate(lines, 1) if len(line) > MAX_LINE_LENGTH]
        if long:
            raise forms.ValidationError(_("“%(field)s”每行最多%(limit)d个字，第%(lines)s行超出，请分行或精简。")
                                        % {"field": self.label, "limit": MAX_LINE_LENGTH,
                                           "lines": "、".join(str(n) for n in long[:5])}, code="line_length")
        return lines


class DepartmentField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name if obj.is_active else _("%(name)s（已停用）") % {"name": obj.name}


class PolicyForm(PlainTextMixin, DateRangeMixin, NoSuffixMixin, forms.Form):
    conditions = forms.CharField(label=_("申请条件"), required=False, max_length=5000,
                                 widget=forms.Textarea(attrs={"rows": 5}),
                                 help_text=_("哪些企业可以申请：主体、行业、规模、经营年限、达到的指标等。"))
    materials = LinesField(label=_("申报材料清单"), required=False, max_length=10000, max_lines=MAX_MATERIALS,
                           help_text=_("每行一项材料，例如：营业执照复印件。免申即享的政策可不填。"))
    procedure = LinesField(label=_("办理流程"), required=False, max_length=10000, max_lines=MAX_STEPS,
                           help_text=_("每行一个步骤，按先后顺序，例如：企业在线提交申请。"))
    department = DepartmentField(queryset=Organization.objects.none(), label=_("承办部门"), required=False,
                                        error_messages={"invalid_choice": _("所选承办部门无效。")})
    contact = forms.CharField(label=_("联系方式"), required=False, max_length=300,
                              help_text=_("承办科室、联系电话、办公地址等，例如：企业服务科 0533-3241234。"))
    starts_on = forms.DateField(label=_("申报开始日期"), required=False, widget=DATE)
    ends_on = forms.DateField(label=_("申报截止日期"), required=False, widget=DATE)
    industries = forms.MultipleChoiceField(label=_("适用行业"), required=False, choices=Industry.choices,
                                           widget=forms.CheckboxSelectMultiple,
                                           help_text=_("国民经济行业分类（GB/T 4754-2017）门类；不选表示不限行业。"))
    sizes = forms.MultipleChoiceField(label=_("适用企业规模"), required=False, choices=Size.choices,
                                      widget=forms.CheckboxSelectMultiple, help_text=_("不选表示不限规模。"))
    category = forms.ChoiceField(label=_("政策类别"), choices=Category.choices, initial=Category.SUBSIDY)
    delivery = forms.ChoiceField(label=_("兑现方式"), choices=Delivery.choices, initial=Delivery.APPLY,
                                 widget=forms.RadioSelect,
                                 help_text=_("免申即享：符合条件的企业无需申请，由部门主动兑现。"))
    interpretation_url = forms.URLField(label=_("政策解读链接"), required=False, max_length=500, assume_scheme="https",
                                        help_text=_("已发布政策解读的，填写其网址。"))

    def __init__(self, *args, current_department=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Active units only; a department dissolved since it was chosen stays selectable on this record, so a
        # reviewer extending a deadline is not forced to reassign it (services.save_policy refuses a new one).
        active = Q(is_active=True)
        if current_department is not None:
            active |= Q(pk=current_department.pk)
        self.fields["department"].queryset = Organization.objects.filter(active).order_by("sort_order", "id")

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("申报截止日期不能早于开始日期。"))
        return data


class CompileForm(PlainTextMixin, NoSuffixMixin, forms.Form):
    organization = forms.ModelChoiceField(queryset=Organization.objects.none(), label=_("推送单位"),
                                          error_messages={"invalid_choice": _("所选单位无效，或您无权为该单位整理推送。")})
    period = forms.ChoiceField(label=_("季度"))
    note = forms.CharField(label=_("推送说明"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("写在推送开头的一段话，例如本季度的重点政策和咨询方式。"))

    def __init__(self, *args, organizations=(), quarters=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.filter(pk__in=[o.pk for o in organizations])
        self.quarters = {f"{q.year}-{q.number}": q for q in quarters}
        self.fields["period"].choices = [(key, q.label) for key, q in self.quarters.items()]

    def clean_period(self):
        return self.quarters[self.cleaned_data["period"]]


class NoteForm(PlainTextMixin, NoSuffixMixin, forms.Form):
    note = forms.CharField(label=_("推送说明"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class FinderForm(forms.Form):
    """The public finder's filters (GET); an invalid value is ignored, never an error page."""

    q = KeywordField(label=_("关键词"), required=False, max_length=50)
    industry = forms.ChoiceField(label=_("所属行业"), required=False, choices=[("", _("全部行业")), *Industry.choices])
    size = forms.ChoiceField(label=_("企业规模"), required=False, choices=[("", _("全部规模")), *Size.choices])
    category = forms.ChoiceField(label=_("政策类别"), required=False, choices=[("", _("全部类别")), *Category.choices])
    unit = forms.TypedChoiceField(label=_("发布或承办单位"), required=False, coerce=int, empty_value=None)
    open = forms.BooleanField(label=_("只看正在申报的政策"), required=False)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("全部单位")), *[(o.pk, o.name) for o in units]]
