"""After closing: classification, the 意见收集采纳情况 on the same page, the decision link, and the
inspection finding for a consultation closed too long without it."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.audit.models import AuditEvent
from gongkai.core.services import ActionRefused
from gongkai.participation import catalog, services
from gongkai.participation.factories import CommentFactory, ConsultationFactory, DecisionEntryFactory
from gongkai.participation.models import Adoption, Comment, Consultation
from gongkai.publishing.factories import published_item

pytestmark = pytest.mark.django_db


def _closed(org, days_ago=3, **kwargs):
    today = timezone.localdate()
    return ConsultationFactory(organization=org, opens_on=today - dt.timedelta(days=days_ago + 30),
                               closes_on=today - dt.timedelta(days=days_ago), **kwargs)


def test_the_outcome_waits_for_the_closing_and_for_every_comment(org, editor, reviewer):
    open_one = ConsultationFactory(organization=org)
    with pytest.raises(ActionRefused, match="截止"):
        services.publish_outcome(reviewer, open_one, "<p>说明</p>")
    closed = _closed(org)
    comment = CommentFactory(consultation=closed)
    with pytest.raises(ActionRefused, match="未填写归类和采纳情况"):
        services.publish_outcome(reviewer, closed, "<p>说明</p>")
    with pytest.raises(ActionRefused, match="说明理由"):
        services.classify(editor, comment, "适用范围", Adoption.NOT_ADOPTED, "")
    services.classify(editor, comment, "适用范围", Adoption.PARTLY, "部分采纳，已修改第二条。")
    with pytest.raises(ActionRefused):
        services.publish_outcome(editor, closed, "<p>说明</p>")  # an editor drafts, the reviewer publishes
    services.publish_outcome(reviewer, closed, "<p>共收到意见1条。</p>")
    closed.refresh_from_db()
    assert closed.outcome_published_at and closed.public_status() == "outcome_published"


def test_the_outcome_is_on_the_consultations_page_with_counts_and_reasons(client, org, editor, reviewer):
    closed = _closed(org)
    online = CommentFactory(consultation=closed, body="建议放宽条件。", name="王五", contact="13912345678")
    services.moderate(reviewer, online, True)
    services.record_offline_comment(editor, closed, {"channel": "email", "body": "建议推迟施行。", "name": "赵六"})
    for comment in Comment.objects.filter(consultation=closed):
        services.classify(editor, comment, "施行条件", Adoption.NOT_ADOPTED, "与上位法规定不一致。")
    services.publish_outcome(reviewer, closed, "<p>经研究，均未采纳。</p>")
    page = client.get(reverse("participation:consultation", kwargs={"consultation_id": closed.pk})).content.decode()
    assert "已结束 · 采纳情况已发布" in page and "意见收集采纳情况" in page
    assert "网站在线提交：1" in page and "电子邮件：1" in page and "未采纳：2" in page
    assert "与上位法规定不一致。" in page and "施行条件" in page
    assert "建议放宽条件。" in page and "建议推迟施行。" not in page  # an unpublished comment's text stays out
    for secret in ("王五", "赵六", "13912345678"):
        assert secret not in page


def _published_outcome(org, editor, reviewer, body="建议放宽条件。"):
    closed = _closed(org)
    online = CommentFactory(consultation=closed, body=body)
    services.moderate(reviewer, online, True)
    services.classify(editor, online, "施行条件", Adoption.PARTLY, "部分采纳。")
    services.publish_outcome(reviewer, closed, "<p>经研究，部分采纳。</p>")
    return closed, online


def test_a_comment_hidden_after_the_outcome_leaves_the_published_outcome(client, org, editor, reviewer):
    closed, online = _published_outcome(org, editor, reviewer)
    url = reverse("participation:consultation", kwargs={"consultation_id": closed.pk})
    assert "建议放宽条件。" in client.get(url).content.decode()
    services.moderate(reviewer, Comment.objects.get(pk=online.pk), False, "含不当内容")
    page = client.get(url).content.decode()
    assert "建议放宽条件。" not in page and "该条意见已依规不予公开" in page
    assert "共收到意见 1 条" in page and "部分采纳：1" in page and "部分采纳。" in page  # the counts stay
    entry = AuditEvent.objects.filter(action="participation.moderate").latest("id")
    assert entry.changes["outcome"][1] == "withheld"


def test_hiding_reaches_an_outcome_published_before_items_named_their_comment(client, org, editor, reviewer):
    closed, online = _published_outcome(org, editor, reviewer, body="请联系13912345678核实。")
    data = Consultation.objects.get(pk=closed.pk).outcome_data
    for group in data["groups"]:
        for item in group["items"]:
            del item["comment"]
    Consultation.objects.filter(pk=closed.pk).update(outcome_data=data)
    services.moderate(reviewer, Comment.objects.get(pk=online.pk), False, "含个人信息")
    page = client.get(reverse("participation:consultation", kwargs={"consultation_id": closed.pk})).content.decode()
    assert "核实" not in page and "该条意见已依规不予公开" in page


def test_no_offline_opinion_is_recorded_after_the_outcome(client, org, editor, reviewer):
    closed, _online = _published_outcome(org, editor, reviewer)
    with pytest.raises(ActionRefused, match="采纳情况已经发布，不能再登记意见"):
        services.record_offline_comment(editor, closed, {"channel": "email", "body": "迟到的意见。"})
    assert Comment.objects.filter(consultation=closed).count() == 1
    client.force_login(editor)
    page = client.get(reverse("participation_staff:consultation", kwargs={"consultation_id": closed.pk}))
    assert page.status_code == 200 and "登记通过电子邮件、信函、传真或会议收到的意见" not in page.content.decode()


def test_the_decision_is_linked_to_the_consultation_and_its_catalog_entry(client, org, editor, reviewer):
    entry = DecisionEntryFactory(catalog__organization=org)
    closed = _closed(org, entry=entry)
    item = published_item(org, editor, reviewer, title="测试办法（正式印发）")
    with pytest.raises(ActionRefused, match="没有找到索引号"):
        services.link_decision(editor, closed, "不存在的索引号")
    services.link_decision(editor, closed, item.index_no)
    entry.refresh_from_db()
    assert entry.decision_item == item and entry.status == entry.Status.DECIDED
    page = client.get(reverse("participation:consultation", kwargs={"consultation_id": closed.pk})).content.decode()
    assert 'id="decision-link"' in page and "测试办法（正式印发）" in page


# --- inspection ----------------------------------------------------------------------------------------
def _findings(org, today):
    from gongkai.inspection.rules.base import Context
    from gongkai.inspection.rules.participation import ConsultationOutcomeMissing

    return list(ConsultationOutcomeMissing().check(Context(today=today, organization_ids={org.pk})))


def test_a_consultation_closed_more_than_20_working_days_without_outcome_is_a_finding(org, reviewer, editor):
    today = dt.date(2026, 6, 30)
    late = ConsultationFactory(organization=org, opens_on=dt.date(2026, 4, 1), closes_on=dt.date(2026, 5, 1))
    recent = ConsultationFactory(organization=org, opens_on=dt.date(2026, 5, 20), closes_on=dt.date(2026, 6, 20))
    hits = _findings(org, today)
    assert [h.subject for h in hits] == [f"consultation:{late.pk}"]
    assert "20个工作日" in str(hits[0].title) and late.title in str(hits[0].title)
    Consultation.objects.filter(pk=late.pk).update(outcome_published_at=timezone.now())
    assert _findings(org, today) == []
    assert recent.pk  # closed 6 working days before: not yet due


def test_the_outcome_period_is_configurable(org, settings):
    settings.GONGKAI_CONSULTATION_OUTCOME_WORKDAYS = 3
    ConsultationFactory(organization=org, opens_on=dt.date(2026, 5, 20), closes_on=dt.date(2026, 6, 20))
    assert len(_findings(org, dt.date(2026, 6, 30))) == 1


def test_the_rule_is_registered_with_the_engine():
    from gongkai.inspection.rules import active_rules

    assert "consultation_outcome_missing" in {rule.code for rule in active_rules()}


def test_no_decision_is_linked_while_the_consultation_runs(client, org, editor, reviewer):
    """Linking the 最终决策文件 during the consultation marked its catalog entry 已决策 while the public was
    still commenting; the decision follows the closing date."""
    entry = DecisionEntryFactory(catalog__organization=org)
    running = ConsultationFactory(organization=org, entry=entry)
    item = published_item(org, editor, reviewer, title="测试办法（正式印发）")
    with pytest.raises(ActionRefused, match="截止.*后才能关联最终决策文件"):
        services.link_decision(editor, running, item.index_no)
    running.refresh_from_db()
    entry.refresh_from_db()
    assert running.decision_item is None and entry.status != entry.Status.DECIDED
    client.force_login(editor)
    page = client.get(reverse("participation_staff:consultation", kwargs={"consultation_id": running.pk}))
    assert "关联最终决策文件" not in page.content.decode()


def test_execution_and_evaluation_follow_a_decision_linked_through_the_consultation(org, editor, reviewer):
    """Linking the decision marks the catalog entry 已决策 on the stored row; the 执行情况 and the 后评估 that
    follow, given the entry as the caller holds it (as the demo loader does), see that status and keep it
    (the demo failed to load: 「只有已决策的事项才能报告执行情况」)."""
    from gongkai.participation import catalog as catalog_services

    entry = DecisionEntryFactory(catalog__organization=org)
    closed = _closed(org, entry=entry)
    item = published_item(org, editor, reviewer, title="测试办法（正式印发）")
    services.link_decision(editor, closed, item.index_no)
    today = timezone.localdate()
    catalog_services.add_update(editor, entry, today, "办法已印发，正在实施。")
    catalog_services.evaluate(reviewer, entry, today, "达到预期效果", "<p>评估报告。</p>")
    entry.refresh_from_db()
    assert entry.status == entry.Status.DECIDED and entry.decision_item == item
    assert entry.evaluated_on == today and entry.updates.count() == 1


def test_no_decision_is_linked_from_the_catalog_entry_while_its_consultation_runs(client, org, editor, reviewer):
    """The consultation page refused the decision before the closing date, but the catalog entry's own
    「关联决策文件」 took it and marked the entry 已决策 while the public was still commenting."""
    entry = DecisionEntryFactory(catalog__organization=org)
    running = ConsultationFactory(organization=org, entry=entry)
    item = published_item(org, editor, reviewer, title="测试办法（正式印发）")
    with pytest.raises(ActionRefused, match=f"征求意见截止（{running.closes_on}）后才能关联最终决策文件"):
        catalog.link_entry_decision(editor, entry, item.index_no)
    entry.refresh_from_db()
    assert entry.decision_item is None and entry.status != entry.Status.DECIDED
    running.closes_on = timezone.localdate() - dt.timedelta(days=1)
    running.save(update_fields=["closes_on"])
    catalog.link_entry_decision(editor, entry, item.index_no)
    entry.refresh_from_db()
    assert entry.decision_item == item and entry.status == entry.Status.DECIDED


def test_only_the_units_own_or_its_governments_item_is_linked_as_the_decision(client, org, editor, reviewer):
    """Any unit's published item was taken as the final decision by its 索引号 (another bureau's notice shown as
    this consultation's decision, and its catalog entry marked 已决策). The unit's own item, or one of the
    government above it (or of that government's office, which issues its 源政办发), is taken; another unit's is
    refused with the reason, and the page keeps what was typed."""
    from gongkai.accounts.factories import user_with_role
    from gongkai.accounts.models import Role
    from gongkai.organizations.factories import OrganizationFactory
    from gongkai.organizations.models import Organization

    county = OrganizationFactory(name="测试县人民政府", kind=Organization.Kind.PEOPLE_GOVERNMENT)
    office = OrganizationFactory(name="测试县人民政府办公室", parent=county)
    other = OrganizationFactory(name="测试县交通运输局", parent=county)
    org.parent = county
    org.save(update_fields=["parent"])

    def item_of(unit, title):
        return published_item(unit, user_with_role(unit, Role.EDITOR), user_with_role(unit, Role.REVIEWER), title=title)

    foreign = item_of(other, "测试县交通运输局关于公路养护的通知")
    entry = DecisionEntryFactory(catalog__organization=org)
    closed = _closed(org, entry=entry)
    with pytest.raises(ActionRefused, match="由测试县交通运输局发布，不是本单位或上级人民政府"):
        services.link_decision(editor, closed, foreign.index_no)
    with pytest.raises(ActionRefused, match="不能作为最终决策文件"):
        catalog.link_entry_decision(editor, entry, foreign.index_no)
    closed.refresh_from_db()
    entry.refresh_from_db()
    assert closed.decision_item is None and entry.decision_item is None and entry.status != entry.Status.DECIDED
    client.force_login(editor)
    response = client.post(reverse("participation_staff:consultation_link", kwargs={"consultation_id": closed.pk}),
                           {"index_no": foreign.index_no})
    page = response.content.decode()
    assert response.status_code == 400 and "不能作为最终决策文件" in page and f'value="{foreign.index_no}"' in page
    for unit in (office, county, org):
        decision = item_of(unit, f"{unit.name}关于印发测试办法的通知")
        services.link_decision(editor, closed, decision.index_no)
        closed.refresh_from_db()
        assert closed.decision_item == decision


def test_a_matter_in_the_governments_catalog_is_not_marked_decided_by_the_units_own_item(client, org, editor):
    """A bureau's consultation on a matter of the county's 重大行政决策事项目录 took the bureau's own notice as the
    final decision and wrote it into the county's catalog entry (已决策 on the public catalog), although the entry's
    own 关联决策文件 refuses it: the county decides. Refused with the reason; the county's item is taken, and a
    consultation on no catalog matter still takes the bureau's own item."""
    from gongkai.accounts.factories import user_with_role
    from gongkai.accounts.models import Role
    from gongkai.organizations.factories import OrganizationFactory
    from gongkai.organizations.models import Organization

    county = OrganizationFactory(name="测试县人民政府", kind=Organization.Kind.PEOPLE_GOVERNMENT)
    org.parent = county
    org.save(update_fields=["parent"])

    def item_of(unit, title):
        return published_item(unit, user_with_role(unit, Role.EDITOR), user_with_role(unit, Role.REVIEWER), title=title)

    own = item_of(org, "测试县住房和城乡建设局关于供热价格的通知")
    entry = DecisionEntryFactory(catalog__organization=county)
    closed = _closed(org, entry=entry)
    client.force_login(editor)
    url = reverse("participation_staff:consultation_link", kwargs={"consultation_id": closed.pk})
    response = client.post(url, {"index_no": own.index_no})
    page = response.content.decode()
    assert response.status_code == 400 and "最终决策文件应由测试县人民政府或其上级人民政府" in page
    closed.refresh_from_db()
    entry.refresh_from_db()
    assert closed.decision_item is None and entry.decision_item is None and entry.status != entry.Status.DECIDED
    decision = item_of(county, "测试县人民政府关于印发供热价格调整方案的通知")
    assert client.post(url, {"index_no": decision.index_no}).status_code == 302
    entry.refresh_from_db()
    assert entry.decision_item == decision and entry.status == entry.Status.DECIDED
    alone = _closed(org)
    services.link_decision(editor, alone, own.index_no)
    alone.refresh_from_db()
    assert alone.decision_item == own
