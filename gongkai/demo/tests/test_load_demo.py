"""`gongkai load_demo`: loaded once for the module (in a transaction rolled back at the end)."""

import datetime as dt
import hashlib
import io
import sys
import types
from importlib.machinery import ModuleSpec

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection, transaction
from django.test import RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from stdnum.cn import uscc

from gongkai.accounts import enrolment
from gongkai.accounts.models import Membership, Role, User
from gongkai.catalog.models import CatalogNode
from gongkai.catalog.templates_builtin import node_templates
from gongkai.demo.data.organizations import BY_KEY, CONTACT_GAP_KEY, EMPTY_NODE, ORGANIZATIONS, ROOT_NAME
from gongkai.demo.data.users import DEMO_ENROLMENT_CODE, DEMO_PASSWORD, USERS
from gongkai.demo.loader import extension_modules, load
from gongkai.organizations.models import Organization
from gongkai.portal.models import SiteProfile
from gongkai.publishing.choices import State
from gongkai.publishing.lag import item_publication_lag
from gongkai.publishing.models import Attachment, InformationItem
from gongkai.publishing.numbering import INDEX_NO_PATTERN
from gongkai.workdays.calendar import UnknownYearError, WorkdayCalendar
from gongkai.workdays.clocks import publication_lag


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        with transaction.atomic():
            counts = load()
            yield types.SimpleNamespace(counts=counts, media=media)
            transaction.set_rollback(True)


@pytest.fixture
def db_demo(demo, db, settings):
    settings.MEDIA_ROOT = demo.media
    return demo


def model_counts() -> dict[str, int]:
    """Rows of every Gongkai model (other apps' demo modules run too and must be idempotent as well)."""
    tables = set(connection.introspection.table_names())
    models = [m for m in apps.get_models() if m._meta.app_config.name.startswith("gongkai.") and m._meta.db_table in tables]
    return {m._meta.label: m._default_manager.count() for m in models}


def test_a_second_load_creates_nothing_and_is_quick(db_demo, monkeypatch):
    before = model_counts()
    assert load().total() == 0
    assert model_counts() == before  # other apps' demo modules included
    monkeypatch.setattr("gongkai.demo.loader.extension_modules", lambda: [])
    with CaptureQueriesContext(connection) as queries:
        load()
    assert len(queries) < 200  # lookups only: no per-item work on a second run


def test_command_prints_a_bilingual_summary(db_demo):
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert "沂源县演示数据已存在" in out.getvalue() and "Demo data already loaded" in out.getvalue()


def test_first_load_reported_what_it_created(db_demo):
    counts = db_demo.counts
    assert counts.organizations == len(ORGANIZATIONS) and counts.users == len({user[0] for user in USERS})
    assert "沂源县演示数据已导入" in counts.summary() and "Demo data loaded" in counts.summary()


def test_organizations_form_the_county_tree_with_valid_codes_and_contacts(db_demo):
    root = Organization.objects.get(name=ROOT_NAME)
    assert root.parent is None and root.kind == Organization.Kind.PEOPLE_GOVERNMENT
    units = Organization.objects.exclude(pk=root.pk)
    assert units.count() == len(ORGANIZATIONS) - 1
    assert set(units.values_list("parent_id", flat=True)) == {root.pk}
    for org in Organization.objects.all():
        assert uscc.is_valid(org.credit_code), org.name
        assert "示例" in org.office_name and "示例" in org.office_address and "示例" in org.office_hours
        assert org.office_email.endswith("@example.cn")
    zone = Organization.objects.get(short_name="沂源经济开发区")
    assert zone.name == "沂源经济开发区管理委员会" and zone.kind == Organization.Kind.DEVELOPMENT_ZONE
    assert Organization.objects.filter(kind=Organization.Kind.TOWNSHIP).count() == 12


def test_exactly_one_township_lacks_fax_and_web_on_purpose(db_demo):
    gaps = {org.name: org.missing_guide_fields() for org in Organization.objects.all() if org.missing_guide_fields()}
    assert gaps == {BY_KEY[CONTACT_GAP_KEY].name: ["传真号码", "互联网联系方式"]}


