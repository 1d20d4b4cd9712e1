"""Staff forms: registration of offline applications and one small form per handling action."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.accounts.models import User
from gongkai.core.exemptions import LAW_MAX_LENGTH, ExemptionBasis
from gongkai.core.forms import DateRangeMixin, ModelMultipleChoiceField, PlainTextMixin
from gongkai.core.widgets import DateInput
from gongkai.organizations.models import Organization, under_regulation
from gongkai.requests import spam
from gongkai.requests.choices import (
    CONFIRMATION_CHANNELS,
    Channel,
    ConfirmationMethod,
    DeliveryMethod,
    LitigationType,
    RemedyKind,
    RemedyResult,
)
from gongkai.requests.forms.public import ApplicantFields
from gongkai.requests.models import Consultation, FeeNotice, VolumeReview
from gongkai.requests.outcomes import ABANDONMENT_OUTCOMES, OUTCOMES
from gongkai.requests.services.handling import (
    DEFAULT_CORRECTION_PERIOD_WORKDAYS,
    MAX_CORRECTION_PERIOD_WORKDAYS,
)
from gongkai.workdays import statute


class StaffForm(PlainTextMixin, DateRangeMixin, forms.Form):
    """Every handling form: its text goes into letters (a control character would break the DOCX and PDF
    being issued) and its dates into clocks (a year-1 or year-9999 date cannot be counted): both are refused
    on the field with a Chinese message (core.forms)."""


def date_field(label, required=True, **kwargs):
    return forms.DateField(label=label, required=required, widget=DateInput(), **kwargs)


# The longest text a handling form takes (a reply's content, a reason, an opinion): each goes into a letter
# rendered as DOCX and PDF on submit, so an unbounded paste (megabytes) would tie up the server.
MAX_TEXT_CHARS = 20000


def text(label, required=True, rows=3, **kwargs):
    kwargs.setdefault("max_length", MAX_TEXT_CHARS)
    return forms.CharField(label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}), **kwargs)


class RegisterForm(PlainTextMixin, DateRangeMixin, ApplicantFields):
    """登记 an application received on paper, by post, fax, e-mail or orally (代为填写)."""

    OFFLINE = [(c.value, c.label) for c in Channel if c != Channel.ONLINE]

    organization = forms.ModelChoiceField(label=_("受理机关"), queryset=Organization.objects.none())
    channel = forms.ChoiceField(label=_("申请方式"), choices=OFFLINE)
    received_on = date_field(_("收到申请日期"), required=False, help_text=_(
        "当面、口头：提交之日；邮寄：签收之日；平常信函、传真、电子邮件：与申请人确认之日（未确认的留空，登记为“待确认”）。"))
    confirmation_method = forms.ChoiceField(label=_("确认方式"), choices=[("", "—")] + ConfirmationMethod.choices,
                                            required=False)
    confirmation_note = forms.CharField(label=_("确认记录"), max_length=300, required=False,
                                        help_text=_("例如：经电话与申请人确认申请内容，通话时间 10:05。"))

    # Single-use (spam.consume_staff_token): a double-click registers one application, not two cases
    # (each would count in table 3's 本年新收).
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)

    field_order = ["organization", "channel", "received_on", "confirmation_method", "confirmation_note"]

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["form_token"] = spam.new_staff_token()
        self.fields["organization"].queryset = organizations if organizations is not None else Organization.objects.none()
        if organizations is not None and organizations.count() == 1:
            self.fields["organization"].initial = organizations.first()

    def clean(self):
        data = super().clean()
        channel, received = data.get("channel"), data.get("received_on")
        if channel and channel not in CONFIRMATION_CHANNELS and not received:
            self.add_error("received_on", _("当面、口头和邮寄申请请填写收到申请日期。"))
        if channel in CONFIRMATION_CHANNELS and received and not data.get("confirmation_method"):
            self.add_error("confirmation_method", _("以确认之日为收到申请之日的，请填写确认方式（条例第三十一条）。"))
        if received and received > timezone.localdate():
            self.add_error("received_on", _("收到申请日期不能晚于今天。"))
        return data


class ConfirmForm(StaffForm):
    on = date_field(_("双方确认日期"), initial=timezone.localdate)
    method = forms.ChoiceField(label=_("确认方式"), choices=ConfirmationMethod.choices)
    note = forms.CharField(label=_("确认记录"), max_length=300, required=False)


class TransferForm(StaffForm):
    organization = forms.ModelChoiceField(label=_("转送至"), queryset=under_regulation(
        Organization.objects.filter(is_active=True)))  # 第三十六条第（五）项: a 行政机关
    reason = text(_("转送理由"))
    on = date_field(_("转送（答复）日期"), required=False, initial=timezone.localdate,
                    help_text=_("已受理的申请：本机关按第三十六条第（五）项答复的日期。"))


class WithdrawForm(StaffForm):
    on = date_field(_("撤回日期"), initial=timezone.localdate)
    note = text(_("撤回方式及说明"), rows=2)


class DelayReplyForm(StaffForm):
    until = date_field(_("延迟答复的期限"))
    reason = text(_("延迟答复的理由"), rows=2)
    on = date_field(_("决定并告知申请人的日期"), initial=timezone.localdate)


class AssignForm(StaffForm):
    organization = forms.ModelChoiceField(label=_("单位"), queryset=Organization.objects.none())
    instructions = text(_("办理要求或需要协助调查的事项"))

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organizations is not None:
            self.fields["organization"].queryset = organizations


class StartForm(StaffForm):
    handler = forms.ModelChoiceField(label=_("承办人"), queryset=User.objects.none(), required=False)

    def __init__(self, *args, handlers=None, **kwargs):
        super().__init__(*args, **kwargs)
        if handlers is not None:
            self.fields["handler"].queryset = handlers


class CorrectionForm(StaffForm):
    matters = text(_("需要补正的事项"), rows=4)
    period = forms.IntegerField(label=_("补正期限（工作日）"), min_value=1, max_value=MAX_CORRECTION_PERIOD_WORKDAYS,
                                initial=DEFAULT_CORRECTION_PERIOD_WORKDAYS)
    on = date_field(_("告知日期"), initial=timezone.localdate)


class CorrectionReceivedForm(StaffForm):
    on = date_field(_("收到补正日期"), initial=timezone.localdate)
    content = text(_("补正内容"), required=False)


class ConsultForm(StaffForm):
    kind = forms.ChoiceField(label=_("类型"), choices=Consultation.Kind.choices, widget=forms.RadioSelect)
    party_name = forms.CharField(label=_("被征求意见方"), max_length=200)
    party_address = forms.CharField(label=_("联系地址或方式"), max_length=300, required=False)
    matters = text(_("征求意见的内容"))
    on = date_field(_("发出日期"), initial=timezone.localdate)


class DiscloseForm(StaffForm):
    """The information provided with the reply: a file, or the 索引号 of a published item."""

    file = forms.FileField(label=_("上传文件"), required=False,
                           help_text=_("PDF、Word、Excel、图片等，与答复书一并提供给申请人。"))
    index_no = forms.CharField(label=_("或填写已公开信息的索引号"), max_length=40, required=False,
                               help_text=_("已经主动公开的信息，申请人通过链接查看。"))

    def clean(self):
        data = super().clean()
        if bool(data.get("file")) == bool((data.get("index_no") or "").strip()):
            raise forms.ValidationError(_("请上传一个文件，或者填写一个索引号（二者选一）。"))
        return data


class TargetForm(StaffForm):
    """Actions on one sub-record of the case (a consultation, a fee notice, an event…)."""

    target = forms.IntegerField(widget=forms.HiddenInput)


class LetterReceivedForm(TargetForm):
    on = date_field(_("对方收到日期"), initial=timezone.localdate)


class OpinionForm(TargetForm):
    opinion = forms.ChoiceField(label=_("意见"), choices=Consultation.Opinion.choices)
    text = text(_("意见内容"), required=False)
    on = date_field(_("收到意见日期"), required=False, initial=timezone.localdate,
                    help_text=_("“逾期未提出意见”时不填，以意见期限届满之日为准。"))


class FeeForm(StaffForm):
    basis = forms.ChoiceField(label=_("计收方式（二者只能选其一）"), choices=FeeNotice.Basis.choices,
                              widget=forms.RadioSelect)
    pages = forms.IntegerField(label=_("提供的页数（按量计收）"), min_value=1, required=False)
    on = date_field(_("通知日期"), initial=timezone.localdate)


class FeeReceivedForm(TargetForm):
    on = date_field(_("申请人收到通知日期"), initial=timezone.localdate)


class PaymentForm(TargetForm):
    on = date_field(_("缴费日期"), initial=timezone.localdate)
    reference = forms.CharField(label=_("缴费凭证号"), max_length=100, required=False)


class ExtensionForm(StaffForm):
    workdays = forms.IntegerField(label=_("延长工作日"), min_value=1, max_value=statute.MAX_EXTENSION_WORKDAYS)
    approver = forms.CharField(label=_("批准的负责人"), max_length=100,
                               help_text=_("政府信息公开工作机构负责人（条例第三十三条第二款）。"))
    approved_on = date_field(_("批准日期"), initial=timezone.localdate)
    reason = text(_("延期理由"), rows=2)


class VoidForm(TargetForm):
    reason = forms.CharField(label=_("作废理由"), max_length=300)


class AbandonForm(StaffForm):
    outcome = forms.ChoiceField(label=_("情形"), choices=[(o, o) for o in sorted(ABANDONMENT_OUTCOMES)])
    on = date_field(_("办结日期"), initial=timezone.localdate)


class ReplyForm(StaffForm):
    OUTCOME_CHOICES = [("", _("请选择"))] + [(label, label) for label in OUTCOMES if label not in ABANDONMENT_OUTCOMES]
    ANSWER_CHOICES = [("", _("按办理结果默认"))] + sorted(
        {(a.code, str(a.label)) for spec in OUTCOMES.values() for a in spec.answers if len(spec.answers) > 1})

    outcome = forms.ChoiceField(label=_("办理结果"), choices=OUTCOME_CHOICES)
    answer_code = forms.ChoiceField(label=_("答复情形（予以公开、本机关不掌握、其他处理可选）"), choices=ANSWER_CHOICES,
                                    required=False)
    reply_content = text(_("答复内容"), required=False, rows=4,
                         help_text=_("提供的信息、获取方式和途径，或需要告知申请人的其他内容。答复书已写明审查结论和依据条款，此处只写本案的具体内容。"))
    withholding_law = forms.CharField(
        label=_("其他法律、行政法规的名称和条款"), max_length=LAW_MAX_LENGTH, required=False,
        help_text=_("不予公开-属于行政查询事项等依据其他法律、行政法规的必填，例如“《不动产登记资料查询暂行办法》第二十条”；"
                    "答复书先引用该条款，再引用条例第三十六条第（三）项。"))
    withholding_reason = text(_("不予公开的理由"), required=False,
                              help_text=_("写明本案的具体事实；答复书已写明不予公开的情形、依据条款和决定，不必重复。"))
    referral = forms.CharField(label=_("负责公开的机关及联系方式（第三十六条第（五）项）"), max_length=300, required=False)


class WithheldPartForm(StaffForm):
    description = forms.CharField(label=_("不予公开的内容"), max_length=300, required=False)
    article = forms.ChoiceField(label=_("依据条款"), choices=[("", "—")] + ExemptionBasis.choices, required=False)
    law = forms.CharField(label=_("其他法律、行政法规的名称和条款"), max_length=LAW_MAX_LENGTH, required=False,
                          help_text=_("依据条款为“其他法律、行政法规”时必填。"))
    reason = forms.CharField(label=_("理由"), max_length=1000, required=False)


WithheldPartFormSet = forms.formset_factory(WithheldPartForm, extra=3, max_num=20)


class ReviewForm(StaffForm):
    APPROVE, RETURN = "approve", "return"
    decision = forms.ChoiceField(label=_("审核结论"), widget=forms.RadioSelect,
                                 choices=[(APPROVE, _("审核通过，出具答复书")), (RETURN, _("退回承办人修改"))])
    on = date_field(_("答复日期"), initial=timezone.localdate)
    confirm_withholding = forms.BooleanField(
        label=_("本人已按最小化原则审查不予公开的内容及其依据，确认不予公开"), required=False)
    opinion = text(_("审核意见"), required=False, rows=2)


class DeliveryForm(StaffForm):
    method = forms.ChoiceField(label=_("送达方式"), choices=DeliveryMethod.choices)
    on = date_field(_("送达日期"), initial=timezone.localdate)
    proof = forms.FileField(label=_("送达凭证（PDF、JPG、PNG）"), required=False)
    note = forms.CharField(label=_("说明"), max_length=300, required=False)


class RemedyForm(StaffForm):
    kind = forms.ChoiceField(label=_("类型"), choices=RemedyKind.choices)
    litigation_type = forms.ChoiceField(label=_("诉讼类型"), choices=[("", "—")] + LitigationType.choices,
                                        required=False)
    authority = forms.CharField(label=_("复议机关或法院"), max_length=200, required=False)
    filed_on = date_field(_("申请或起诉日期"))
    result = forms.ChoiceField(label=_("结果"), choices=RemedyResult.choices, initial=RemedyResult.PENDING)
    decided_on = date_field(_("审结日期"), required=False)
    note = text(_("说明"), required=False, rows=2)


class DeliberationForm(StaffForm):
    question = text(_("会商事项"))
    invitees = ModelMultipleChoiceField(label=_("参加会商人员"), queryset=User.objects.none(),
                                              widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        if people is not None:
            self.fields["invitees"].queryset = people


class OpinionTextForm(TargetForm):
    text = text(_("意见"))


class ConclusionForm(TargetForm):
    text = text(_("会商结论"))


class AssistanceAnswerForm(TargetForm):
    text = text(_("调查结果"))


class VolumeAskForm(StaffForm):
    question = text(_("要求申请人说明的事项"))
    on = date_field(_("要求说明理由日期"), initial=timezone.localdate)


class VolumeDecisionForm(TargetForm):
    explanation = text(_("申请人说明的理由"), required=False)
    explained_on = date_field(_("收到说明日期"), required=False)
    decision = forms.ChoiceField(label=_("认定"), choices=VolumeReview.Decision.choices)
    note = text(_("认定理由"), rows=2)

