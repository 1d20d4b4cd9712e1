"""Hostile input on the 涉企政策 record: refused with a Chinese message, never cut or stored half."""

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.catalog.services import node_by_key
from gongkai.core.services import ActionRefused
from gongkai.organizations.factories import OrganizationFactory
from gongkai.policies import services
from gongkai.policies.forms import CompileForm, NoteForm
from gongkai.policies.models import EnterprisePolicy
from gongkai.publishing import services as publishing

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(org, editor):
    return publishing.create_item(editor, org, {"title": "关于支持中小企业发展的若干措施", "formed_on": timezone.localdate(),
                                                "body": "<p>正文</p>"}, [node_by_key(org, "plan.notices")])


def post(client, draft, **values):
    data = {"conditions": "本县注册的小微企业。", "materials": "申请表", "procedure": "在线申请", "department": draft.organization_id,
            "contact": "0533-1234567", "starts_on": "2026-01-01", "ends_on": "2026-03-31", "category": "subsidy",
            "delivery": "apply", "interpretation_url": "", **values}
    return client.post(reverse("policies_staff:edit", kwargs={"item_id": draft.pk}), data)


@pytest.mark.parametrize("field", ["materials", "procedure"])
def test_a_nul_byte_in_the_lines_is_refused_with_a_message(client, editor, draft, field):
    client.force_login(editor)
    response = post(client, draft, **{field: "申请表\n营业\x00执照"})
    assert response.status_code == 200
    assert "不能包含控制字符" in response.content.decode()
    assert not EnterprisePolicy.objects.filter(item=draft).exists()
    with pytest.raises(ActionRefused):
        services.save_policy(editor, draft, {field: ["营业\x00执照"]})


def test_too_many_or_too_long_lines_are_refused_not_cut(client, editor, draft):
    client.force_login(editor)
    response = post(client, draft, materials="\n".join(f"材料{n}" for n in range(60)))
    page = response.content.decode()
    assert response.status_code == 200 and "最多50行" in page and "现有60行" in page
    response = post(client, draft, procedure="审核" * 350)
    assert response.status_code == 200 and "每行最多500个字" in response.content.decode()
    assert not EnterprisePolicy.objects.filter(item=draft).exists()

    with pytest.raises(ActionRefused) as refused:
        services.save_policy(editor, draft, {"materials": [f"材料{n}" for n in range(60)]})
    assert "50" in refused.value.reason
    with pytest.raises(ActionRefused):
        services.save_policy(editor, draft, {"procedure": ["审" * 700]})
    assert not EnterprisePolicy.objects.filter(item=draft).exists()

    assert post(client, draft, materials="\n".join(f"材料{n}" for n in range(50))).status_code == 302
    assert len(EnterprisePolicy.objects.get(item=draft).materials) == 50


def test_dates_far_outside_the_range_are_refused(client, editor, draft):
    client.force_login(editor)
    response = post(client, draft, starts_on="0001-01-01", ends_on="9999-12-31")
    assert response.status_code == 200 and "日期须在" in response.content.decode()
    assert not EnterprisePolicy.objects.filter(item=draft).exists()
    import datetime as dt
    with pytest.raises(ActionRefused):
        services.save_policy(editor, draft, {"starts_on": dt.date(1, 1, 1), "ends_on": dt.date(9999, 12, 31)})


def test_a_dissolved_unit_cannot_be_chosen_but_a_stored_one_is_kept(client, org, editor, draft):
    dissolved = OrganizationFactory(name="已撤销的经信局", is_active=False)
    client.force_login(editor)
    url = reverse("policies_staff:edit", kwargs={"item_id": draft.pk})
    assert "已撤销的经信局" not in client.get(url).content.decode()
    response = post(client, draft, department=dissolved.pk)
    assert response.status_code == 200 and "所选承办部门无效" in response.content.decode()
    with pytest.raises(ActionRefused):
        services.save_policy(editor, draft, {"department": dissolved})
    assert not EnterprisePolicy.objects.filter(item=draft).exists()

    # Chosen while still active, dissolved since: the record can still be saved unchanged.
    dissolved.is_active = True
    dissolved.save()
    services.save_policy(editor, draft, {"department": dissolved})
    dissolved.is_active = False
    dissolved.save()
    assert "已撤销的经信局（已停用）" in client.get(url).content.decode()
    assert post(client, draft, department=dissolved.pk, contact="0533-7654321").status_code == 302
    assert EnterprisePolicy.objects.get(item=draft).contact == "0533-7654321"


def test_the_digest_note_refuses_control_characters(org):
    assert not NoteForm({"note": "本季度\x07重点"}).is_valid()
    form = CompileForm({"organization": org.pk, "period": "", "note": "a\x00b"}, organizations=[org])
    form.is_valid()
    assert "不能包含控制字符" in str(form.errors["note"])
