import pytest

from gongkai.audit.models import AuditEvent
from gongkai.core.services import ActionRefused
from gongkai.organizations.factories import OrganizationFactory
from gongkai.organizations.models import Organization
from gongkai.organizations.services import descendant_ids, in_tree_order
from gongkai.workbench.unit_office import update_office

pytestmark = pytest.mark.django_db


def test_update_office_saves_sanitizes_and_audits(org, org_admin):
    old_phone = org.office_phone
    update_office(org_admin, org, {
        "office_phone": " 0533-3211111 ", "office_postcode": "256100",
        "guide_text": '<p onclick="steal()">依申请公开请到政务服务中心一楼。</p><script>alert(1)</script>',
        "name": "改名企图",  # not an office field: ignored
    })
    org.refresh_from_db()
    assert org.office_phone == "0533-3211111"
    assert org.office_postcode == "256100"
    assert org.guide_text == "<p>依申请公开请到政务服务中心一楼。</p>"
    assert org.name != "改名企图"
    event = AuditEvent.objects.get(action="organization.update_office")
    assert event.organization_id == org.id
    assert event.actor_id == org_admin.id
    assert event.changes["office_phone"] == [old_phone, "0533-3211111"]
    assert "name" not in event.changes


@pytest.mark.parametrize("who", ["editor", "reviewer", "supervisor", "other_admin"])
def test_only_the_units_admin_may_update(request, org, who):
    actor = request.getfixturevalue(who)
    before = org.office_phone
    with pytest.raises(ActionRefused) as refused:
        update_office(actor, org, {"office_phone": "110"})
    assert "本单位管理员" in str(refused.value)
    org.refresh_from_db()
    assert org.office_phone == before
    assert not AuditEvent.objects.filter(action="organization.update_office").exists()


@pytest.mark.parametrize("field,value,message", [
    ("office_postcode", "25610", "邮政编码应为6位数字"),
    ("office_email", "not-an-address", "输入一个有效的 Email 地址"),
    ("office_web", "javascript:alert(1)", "输入一个有效的 URL"),
])
def test_invalid_values_are_refused_and_nothing_changes(org, org_admin, field, value, message):
    before = getattr(org, field)
    with pytest.raises(ActionRefused) as refused:
        update_office(org_admin, org, {"office_phone": "0533-9999999", field: value})
    assert message in str(refused.value)
    org.refresh_from_db()
    assert getattr(org, field) == before
    assert org.office_phone != "0533-9999999"


def test_no_event_when_nothing_changes(org, org_admin):
    update_office(org_admin, org, {"office_phone": org.office_phone})
    assert not AuditEvent.objects.filter(action="organization.update_office").exists()


def test_tree_helpers(org, other_org, county):
    town = OrganizationFactory(kind=Organization.Kind.TOWNSHIP, parent=county, sort_order=1)
    org.sort_order = 2
    org.save()
    assert descendant_ids([county.id]) == {county.id, org.id, town.id}
    order = in_tree_order(Organization.objects.filter(id__in=[county.id, org.id, other_org.id, town.id]))
    pairs = [(o.id, depth) for o, depth in order]
    # Each unit right after its parent, siblings by sort order; other_org has no parent in the list.
    start = pairs.index((county.id, 0))
    assert pairs[start:start + 3] == [(county.id, 0), (town.id, 1), (org.id, 1)]
    assert (other_org.id, 0) in pairs
