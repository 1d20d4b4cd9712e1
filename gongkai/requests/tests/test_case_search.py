"""The staff request list's search: a substring of the 申请编号, the 申请人 or the 政府信息名称, answered from a
trigram index on PostgreSQL (migration 0012) so that it stays fast at a county's million cases."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.requests import queries
from gongkai.requests.factories import received_case
from gongkai.requests.models import RequestCase

pytestmark = pytest.mark.django_db


def test_a_case_is_found_by_part_of_its_number_name_or_title(org):
    wanted = received_case(org, dt.date(2020, 3, 2), info_title="沂源县2019年财政预算执行情况", applicant_name="张三")
    other = received_case(org, dt.date(2020, 3, 2), info_title="农村道路建设资金", applicant_name="李四")
    cases = RequestCase.objects.all()
    assert list(queries.search(cases, "财政预算")) == [wanted]
    assert list(queries.search(cases, "张三")) == [wanted]
    assert list(queries.search(cases, wanted.tracking_number[-6:])) == [wanted]
    assert set(queries.search(cases, "")) == {wanted, other}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigram index is PostgreSQL's (pg_trgm)")
def test_postgresql_answers_the_search_from_the_trigram_index(org):
    for number in range(50):
        received_case(org, dt.date(2020, 3, 2), info_title=f"第{number}号请求的信息")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE requests_requestcase")
        # A table this small would be read whole (or along another index) anyway: the plan is asked for with
        # only bitmap scans allowed, as the paginator's count of a million cases gets.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        with CaptureQueriesContext(connection) as captured:
            found = queries.search(RequestCase.objects.all(), "第42号")  # reads the matching ids
        cursor.execute(f"EXPLAIN {captured[0]['sql']}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "requests_case_search_trgm" in plan
    assert [case.info_title for case in found] == ["第42号请求的信息"]


def test_many_matches_are_listed_the_same_as_few(org, monkeypatch):
    cases = [received_case(org, dt.date(2020, 3, day), info_title=f"财政预算第{day}件") for day in (2, 3, 4)]
    newest_first = sorted(cases, key=lambda case: (case.submitted_at, case.pk), reverse=True)
    listed = list(queries.search(RequestCase.objects.all(), "财政预算").order_by("-submitted_at", "-id"))
    monkeypatch.setattr(queries, "SEARCH_ID_LIMIT", 2)  # three matches: more than the ids listed
    many = list(queries.search(RequestCase.objects.all(), "财政预算").order_by("-submitted_at", "-id"))
    assert listed == many == newest_first


ID, MOBILE = "370323199001011234", "13812345678"


@pytest.fixture
def named_with_numbers(unit):
    return received_case(unit, dt.date(2020, 3, 2), info_title=f"张三（身份证{ID}，电话{MOBILE}）的低保审批材料",
                         applicant_name="李四")


def listed(client, user, q):
    from django.urls import reverse

    client.force_login(user)
    response = client.get(reverse("requests:list"), {"q": q})
    assert response.status_code == 200
    return {case.pk for case in response.context["page"].object_list}


@pytest.mark.parametrize("q", [ID, MOBILE, "19900101", "1234567"])
def test_a_number_every_staff_page_shows_masked_does_not_find_the_case(client, supervisor, unit_editor,
                                                                      named_with_numbers, q):
    """The 政府信息名称 is shown masked on the list and the case page (mask_numbers), to the 政务公开办 and the
    unit alike: searching a full ID or mobile number told which case's name holds it."""
    assert listed(client, supervisor, q) == set()
    assert listed(client, unit_editor, q) == set()


@pytest.mark.parametrize("q", ["低保审批", "3703", "5678）", "138****5678", "李四"])
def test_what_the_list_shows_still_finds_the_case(client, supervisor, unit_editor, named_with_numbers, q):
    assert listed(client, supervisor, q) == listed(client, unit_editor, q) == {named_with_numbers.pk}


