from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.core.forms import PlainTextMixin
from gongkai.core.i18n import left_paren, right_paren
from gongkai.topics.models import Topic

PRESETS = (("", _("不预设（手工添加子栏目）")), ("emergency", _("应急预案：总体预案、自然灾害类、事故灾难类、公共卫生类、社会安全类（按工作要点任务分解表的责任单位）")))


class TopicForm(PlainTextMixin, forms.ModelForm):
    refuse_bidi = True  # every text of these forms is shown on /zt/ or to the other side

    units = forms.MultipleChoiceField(label=_("可报送单位"), required=False, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Topic
        fields = ["title", "slug", "intro", "is_public", "open_to_all", "sort_order"]
        widgets = {"intro": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, unit_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].choices = [(str(o.pk), o.name) for o in unit_choices]
        if self.instance.pk:
            self.fields["units"].initial = [str(pk) for pk in self.instance.units.values_list("pk", flat=True)]


class NewTopicForm(TopicForm):
    preset = forms.ChoiceField(label=_("预设子栏目"), choices=PRESETS, required=False)
    columns = forms.CharField(label=_("子栏目"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("每行一个子栏目名称。"))


class ColumnForm(PlainTextMixin, forms.Form):
    refuse_bidi = True

    name = forms.CharField(label=_("子栏目名称"), max_length=60, error_messages={
        "required": _("请填写子栏目名称（60字以内）。"), "max_length": _("请填写子栏目名称（60字以内）。")})


class BannerForm(PlainTextMixin, forms.Form):
    refuse_bidi = True

    banner = forms.FileField(label=_("横幅图片（PNG 或 JPEG）"))
    banner_alt = forms.CharField(label=_("图片说明"), max_length=200)


class SubmitForm(PlainTextMixin, forms.Form):
    refuse_bidi = True

    item = forms.ChoiceField(label=_("本单位已有的信息"), required=False)
    title = forms.CharField(label=_("或新起草稿件：标题"), max_length=300, required=False)
    body = forms.CharField(label=_("正文"), required=False, widget=forms.Textarea(attrs={"rows": 6}))
    note = forms.CharField(label=_("报送说明"), max_length=300, required=False)
    # Single-use (requests.spam.consume_staff_token): a double-click drafts one new item, not two.
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            from gongkai.requests.spam import new_staff_token

            self.initial["form_token"] = new_staff_token()
        self.fields["item"].choices = [("", _("（新起草稿件）"))] + [
            (str(item.pk), f"{item.title}{left_paren()}{item.get_state_display()}{right_paren()}") for item in items]

    def clean(self):
        data = super().clean()
        if not data.get("item") and not (data.get("title") or "").strip():
            raise forms.ValidationError(_("请选择本单位已有的信息，或填写新稿件的标题。"))
        return data


class DecisionForm(PlainTextMixin, forms.Form):
    refuse_bidi = True

    decision = forms.ChoiceField(label=_("审核结论"), choices=(("adopt", _("采用")), ("return", _("退回"))),
                                 widget=forms.RadioSelect)
    comment = forms.CharField(label=_("审核意见"), max_length=300, required=False,
                              help_text=_("退回时必填，说明需要修改之处。"))
