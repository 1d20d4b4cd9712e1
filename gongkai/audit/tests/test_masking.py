"""The audit log keeps no personal numbers: an ID or mobile number typed into a note or a changed text is
stored masked, whoever reads the event later; dates, 文号, case numbers and 索引号 stay as they are."""

import pytest
from django.urls import reverse

from gongkai.audit.models import AuditEvent
from gongkai.audit.services import record

pytestmark = pytest.mark.django_db
ID, MOBILE = "370323199001011234", "13800001234"


def test_note_and_changed_texts_are_stored_masked(org, editor):
    event = record(editor, "request.withdraw", org, organization=org,
                   before={"reply_content": "", "state": "processing", "fee_yuan": 13800001234},
                   after={"reply_content": f"申请人用手机{MOBILE}来电撤回，身份证{ID}", "state": "withdrawn",
                          "fee_yuan": 13800001234},
                   note=f"申请人用手机{MOBILE}来电撤回")
    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.note == "申请人用手机138****1234来电撤回"
    assert stored.changes == {
        "reply_content": ["", "申请人用手机138****1234来电撤回，身份证3703**********1234"],
        "state": ["processing", "withdrawn"],
    }
    assert MOBILE not in str(stored.changes) and ID not in str(stored.changes)


def test_nested_values_are_masked(org, editor):
    event = record(editor, "item.update", org, organization=org, before={"parts": []},
                   after={"parts": [{"reason": f"涉及{ID}"}, 13812345678]})
    assert AuditEvent.objects.get(pk=event.pk).changes == {"parts": [[], [{"reason": "涉及3703**********1234"},
                                                                          13812345678]]}


@pytest.mark.parametrize("text", [
    "2026-03-02 至 2026年3月20日",
    "源政办发〔2026〕3号",
    "SQ-2026-000123 由测试县文化和旅游局转来",
    "LY-2026-000001",
    "113703230043677890/2026-00012",
    "20260302 09:30，电话0533-3221234",
])
def test_dates_document_and_case_numbers_stay_as_they_are(org, editor, text):
    event = record(editor, "item.update", org, organization=org, before={"title": ""}, after={"title": text},
                   note=text)
    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.note == text and stored.changes == {"title": ["", text]}


def test_the_event_page_shows_no_full_number(client, org, editor, supervisor):
    event = record(editor, "request.confirm", org, organization=org, note=f"拨打申请人手机{MOBILE}确认",
                   before={"confirmation_note": ""}, after={"confirmation_note": f"拨打申请人手机{MOBILE}确认"})
    client.force_login(supervisor)
    page = client.get(reverse("audit:detail", kwargs={"event_id": event.pk}))
    assert page.status_code == 200
    assert MOBILE not in page.content.decode() and "138****1234" in page.content.decode()


def test_a_digest_kept_as_evidence_stays_exact(org, editor):
    """A letter's pdf_sha256 may hold a run of digits shaped like a mobile number; it must still match the
    document it fingerprints."""
    digest = "7facb1a4cf17711092764e2e" + "0" * 40
    event = record(editor, "letter.issue", org, organization=org, before={"pdf_sha256": ""},
                   after={"pdf_sha256": digest}, note=f"签章文书 {MOBILE}")
    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.changes["pdf_sha256"][1] == digest
    assert MOBILE not in stored.note
