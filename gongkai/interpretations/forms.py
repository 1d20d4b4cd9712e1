"""Staff form of an interpretation. Item fields go to publishing; the link and form to this app."""

from django import forms
from django.forms import Script
from django.forms.utils import ErrorDict
from django.utils.translation import gettext_lazy as _

from gongkai.core.forms import ModelMultipleChoiceField
from gongkai.core.widgets import DateInput, RichTextarea
from gongkai.interpretations import services
from gongkai.interpretations.models import Interpretation
from gongkai.organizations.models import Organization
from gongkai.publishing.choices import Topic
from gongkai.publishing.forms import NoSuffixMixin


class PolicyChoiceField(ModelMultipleChoiceField):
    def label_from_instance(self, item):
        number = f"（{item.doc_number}）" if item.doc_number else ""
        return f"{item.title}{number} · {item.organization.name} · {item.get_state_display()}"


class InterpretationForm(NoSuffixMixin, forms.Form):
    """The policies are chosen from a short list the server narrows (policy_query + the 查找 button, no
    JavaScript): the field validates against every candidate, the widget shows only services.find_policies."""

    organization = forms.ModelChoiceField(queryset=Organization.objects.none(), label=_("发布机构"),
                                          error_messages={"invalid_choice": _("所选发布机构无效，或您无权为该机构起草解读。")})
    title = forms.CharField(label=_("标题"), max_length=300,
                            help_text=_("例如：《沂源县城乡居民医疗救助办法》政策解读"))
    form = forms.ChoiceField(label=_("解读形式"), choices=Interpretation.Form.choices)
    interpreter = forms.CharField(label=_("解读人"), max_length=100, required=False)
    media_url = forms.URLField(label=_("视频或发布会地址"), max_length=500, required=False, assume_scheme="https")
    # Enter in this field runs 查找 when JavaScript runs (policy_finder.js); elsewhere it saves (staff_form.html).
    policy_query = forms.CharField(label=_("查找政策文件"), max_length=100, required=False,
                                   widget=forms.TextInput(attrs={"data-enter-clicks": "find_policies",
                                                                 "enterkeyhint": "search"}),
                                   help_text=_("输入标题、文号或索引号中的词语，点“查找”后在下方勾选；已勾选的文件会保留。"))
    policies = PolicyChoiceField(queryset=None, label=_("解读的政策文件"), widget=forms.CheckboxSelectMultiple,
                                 error_messages={"invalid_choice": _("所选政策文件无效、尚未公开或不属于本单位。"),
                                                 "invalid_pk_value": _("所选政策文件无效、尚未公开或不属于本单位。"),
                                                 "required": _("请至少选择一件被解读的政策文件。")})
    topic = forms.ChoiceField(label=_("主题分类"), choices=Topic.choices, initial=Topic.GENERAL)
    formed_on = forms.DateField(label=_("形成日期"), widget=DateInput())
    summary = forms.CharField(label=_("内容概述"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    body = forms.CharField(label=_("正文"), widget=RichTextarea(attrs={"rows": 14}),
                           help_text=_("背景依据、目标任务、主要内容、新旧政策差异、关键词诠释等。"))

    class Media:
        js = [Script("interpretations/policy_finder.js", defer=True)]

    def __init__(self, *args, organizations=(), policies=None, editing=False, searching=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.searching = searching  # the 查找 button: show the narrowed list, validate and save nothing
        self.fields["organization"].queryset = Organization.objects.filter(pk__in=[o.pk for o in organizations])
        field = self.fields["policies"]
        field.queryset = policies
        if self.is_bound:
            query, chosen = self.data.get(self.add_prefix("policy_query"), ""), self.data.getlist(self.add_prefix("policies"))
        else:
            query, chosen = self.initial.get("policy_query", ""), [p.pk for p in self.initial.get("policies", [])]
        shown = services.find_policies(policies, query, chosen)
        field.widget.choices = [(p.pk, field.label_from_instance(p)) for p in shown]
        chosen_ids = {str(pk) for pk in chosen}
        if query.strip() and all(str(p.pk) in chosen_ids for p in shown):
            field.help_text = _("没有找到与“%(query)s”匹配、可以关联的文件（本单位的文件或已公开的文件）。") % {
                "query": query.strip()[:100]}
        else:
            field.help_text = _("最多显示%(n)d件；没有要找的文件时，请在上面输入更准确的词语查找。") % {"n": services.FIND_LIMIT}
        if editing:
            for name in ("organization", "title", "topic", "formed_on", "summary", "body"):
                del self.fields[name]

    def full_clean(self):
        if self.searching:  # not a save: no errors to show
            self._errors, self.cleaned_data = ErrorDict(), {}
            return
        super().full_clean()
