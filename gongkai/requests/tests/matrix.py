"""Permission-matrix registration (gongkai/workbench/tests/test_permission_matrix.py): a unit's 依申请公开
cases in several states, their letters, and the rows another unit must not change."""

import datetime as dt

from gongkai.requests.choices import State
from gongkai.requests.factories import received_case
from gongkai.requests.models import CaseDocument, ClockEvent, Filing, RequestCase
from gongkai.requests.services import filing, handling, intake, replies

D = dt.date.fromisoformat


def fillers(unit) -> dict:
    name = unit.org.name
    pending = intake.submit_online(unit.org, {
        "applicant_type": "natural_person", "applicant_name": f"{name}申请人", "id_number": "11010519491231002X",
        "phone": "13912345678", "info_description": f"{name}的内部会议纪要", "form_wanted": "paper",
        "delivery_wanted": "pickup"}).case
    handling_case = received_case(unit.org, D("2020-03-02"), state=State.PROCESSING,
                                  info_title=f"{name}待办申请的内部信息")
    handling.consult(unit.editor, handling_case, "third_party", f"{name}某公司", "报价", D("2020-03-03"))
    answered = received_case(unit.org, D("2020-03-02"), state=State.PROCESSING)
    replies.draft_reply(unit.editor, answered, {"outcome": "予以公开", "reply_content": "见附件"})
    replies.approve_reply(unit.reviewer, answered, D("2020-03-10"))
    replies.deliver(unit.editor, answered, "in_person", D("2020-03-11"), note="当面签收")
    filing.file_case(unit.editor, RequestCase.objects.get(pk=answered.pk))
    letters = CaseDocument.objects.filter(case__organization=unit.org).values_list("document_id", flat=True)
    return {"case_id": [pending.pk, handling_case.pk, answered.pk], "letter_id": list(letters)}


def snapshot(unit) -> dict:
    cases = RequestCase.objects.filter(organization=unit.org)
    return {
        "cases": list(cases.order_by("pk").values()),
        "events": list(ClockEvent.objects.filter(case__in=cases).order_by("pk").values()),
        "documents": list(CaseDocument.objects.filter(case__in=cases).order_by("pk").values()),
        "filings": list(Filing.objects.filter(case__in=cases).order_by("pk").values()),
    }
