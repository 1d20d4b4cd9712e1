"""A 党委工作机关 (Organization.Kind.PARTY) takes no 依申请公开 application: every intake verb that would give it
a case or a part in one refuses in Chinese (nothing saved), and its staff see no entry point that could only
answer 403 (登记申请, 台账导入), while the direct addresses keep their explaining 403."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.core.services import ActionRefused
from gongkai.organizations.factories import OrganizationFactory
from gongkai.organizations.models import Organization
from gongkai.requests.choices import State
from gongkai.requests.factories import received_case
from gongkai.requests.models import Assignment, RequestCase
from gongkai.requests.services import intake

pytestmark = pytest.mark.django_db

D = dt.date.fromisoformat
PARTY_REFUSAL = "是党委工作机关，不适用《政府信息公开条例》，不受理政府信息公开申请。"


@pytest.fixture
def party(county):
    return OrganizationFactory(kind=Organization.Kind.PARTY, name="中共测试县委宣传部", parent=county)


@pytest.fixture
def case(county, org):
    org.parent = county
    org.save()
    return received_case(org, D("2020-03-02"))


def test_the_service_refuses_to_ask_a_party_office_to_investigate(supervisor, party, case):
    with pytest.raises(ActionRefused, match=PARTY_REFUSAL + "不能要求其协助调查。"):
        intake.ask_assistance(supervisor, case, party, "请核实宣传经费的情况")
    assert not Assignment.objects.filter(organization=party).exists()
    assert not AuditEvent.objects.filter(action="request.ask_assistance").exists()


def test_a_crafted_assistance_post_naming_a_party_office_saves_nothing(client, supervisor, party, case):
    client.force_login(supervisor)
    response = client.post(reverse("requests:assist", kwargs={"case_id": case.pk}),
                           {"organization": party.pk, "instructions": "请核实"})
    assert response.status_code == 400
    assert not case.assignments.exists()


def test_a_unit_that_became_a_party_office_transfers_its_pending_case_instead_of_confirming_it(
        client, county, org, case):
    pending = received_case(org, D("2020-03-02"), state=State.PENDING)
    pending.clock_events.all().delete()
    Organization.objects.filter(pk=org.pk).update(kind=Organization.Kind.PARTY)
    editor = user_with_role(Organization.objects.get(pk=org.pk), Role.EDITOR)
    with pytest.raises(ActionRefused, match=PARTY_REFUSAL + "请将该申请转送有关行政机关。"):
        intake.confirm_receipt(editor, pending, D("2020-03-03"), "phone")
    assert RequestCase.objects.get(pk=pending.pk).state == State.PENDING
    client.force_login(editor)
    page = client.get(reverse("requests:detail", kwargs={"case_id": pending.pk}))
    assert "confirm" not in page.context["actions"] and "transfer" in page.context["actions"]


def test_a_party_offices_staff_see_no_register_or_import_entry_point(client, party, org, editor):
    party_editor = user_with_role(party, Role.EDITOR, full_name="宣传部信息员")
    client.force_login(party_editor)
    for name in ("requests:list", "requests:ledger"):
        page = client.get(reverse(name)).content.decode()
        assert "登记申请" not in page and reverse("requests:register") not in page
    ledger = client.get(reverse("requests:ledger")).content.decode()
    assert reverse("requests:ledger_import") not in ledger
    # The direct addresses still explain themselves.
    assert client.get(reverse("requests:register")).status_code == 403
    upload = SimpleUploadedFile("ledger.csv", "受理机关\n中共测试县委宣传部\n".encode(), content_type="text/csv")
    refused = client.post(reverse("requests:ledger_import"), {"file": upload})
    assert refused.status_code == 403 and "党委工作机关不适用《政府信息公开条例》" in refused.content.decode()
    # A unit under the 条例 keeps both.
    client.force_login(editor)
    page = client.get(reverse("requests:ledger")).content.decode()
    assert reverse("requests:register") in page and reverse("requests:ledger_import") in page