def test_every_unit_has_its_catalog_and_one_built_in_node_is_left_empty(db_demo):
    for org in Organization.objects.all():
        expected = {t.key for t in node_templates() if org.kind in t.kinds}
        # Built-in nodes only: other apps key the nodes they build for a unit too (gongkai.standards: "std.…").
        assert set(org.catalog_nodes.filter(is_builtin=True).values_list("template_key", flat=True)) == expected
    org_key, template_key = EMPTY_NODE
    empty = CatalogNode.objects.get(organization__name=BY_KEY[org_key].name, template_key=template_key)
    assert not empty.items.exists()


def test_site_profile_is_marked_as_demo(db_demo):
    site = SiteProfile.objects.get(host="")
    assert site.name == ROOT_NAME and site.root_organization.name == ROOT_NAME
    assert all("示例" in value for value in (site.site_code, site.icp_number, site.police_number))


def test_the_seed_is_published_by_the_county_office_with_its_files(db_demo):
    item = InformationItem.objects.get(doc_number="源政办字〔2020〕66号")
    assert item.title == "沂源县人民政府办公室关于印发沂源县2020年政务公开工作要点的通知"
    assert item.organization.name == "沂源县人民政府办公室" and item.state == State.PUBLISHED
    assert str(item.written_on) == str(item.formed_on) == "2020-08-10"
    assert timezone.localtime(item.published_at).strftime("%Y-%m-%d %H:%M") == "2020-08-12 09:00"
    assert item.get_topic_display() == "综合政务" and item.keywords == "政务公开 工作要点"
    assert set(item.catalog_nodes.values_list("template_key", flat=True)) == {"plan.notices", "art20.15"}
    assert INDEX_NO_PATTERN.match(item.index_no) and item.index_no.startswith(item.organization.credit_code + "/2020-")
    assert "<table>" in item.body and "县文化和旅游局" in item.body
    files = {a.original_name.rsplit(".", 1)[1]: a for a in item.attachments.all()}
    assert set(files) == {"pdf", "docx"}
    with files["pdf"].file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
    with files["docx"].file.open("rb") as handle:
        assert handle.read(4) == b"PK\x03\x04"


def test_hundreds_of_items_spread_over_units_and_nodes(db_demo):
    public = InformationItem.objects.live().exclude(doc_number="源政办字〔2020〕66号")
    assert public.count() >= 200
    assert set(public.values_list("organization_id", flat=True)) == set(Organization.objects.values_list("id", flat=True))
    nodes = CatalogNode.objects.filter(items__in=public).values_list("template_key", flat=True).distinct()
    assert len(set(nodes)) >= 30
    years = {timezone.localtime(d).year for d in public.values_list("published_at", flat=True)}
    assert years == set(range(2019, 2027))  # 2019: the county's 2018 annual report
    assert all(item.formed_on <= timezone.localtime(item.published_at).date() for item in public)
    wlj = public.filter(organization__short_name="县文化和旅游局").exclude(doc_number="")
    assert wlj.exists() and all(n.startswith(("源文旅发〔", "源文旅函〔"))
                                  for n in wlj.values_list("doc_number", flat=True))


def test_attachments_pass_the_upload_checks_and_match_their_digest(db_demo):
    with_files = InformationItem.objects.filter(attachments__isnull=False).distinct()
    assert with_files.count() >= 40
    kinds = {a.original_name.rsplit(".", 1)[1] for a in Attachment.objects.all()}
    assert {"pdf", "docx", "xlsx"} <= kinds
    names = set()
    for attachment in Attachment.objects.all()[:60]:
        with attachment.file.open("rb") as handle:
            assert hashlib.sha256(handle.read()).hexdigest() == attachment.sha256
        assert attachment.original_name not in attachment.file.name  # stored under a random name
        names.add(attachment.file.name)
    assert len(names) == min(60, Attachment.objects.count())


def test_late_publications_include_the_2020_spring_festival_example(db_demo):
    calendar = WorkdayCalendar()

    def is_late(item) -> bool:
        try:
            return publication_lag(item.formed_on, timezone.localtime(item.published_at).date(), calendar).is_late
        except UnknownYearError:
            # Formed in December: its 20th working day falls in a year whose 放假安排 is not entered yet
            # (chinesecalendar ends with 2026). 我的待办 says so; this test cannot judge it either.
            return False

    late = [item for item in InformationItem.objects.live() if is_late(item)]
    assert len(late) >= 5
    festival = InformationItem.objects.get(formed_on="2020-01-10", organization__short_name="县政府办公室")
    assert timezone.localtime(festival.published_at).date().isoformat() == "2020-03-05"
    assert festival in late


