from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from gongkai.assurance.models import (
    Answer,
    Assessment,
    ChecklistItem,
    ErrorTerm,
    Leader,
    NegativeEntry,
    TrainingSession,
)
from gongkai.assurance.services.common import MAX_POSITION
from gongkai.assurance.services.training import check_hours
from gongkai.core.forms import DateRangeMixin, ModelMultipleChoiceField
from gongkai.core.services import ActionRefused
from gongkai.core.widgets import DateInput
from gongkai.organizations.models import Organization

DATE = DateInput()


class PositionMixin:
    """Bounds the 排序 field of a list's entry form (0 to MAX_POSITION), said next to the field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["position"]
        field.min_value, field.max_value = 0, MAX_POSITION
        field.widget.attrs.update({"min": 0, "max": MAX_POSITION})
        field.validators = [*field.validators, MinValueValidator(0), MaxValueValidator(MAX_POSITION)]


class ChecklistItemForm(PositionMixin, forms.ModelForm):
    class Meta:
        model = ChecklistItem
        fields = ["text", "source", "position", "is_active"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class CampaignForm(DateRangeMixin, forms.Form):
    title = forms.CharField(label=_("名称"), max_length=200)
    year = forms.IntegerField(label=_("年度"), min_value=2019, max_value=2100)
    due_on = forms.DateField(label=_("报送截止日期"), widget=DATE)
    instructions = forms.CharField(label=_("工作要求"), required=False, max_length=2000,
                                   widget=forms.Textarea(attrs={"rows": 4}))
    units = ModelMultipleChoiceField(label=_("参加单位"), queryset=Organization.objects.none(),
                                           widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units if units is not None else Organization.objects.none()


class ReviewResponseForm(forms.Form):
    accept = forms.TypedChoiceField(label=_("审核结论"), widget=forms.RadioSelect, coerce=lambda v: v == "1",
                                    choices=[("1", _("通过")), ("0", _("退回修改"))],
                                    error_messages={"required": _("请选择审核结论。")})
    comment = forms.CharField(label=_("审核意见（退回时必填）"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 3}))


class NegativeEntryForm(PositionMixin, forms.ModelForm):
    class Meta:
        model = NegativeEntry
        fields = ["title", "basis", "law", "description", "examples", "position", "is_active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "examples": forms.Textarea(attrs={"rows": 3})}


class ErrorTermForm(forms.ModelForm):
    class Meta:
        model = ErrorTerm
        fields = ["kind", "text", "correction", "source", "since", "is_active"]
        widgets = {"since": DATE}


class LeaderForm(PositionMixin, forms.ModelForm):
    class Meta:
        model = Leader
        fields = ["name", "post", "position", "is_active"]


class AssessmentCreateForm(forms.Form):
    year = forms.IntegerField(label=_("考核年度"), min_value=2019, max_value=2100)


class WeightsForm(forms.ModelForm):
    class Meta:
        model = Assessment
        fields = ["weight_inspection", "weight_requests", "weight_reports", "weight_workplan", "weight_training",
                  "weight_standards", "training_required"]


class ManualItemForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("单位"), queryset=Organization.objects.none(),
                                          error_messages={"required": _("请选择单位。")})
    points = forms.DecimalField(label=_("加减分"), max_digits=4, decimal_places=1, min_value=-20, max_value=20,
                                help_text=_("加分填正数，减分填负数。"),
                                error_messages={"required": _("请填写-20到20之间的加减分。")})
    reason = forms.CharField(label=_("理由"), max_length=300, error_messages={"required": _("请填写加减分的理由。")})
    # Single-use (requests.spam.consume_staff_token): a double-click records one item.
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            from gongkai.requests.spam import new_staff_token

            self.initial["form_token"] = new_staff_token()
        self.fields["organization"].queryset = Organization.objects.filter(pk__in=[u.pk for u in units])


class SessionForm(DateRangeMixin, forms.ModelForm):
    materials = forms.FileField(label=_("培训材料"), required=False,
                                help_text=_("课件、讲稿等（PDF、Word、Excel、PowerPoint、图片），可稍后在培训页面继续上传。"))

    class Meta:
        model = TrainingSession
        fields = ["held_on", "topic", "level", "trainer", "place", "hours", "summary"]
        widgets = {"held_on": DATE, "summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, county_level: bool = True, **kwargs):
        """`county_level`: whether 县级 may be chosen (the 政务公开办, or a session that already is 县级);
        a unit's administrator records its own 部门/乡镇 sessions only (training.save_session checks the same)."""
        super().__init__(*args, **kwargs)
        if not county_level:
            self.fields["level"].choices = [(value, label) for value, label in self.fields["level"].choices
                                            if value != TrainingSession.Level.COUNTY]

    def clean_hours(self):
        """学时 out of range is said next to the field (the service checks the same rule, training._hours),
        except a value the record already had."""
        hours = self.cleaned_data.get("hours")
        if hours is None or (self.instance.pk and hours == self.instance.hours):
            return hours
        try:
            return check_hours(hours)
        except ActionRefused as refused:
            raise forms.ValidationError(str(refused)) from None


class MaterialForm(forms.Form):
    file = forms.FileField(label=_("培训材料"))


class AttendanceForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("单位"), queryset=Organization.objects.none())
    names = forms.CharField(label=_("参训人员姓名（每行一人）"), required=False, max_length=5000,
                            widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["organization"].queryset = units


ANSWER_STATUS = [("", _("请选择")), *Answer.Status.choices]
