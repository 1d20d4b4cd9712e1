import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.accounts.factories import UserFactory
from gongkai.audit.models import AuditEvent
from gongkai.audit.services import record

pytestmark = pytest.mark.django_db


def _event(action="item.update", organization=None, actor=None, **kwargs):
    return record(actor, action, organization=organization, object_type=kwargs.pop("object_type", "publishing.informationitem"),
                  object_repr=kwargs.pop("object_repr", "关于测试的通知"), **kwargs)


def _listed(response) -> set[int]:
    return {event.id for event in response.context["page"].object_list}


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("audit:list"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_editor_without_audit_view_gets_403_with_reason(client, editor):
    client.force_login(editor)
    response = client.get(reverse("audit:list"))
    assert response.status_code == 403
    assert "操作日志仅供政务公开办和单位管理员查阅" in response.content.decode()


def test_org_admin_sees_own_unit_only(client, org, other_org, org_admin):
    own = _event(organization=org)
    foreign = _event(organization=other_org)
    login = _event(action="auth.login", organization=None)
    client.force_login(org_admin)
    response = client.get(reverse("audit:list"))
    assert response.status_code == 200
    listed = _listed(response)
    assert own.id in listed
    assert foreign.id not in listed
    assert login.id not in listed
    assert client.get(reverse("audit:detail", kwargs={"event_id": foreign.id})).status_code == 404
    assert client.get(reverse("audit:detail", kwargs={"event_id": login.id})).status_code == 404


def test_supervisor_sees_subtree_and_logins(client, org, other_org, county, supervisor):
    below = _event(organization=org)
    at_county = _event(organization=county)
    outside = _event(organization=other_org)
    login = _event(action="auth.login", organization=None)
    client.force_login(supervisor)
    listed = _listed(client.get(reverse("audit:list")))
    assert {below.id, at_county.id, login.id} <= listed
    assert outside.id not in listed


def test_superuser_sees_everything(client, org, other_org):
    events = [_event(organization=org), _event(organization=other_org), _event(action="auth.login")]
    client.force_login(UserFactory(is_superuser=True))
    assert {e.id for e in events} <= _listed(client.get(reverse("audit:list")))


def test_filters(client, org, county, supervisor):
    alice = UserFactory(full_name="张小红")
    bob = UserFactory(full_name="李大明")
    by_alice = _event(organization=org, actor=alice, action="item.publish")
    by_bob = _event(organization=county, actor=bob, action="catalog.add_node", object_type="catalog.catalognode")
    client.force_login(supervisor)
    url = reverse("audit:list")
    assert _listed(client.get(url, {"actor": "小红"})) == {by_alice.id}
    assert _listed(client.get(url, {"action": "catalog.add_node"})) == {by_bob.id}
    assert _listed(client.get(url, {"organization": org.id})) == {by_alice.id}
    assert _listed(client.get(url, {"object_type": "catalog.catalognode"})) == {by_bob.id}
    # The action list offers readable names.
    assert "新增目录栏目" in client.get(url).content.decode()


def test_failed_login_found_by_attempted_username(client, supervisor):
    failed = record(None, "auth.login_failed", object_type="accounts.user", object_repr="wangwu",
                    actor_name="未登录访问者")
    client.force_login(supervisor)
    assert failed.id in _listed(client.get(reverse("audit:list"), {"actor": "wangwu"}))


def test_date_filter_and_bad_range(client, org, org_admin):
    today = _event(organization=org)
    client.force_login(org_admin)
    url = reverse("audit:list")
    local_today = timezone.localdate()
    assert today.id in _listed(client.get(url, {"date_from": local_today.isoformat(), "date_to": local_today.isoformat()}))
    tomorrow = (local_today + dt.timedelta(days=1)).isoformat()
    assert today.id not in _listed(client.get(url, {"date_from": tomorrow}))
    response = client.get(url, {"date_from": tomorrow, "date_to": local_today.isoformat()})
    assert response.status_code == 200
    assert "起始日期不能晚于截止日期" in response.content.decode()
    assert today.id in _listed(response)  # a bad range is reported, not silently applied


def test_pagination(client, org, org_admin):
    for _ in range(55):
        _event(organization=org)
    client.force_login(org_admin)
    url = reverse("audit:list")
    first = client.get(url, {"action": "item.update"})
    assert len(first.context["page"].object_list) == 50
    assert first.context["page"].paginator.num_pages == 2
    assert "action=item.update&amp;page=2" in first.content.decode()
    second = client.get(url, {"action": "item.update", "page": 2})
    assert len(second.context["page"].object_list) == 5


def test_detail_shows_before_and_after(client, org, org_admin):
    event = record(org_admin, "organization.update_office", org, organization=org,
                   before={"office_phone": "0533-1111111"}, after={"office_phone": "0533-2222222"})
    client.force_login(org_admin)
    response = client.get(reverse("audit:detail", kwargs={"event_id": event.id}))
    body = response.content.decode()
    assert response.status_code == 200
    assert "联系电话" in body  # the field's verbose name, not "office_phone"
    assert body.index("0533-1111111") < body.index("0533-2222222")
    assert "修改公开工作机构信息" in body


def test_list_is_read_only(client, org, org_admin):
    event = _event(organization=org)
    client.force_login(org_admin)
    response = client.post(reverse("audit:detail", kwargs={"event_id": event.id}))
    assert response.status_code == 405
    assert AuditEvent.objects.filter(pk=event.id).exists()


def test_detail_shows_values_as_staff_read_them(client, org, org_admin, settings):
    """Choice codes as their labels, foreign-key ids as names, datetimes in local time, rich text as plain
    text, recorded extra keys labelled; before, the page showed proactive, 11, 2025-07-01T12:17:31Z, <p>…"""
    settings.TIME_ZONE = "Asia/Shanghai"
    event = _event(organization=org, before={"state": "draft"}, after={
        "state": "published", "disclosure_mode": "proactive", "organization": org.pk,
        "published_at": "2025-07-01T12:17:31Z", "body": "<p>各科室：</p><p>现将&nbsp;有关事项通知如下。</p>",
        "is_public": True, "reason": "重复", "added": 3})
    client.force_login(org_admin)
    response = client.get(reverse("audit:detail", kwargs={"event_id": event.id}))
    rows = {row["name"]: row for row in response.context["changes"]}
    assert rows["state"]["before"] == "草稿" and rows["state"]["after"] == "已发布"
    assert rows["disclosure_mode"]["after"] == "主动公开"
    assert rows["organization"]["after"] == org.name
    assert rows["published_at"]["after"] == "2025-07-01 20:17"
    assert rows["body"]["after"] == "各科室： 现将 有关事项通知如下。"
    assert rows["reason"]["field"] == "理由" and rows["added"]["field"] == "新增人数"
    html = response.content.decode()
    assert "proactive" not in html and "&lt;p&gt;" not in html and "2025-07-01T" not in html


def test_detail_names_a_deleted_row_by_its_id(client, org, org_admin):
    event = _event(organization=org, after={"organization": 999999})
    client.force_login(org_admin)
    response = client.get(reverse("audit:detail", kwargs={"event_id": event.id}))
    assert response.context["changes"][0]["after"] == "编号999999（已删除）"
