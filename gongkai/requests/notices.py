"""Telling the applicant: at 受理, 补正告知, 延期, 征求第三方意见 and 答复 (requests.events), a notice by
e-mail and SMS where the applicant gave an address, through gongkai.notifications. Every notice is in
the delivery log and shown on the case page (`for_case`)."""

from django.conf import settings
from django.utils import translation

from gongkai.letters.render import chinese_date
from gongkai.notifications import addresses
from gongkai.notifications import services as notifications
from gongkai.requests import events

SUBJECT_TYPE = "requests.requestcase"


def _address(case_id: str, channel: str) -> str:
    from gongkai.requests.models import RequestCase

    case = RequestCase.objects.filter(pk=case_id).only("email", "phone").first()
    if case is None:
        return ""
    return (case.email if channel == "email" else case.phone) or ""


def _message(case, kind: str) -> notifications.Message:
    from gongkai.requests.clock import case_clocks
    from gongkai.requests.models import ClockEvent

    org, no = case.organization.name, case.tracking_number
    lookup = "您可以凭申请编号和查询码在本平台“依申请公开”栏目查询办理情况、下载文书。"
    reply = next((line for line in case_clocks(case).lines if line.key == "reply"), None)
    due = f"本机关将于{chinese_date(reply.due)}前作出答复。" if reply is not None and reply.due else ""
    if kind == events.ACCEPTED:
        title = "政府信息公开申请已受理"
        text = f"您的政府信息公开申请（申请编号：{no}）已由{org}受理，收到申请之日为{chinese_date(case.received_on)}。{due}"
        short = f"您的政府信息公开申请{no}已由{org}受理。"
    elif kind == events.CORRECTION:
        notice = (case.clock_events.filter(kind=ClockEvent.Kind.CORRECTION_NOTICE, voided_at__isnull=True)
                  .order_by("-on", "-id").first())
        title = "政府信息公开申请需要补正"
        text = f"{org}已就您的政府信息公开申请（申请编号：{no}）出具补正告知书，请按告知书的要求补正。"
        if notice is not None and notice.document_id:
            text = f"{org}已就您的政府信息公开申请（申请编号：{no}）出具补正告知书（{notice.document.doc_number}），请按告知书的要求补正。"
        short = f"您的政府信息公开申请{no}需要补正，请查看补正告知书。"
    elif kind == events.EXTENDED:
        title = "政府信息公开申请答复期限延长"
        text = f"{org}已延长您的政府信息公开申请（申请编号：{no}）的答复期限。{due}"
        short = f"您的政府信息公开申请{no}答复期限已延长。{due}"
    elif kind == events.THIRD_PARTY:
        title = "政府信息公开申请正在征求第三方意见"
        text = (f"您申请公开的政府信息（申请编号：{no}）可能涉及第三方合法权益，{org}正在依法书面征求第三方意见，"
                "征求意见所需时间不计算在答复期限内。")
        short = f"您的政府信息公开申请{no}正在征求第三方意见，所需时间不计入答复期限。"
    else:
        title = "政府信息公开申请已答复"
        text = f"{org}已对您的政府信息公开申请（申请编号：{no}）作出答复。"
        short = f"您的政府信息公开申请{no}已答复，请凭查询码查看答复书。"
    return notifications.Message(f"requests.{kind}", title, f"您好：\n\n{text}\n\n{lookup}\n\n{org}", short)


def on_applicant_event(sender, case_id, kind, **kwargs) -> None:
    from gongkai.requests.models import RequestCase

    case = RequestCase.objects.select_related("organization").get(pk=case_id)
    with translation.override(settings.LANGUAGE_CODE):
        message = _message(case, kind)
    notifications.notify(organization=case.organization, subject_type=SUBJECT_TYPE, subject_id=case.pk,
                         message=message)


def for_case(case):
    return notifications.notices_for(SUBJECT_TYPE, case.pk)


def connect() -> None:
    from gongkai.requests.reminders import STAFF_SUBJECT, staff_address

    addresses.register(SUBJECT_TYPE, _address)
    addresses.register(STAFF_SUBJECT, staff_address)
    events.applicant_event.connect(on_applicant_event, dispatch_uid="requests.notices")
