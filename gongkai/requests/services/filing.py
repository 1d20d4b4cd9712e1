"""备案: the unit files an answered case with the 县大数据发展服务中心 as one PDF (work plan §10), and the
center keeps a register of what is due, filed and late."""

import datetime as dt
import hashlib
import io
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import organization_ids_with
from gongkai.core.files import save_file
from gongkai.core.services import ActionRefused
from gongkai.requests.choices import ANSWERED_STATES, State
from gongkai.requests.clock import active_events, filing_day_kind
from gongkai.requests.models import Filing, RequestCase
from gongkai.requests.services.common import audit, before, locked, require, require_state, today
from gongkai.workdays import clocks
from gongkai.workdays.calendar import UnknownYearError, WorkdayCalendar


def _html_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def _image_page(name: str, data: bytes, content_type: str) -> bytes:
    import base64

    uri = f"data:{content_type};base64,{base64.b64encode(data).decode()}"
    return _html_pdf(render_to_string("requests/filing_image.html", {"name": name, "uri": uri}))


def build_bundle(case: RequestCase) -> bytes:
    """Cover page (application, receipt and every clock event), each issued document as issued, then the
    delivery proofs. Personal numbers are masked: the 大数据中心 is not the handling unit."""
    from pypdf import PdfReader, PdfWriter

    documents = [cd.document for cd in case.documents.select_related("document")]
    deliveries = list(case.deliveries.all())
    cover = render_to_string("requests/filing_cover.html", {
        "case": case, "events": active_events(case), "documents": documents, "deliveries": deliveries,
        "consultations": case.consultations.select_related("event"), "remedies": case.remedies.all(),
    })
    writer = PdfWriter()
    parts = [_html_pdf(cover)]
    for document in documents:
        with document.pdf.open("rb") as handle:
            parts.append(handle.read())
    for delivery in deliveries:
        if not delivery.proof:
            continue
        with delivery.proof.open("rb") as handle:
            data = handle.read()
        if delivery.proof_content_type == "application/pdf":
            parts.append(data)
        else:
            parts.append(_image_page(delivery.proof_name, data, delivery.proof_content_type))
    for part in parts:
        writer.append(PdfReader(io.BytesIO(part)))
    writer.add_metadata({"/Title": f"{case.tracking_number} 依申请公开办理材料"})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@transaction.atomic
def file_case(actor, case: RequestCase, request=None) -> Filing:
    case = locked(case)
    require(actor, "request.handle", case.organization_id)
    require_state(case, {State.DELIVERED, State.ABANDONED, State.WITHDRAWN}, _("备案（请先登记送达）"))
    if Filing.objects.filter(case=case).exists():
        raise ActionRefused(_("该申请已经备案。"))
    data = build_bundle(case)
    filing = Filing(case=case, sha256=hashlib.sha256(data).hexdigest(), filed_on=today(), filed_by=actor)
    save_file(filing.bundle, f"{case.tracking_number}.pdf", ContentFile(data))  # deleted again on rollback
    filing.save()
    old = before(case)
    case.state = State.FILED
    case.save()
    audit(actor, "file", case, old, request=request, extra={"bundle_sha256": filing.sha256})
    return filing


@transaction.atomic
def receive_filing(actor, filing: Filing, request=None) -> Filing:
    filing = Filing.objects.select_for_update().select_related("case__organization").get(pk=filing.pk)
    require(actor, "request.receive_filing", filing.case.organization_id, _("只有县大数据发展服务中心可以签收备案。"))
    if filing.received_at:
        raise ActionRefused(_("该备案已经签收。"))
    filing.received_by, filing.received_at = actor, timezone.now()
    filing.save(update_fields=["received_by", "received_at"])
    audit(actor, "filing_received", filing.case, request=request)
    return filing


@dataclass
class FilingRow:
    case: RequestCase
    due: dt.date | None
    filing: Filing | None
    state: str
    error: str = ""


def filing_register(user, on: dt.date | None = None, organization_ids=None) -> list[FilingRow]:
    """Every platform-handled answered case the user may see, with its 备案 due date and whether it was
    filed in time (deadlines.md: 3 days after the reply, read as GONGKAI_FILING_DAYS says)."""
    on = on or today()
    allowed = organization_ids_with(user, "request.filings")
    if organization_ids is not None:
        allowed &= set(organization_ids)
    cases = (RequestCase.objects.filter(organization_id__in=allowed, state__in=ANSWERED_STATES,
                                        source=RequestCase.Source.PLATFORM, replied_on__isnull=False)
             .select_related("organization").order_by("-replied_on", "-id"))
    filings = {f.case_id: f for f in Filing.objects.filter(case__in=cases).select_related("received_by")}
    cal = WorkdayCalendar()
    rows = []
    for case in cases:
        filing = filings.get(case.pk)
        try:
            due = clocks.filing_due(case.replied_on, cal, filing_day_kind())
        except UnknownYearError as exc:
            rows.append(FilingRow(case, None, filing, clocks.DeadlineState.OPEN, str(exc)))
            continue
        state = clocks.deadline_state(due, on, filing.filed_on if filing else None, cal)
        rows.append(FilingRow(case, due, filing, state))
    return rows