def test_the_shown_name_follows_the_name_and_existing_cases_are_filled(named_with_numbers):
    import importlib

    from django.apps import apps

    case = named_with_numbers
    assert case.info_title_shown == "张三（身份证3703**********1234，电话138****5678）的低保审批材料"
    case.info_title = f"王五{MOBILE}"
    case.save(update_fields=["info_title"])
    assert RequestCase.objects.get(pk=case.pk).info_title_shown == "王五138****5678"
    RequestCase.objects.update(info_title_shown="")  # as before migration 0020
    importlib.import_module("gongkai.requests.migrations.0020_case_info_title_shown").fill(apps, None)
    assert RequestCase.objects.get(pk=case.pk).info_title_shown == "王五138****5678"


def test_migration_0020_drops_the_trigram_index_before_it_rewrites_every_case(named_with_numbers, monkeypatch):
    """Filling info_title_shown rewrites every row; with migration 0012's GIN index still there each new row
    version went into it too (33 s instead of 5 s at 200 k cases on PostgreSQL). The index goes first and is
    made once, over the filled column, at the end."""
    import importlib
    from types import SimpleNamespace

    from django.apps import apps
    from django.db.migrations import RunPython
    from django.db.models import QuerySet

    done = []
    editor = SimpleNamespace(connection=SimpleNamespace(vendor="postgresql"), execute=lambda sql: done.append(sql))
    update = QuerySet.update

    def recorded_update(self, **kwargs):
        done.append(f"UPDATE {sorted(kwargs)}")
        return update(self, **kwargs)

    monkeypatch.setattr(QuerySet, "update", recorded_update)
    migration = importlib.import_module("gongkai.requests.migrations.0020_case_info_title_shown").Migration
    for operation in migration.operations:
        if isinstance(operation, RunPython):
            operation.code(apps, editor)
    first_update = next(n for n, sql in enumerate(done) if sql.startswith("UPDATE"))
    assert any(sql.startswith("DROP INDEX") for sql in done[:first_update])
    assert done[-1].startswith("CREATE INDEX") and "info_title_shown" in done[-1]
    assert RequestCase.objects.get(pk=named_with_numbers.pk).info_title_shown.startswith("张三（身份证3703****")


def test_a_name_with_a_full_width_number_saved_before_it_was_masked_is_masked_by_the_migration(
        client, supervisor, unit):
    """Cases saved while full-width digits were not masked kept them in info_title_shown: searching such a
    number told which case's name holds it. Migration 0021 masks them again."""
    import importlib

    from django.apps import apps

    wide = "１３８１２３４５６７８"
    case = received_case(unit, dt.date(2020, 3, 2), info_title=f"王五（电话{wide}）的低保审批材料")
    RequestCase.objects.filter(pk=case.pk).update(info_title_shown=case.info_title)  # as saved before the fix
    assert listed(client, supervisor, wide) == {case.pk}
    importlib.import_module("gongkai.requests.migrations.0021_remask_fullwidth_info_title").remask(apps, None)
    assert listed(client, supervisor, wide) == set()
    assert RequestCase.objects.get(pk=case.pk).info_title_shown == "王五（电话１３８****５６７８）的低保审批材料"


def test_a_name_with_a_number_written_in_groups_saved_before_it_was_masked_is_masked_by_the_migration(
        client, supervisor, unit):
    """Cases saved while an ID number in groups (370323 19900101 1234) or a mobile number with em dashes was not
    masked kept it in info_title_shown: searching it told which case's name holds it. Migration 0022 masks
    them again."""
    import importlib

    from django.apps import apps

    grouped, dashed = "370323 19900101 1234", "138—1234—5678"
    case = received_case(unit, dt.date(2020, 3, 2), info_title=f"王五（身份证{grouped}，电话{dashed}）的低保审批材料")
    assert RequestCase.objects.get(pk=case.pk).info_title_shown == \
        "王五（身份证3703************1234，电话138******5678）的低保审批材料"
    RequestCase.objects.filter(pk=case.pk).update(info_title_shown=case.info_title)  # as saved before the fix
    assert listed(client, supervisor, grouped) == {case.pk}
    importlib.import_module("gongkai.requests.migrations.0022_remask_written_forms").remask(apps, None)
    assert listed(client, supervisor, grouped) == set() and listed(client, supervisor, dashed) == set()
    assert listed(client, supervisor, "低保审批") == {case.pk}
