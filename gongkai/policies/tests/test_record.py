"""The 涉企政策 record on an item: filled from the item's staff page, six fields required at review,
已截止 after the end date."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.audit.models import AuditEvent
from gongkai.catalog.services import node_by_key
from gongkai.core.services import ActionRefused
from gongkai.policies import services
from gongkai.policies.factories import enterprise_policy
from gongkai.policies.models import Delivery, EnterprisePolicy
from gongkai.publishing import services as publishing
from gongkai.publishing.choices import State

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(org, editor):
    return publishing.create_item(editor, org, {"title": "关于支持中小企业发展的若干措施", "formed_on": timezone.localdate(),
                                                "body": "<p>正文</p>"}, [node_by_key(org, "plan.notices")])


def test_the_six_fields_are_required_at_review(client, org, editor, reviewer, draft):
    services.save_policy(editor, draft, {"conditions": "本县注册的小微企业。", "category": "subsidy"})
    publishing.submit(editor, draft)

    client.force_login(reviewer)
    page = client.get(reverse("publishing:detail", kwargs={"item_id": draft.pk})).content.decode()
    assert "补充后才能审核通过" in page
    assert "申报材料清单、办理流程、承办部门、联系方式、申报起止时间" in page

    with pytest.raises(ActionRefused) as refused:
        publishing.approve(reviewer, draft, "同意", secrecy_checked=True)
    for field in ("申报材料清单", "办理流程", "承办部门", "联系方式", "申报起止时间"):
        assert field in refused.value.reason
    assert "申请条件" not in refused.value.reason.split("缺少")[1].split("（")[0]
    draft.refresh_from_db()
    assert draft.state == State.SUBMITTED

    publishing.return_item(reviewer, draft, "请补充涉企政策信息")
    today = timezone.localdate()
    services.save_policy(editor, draft, {
        "conditions": "本县注册的小微企业。", "materials": ["申请表"], "procedure": ["申请", "审核"], "department": org,
        "contact": "0533-1234567", "starts_on": today, "ends_on": today + dt.timedelta(days=30), "category": "subsidy"})
    publishing.submit(editor, draft)
    assert publishing.approve(reviewer, draft, "同意", secrecy_checked=True).state == State.APPROVED


def test_a_policy_whose_deadline_has_passed_is_not_approved(client, org, editor, reviewer, draft):
    from gongkai.policies.factories import SIX

    services.save_policy(editor, draft, {**SIX, "department": org, "starts_on": dt.date(2020, 1, 1),
                                         "ends_on": dt.date(2020, 1, 31)})
    publishing.submit(editor, draft)
    client.force_login(reviewer)
    page = client.get(reverse("publishing:detail", kwargs={"item_id": draft.pk})).content.decode()
    assert "申报截止日期2020-01-31已过" in page
    with pytest.raises(ActionRefused) as refused:
        publishing.approve(reviewer, draft, "同意", secrecy_checked=True)
    assert "申报截止日期2020-01-31已过" in refused.value.reason
    draft.refresh_from_db()
    assert draft.state == State.SUBMITTED
    # Judged on the day of the review: the same record passed while the window was open.
    assert services.review_problems(draft, today=dt.date(2020, 1, 31)) == []

    publishing.return_item(reviewer, draft, "请核实申报时间")
    today = timezone.localdate()
    services.save_policy(editor, draft, {**SIX, "department": org, "starts_on": dt.date(2020, 1, 1), "ends_on": today})
    publishing.submit(editor, draft)
    assert publishing.approve(reviewer, draft, "同意", secrecy_checked=True).state == State.APPROVED


def test_an_automatic_policy_needs_no_materials(org, editor, draft):
    today = timezone.localdate()
    policy = services.save_policy(editor, draft, {
        "conditions": "年用电量100万千瓦时以上的工业企业。", "procedure": ["部门确定名单", "直接拨付"], "department": org,
        "contact": "0533-1234567", "starts_on": today, "ends_on": today, "delivery": Delivery.AUTOMATIC})
    assert services.missing_fields(policy) == []


def test_items_without_a_record_are_reviewed_as_before(org, editor, reviewer, draft):
    publishing.submit(editor, draft)
    assert publishing.approve(reviewer, draft, "同意", secrecy_checked=True).state == State.APPROVED


def test_the_editor_fills_the_record_from_the_item_page(client, org, editor, draft):
    client.force_login(editor)
    page = client.get(reverse("publishing:detail", kwargs={"item_id": draft.pk})).content.decode()
    edit_url = reverse("policies_staff:edit", kwargs={"item_id": draft.pk})
    assert edit_url in page and "标注为涉企政策" in page

    response = client.post(edit_url, {
        "conditions": "本县注册的小微企业。", "materials": "1. 申请表\n2、营业执照复印件\n\n", "procedure": "在线申请\n审核\n拨付",
        "department": org.pk, "contact": "0533-1234567", "starts_on": "2026-01-01", "ends_on": "2026-03-31",
        "industries": ["C", "I"], "sizes": ["small", "micro"], "category": "subsidy", "delivery": "apply",
        "interpretation_url": ""})
    assert response.status_code == 302
    policy = EnterprisePolicy.objects.get(item=draft)
    assert policy.materials == ["申请表", "营业执照复印件"]
    assert policy.procedure == ["在线申请", "审核", "拨付"]
    assert policy.industries == ["C", "I"] and policy.sizes == ["small", "micro"]
    assert AuditEvent.objects.filter(action="policy.create", organization=org).exists()

    page = client.get(reverse("publishing:detail", kwargs={"item_id": draft.pk})).content.decode()
    assert "修改涉企政策信息" in page and "营业执照复印件" in page


def test_a_submitted_item_cannot_change_its_record(org, editor, draft):
    publishing.submit(editor, draft)
    with pytest.raises(ActionRefused):
        services.save_policy(editor, draft, {"conditions": "改"})


def test_another_units_editor_cannot_touch_the_record(client, org, other_org, draft):
    from gongkai.accounts.factories import user_with_role
    from gongkai.accounts.models import Role

    stranger = user_with_role(other_org, Role.EDITOR)
    with pytest.raises(ActionRefused):
        services.save_policy(stranger, draft, {"conditions": "改"})
    client.force_login(stranger)
    assert client.get(reverse("policies_staff:edit", kwargs={"item_id": draft.pk})).status_code == 404


def test_the_handling_department_sees_another_units_policy_only_once_published(client, org, other_org, editor,
                                                                               reviewer, draft):
    from gongkai.accounts.factories import user_with_role
    from gongkai.accounts.models import Role

    services.save_policy(editor, draft, {"department": other_org, "conditions": "本县注册的小微企业。"})
    published = enterprise_policy(org, editor, reviewer, title="已发布的稳岗政策", department=other_org)
    client.force_login(user_with_role(other_org, Role.EDITOR))
    page = client.get(reverse("policies_staff:list")).content.decode()
    assert "已发布的稳岗政策" in page
    assert draft.title not in page  # the issuing unit's unreviewed draft and what it still lacks
    assert "申报材料清单" not in page

    client.force_login(editor)  # the issuing unit still sees its own draft
    page = client.get(reverse("policies_staff:list")).content.decode()
    assert draft.title in page and published.item.title in page


def test_a_policy_past_its_end_date_is_closed(client, org, editor, reviewer):
    today = timezone.localdate()
    policy = enterprise_policy(org, editor, reviewer, starts_on=today - dt.timedelta(days=60),
                               ends_on=today - dt.timedelta(days=1))
    assert policy.status(today) == "closed"
    page = client.get(reverse("policies:detail", kwargs={"policy_id": policy.pk})).content.decode()
    assert "已截止" in page
    client.force_login(editor)
    page = client.get(reverse("publishing:detail", kwargs={"item_id": policy.item_id})).content.decode()
    assert "已截止" in page


def test_bad_dates_are_refused(org, editor, draft):
    with pytest.raises(ActionRefused):
        services.save_policy(editor, draft, {"starts_on": dt.date(2026, 5, 1), "ends_on": dt.date(2026, 4, 1)})
    with pytest.raises(ActionRefused):
        services.save_policy(editor, draft, {"industries": ["Z"]})
