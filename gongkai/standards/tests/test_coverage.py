import datetime as dt

from django.urls import reverse
from django.utils import timezone

from gongkai.catalog.models import CatalogNode
from gongkai.inspection.rules.base import Context
from gongkai.inspection.rules.standards import StandardMattersEmpty
from gongkai.publishing.services import record_migrated_item
from gongkai.standards import services
from gongkai.standards.choices import Coverage
from gongkai.standards.models import Domain

ON = dt.date(2020, 9, 1)  # a Tuesday; 20 working days later is 2020-09-28 (27 Sept was a 调休 working day)


def publish(org, node, day: dt.date, title="信息"):
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(10)))
    return record_migrated_item(None, org, {"title": title, "formed_on": day, "body": "<p>正文</p>"}, [node], moment)


def states(org, on):
    return {entry.unit_matter.matter.level2: entry for entry in services.judge(services.unit_matters_of([org.pk]), on)}


def test_empty_matter_falls_past_its_20_working_days_on_the_real_calendar(county):
    unit = county.orgs["jytyj"]
    services.assign(county.supervisor, Domain.objects.get(name="义务教育"), [unit], on=ON)
    on_due = states(unit, dt.date(2020, 9, 28))["招生计划"]
    assert on_due.state == Coverage.PENDING and on_due.due == dt.date(2020, 9, 28)
    assert states(unit, dt.date(2020, 9, 29))["招生计划"].state == Coverage.EMPTY_OVERDUE


def test_published_items_cover_and_periodic_matters_go_stale(county):
    unit = county.orgs["czj"]
    services.assign(county.supervisor, Domain.objects.get(name="财政预决算"), [unit], on=ON)
    debt = CatalogNode.objects.get(organization=unit, name="政府债务限额和余额")  # 每年
    plan = CatalogNode.objects.get(organization=unit, name="部门预算")
    publish(unit, debt, dt.date(2020, 10, 20))
    publish(unit, plan, dt.date(2020, 9, 10))
    on = states(unit, dt.date(2020, 12, 31))
    assert on["政府债务限额和余额"].state == Coverage.COVERED
    assert on["部门预算"].state == Coverage.COVERED and on["部门预算"].latest == dt.date(2020, 9, 10)
    # An item published after the day judged does not count for it.
    assert states(unit, dt.date(2020, 10, 19))["政府债务限额和余额"].state == Coverage.PENDING
    later = states(unit, dt.date(2021, 10, 22))
    assert later["政府债务限额和余额"].state == Coverage.STALE  # 366 days since the last publication


def test_coverage_by_unit_counts_for_the_county_view(county, client):
    unit, town = county.orgs["jytyj"], county.orgs["nmjd"]
    services.assign(county.supervisor, Domain.objects.get(name="义务教育"), [unit, town], on=ON)
    for name in ("招生政策", "招生计划"):
        publish(unit, CatalogNode.objects.get(organization=unit, name=name), dt.date(2020, 9, 15), name)
    na = services.unit_matters_of([town.pk]).get(matter__level2="学校介绍")
    na.not_applicable, na.reason = True, "由县局公开"
    na.save()
    figures = services.coverage_by_unit(2020, today=dt.date(2026, 1, 5))
    edu = figures[unit.pk]
    total = services.unit_matters_of([unit.pk]).count()
    assert edu["as_of"] == dt.date(2020, 12, 31)
    assert (edu["matters"], edu["covered"], edu["overdue"]) == (total, 2, total - 2)
    assert edu["rate"] == round(100 * 2 / total)
    assert figures[town.pk]["not_applicable"] == 1 and figures[town.pk]["covered"] == 0
    assert edu["domains"]["义务教育"]["covered"] == 2
    # Before the assignment nothing counted.
    assert services.coverage_by_unit(2019, today=dt.date(2026, 1, 5)) == {}
    client.force_login(county.supervisor)
    page = client.get(reverse("standards_staff:coverage") + "?year=2020").content.decode()
    assert f"2/{total}" in page
    # The 绩效考核's 标准目录 part (gongkai.assurance reads it): a share of the applicable 事项, per unit asked.
    from decimal import Decimal

    from gongkai.standards.assessment import coverage

    shares = coverage(2020, [unit.pk])
    assert set(shares) == {unit.pk} and shares[unit.pk] == Decimal(2) / Decimal(total)


