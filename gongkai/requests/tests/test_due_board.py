"""Issue #12 item 5: the county's due list counts and pages its rows without computing a row per case
(due_board); its counts, pages and order are those of computing every row (queries.due_rows)."""

import datetime as dt

import pytest
from django.db.models import Q
from django.test import Client

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.requests import due_board, queries
from gongkai.requests.choices import State
from gongkai.requests.factories import received_case
from gongkai.requests.models import ClockEvent, Consultation, FeeNotice, RequestCase
from gongkai.requests.tests.test_due_lines import DAYS, _cases, _seen
from gongkai.workdays import calendar as calendar_module

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat
K = ClockEvent.Kind


def _every(supervisor, today, name):
    return [row for row in queries.due_rows(supervisor, today=today) if due_board.section(row.line) == name]


@pytest.mark.parametrize("size", [1, 3, 7, 50])
def test_every_page_of_each_section_is_that_of_the_whole_list(org, size):
    supervisor = user_with_role(org, Role.SUPERVISOR)
    _cases(org, handler=None, count=120, seed=5)
    for today in DAYS:
        board = due_board.board(supervisor, today=today)
        for name in (*due_board.ALERTS, due_board.ERROR):
            every = _every(supervisor, today, name)
            section = due_board.Section(board, [name])
            assert section.count() == len(every), (today, name)
            paged = [row for start in range(0, len(every) + size, size) for row in section[start:start + size]]
            assert _seen(paged) == _seen(every), (today, name, size)
    assert board.count() > size, "the last day must have more alerts than a page"


def test_cases_with_the_same_dates_are_listed_in_case_order_across_pages(org):
    """Thirty cases received the same day share one computed clock; a page in their middle reads exactly its
    cases, and a case computed from its events (an extension) falls in its place among them."""
    supervisor = user_with_role(org, Role.SUPERVISOR)
    cases = [received_case(org, D("2020-03-02"), state=State.PROCESSING) for _ in range(30)]
    extended = received_case(org, D("2020-02-24"), state=State.PROCESSING)  # due 2020-03-30 as well with 5 more days
    ClockEvent.objects.create(case=extended, kind=K.EXTENSION, on=D("2020-03-10"), workdays=5)
    board = due_board.board(supervisor, today=D("2020-04-01"))
    overdue = due_board.Section(board, [due_board.OVERDUE])
    assert overdue.count() == 31
    ids = [row.case.pk for start in (0, 10, 20, 30) for row in overdue[start:start + 10]]
    assert ids == sorted([case.pk for case in cases] + [extended.pk])
    assert {row.line.due for row in overdue[0:31]} == {D("2020-03-30")}


def test_the_due_page_shows_counts_and_pages_as_a_clerk_reads_them(org):
    supervisor = user_with_role(org, Role.SUPERVISOR)
    cases = [received_case(org, D("2020-01-02") + dt.timedelta(days=n % 20), state=State.PROCESSING)
             for n in range(60)]
    client = Client()
    client.force_login(supervisor)
    from unittest import mock

    with mock.patch("django.utils.timezone.localdate", return_value=D("2020-04-01")):
        first = client.get("/staff/requests/due/")
        second = client.get("/staff/requests/due/?overdue_page=2")
    assert first.status_code == second.status_code == 200
    assert "已逾期或已届满（60）" in first.content.decode()
    shown = {case.tracking_number for case in cases if case.tracking_number in first.content.decode()}
    later = {case.tracking_number for case in cases if case.tracking_number in second.content.decode()}
    assert len(shown) == 50 and len(later) == 10 and not shown & later


def test_a_clock_in_a_year_not_entered_is_listed_among_those_that_cannot_be_computed(org, monkeypatch):
    real = calendar_module._library_knows
    monkeypatch.setattr(calendar_module, "_library_knows", lambda year: year <= 2026 and real(year))
    supervisor = user_with_role(org, Role.SUPERVISOR)
    pending = [received_case(org, D("2026-12-10"), state=State.PROCESSING) for _ in range(3)]
    received_case(org, D("2026-11-02"), state=State.PROCESSING)  # due 2026-11-30
    board = due_board.board(supervisor, today=D("2026-12-15"))
    errors = due_board.Section(board, [due_board.ERROR])[0:None]
    assert [row.case.pk for row in errors] == [case.pk for case in pending]
    assert all(row.line.pending_year == 2027 for row in errors)
    assert board.count() == 1


def test_my_summary_is_empty_for_a_user_who_handles_no_unit(org):
    reader = user_with_role(org, Role.SUPERVISOR)
    received_case(org, D("2020-01-02"), state=State.PROCESSING)
    assert RequestCase.objects.exists()
    assert due_board.my_summary(reader, D("2020-04-01")) == ([], 0)