def test_the_budget_law_example_is_late_under_its_law_only(db_demo):
    """条例第二十六条第二句: the 县财政局's 2021 部门预算 is judged by 预算法第十四条第二款 (its node's rule)."""
    item = InformationItem.objects.get(title="沂源县财政局2021年部门预算及“三公”经费预算公开")
    assert set(item.catalog_nodes.values_list("template_key", "publication_rule")) == {("art20.7", "budget_law_14_2")}
    lag = item_publication_lag(item)
    assert (lag.formed_on.isoformat(), lag.due.isoformat(), lag.published_on.isoformat()) == (
        "2021-02-03", "2021-02-23", "2021-03-01")
    assert lag.is_late and lag.rule.source == "《中华人民共和国预算法》第十四条第二款"
    assert not publication_lag(item.formed_on, lag.published_on).is_late  # the 条例's 20 working days: 03-08


def test_withdrawn_items_carry_their_reason(db_demo):
    withdrawn = InformationItem.objects.filter(state=State.WITHDRAWN)
    assert withdrawn.count() >= 3
    assert all(item.state_reason for item in withdrawn)
    assert all(withdrawn.model.objects.public().filter(pk=item.pk).exists() for item in withdrawn)


def test_demo_users_have_their_documented_roles_and_can_log_in(db_demo, client):
    expected = {(username, org_key, role) for username, _name, org_key, role in USERS if org_key}
    actual = {(m.user.username, next(k for k, s in BY_KEY.items() if s.name == m.organization.name), m.role)
              for m in Membership.objects.select_related("user", "organization")}
    assert expected <= actual
    assert User.objects.get(username="admin").is_superuser
    # The 政务公开办 supervises, and drafts the county government's own annual report.
    assert set(Membership.objects.filter(user__username="gkb").values_list("role", flat=True)) == {
        Role.SUPERVISOR, Role.EDITOR}
    for username, *_rest in USERS:
        request = RequestFactory().post("/staff/login/")
        assert client.login(request=request, username=username, password=DEMO_PASSWORD), username
        client.logout()
    assert not client.login(request=RequestFactory().post("/"), username="bgs_xxy", password="wrong-password")


def test_demo_users_enrol_two_factor_login_with_the_documented_code(db_demo):
    """docs/demo.md: with two-factor login on, a demo 审核员 enrols with 绑定码 DEMO-2026, renewed by each load."""
    user = User.objects.get(username="bgs_shy")
    row, _reason = enrolment.check(user, "demo 2026")
    assert row is not None and enrolment.use(user, row)
    assert enrolment.check(user, DEMO_ENROLMENT_CODE)[0] is None  # spent …
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert enrolment.check(user, DEMO_ENROLMENT_CODE)[0] is not None  # … and renewed by the next load
    assert DEMO_ENROLMENT_CODE in out.getvalue()


def test_workflow_items_wait_in_the_demo_users_queues(db_demo):
    states = set(InformationItem.objects.filter(organization__short_name="县政府办公室",
                                                created_by__username="bgs_xxy").values_list("state", flat=True))
    assert {State.DRAFT, State.SUBMITTED, State.RETURNED, State.APPROVED, State.PUBLISHED} <= states
    scheduled = InformationItem.objects.get(created_by__username="bgs_xxy", state=State.PUBLISHED,
                                            published_at__gt=timezone.now())  # (not the 2025 annual report)
    assert scheduled.is_scheduled and scheduled.reviews.filter(reviewer__username="bgs_shy", secrecy_checked=True)
    for unit in ("wlj", "nmjd"):
        assert InformationItem.objects.filter(created_by__username=f"{unit}_xxy", state=State.SUBMITTED).exists()


def test_extension_point_calls_each_apps_demo_module_in_order(db_demo, monkeypatch):
    calls = []
    for name in ("gongkai.demo_ext_a", "gongkai.demo_ext_b"):
        module = types.ModuleType(f"{name}.demo")
        module.__spec__ = ModuleSpec(f"{name}.demo", loader=None)
        module.load = lambda stdout, name=name: calls.append((name, stdout))
        monkeypatch.setitem(sys.modules, f"{name}.demo", module)
    package = types.ModuleType("gongkai.demo_ext_none")
    package.__path__ = []
    package.__spec__ = ModuleSpec("gongkai.demo_ext_none", loader=None, is_package=True)
    monkeypatch.setitem(sys.modules, "gongkai.demo_ext_none", package)
    names = ["django.contrib.auth", "gongkai.demo_ext_b", "gongkai.demo_ext_none", "gongkai.demo", "gongkai.demo_ext_a"]
    for module in extension_modules(names):
        module.load("out")
    assert calls == [("gongkai.demo_ext_b", "out"), ("gongkai.demo_ext_a", "out")]