def test_inspection_rule_names_matters_empty_past_their_deadline(county):
    unit = county.orgs["jytyj"]
    services.assign(county.supervisor, Domain.objects.get(name="义务教育"), [unit], on=ON)
    publish(unit, CatalogNode.objects.get(organization=unit, name="招生计划"), dt.date(2020, 9, 15))
    hits = list(StandardMattersEmpty().check(Context(dt.date(2020, 10, 9), {unit.pk})))
    titles = " ".join(str(hit.title) for hit in hits)
    assert "招生管理—招生范围" in titles and "招生计划" not in titles
    assert all(hit.organization_id == unit.pk for hit in hits)
    assert list(StandardMattersEmpty().check(Context(dt.date(2020, 9, 20), {unit.pk}))) == []


def test_units_see_their_overdue_matters_in_my_todo_and_their_public_catalog(county, client):
    from gongkai.accounts.factories import user_with_role
    from gongkai.accounts.models import Role
    from gongkai.standards import todo

    unit = county.orgs["jytyj"]
    services.assign(county.supervisor, Domain.objects.get(name="义务教育"), [unit], on=ON)
    editor = user_with_role(unit, Role.EDITOR)
    groups = todo.provider(editor)
    assert groups and groups[0].count == services.unit_matters_of([unit.pk]).count()
    assert todo.provider(county.supervisor) == []  # the office reads the county view instead
    page = client.get(reverse("standards:unit", args=[unit.pk])).content.decode()
    assert "招生管理—招生计划" in page and "暂无信息" in page
    assert client.get(reverse("standards:unit", args=[county.orgs["czj"].pk])).status_code == 404


def test_publishing_in_a_standard_node_purges_the_units_public_catalog(county, monkeypatch):
    from gongkai.standards import pages

    unit = county.orgs["jytyj"]
    services.assign(county.supervisor, Domain.objects.get(name="义务教育"), [unit], on=ON)
    item = publish(unit, CatalogNode.objects.get(organization=unit, name="招生计划"), dt.date(2020, 9, 15))
    purged = []
    monkeypatch.setattr(pages.pagecache, "purge", lambda paths, prefixes=(): purged.extend(paths))
    pages.item_changed("publishing", item_id=item.pk, verb="updated")
    assert reverse("standards:unit", args=[unit.pk]) in purged


def test_restoring_a_matter_never_marked_not_applicable_keeps_it_overdue(county, client):
    """「恢复」 once restarted any matter's 时限 from today, turning 逾期 into 未到期."""
    from gongkai.accounts.factories import user_with_role
    from gongkai.accounts.models import Role
    from gongkai.standards.models import UnitMatter

    unit = county.orgs["jytyj"]
    services.assign(county.supervisor, Domain.objects.get(name="义务教育"), [unit], on=ON)
    unit_matter = UnitMatter.objects.get(assignment__organization=unit, matter__level2="招生计划")
    client.force_login(user_with_role(unit, Role.ORG_ADMIN))
    response = client.post(reverse("standards_staff:applicable", args=[unit_matter.pk]), follow=True)
    assert "该事项没有标为不适用，无需恢复。" in response.content.decode()
    unit_matter.refresh_from_db()
    today = dt.date.today()
    states = {e.unit_matter.pk: e.state for e in services.judge(services.unit_matters_of([unit.pk]), today)}
    assert unit_matter.since == ON and states[unit_matter.pk] == Coverage.EMPTY_OVERDUE
