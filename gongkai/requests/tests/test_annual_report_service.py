"""The annual report's counts, made in the database, equal the case-by-case count (tables 3 and the
"replied on time" figure) for cases with every kind of clock."""

import datetime as dt
import random

import pytest

from gongkai.organizations.factories import OrganizationFactory
from gongkai.requests.choices import ApplicantType
from gongkai.requests.clock import reply_inputs
from gongkai.requests.factories import received_case
from gongkai.requests.models import ClockEvent
from gongkai.requests.outcomes import Outcome
from gongkai.requests.services.annual_report import annual_report_cases, annual_report_punctuality
from gongkai.workdays.calendar import WorkdayCalendar
from gongkai.workdays.clocks import reply_clock

pytestmark = pytest.mark.django_db

K = ClockEvent.Kind
START, END = dt.date(2020, 1, 1), dt.date(2020, 12, 31)


@pytest.fixture
def cases():
    rng = random.Random(2020)
    orgs = [OrganizationFactory(), OrganizationFactory()]
    made = []
    for n in range(60):
        received = dt.date(2019, 11, 1) + dt.timedelta(days=rng.randrange(420))
        replied = received + dt.timedelta(days=rng.randrange(10, 60)) if n % 5 else None
        case = received_case(orgs[n % 2], received, applicant_type=rng.choice(list(ApplicantType)),
                             outcome=rng.choice(list(Outcome)) if replied else "",
                             fee_yuan=rng.choice([None, 0, 10, 30]))
        if replied:
            ClockEvent.objects.create(case=case, kind=K.REPLIED, on=replied)
        type(case).objects.filter(pk=case.pk).update(replied_on=replied)
        case.replied_on = replied
        if n % 11 == 0:  # a voided receipt and the one that counts (a transfer)
            ClockEvent.objects.filter(case=case, kind=K.RECEIVED).update(voided_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
            ClockEvent.objects.create(case=case, kind=K.RECEIVED, on=received)
        if n % 3 == 0:
            ClockEvent.objects.create(case=case, kind=K.EXTENSION, on=received + dt.timedelta(days=15), workdays=20)
        if n % 4 == 0:
            ClockEvent.objects.create(case=case, kind=K.CONSULTATION, on=received + dt.timedelta(days=3),
                                      until=received + dt.timedelta(days=12), label="第三方")
        if n % 7 == 0:  # a voided extension does not count
            ClockEvent.objects.create(case=case, kind=K.EXTENSION, on=received + dt.timedelta(days=5), workdays=20,
                                      voided_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
        made.append(case)
    made += _cases_of_the_2020_clock_rules(orgs[0])
    return orgs, made


def _cases_of_the_2020_clock_rules(org):
    """Clocks of issue #18 the grouped count must follow: a 第三十五条 delayed reply, an unpaid fee whose
    payment period lapsed, a consultation still open at the reply, and a receipt under the 2007 条例."""
    from gongkai.requests.models import FeeNotice

    def make(received, replied, outcome=Outcome.GRANTED):
        case = received_case(org, received, outcome=outcome)
        ClockEvent.objects.create(case=case, kind=K.REPLIED, on=replied)
        type(case).objects.filter(pk=case.pk).update(replied_on=replied)
        case.replied_on = replied
        return case

    delayed = make(dt.date(2020, 3, 2), dt.date(2020, 5, 20))  # late by 20 days, on time by the delay
    ClockEvent.objects.create(case=delayed, kind=K.DELAYED, on=dt.date(2020, 3, 10), until=dt.date(2020, 5, 29))
    unpaid = make(dt.date(2020, 6, 1), dt.date(2020, 8, 20), Outcome.UNPAID_FEE)
    fee = ClockEvent.objects.create(case=unpaid, kind=K.FEE, on=dt.date(2020, 6, 10))
    FeeNotice.objects.create(case=unpaid, event=fee, basis=FeeNotice.Basis.choices[0][0], quantity=1, amount_yuan=100,
                             notice_received_on=dt.date(2020, 6, 12))
    open_wait = make(dt.date(2020, 9, 1), dt.date(2020, 11, 2))
    ClockEvent.objects.create(case=open_wait, kind=K.CONSULTATION, on=dt.date(2020, 9, 7), label="某公司")
    old_regime = make(dt.date(2019, 3, 1), dt.date(2020, 1, 2))
    ClockEvent.objects.create(case=old_regime, kind=K.EXTENSION, on=dt.date(2019, 3, 15), workdays=15)
    return [delayed, unpaid, open_wait, old_regime]


def test_grouped_counts_and_punctuality_equal_the_case_by_case_count(cases):
    orgs, made = cases
    ids = [o.id for o in orgs]
    rows = annual_report_cases(ids, START, END)
    counted = [c for c in made if c.received_on <= END and (c.replied_on is None or c.replied_on >= START)]
    assert sum(r["count"] for r in rows) == len(counted)
    new = sum(r["count"] for r in rows if START <= r["received_on"] <= END)
    assert new == sum(START <= c.received_on <= END for c in counted)
    replied = [c for c in counted if c.replied_on and c.replied_on <= END]
    assert sum(r["count"] for r in rows if r["replied_on"] and r["replied_on"] <= END) == len(replied)
    assert sum(r["fee_yuan"] for r in rows if r["replied_on"] and r["replied_on"] <= END) == sum(
        c.fee_yuan or 0 for c in replied)

    cal = WorkdayCalendar()
    dues = [reply_clock(reply_inputs(c), c.replied_on, cal).due for c in replied]
    expected = {"due_known": len(dues), "on_time": sum(c.replied_on <= due for c, due in zip(replied, dues, strict=True))}
    assert 0 < expected["on_time"] < expected["due_known"]
    assert annual_report_punctuality(ids, START, END) == expected


def test_the_partial_index_covers_exactly_the_deadline_changing_events():
    from gongkai.requests.clock import DEADLINE_CHANGING_KINDS

    (index,) = [i for i in ClockEvent._meta.indexes if i.name == "requests_clock_changing"]
    kinds = dict(index.condition.children)["kind__in"]
    assert set(kinds) == set(DEADLINE_CHANGING_KINDS)


def test_equal_clocks_with_a_wait_the_reply_ended_are_not_shared_between_reply_dates():
    """Two cases with the same receipt and the same unanswered consultation: the reply ends each wait on
    its own day, so their deadlines differ (the later reply is still on time, its wait ran longer)."""
    org = OrganizationFactory()
    received = dt.date(2020, 4, 1)
    made = []
    # The wait from 04-03 counts up to each reply, and at most up to the deadline as it stood then, 04-29:
    # replied 04-10, 4 excluded days, due 05-08; replied 05-26, 18 excluded days, due 05-27.
    for replied in (dt.date(2020, 4, 10), dt.date(2020, 5, 26)):
        case = received_case(org, received, outcome=Outcome.GRANTED)
        ClockEvent.objects.create(case=case, kind=K.CONSULTATION, on=dt.date(2020, 4, 3), label="某公司")
        ClockEvent.objects.create(case=case, kind=K.REPLIED, on=replied)
        type(case).objects.filter(pk=case.pk).update(replied_on=replied)
        case.replied_on = replied
        made.append(case)
    cal = WorkdayCalendar()
    dues = [reply_clock(reply_inputs(c), c.replied_on, cal).due for c in made]
    assert dues[0] < made[1].replied_on <= dues[1]  # the first case's deadline would make the second late
    assert annual_report_punctuality([org.id], START, END) == {"due_known": 2, "on_time": 2}
