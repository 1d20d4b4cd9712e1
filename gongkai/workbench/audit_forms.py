from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongkai.audit.labels import action_label, object_type_label
from gongkai.core.forms import KeywordField
from gongkai.core.widgets import DateInput
from gongkai.organizations.models import Organization


class EventFilterForm(forms.Form):
    """The audit log's filters (GET). Choices are limited to what the user may see."""

    actor = KeywordField(label=_("操作人"), max_length=50, required=False,
                            help_text=_("姓名或用户名中包含的文字"))
    action = forms.ChoiceField(label=_("操作"), required=False)
    organization = forms.ModelChoiceField(label=_("所属机构"), queryset=Organization.objects.none(), required=False,
                                          empty_label=_("全部"))
    object_type = forms.ChoiceField(label=_("对象类型"), required=False)
    date_from = forms.DateField(label=_("起始日期"), required=False, widget=DateInput())
    date_to = forms.DateField(label=pgettext_lazy("date range", "截止日期"), required=False, widget=DateInput())

    def __init__(self, data, events, organization_ids, **kwargs):
        super().__init__(data, **kwargs)
        everything = [("", _("全部"))]
        actions = sorted(set(events.order_by().values_list("action", flat=True).distinct()))
        self.fields["action"].choices = everything + [(a, action_label(a)) for a in actions]
        types = sorted(set(events.order_by().values_list("object_type", flat=True).distinct()) - {""})
        self.fields["object_type"].choices = everything + [(t, object_type_label(t)) for t in types]
        self.fields["organization"].queryset = Organization.objects.filter(id__in=organization_ids)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(_("起始日期不能晚于截止日期。"))
        return cleaned

    def apply(self, events):
        """The events narrowed by every filter that validated."""
        data = getattr(self, "cleaned_data", {}) if self.is_bound else {}
        if data.get("actor"):
            # A failed login has no actor; the attempted user name is its object.
            events = events.filter(
                Q(actor_name__icontains=data["actor"])
                | Q(action__startswith="auth.", object_repr__icontains=data["actor"])
            )
        if data.get("action"):
            events = events.filter(action=data["action"])
        if data.get("organization"):
            events = events.filter(organization=data["organization"])
        if data.get("object_type"):
            events = events.filter(object_type=data["object_type"])
        if data.get("date_from") and not self.errors.get("__all__"):
            events = events.filter(at__date__gte=data["date_from"])
        if data.get("date_to") and not self.errors.get("__all__"):
            events = events.filter(at__date__lte=data["date_to"])
        return events