def test_the_2025_annual_reports_are_the_reports_apps_published_mostly_on_time(db_demo, client):
    from gongkai.reports import deadlines
    from gongkai.reports.models import AnnualReport

    reports = AnnualReport.objects.filter(year=2025).select_related("organization", "created_by", "item")
    published = [r for r in reports if r.is_published]
    assert len(published) >= 40 and len(reports) - len(published) == 1
    county = next(r for r in reports if r.organization.name == "沂源县人民政府")
    assert county.created_by.username == "gkb" and county.published_on == dt.date(2026, 3, 17)
    # (the six 党委工作机关 publish none: Kind.PARTY)
    assert sum(r.published_on.month == 1 and r.published_on.year == 2026 for r in published) >= 35
    # The deadline page has something to show, not 48: two published late, one not yet published.
    late = deadlines.late_reports(as_of=dt.date(2026, 12, 2))
    assert sorted(r.organization_name for r in late) == ["沂源县信访局", "沂源县水利局", "沂源县鲁村镇人民政府"]
    # One source: the catalog's 年报 item is the report's own item, dated like it and pointing to /ndbg/.
    report_url = reverse("reports:report", kwargs={"org_id": county.organization_id, "year": 2025})
    assert county.item.published_at.date() == county.published_on and report_url in county.item.body
    html = client.get(reverse("reports:index")).content.decode()
    assert report_url in html and "往年报告" in html and "2025年度" in html
    assert client.get(reverse("reports:pdf", kwargs={"org_id": county.organization_id, "year": 2025})).status_code == 200


def test_the_2025_county_report_counts_the_units_requests_and_decisions(db_demo):
    from gongkai.reports.models import AnnualReport

    county = AnnualReport.objects.get(year=2025, organization__name=ROOT_NAME)
    requests, proactive, reviews = county.data["requests"], county.data["proactive"], county.data["reviews"]
    assert requests["new"]["total"] == 26 and requests["carried_forward"]["total"] == 2
    assert requests["total_processed"]["total"] == 24 == requests["new"]["total"] - requests["carried_forward"]["total"]
    assert requests["granted"]["total"] > requests["partially_granted"]["total"] > 0
    assert proactive["licensing"]["decisions"] > 1000 and proactive["penalty"]["decisions"] > 100
    assert proactive["fees"]["amount_10k_yuan"] != "0.00"
    assert reviews["administrative_review"]["upheld"] == 1 and reviews["litigation_direct"]["pending"] == 1
    office = AnnualReport.objects.get(year=2025, organization__name="沂源县人民政府办公室")
    assert 0 < office.data["requests"]["new"]["total"] < 26


def test_work_plan_progress_is_reported_within_2020_in_plain_words(db_demo):
    from gongkai.workplan.choices import DeadlineKind, Progress
    from gongkai.workplan.models import ProgressReport

    reports = list(ProgressReport.objects.select_related("submitted_by", "task"))
    assert len(reports) > 100
    assert {timezone.localdate(r.submitted_at).year for r in reports} == {2020}
    assert not [r.text for r in reports if "““" in r.text or "””" in r.text]
    # Every quotation opens and closes; no quoted requirement is cut off in mid-clause.
    assert not [r.text for r in reports if r.text.count("“") != r.text.count("”")]
    assert not [r for r in reports if r.submitted_by is not None and r.submitted_by.is_superuser]
    once = [r for r in reports if r.task.deadlines.filter(kind=DeadlineKind.ONCE).exists()]
    assert not [r for r in once if r.status == Progress.ONGOING]
    assert sum(r.status == Progress.DONE for r in once) > 0.8 * len(once)


