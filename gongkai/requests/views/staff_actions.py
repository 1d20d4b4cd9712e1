"""POST views on a case: each validates its form and calls one service. An invalid form shows the case
page again with the errors (nothing saved); a refusal is a message on the case page."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gongkai.accounts.access import staff_required
from gongkai.accounts.models import User
from gongkai.accounts.permissions import organization_ids_with
from gongkai.core.services import ActionRefused
from gongkai.organizations.models import Organization
from gongkai.requests.forms import staff as forms
from gongkai.requests.models import (
    Assignment,
    ClockEvent,
    Consultation,
    Deliberation,
    DisclosedDocument,
    FeeNotice,
    VolumeReview,
)
from gongkai.requests.services import disclosure, filing, handling, intake, interruptions, replies
from gongkai.requests.views.common import detail_context, get_case, run, to_detail


def _invalid(request, case, key, form):
    messages.error(request, _("提交的内容有误，请按提示修改后重试。"))
    return render(request, "requests/staff/detail.html", detail_context(request, case, **{key: form}), status=400)


def _action(key, form_class, success, call, form_kwargs=None, keep_input=False):
    """A view: load the case, validate `form_class`, call `call(request, case, data)`. With `keep_input`,
    a refusal shows the case page again with the form as typed (a letter's text is not thrown away)."""

    @staff_required
    @require_POST
    def view(request, case_id: int):
        case = get_case(request, case_id)
        kwargs = form_kwargs(request, case) if form_kwargs else {}
        form = form_class(request.POST, request.FILES or None, auto_id=f"{key}_%s", **kwargs) if form_class else None
        if form is not None and not form.is_valid():
            if "target" in form.fields:  # a form of one sub-record: say what is wrong, back to the page
                problems = "；".join(f"{form.fields[f].label or ''}{e}" if f != "__all__" else e
                                    for f, errors in form.errors.items() for e in errors)
                messages.error(request, _("提交的内容有误：%(problems)s") % {"problems": problems})
                return to_detail(case.pk)
            return _invalid(request, case, key, form)
        data = form.cleaned_data if form is not None else {}
        if keep_input:
            try:
                call(request, case, data)
            except ActionRefused as exc:
                messages.error(request, exc.reason)
                case = get_case(request, case_id)
                return render(request, "requests/staff/detail.html", detail_context(request, case, **{key: form}),
                              status=400)
            messages.success(request, success)
            return to_detail(case.pk)
        return run(request, case.pk, success, lambda: call(request, case, data))

    view.__name__ = key
    return view


def _target(case, model, data, **extra):
    return get_object_or_404(model, pk=data["target"], case=case, **extra)


def _supervised(request, case):
    ids = organization_ids_with(request.user, "request.assign")
    return {"organizations": intake.receiving_units(Organization.objects.filter(id__in=ids, is_active=True))}


def _handlers(request, case):
    return {"handlers": User.objects.filter(memberships__organization=case.organization, is_active=True).distinct()}


def _people(request, case):
    return {"people": User.objects.filter(is_active=True, memberships__isnull=False).exclude(
        pk=request.user.pk).distinct()}


confirm = _action("confirm", forms.ConfirmForm, gettext_lazy("已确认受理，收到申请日期已记录。"),
                  lambda r, c, d: intake.confirm_receipt(r.user, c, d["on"], d["method"], d["note"], request=r))
transfer = _action("transfer", forms.TransferForm, gettext_lazy("已转送。"),
                   lambda r, c, d: intake.transfer(r.user, c, d["organization"], d["reason"], on=d.get("on"),
                                                   request=r))
withdraw = _action("withdraw", forms.WithdrawForm, gettext_lazy("已登记申请人撤回，本申请终止办理。"),
                   lambda r, c, d: interruptions.withdraw(r.user, c, d["on"], d["note"], request=r))
delay_reply = _action("delay_reply", forms.DelayReplyForm, gettext_lazy("已确定延迟答复的期限。"),
                      lambda r, c, d: interruptions.delay_reply(r.user, c, d["until"], d["reason"], d["on"],
                                                                request=r))
assign = _action("assign", forms.AssignForm, gettext_lazy("已交办。"),
                 lambda r, c, d: intake.assign(r.user, c, d["organization"], d["instructions"], request=r),
                 _supervised)
assist = _action("assist", forms.AssignForm, gettext_lazy("已要求协助调查。"),
                 lambda r, c, d: intake.ask_assistance(r.user, c, d["organization"], d["instructions"], request=r),
                 _supervised)
start = _action("start", forms.StartForm, gettext_lazy("已开始办理。"),
                lambda r, c, d: handling.start_handling(r.user, c, d.get("handler"), request=r), _handlers)
correction = _action("correction", forms.CorrectionForm, gettext_lazy("补正告知书已出具，答复期限暂停计算。"),
                     lambda r, c, d: handling.request_correction(r.user, c, d["matters"], d["period"], d["on"],
                                                                 request=r), keep_input=True)
correction_received = _action(
    "correction_received", forms.CorrectionReceivedForm, gettext_lazy("已登记收到补正，答复期限自今日重新计算。"),
    lambda r, c, d: handling.receive_correction(r.user, c, d["on"], d["content"], request=r))
consult = _action("consult", forms.ConsultForm, gettext_lazy("征求意见书已出具，征求意见期间不计入答复期限。"),
                  lambda r, c, d: handling.consult(r.user, c, d["kind"], d["party_name"], d["matters"], d["on"],
                                                   d["party_address"], request=r))
letter_received = _action(
    "letter_received", forms.LetterReceivedForm, gettext_lazy("已登记对方收到征求意见书的日期。"),
    lambda r, c, d: handling.record_letter_received(r.user, _target(c, Consultation, d), d["on"], request=r))
opinion = _action("opinion", forms.OpinionForm, gettext_lazy("已登记对方意见。"),
                  lambda r, c, d: handling.record_opinion(r.user, _target(c, Consultation, d), d["opinion"],
                                                          d["text"], d["on"], request=r))
fee = _action("fee", forms.FeeForm, gettext_lazy("收费通知书已出具，缴费期间不计入答复期限。"),
              lambda r, c, d: handling.notify_fee(r.user, c, d["basis"], d.get("pages"), d["on"], request=r))
fee_received = _action(
    "fee_received", forms.FeeReceivedForm, gettext_lazy("已登记申请人收到收费通知的日期。"),
    lambda r, c, d: handling.record_fee_notice_received(r.user, _target(c, FeeNotice, d), d["on"], request=r))
payment = _action("payment", forms.PaymentForm, gettext_lazy("已登记缴费。"),
                  lambda r, c, d: handling.record_payment(r.user, _target(c, FeeNotice, d), d["on"], d["reference"],
                                                          request=r))
extend = _action("extend", forms.ExtensionForm, gettext_lazy("延期答复告知书已出具。"),
                 lambda r, c, d: handling.extend(r.user, c, d["workdays"], d["approver"], d["approved_on"],
                                                 d["reason"], request=r))
void = _action("void", forms.VoidForm, gettext_lazy("已作废该时限节点，期限已重新计算。"),
               lambda r, c, d: handling.void_event(r.user, _target(c, ClockEvent, d), d["reason"], request=r))
abandon = _action("abandon", forms.AbandonForm, gettext_lazy("已按视为放弃申请办结，告知书已出具。"),
                  lambda r, c, d: handling.abandon(r.user, c, d["outcome"], d["on"], request=r))
deliver = _action("deliver", forms.DeliveryForm, gettext_lazy("已登记送达。"),
                  lambda r, c, d: replies.deliver(r.user, c, d["method"], d["on"], d.get("proof"), d["note"],
                                                  request=r))
file_case = _action("file", None, gettext_lazy("已向县大数据发展服务中心备案。"),
                    lambda r, c, d: filing.file_case(r.user, c, request=r))
archive = _action("archive", None, gettext_lazy("已归档。"), lambda r, c, d: replies.archive(r.user, c, request=r))
remedy = _action("remedy", forms.RemedyForm, gettext_lazy("已登记行政复议或行政诉讼。"),
                 lambda r, c, d: replies.record_remedy(r.user, c, d, request=r))
proactive = _action("proactive", None, gettext_lazy("已起草主动公开信息，请在“信息管理”中完善后送审。"),
                    lambda r, c, d: replies.draft_proactive_item(r.user, c, request=r))
deliberate = _action("deliberate", forms.DeliberationForm, gettext_lazy("已发起会商。"),
                     lambda r, c, d: intake.open_deliberation(r.user, c, d["question"], list(d["invitees"]),
                                                              request=r), _people)
deliberation_opinion = _action(
    "deliberation_opinion", forms.OpinionTextForm, gettext_lazy("会商意见已记录。"),
    lambda r, c, d: intake.add_opinion(r.user, _target(c, Deliberation, d), d["text"], request=r))
deliberation_close = _action(
    "deliberation_close", forms.ConclusionForm, gettext_lazy("会商已结束。"),
    lambda r, c, d: intake.close_deliberation(r.user, _target(c, Deliberation, d), d["text"], request=r))
assistance_answer = _action(
    "assistance_answer", forms.AssistanceAnswerForm, gettext_lazy("调查结果已反馈。"),
    lambda r, c, d: intake.answer_assistance(r.user, _target(c, Assignment, d), d["text"], request=r))
volume_ask = _action("volume_ask", forms.VolumeAskForm, gettext_lazy("已记录要求申请人说明理由。"),
                     lambda r, c, d: handling.ask_volume_explanation(r.user, c, d["question"], d["on"], request=r))
volume_decide = _action(
    "volume_decide", forms.VolumeDecisionForm, gettext_lazy("已记录第三十五条认定。"),
    lambda r, c, d: handling.record_volume_decision(r.user, _target(c, VolumeReview, d), d["explanation"],
                                                    d.get("explained_on"), d["decision"], d["note"], request=r))


def _disclose(request, case, data):
    if data.get("file"):
        return disclosure.attach_file(request.user, case, data["file"], request=request)
    return disclosure.attach_item(request.user, case, data["index_no"], request=request)


disclose = _action("disclose", forms.DiscloseForm, gettext_lazy("已添加，答复书将把它列为附件，申请人可在网上查询下载。"), _disclose)
undisclose = _action("undisclose", forms.TargetForm, gettext_lazy("已删除。"), lambda r, c, d: disclosure.remove(
    r.user, c, _target(c, DisclosedDocument, d), request=r))


def _review(request, case, data):
    if data["decision"] == forms.ReviewForm.RETURN:
        return replies.return_reply(request.user, case, data["opinion"], request=request)
    return replies.approve_reply(request.user, case, data["on"], confirm_withholding=data["confirm_withholding"],
                                 opinion=data["opinion"], request=request)


review = _action("review", forms.ReviewForm, gettext_lazy("审核完成。"), _review)


@staff_required
@require_POST
def draft(request, case_id: int):
    """起草答复: the outcome, the reply and, for 部分公开, each withheld part with its basis and reason."""
    case = get_case(request, case_id)
    form = forms.ReplyForm(request.POST, auto_id="draft_%s")
    parts = forms.WithheldPartFormSet(request.POST, prefix="parts")
    if not (form.is_valid() and parts.is_valid()):
        messages.error(request, _("提交的内容有误，请按提示修改后重试。"))
        return render(request, "requests/staff/detail.html",
                      detail_context(request, case, draft=form, parts=parts), status=400)
    withheld = [p for p in parts.cleaned_data if p]
    with transaction.atomic():
        return run(request, case.pk, _("答复已提交审核。"),
                   lambda: replies.draft_reply(request.user, case, form.cleaned_data, withheld, request=request))
