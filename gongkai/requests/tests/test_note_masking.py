"""Free text staff write on a case (the confirmation note, the withdrawal note kept as the reply, the
不予公开 reason, a delivery's note) may carry the applicant's numbers: the case page masks them for
readers without request.view_personal, as it masks the phone field; the audit log keeps them masked."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.audit.models import AuditEvent
from gongkai.requests.choices import State
from gongkai.requests.factories import RequestCaseFactory, received_case
from gongkai.requests.models import Delivery
from gongkai.requests.services import intake, interruptions

pytestmark = pytest.mark.django_db
MOBILE, MASKED = "13955556666", "139****6666"
ID, ID_MASKED = "11010519491231002X", "1101**********002X"


def _page(client, user, case) -> str:
    client.force_login(user)
    return client.get(reverse("requests:detail", kwargs={"case_id": case.pk})).content.decode()


def test_the_confirmation_note_is_masked_for_the_county(client, unit, unit_editor, supervisor):
    case = RequestCaseFactory(organization=unit, channel="online",
                              submitted_at=timezone.make_aware(dt.datetime(2026, 3, 2, 9)))
    intake.confirm_receipt(unit_editor, case, dt.date(2026, 3, 3), "phone", f"拨打申请人手机{MOBILE}确认")
    county_page = _page(client, supervisor, case)
    assert MASKED in county_page and MOBILE not in county_page
    assert f"拨打申请人手机{MOBILE}确认" in _page(client, unit_editor, case)  # the unit sees what it wrote


def test_the_withdrawal_note_is_masked_on_the_page_and_in_the_audit_log(client, unit, unit_editor, supervisor):
    case = received_case(unit, dt.date(2026, 3, 2), state=State.PROCESSING)
    interruptions.withdraw(unit_editor, case, dt.date(2026, 3, 3), f"申请人用手机{MOBILE}来电撤回，身份证{ID}")
    county_page = _page(client, supervisor, case)
    assert MOBILE not in county_page and ID not in county_page and MASKED in county_page
    event = AuditEvent.objects.get(action="request.withdraw")
    assert event.note == f"申请人用手机{MASKED}来电撤回，身份证{ID_MASKED}"
    assert event.changes["reply_content"][1] == f"申请人用手机{MASKED}来电撤回，身份证{ID_MASKED}"
    client.force_login(supervisor)
    audit_page = client.get(reverse("audit:detail", kwargs={"event_id": event.pk})).content.decode()
    assert MOBILE not in audit_page and ID not in audit_page and MASKED in audit_page


def test_the_withholding_reason_and_delivery_note_are_masked_for_the_county(client, unit, unit_editor, supervisor):
    case = received_case(unit, dt.date(2026, 3, 2), state=State.REPLIED, reply_content="经审查，部分不予公开。",
                         withholding_reason=f"涉及第三方（手机{MOBILE}）个人隐私")
    Delivery.objects.create(case=case, method="post", delivered_on=dt.date(2026, 3, 10),
                            note=f"申请人家属代收，电话{MOBILE}")
    county_page = _page(client, supervisor, case)
    assert MOBILE not in county_page
    assert f"涉及第三方（手机{MASKED}）个人隐私" in county_page and f"申请人家属代收，电话{MASKED}" in county_page
    unit_page = _page(client, unit_editor, case)
    assert f"涉及第三方（手机{MOBILE}）个人隐私" in unit_page and f"申请人家属代收，电话{MOBILE}" in unit_page