def _wide_cases(org):
    """Cases whose clocks start on later events, around the 2019 条例's entry into force (15 working days
    before 2019-05-15, 20 after) and around 春节 2020."""
    cases = []
    for received in (D("2019-04-12"), D("2019-04-19"), D("2019-04-26"), D("2019-05-10"), D("2019-05-16"),
                     D("2020-01-06"), D("2020-01-13"), D("2020-01-20"), D("2020-02-03"), D("2020-02-17")):
        plain = received_case(org, received, state=State.PROCESSING)
        accepted = received_case(org, received, state=State.ACCEPTED)
        awaiting = received_case(org, received, state=State.CORRECTION)
        ClockEvent.objects.create(case=awaiting, kind=K.CORRECTION_NOTICE, on=received + dt.timedelta(days=3),
                                  workdays=5)
        corrected = received_case(org, received, state=State.PROCESSING)
        ClockEvent.objects.create(case=corrected, kind=K.CORRECTION_NOTICE, on=received + dt.timedelta(days=1),
                                  workdays=10)
        ClockEvent.objects.create(case=corrected, kind=K.CORRECTION_RECEIVED, on=received + dt.timedelta(days=6))
        consulted = received_case(org, received, state=State.THIRD_PARTY)
        event = ClockEvent.objects.create(case=consulted, kind=K.CONSULTATION, on=received + dt.timedelta(days=2),
                                          label="第三方")
        Consultation.objects.create(case=consulted, kind="third_party", party_name="某公司", event=event,
                                    letter_received_on=received + dt.timedelta(days=4))
        paying = received_case(org, received, state=State.FEE)
        event = ClockEvent.objects.create(case=paying, kind=K.FEE, on=received + dt.timedelta(days=2))
        FeeNotice.objects.create(case=paying, basis="by_request", quantity=11, amount_yuan=100, event=event,
                                 notice_received_on=received + dt.timedelta(days=5))
        delayed = received_case(org, received, state=State.PROCESSING)
        ClockEvent.objects.create(case=delayed, kind=K.DELAYED, on=received + dt.timedelta(days=10),
                                  until=received + dt.timedelta(days=40), note="理由")
        cases += [plain, accepted, awaiting, corrected, consulted, paying, delayed]
    return cases


def test_narrowing_to_candidates_drops_no_clock_that_is_due(org, monkeypatch):
    """The database narrows the running cases to those whose clocks can be due (queries._alert_candidates):
    the board lists exactly what computing every running case from its events lists."""
    supervisor = user_with_role(org, Role.SUPERVISOR)
    _wide_cases(org)
    for today in (D("2019-05-06"), D("2019-05-14"), D("2019-05-21"), D("2019-06-05"), D("2019-06-14"),
                  D("2020-02-10"), D("2020-02-26"), D("2020-03-05"), D("2020-03-20")):
        board = due_board.board(supervisor, today=today)
        with monkeypatch.context() as patched:
            patched.setattr(queries, "_alert_candidates", lambda cases, today, cal: cases)
            patched.setattr(queries, "_irregular", lambda: Q(pk__isnull=False))
            every = queries.due_rows(supervisor, today=today)
        for name in (*due_board.ALERTS, due_board.ERROR):
            expected = [row for row in every if due_board.section(row.line) == name]
            assert _seen(due_board.Section(board, [name])[0:None]) == _seen(expected), (today, name)
    assert board.count() > 0


def test_the_mirrored_flag_follows_the_events(org, editor):
    """RequestCase.clock_changed says whether a deadline-changing event is active, however the event is
    recorded, voided or deleted; the due lists read a case without it from its dates alone."""
    case = received_case(org, D("2020-03-02"), state=State.PROCESSING)
    assert not RequestCase.objects.get(pk=case.pk).clock_changed
    extension = ClockEvent.objects.create(case=case, kind=K.EXTENSION, on=D("2020-03-20"), workdays=10)
    assert case.clock_changed and RequestCase.objects.get(pk=case.pk).clock_changed
    extension.voided_at = dt.datetime(2020, 3, 21, tzinfo=dt.UTC)
    extension.save()
    assert not case.clock_changed and not RequestCase.objects.get(pk=case.pk).clock_changed
    again = ClockEvent.objects.create(case=case, kind=K.DELAYED, on=D("2020-03-25"), until=D("2020-05-29"))
    assert RequestCase.objects.get(pk=case.pk).clock_changed
    again.delete()
    assert not RequestCase.objects.get(pk=case.pk).clock_changed


def test_clocks_that_cannot_be_computed_are_paged_too(org, monkeypatch):
    """In a December before next year's 放假/调休 days are published, every case received that month has a
    clock that cannot be computed yet: the due list pages them like the others."""
    real = calendar_module._library_knows
    monkeypatch.setattr(calendar_module, "_library_knows", lambda year: year <= 2026 and real(year))
    supervisor = user_with_role(org, Role.SUPERVISOR)
    cases = [received_case(org, D("2026-12-10"), state=State.PROCESSING) for _ in range(55)]
    client = Client()
    client.force_login(supervisor)
    from unittest import mock

    with mock.patch("django.utils.timezone.localdate", return_value=D("2026-12-15")):
        first = client.get("/staff/requests/due/").content.decode()
        second = client.get("/staff/requests/due/?error_page=2").content.decode()
    assert "无法计算的期限（55）" in first and "2027年节假日安排尚未录入" in first
    shown = {case.tracking_number for case in cases if case.tracking_number in first}
    later = {case.tracking_number for case in cases if case.tracking_number in second}
    assert len(shown) == 50 and len(later) == 5 and not shown & later
