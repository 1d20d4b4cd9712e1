"""信息处理费 (国办函〔2020〕109号): the 收费通知, computed 按件 or 按量 and never typed in, the applicant's
receipt of it and the payment. The wait for the payment is a typed clock event excluded from the reply
period. Part of 办理: `gongkai.requests.services.handling` exports these verbs too."""

import datetime as dt

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from gongkai.core.i18n import in_record_language
from gongkai.core.services import ActionRefused
from gongkai.letters.render import Table
from gongkai.requests.choices import HANDLING_STATES, State
from gongkai.requests.models import ClockEvent, FeeNotice, RequestCase
from gongkai.requests.services import case_letters
from gongkai.requests.services.common import (
    add_event,
    audit,
    before,
    check_date,
    locked,
    require,
    require_state,
    settle_handling_state,
)
from gongkai.requests.services.intake import same_applicant
from gongkai.workdays import fees, statute

K = ClockEvent.Kind


def month_position(case: RequestCase) -> int:
    """按件: this request's place among the applicant's requests to the unit in its calendar month."""
    received = case.received_on
    same_month = same_applicant(case).filter(received_on__year=received.year, received_on__month=received.month)
    earlier = same_month.filter(received_on__lt=received).count()
    same_day_before = same_month.filter(received_on=received, pk__lt=case.pk).count()
    return earlier + same_day_before + 1


@transaction.atomic
def notify_fee(actor, case: RequestCase, basis: str, pages: int | None, on: dt.date, request=None) -> FeeNotice:
    """收费通知 (国办函〔2020〕109号): 按件 or 按量, computed, never typed in; the wait is excluded."""
    case = locked(case)
    require(actor, "request.handle", case.organization_id)
    require_state(case, HANDLING_STATES - {State.FEE}, _("发出收费通知"))
    if basis == fees.FeeBasis.BY_REQUEST:
        quantity = month_position(case)
    elif basis == fees.FeeBasis.BY_PAGE:
        if not pages or pages < 1:
            raise ActionRefused(_("按量计收请填写提供的页数。"))
        quantity = pages
    else:
        raise ActionRefused(_("请选择按件计收或按量计收（二者只能选其一）。"))
    fee = fees.processing_fee(basis, quantity)
    if fee.total_yuan == 0:
        free = {"n": quantity, "pages": statute.FEE_BY_PAGE_FREE_PAGES}
        raise ActionRefused(_("按规定本申请不收费（按件：同一申请人当月第%(n)s件；按量：%(pages)s页以内免费）。") % free
                            if basis == fees.FeeBasis.BY_REQUEST else _("%(pages)s页以内不收费。") % free)
    check_date(on, _("通知日期"), earliest=case.received_on, earliest_label=_("收到申请日期"))
    old = before(case)
    basis_label = FeeNotice.Basis(basis).label
    event = add_event(actor, case, K.FEE, on)  # shown as 「等待缴纳信息处理费」 (ClockEvent.label_display)
    unit = _("件") if basis == fees.FeeBasis.BY_REQUEST else _("页")
    rows = tuple((f"第{line.first}—{line.last}{unit}" if line.count > 1 else f"第{line.first}{unit}",
                  str(line.count), f"{line.unit_yuan}元", f"{line.amount_yuan}元") for line in fee.lines)
    table = Table(("区间", "数量", "单价", "金额"), rows + (("合计", "", "", f"{fee.total_yuan}元"),))
    values = case_letters.values_for(case)
    values.update({"计收方式": basis_label, "金额": fee.total_yuan})
    event.document = case_letters.issue(actor, case, "requests.fee", values, on=on, table=table, request=request)
    event.save(update_fields=["document"])
    notice = FeeNotice.objects.create(case=case, basis=basis, quantity=quantity, amount_yuan=fee.total_yuan,
                                      event=event)
    settle_handling_state(case)
    case.save()
    audit(actor, "fee_notice", case, old, request=request, note=f"{in_record_language(basis_label)} {fee.total_yuan}元")
    return notice


@transaction.atomic
def record_fee_notice_received(actor, fee: FeeNotice, on: dt.date, request=None) -> FeeNotice:
    case = locked(fee.case)
    require(actor, "request.handle", case.organization_id)
    fee = FeeNotice.objects.select_related("event").get(pk=fee.pk)
    check_date(on, _("申请人收到通知日期"), earliest=fee.event.on, earliest_label=_("通知日期"))
    fee.notice_received_on = on
    fee.save(update_fields=["notice_received_on"])
    audit(actor, "fee_notice_received", case, request=request)
    return fee


@transaction.atomic
def record_payment(actor, fee: FeeNotice, on: dt.date, reference: str = "", request=None) -> FeeNotice:
    case = locked(fee.case)
    require(actor, "request.handle", case.organization_id)
    fee = FeeNotice.objects.select_related("event").get(pk=fee.pk)
    if fee.event.until is not None:
        raise ActionRefused(_("该费用已经登记缴纳。"))
    check_date(on, _("缴费日期"), earliest=fee.event.on, earliest_label=_("通知日期"))
    old = before(case)
    fee.event.until = on
    fee.event.save(update_fields=["until"])
    fee.payment_reference = reference.strip()[:100]
    fee.save(update_fields=["payment_reference"])
    case.fee_yuan = (FeeNotice.objects.filter(case=case, event__until__isnull=False, event__voided_at__isnull=True)
                     .aggregate(total=Sum("amount_yuan"))["total"])
    case._active_events = None
    settle_handling_state(case)
    case.save()
    audit(actor, "fee_paid", case, old, request=request, note=f"{fee.amount_yuan}元")
    return fee
