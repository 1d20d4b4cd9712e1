"""Staff forms. They validate input and answer in Chinese; the changes themselves go through services."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.catalog.models import CatalogNode
from gongkai.core.forms import KeywordField, ModelMultipleChoiceField
from gongkai.core.secrecy import secrecy_checked_field, secrecy_refusal
from gongkai.core.uploads import check_upload
from gongkai.core.widgets import DateInput, DateTimeInput, RichTextarea
from gongkai.organizations.models import Organization
from gongkai.publishing.choices import DisclosureMode, State
from gongkai.publishing.dates import formed_on_problem
from gongkai.publishing.models import InformationItem, Review
from gongkai.publishing.services import ITEM_FIELDS, schedule_refusal


class NoSuffixMixin:
    """Labels without Django's ASCII colon (Chinese forms put the label above the field)."""

    required_css_class = "required"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one <input type=file multiple>; cleans to a list."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(MultipleFileField, self).clean(f, initial) for f in files if f]


class CatalogNodeChoiceField(ModelMultipleChoiceField):
    def label_from_instance(self, node):
        return " / ".join(node.path_names())


class ItemForm(NoSuffixMixin, forms.ModelForm):
    """The item editor. `organizations` are the units the user may create items for (create only);
    on edit the organization is fixed and only its catalog nodes are offered."""

    organization = forms.ModelChoiceField(
        queryset=Organization.objects.none(), label=_("发布机构"),
        error_messages={"invalid_choice": _("所选发布机构无效，或您无权为该机构起草信息。")},
    )
    catalog_nodes = CatalogNodeChoiceField(
        queryset=CatalogNode.objects.none(), required=False, label=_("所属目录"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("主动公开的信息送审前须至少选择一个目录栏目。"),
        error_messages={"invalid_choice": _("所选目录栏目无效，或不属于您可发布的单位。"),
                        "invalid_pk_value": _("所选目录栏目无效。")},
    )
    attachments = MultipleFileField(
        required=False, label=_("上传附件"),
        help_text=_("可一次选择多个文件。允许 PDF、OFD、DOC/DOCX、XLS/XLSX、WPS/ET、图片和 ZIP。"),
    )

    class Meta:
        model = InformationItem
        fields = ["organization", *ITEM_FIELDS, "catalog_nodes"]
        widgets = {
            "written_on": DateInput(),
            "formed_on": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": RichTextarea(),
        }
        labels = {"body": _("正文")}
        help_texts = {
            "body": _("可直接从 Word、WPS 粘贴，标题、加粗、列表、表格和对齐方式会保留；保存时自动清除脚本和其他格式。"),
            "exemption_basis": _("公开方式为“不予公开”时必填（条例第十四条至第十六条）。"),
            "validity": _("规范性文件须填写。"),
        }

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        nodes = self.fields["catalog_nodes"]
        if self.instance.pk:
            del self.fields["organization"]
            org_ids = [self.instance.organization_id]
        else:
            org_ids = [o.pk for o in organizations]
            self.fields["organization"].queryset = Organization.objects.filter(pk__in=org_ids)
            if len(org_ids) == 1:
                self.fields["organization"].initial = org_ids[0]
        nodes.queryset = CatalogNode.objects.filter(organization_id__in=org_ids).select_related(
            "organization", "parent__parent__parent")
        if len(org_ids) > 1:
            nodes.help_text = _("目录栏目按单位分组，只能选择所选发布机构的栏目。")
            groups: dict[int, tuple[str, list]] = {}
            for node in nodes.queryset:
                groups.setdefault(node.organization_id, (node.organization.name, []))[1].append(
                    (node.pk, nodes.label_from_instance(node)))
            nodes.widget.choices = list(groups.values())
        for name in ("title", "formed_on"):
            self.fields[name].required = True

    def clean(self):
        data = super().clean()
        organization = data.get("organization") if "organization" in self.fields else self.instance.organization
        foreign = [n for n in data.get("catalog_nodes") or [] if organization and n.organization_id != organization.pk]
        if foreign:
            self.add_error("catalog_nodes", _("所选目录栏目“%(name)s”不属于发布机构“%(org)s”。") % {
                "name": foreign[0].name, "org": organization.name})
        if data.get("disclosure_mode") == DisclosureMode.NOT_DISCLOSED and not data.get("exemption_basis"):
            self.add_error("exemption_basis", _("不予公开的信息必须选择不予公开的法律依据（条例第十四条至第十六条）。"))
        return data

    def clean_formed_on(self):
        formed_on = self.cleaned_data.get("formed_on")
        problem = formed_on_problem(formed_on)
        if problem:
            raise ValidationError(problem)
        return formed_on

    def clean_attachments(self):
        files = self.cleaned_data.get("attachments") or []
        errors = []
        for uploaded in files:
            try:
                check_upload(uploaded)
            except ValidationError as exc:
                errors.extend(exc.messages)
        if errors:
            raise ValidationError(errors)
        return files

    def item_data(self) -> dict:
        return {f: self.cleaned_data[f] for f in ITEM_FIELDS if f in self.cleaned_data}


class ReviewForm(NoSuffixMixin, forms.Form):
    """审核: return or approve with the 保密审查 record (条例第十七条), optionally publishing at once."""

    PUBLISH_NOW, PUBLISH_SCHEDULED, PUBLISH_LATER = "now", "scheduled", "later"

    decision = forms.ChoiceField(
        label=_("审查结论"), choices=Review.Decision.choices, widget=forms.RadioSelect,
        initial=Review.Decision.APPROVED,
    )
    secrecy_checked = secrecy_checked_field(  # required to approve, not to return
        required=False, help_text=_("确认拟公开信息不涉及国家秘密、工作秘密、商业秘密和个人隐私（审核通过时必须勾选）。"))
    opinion = forms.CharField(label=_("审查意见"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
                              error_messages={"required": _("请填写审查意见。")})
    publish = forms.ChoiceField(
        label=_("审核通过后"), widget=forms.RadioSelect, initial=PUBLISH_NOW, required=False,
        choices=[(PUBLISH_NOW, _("立即发布")), (PUBLISH_SCHEDULED, _("定时发布")), (PUBLISH_LATER, _("暂不发布"))],
    )
    publish_at = forms.DateTimeField(
        label=_("定时发布时间"), required=False,
        widget=DateTimeInput(),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == Review.Decision.APPROVED:
            if data.get("secrecy_checked") is not True:  # the tick's own error, even beside the opinion's
                self.add_error("secrecy_checked", secrecy_refusal(False, None))
            elif "opinion" not in self.errors and (refusal := secrecy_refusal(True, data.get("opinion"))):
                self.add_error("opinion", refusal)
            if not data.get("publish"):
                data["publish"] = self.PUBLISH_LATER
            _check_schedule(self, data, data.get("publish") == self.PUBLISH_SCHEDULED)
        return data


class PublishForm(NoSuffixMixin, forms.Form):
    when = forms.ChoiceField(
        label=_("发布时间"), widget=forms.RadioSelect, initial=ReviewForm.PUBLISH_NOW,
        choices=[(ReviewForm.PUBLISH_NOW, _("立即发布")), (ReviewForm.PUBLISH_SCHEDULED, _("定时发布"))],
    )
    publish_at = forms.DateTimeField(
        label=_("定时发布时间"), required=False,
        widget=DateTimeInput(),
    )

    def clean(self):
        data = super().clean()
        _check_schedule(self, data, data.get("when") == ReviewForm.PUBLISH_SCHEDULED)
        return data


def _check_schedule(form, data, scheduled: bool) -> None:
    if not scheduled:
        data["publish_at"] = None
        return
    when = data.get("publish_at")
    if when is None:
        if "publish_at" not in form.errors:
            form.add_error("publish_at", _("定时发布须填写发布时间。"))
    elif when <= timezone.now():
        form.add_error("publish_at", _("定时发布的时间须晚于当前时间。"))
    elif refusal := schedule_refusal(when):
        form.add_error("publish_at", refusal)


class ReasonForm(NoSuffixMixin, forms.Form):
    reason = forms.CharField(label=_("原因"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000,
                             error_messages={"required": _("请填写原因。")})


class ItemFilterForm(NoSuffixMixin, forms.Form):
    SCHEDULED = "scheduled"

    q = KeywordField(label=_("名称包含"), required=False, max_length=100)
    state = forms.ChoiceField(label=_("状态"), required=False)
    organization = forms.TypedChoiceField(label=_("发布机构"), required=False, coerce=int, empty_value=None)
    mine = forms.BooleanField(label=_("只看我起草的"), required=False)

    def __init__(self, *args, organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", _("全部")), *State.choices, (self.SCHEDULED, _("定时发布（未到时间）"))]
        self.fields["organization"].choices = [("", _("全部"))] + [(o.pk, o.name) for o in organizations]