def test_the_county_edited_quarterly_gazettes_in_2025_that_its_report_counts(db_demo, client):
    from gongkai.gazette.models import GazetteEntry, GazetteIssue
    from gongkai.reports.models import AnnualReport

    issues = GazetteIssue.objects.published().filter(year=2025).order_by("number")
    assert [(i.number, i.total_number) for i in issues] == [(1, 121), (2, 122), (3, 123), (4, 124)]
    # Its articles are the county's documents of that year where the demo published them, never a withdrawn one.
    linked = GazetteEntry.objects.filter(issue__in=issues, item__isnull=False).select_related("item")
    assert linked.count() >= 3 and "源政发〔2025〕2号" in {e.doc_number for e in linked}
    assert all(e.item.state == State.PUBLISHED and e.item.published_at.year == 2025 for e in linked)
    county = AnnualReport.objects.get(year=2025, organization__name=ROOT_NAME)
    text = "".join(county.chapters.values())
    assert "编辑出版政府公报4期" in text and "政府公报0期" not in text
    html = client.get(reverse("gazette:archive")).content.decode()
    assert "2025年第1期" in html or "2025年第4期" in html


def test_units_that_publish_penalty_decisions_or_fee_catalogs_in_2025_report_them_in_table_2(db_demo):
    from gongkai.reports.models import AnnualReport

    reports = {r.organization_id: r for r in AnnualReport.objects.filter(year=2025).select_related("organization")}
    for node, row, field, zero in (("art20.6", "penalty", "decisions", 0), ("art20.8", "fees", "amount_10k_yuan", "0.00")):
        units = set(InformationItem.objects.live().filter(published_at__year=2025, catalog_nodes__template_key=node)
                    .values_list("organization_id", flat=True))
        silent = [reports[u].organization.name for u in units
                  if u in reports and reports[u].data["proactive"][row][field] in (zero, None)]
        assert units and not silent, (node, silent)
    tourism = next(r for r in reports.values() if r.organization.name == "沂源县文化和旅游局")
    assert tourism.data["proactive"]["penalty"]["decisions"] > 0  # its 权责清单 lists 行政处罚 powers


def test_the_poverty_alleviation_office_was_abolished_in_2021_but_keeps_its_2020_part(db_demo):
    from gongkai.reports.models import AnnualReport
    from gongkai.workplan.models import Responsibility

    office = Organization.objects.get(name=BY_KEY["fpb"].name)
    assert not office.is_active
    assert not AnnualReport.objects.filter(organization=office, year__gte=2021).exists()
    items = InformationItem.objects.filter(organization=office)
    assert items.filter(published_at__year=2020).exists()
    assert not items.filter(published_at__date__gt=BY_KEY["fpb"].abolished_on).exists()
    assert Responsibility.objects.filter(organization=office, task__plan__year=2020).exists()


def test_quarterly_work_plan_periods_are_reported_period_by_period(db_demo):
    from gongkai.workplan.choices import DeadlineKind
    from gongkai.workplan.models import Deadline, ProgressReport
    from gongkai.workplan.reporting import overdue_occurrences

    recurring = Deadline.objects.filter(kind=DeadlineKind.RECURRING, task__plan__year=2020)
    assert recurring.exists()
    assert ProgressReport.objects.filter(occurrence__deadline__in=recurring).count() > 12
    # A few realistic cases, not every responsible unit overdue.
    overdue = overdue_occurrences(dt.date(2021, 1, 15))
    assert sum(len(entry.pending) for entry in overdue) <= 3


def test_party_offices_publish_their_own_notices_and_report_nothing_in_table_2(db_demo):
    """The 县委 offices are 党委工作机关, not 行政机关: no 行政处罚 or 行政事业性收费 items, no 2025 年报, and the
    county's report (its table 2) leaves them out."""
    from gongkai.reports import scope
    from gongkai.reports.models import AnnualReport

    party = Organization.objects.filter(kind=Organization.Kind.PARTY)
    assert {o.name for o in party} >= {BY_KEY["xcb"].name, BY_KEY["zzb"].name, BY_KEY["jwjw"].name}
    keys = set(InformationItem.objects.filter(organization__in=party)
               .values_list("catalog_nodes__template_key", flat=True))
    assert keys and keys <= {"art20.2", "plan.notices", "plan.news"}
    assert not AnnualReport.objects.filter(organization__in=party).exists()
    county = Organization.objects.get(name=ROOT_NAME)
    assert not set(scope.member_ids(county)) & set(party.values_list("pk", flat=True))
