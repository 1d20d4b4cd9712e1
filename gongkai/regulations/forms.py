"""Staff forms of the register. They validate input and answer in Chinese; services make the changes."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai.core.forms import ModelMultipleChoiceField, PlainTextMixin
from gongkai.core.secrecy import SecrecyReviewFields
from gongkai.core.services import ActionRefused
from gongkai.core.widgets import RichTextarea
from gongkai.organizations.models import Organization
from gongkai.publishing.choices import DocType, Topic
from gongkai.publishing.dates import formed_on_problem
from gongkai.publishing.forms import DateInput, NoSuffixMixin
from gongkai.regulations.models import CleanupEntry, Filing, NormativeDocument, Relation
from gongkai.regulations.numbers import check_doc_number


class DocumentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, document):
        label = f"{document.item.title}（{document.item.doc_number}）· {document.get_validity_display()}"
        campaign = getattr(document, "open_campaign", None)
        if campaign:
            label += " · " + _("清理中：%(campaign)s") % {"campaign": campaign}
        return label


class OrganizationsField(ModelMultipleChoiceField):
    pass


class DocumentMultipleChoiceField(ModelMultipleChoiceField):
    def label_from_instance(self, document):
        return f"{document.item.title}（{document.item.doc_number}）· {document.item.organization.name}"


class MetaForm(PlainTextMixin, NoSuffixMixin, forms.Form):
    """制定机关, dates and the 合法性审核 record."""

    lead_issuer = forms.ModelChoiceField(queryset=Organization.objects.filter(is_active=True), label=_("牵头制定机关"))
    co_issuers = OrganizationsField(
        queryset=Organization.objects.filter(is_active=True), required=False, label=_("联合制定机关"),
        widget=forms.SelectMultiple(attrs={"size": 5}))
    promulgated_on = forms.DateField(label=_("公布日期"), widget=DateInput())
    effective_from = forms.DateField(label=_("施行日期"), widget=DateInput())
    expires_on = forms.DateField(label=_("有效期至"), widget=DateInput(),
                                 help_text=_("山东省：自施行之日起不超过5年；标注“暂行”“试行”的不超过2年。"))
    legality_reviewer = forms.CharField(label=_("合法性审核机构"), max_length=100, initial=_("沂源县司法局"))
    legality_reviewed_on = forms.DateField(label=_("合法性审核日期"), widget=DateInput())
    legality_opinion = forms.CharField(label=_("合法性审核意见"), max_length=500)

    def __init__(self, *args, lead_issuers=None, recorded=(), **kwargs):
        """`recorded`: the document's 制定机关 as registered (lead first). They stay valid choices when editing,
        even when the lead is another organ registered earlier or an organ abolished since (机构改革): an edit
        must not rewrite the historical record."""
        super().__init__(*args, **kwargs)
        recorded_ids = [o.pk for o in recorded]
        self.fields["co_issuers"].queryset = Organization.objects.filter(Q(is_active=True) | Q(pk__in=recorded_ids))
        if lead_issuers is not None:  # the publishing unit and the units the user keeps the register of
            self.fields["lead_issuer"].queryset = Organization.objects.filter(
                Q(is_active=True, pk__in=[o.pk for o in lead_issuers]) | Q(pk__in=recorded_ids[:1]))
            self.fields["lead_issuer"].error_messages["invalid_choice"] = _(
                "牵头制定机关须为发布机构或您有权登记规范性文件的单位；其他机关请列为联合制定机关。")

    DATE_FIELDS = ("promulgated_on", "legality_reviewed_on")  # dates that cannot be after today

    def clean(self):
        data = super().clean()
        for name in self.DATE_FIELDS:  # each error on its own field, named as the form shows it
            problem = formed_on_problem(data.get(name), str(self.fields[name].label))
            if problem:
                self.add_error(name, problem)
        lead, others = data.get("lead_issuer"), list(data.get("co_issuers") or [])
        data["issuers"] = [lead, *[o for o in others if o != lead]] if lead else []
        return data

    @classmethod
    def initial_for(cls, document: NormativeDocument) -> dict:
        issuers = document.issuer_list()
        return {"lead_issuer": issuers[0] if issuers else None, "co_issuers": issuers[1:],
                **{f: getattr(document, f) for f in ("promulgated_on", "effective_from", "expires_on",
                                                     "legality_reviewer", "legality_reviewed_on", "legality_opinion")}}


class DocumentForm(MetaForm):
    """A new normative document: the item's fields first, then the register's."""

    organization = forms.ModelChoiceField(queryset=Organization.objects.none(), label=_("发布机构"),
                                          error_messages={"invalid_choice": _("所选发布机构无效，或您无权为该机构登记文件。")})
    title = forms.CharField(label=_("文件名称"), max_length=300)
    doc_number = forms.CharField(label=_("发文字号"), max_length=100, help_text=_("例如：源政办发〔2020〕5号"))
    doc_type = forms.ChoiceField(label=_("文种"), choices=DocType.choices, initial=DocType.NOTICE)
    written_on = forms.DateField(label=_("成文日期"), widget=DateInput())
    topic = forms.ChoiceField(label=_("主题分类"), choices=Topic.choices)
    keywords = forms.CharField(label=_("主题词"), max_length=200, required=False)
    summary = forms.CharField(label=_("内容概述"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    body = forms.CharField(label=_("正文"), widget=RichTextarea())

    field_order = ["organization", "title", "doc_number", "doc_type", "written_on", "topic", "keywords", "summary",
                   "body"]
    DATE_FIELDS = ("written_on", *MetaForm.DATE_FIELDS)

    def __init__(self, *args, organizations=(), **kwargs):
        super().__init__(*args, lead_issuers=organizations, **kwargs)
        self.fields["organization"].queryset = Organization.objects.filter(pk__in=[o.pk for o in organizations])

    def clean_doc_number(self):
        try:
            return check_doc_number(self.cleaned_data["doc_number"])
        except ActionRefused as exc:
            raise forms.ValidationError(exc.reason) from exc

    def clean(self):
        data = super().clean()
        written_on, promulgated_on = data.get("written_on"), data.get("promulgated_on")
        if written_on and promulgated_on and written_on > promulgated_on and "written_on" not in self.errors:
            self.add_error("written_on", _("成文日期不能晚于公布日期（文件须先成文、后公布）。"))
        return data

    def item_data(self) -> dict:
        data = self.cleaned_data
        fields = ("title", "doc_number", "doc_type", "written_on", "topic", "keywords", "summary", "body")
        return {**{f: data[f] for f in fields}, "formed_on": data["promulgated_on"]}


class FilingForm(NoSuffixMixin, forms.Form):
    body = forms.ChoiceField(label=_("备案机关"), choices=Filing.Body.choices)
    filed_on = forms.DateField(label=_("备案日期"), widget=DateInput())
    number = forms.CharField(label=_("备案号"), max_length=100)


class RelationForm(NoSuffixMixin, forms.Form):
    kind = forms.ChoiceField(label=_("本文件对所选文件的作用"), choices=Relation.Kind.choices)
    target = DocumentChoiceField(queryset=NormativeDocument.objects.none(), label=_("被修改、废止或替代的文件"),
                                 error_messages={"invalid_choice": _("所选文件无效，或已不再有效。")})
    effective_on = forms.DateField(label=_("生效日期"), widget=DateInput(), required=False,
                                   help_text=_("留空则为本文件的施行日期。"))
    note = forms.CharField(label=_("说明"), max_length=500, required=False)

    def __init__(self, *args, targets=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = targets


class RenewForm(NoSuffixMixin, forms.Form):
    new_expires_on = forms.DateField(label=_("新的有效期至"), widget=DateInput())
    reason = forms.CharField(label=_("理由（评估结论）"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))


class CampaignForm(NoSuffixMixin, forms.Form):
    organization = forms.ModelChoiceField(queryset=Organization.objects.none(), label=_("组织清理的机关"))
    title = forms.CharField(label=_("清理名称"), max_length=200, help_text=_("例如：沂源县人民政府2020年规范性文件集中清理"))
    basis = forms.CharField(label=_("清理依据"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    documents = DocumentMultipleChoiceField(queryset=NormativeDocument.objects.none(), label=_("纳入清理的文件"),
                                            widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, organizations=(), documents=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.filter(pk__in=[o.pk for o in organizations])
        self.fields["documents"].queryset = documents


class DecideForm(NoSuffixMixin, forms.Form):
    entry = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    result = forms.ChoiceField(label=_("清理结论"), choices=CleanupEntry.Result.choices)
    reason = forms.CharField(label=_("理由"), max_length=1000)
    new_expires_on = forms.DateField(label=_("新的有效期至（继续有效且需延长时）"), widget=DateInput(), required=False)


class CloseForm(NoSuffixMixin, SecrecyReviewFields):
    """完成清理: the result list is published, so with the 保密审查 (条例第十七条)."""


class CompilationForm(PlainTextMixin, NoSuffixMixin, forms.Form):
    """The 汇编's name is its DOCX's and PDF's cover title: a control character is refused with a message, not
    dropped from the file unseen."""

    FORMATS = [("docx", "DOCX"), ("pdf", "PDF")]

    organization = forms.ModelChoiceField(queryset=Organization.objects.none(), label=_("制定机关"), required=False,
                                          empty_label=_("全部（本单位及下级单位）"))
    topic = forms.ChoiceField(label=_("主题分类"), choices=[("", _("全部主题")), *Topic.choices], required=False)
    title = forms.CharField(label=_("汇编名称"), max_length=100, required=False,
                            help_text=_("留空则自动生成，例如：沂源县人民政府现行有效规范性文件汇编"))
    format = forms.ChoiceField(label=_("格式"), choices=FORMATS, widget=forms.RadioSelect, initial="docx")

    def __init__(self, *args, organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.filter(pk__in=[o.pk for o in organizations])
