"""Issue #12 item 5: the due list and 我的待办 compute a plain case's clocks from its dates once for all cases
with the same dates (queries.due_lines); the rows, their order and their count are those of computing every
case from its own events."""

import datetime as dt
import random

import pytest
from django.db.models import Q

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.requests import due_board, queries
from gongkai.requests.choices import Channel, State
from gongkai.requests.clock import DEADLINE_CHANGING_KINDS
from gongkai.requests.factories import RequestCaseFactory, received_case
from gongkai.requests.models import ClockEvent, Filing, RequestCase
from gongkai.workdays import calendar as calendar_module

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat
K = ClockEvent.Kind
DAYS = (D("2020-01-10"), D("2020-01-22"), D("2020-02-05"), D("2020-02-20"), D("2020-03-03"), D("2020-04-01"))


def _cases(org, handler, count=90, seed=11):
    """Running cases of every kind the clocks tell apart, received around 春节 2020."""
    rng = random.Random(seed)
    states = [State.ACCEPTED, State.PROCESSING, State.REVIEW, State.CORRECTION, State.PENDING, State.REPLIED,
              State.DELIVERED, State.ABANDONED]
    for n in range(count):
        received = D("2019-12-01") + dt.timedelta(days=rng.randrange(100))
        state = rng.choice(states)
        case = received_case(org, received, state=state, handler=handler if n % 4 == 0 else None,
                             source=RequestCase.Source.LEDGER if n % 11 == 0 else RequestCase.Source.PLATFORM)
        if state in (State.REPLIED, State.DELIVERED, State.ABANDONED):
            replied = received + dt.timedelta(days=rng.randrange(3, 40))
            ClockEvent.objects.create(case=case, kind=K.REPLIED, on=replied)
            RequestCase.objects.filter(pk=case.pk).update(replied_on=replied)
            if n % 3 == 0:
                Filing.objects.create(case=case, bundle="x.pdf", sha256="0" * 64,
                                      filed_on=replied + dt.timedelta(days=rng.randrange(1, 8)))
        if state == State.CORRECTION:
            ClockEvent.objects.create(case=case, kind=K.CORRECTION_NOTICE, on=received + dt.timedelta(days=2),
                                      workdays=10)
        elif n % 7 == 0:
            ClockEvent.objects.create(case=case, kind=K.EXTENSION, on=received + dt.timedelta(days=10), workdays=10)
        elif n % 9 == 0:
            ClockEvent.objects.create(case=case, kind=K.CONSULTATION, on=received + dt.timedelta(days=1),
                                      until=received + dt.timedelta(days=rng.randrange(2, 20)), label="第三方")
        elif n % 13 == 0:  # a voided wait changes nothing: the case is plain
            ClockEvent.objects.create(case=case, kind=K.FEE, on=received, voided_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    RequestCaseFactory(organization=org, state=State.PENDING, channel=Channel.ORDINARY_LETTER)  # no receipt date


def _seen(rows):
    return [(row.case.pk, row.line.key, row.line.state, row.line.due, row.line.error) for row in rows]


def test_due_rows_from_plain_values_are_those_of_every_case_computed_from_its_events(org, monkeypatch):
    supervisor = user_with_role(org, Role.SUPERVISOR)
    _cases(org, handler=None)
    for today in DAYS:
        fast = _seen(queries.due_rows(supervisor, today=today))
        with monkeypatch.context() as patched:
            patched.setattr(queries, "_irregular", lambda: Q(pk__isnull=False))  # every case one by one
            slow = _seen(queries.due_rows(supervisor, today=today))
        assert fast == slow, today
        assert any(key == "filing" for _pk, key, *_rest in fast) or today < D("2020-01-22"), today
    assert fast, "the cases must have due clocks on the last day"


def test_my_summary_counts_every_alert_and_shows_the_most_urgent(org, editor, monkeypatch):
    other = user_with_role(org, Role.EDITOR)
    _cases(org, handler=other)
    today = D("2020-02-20")
    with monkeypatch.context() as patched:
        patched.setattr(queries, "_irregular", lambda: Q(pk__isnull=False))
        every = [row for row in queries.due_rows(editor, today=today)
                 if row.line.is_alert and row.case.handler_id in (None, editor.pk)]
    shown, count = due_board.my_summary(editor, today, shown=10)
    assert count == len(every) > 10
    assert _seen(shown) == _seen(every[:10])
    assert all(row.case.organization.name for row in shown)
    assert _seen(queries.my_due_rows(editor, today)) == _seen(every)
    assert not any(row.case.handler_id == other.pk for row in queries.my_due_rows(editor, today))
    shown, count = due_board.my_summary(other, today)
    assert count > len(every)  # the handler sees the cases handled by them as well


def test_a_plain_case_due_in_a_year_not_entered_is_pending_and_counted_for_the_administrator(org, monkeypatch):
    real = calendar_module._library_knows
    monkeypatch.setattr(calendar_module, "_library_knows", lambda year: year <= 2026 and real(year))
    supervisor = user_with_role(org, Role.SUPERVISOR)
    received_case(org, D("2026-12-10"), state=State.PROCESSING)  # the 20th working day is in 2027
    received_case(org, D("2026-12-11"), state=State.PROCESSING)
    extended = received_case(org, D("2026-11-16"), state=State.PROCESSING)
    ClockEvent.objects.create(case=extended, kind=K.EXTENSION, on=D("2026-12-01"), workdays=15)
    received_case(org, D("2026-11-02"), state=State.PROCESSING)  # due 2026-11-30
    today = D("2026-12-15")
    fast, years = _seen(queries.due_rows(supervisor, today=today)), due_board.pending_calendar_years(today)
    with monkeypatch.context() as patched:
        patched.setattr(queries, "_irregular", lambda: Q(pk__isnull=False))
        assert _seen(queries.due_rows(supervisor, today=today)) == fast
        assert due_board.pending_calendar_years(today) == years == {2027: 3}
    assert [state for _pk, key, state, _due, error in fast if error] == ["open"] * 3
    assert [state for _pk, key, state, _due, error in fast if not error] == ["overdue"]


def test_every_clock_event_kind_is_either_plain_or_computed_one_by_one():
    """A new kind of event must join DEADLINE_CHANGING_KINDS (and its index) to be read by the clocks of the
    lists: a plain case's clocks read only its receipt and its reply or withdrawal."""
    assert set(K.values) == {K.RECEIVED, K.REPLIED, K.WITHDRAWN} | set(DEADLINE_CHANGING_KINDS)
