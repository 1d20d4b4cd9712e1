"""A December reply whose deadline would fall in 2027, a year whose 放假/调休 days are not entered yet
(chinesecalendar ends with 2026): the deadline stays 期限待定, but the reply given in 2026 is 按期 on the
case page, in the 2026 annual report's "replied on time" and in the 绩效考核 timeliness."""

import datetime as dt

import pytest

from gongkai.organizations.factories import OrganizationFactory
from gongkai.requests import clock as case_clock
from gongkai.requests.choices import State
from gongkai.requests.factories import received_case
from gongkai.requests.models import ClockEvent, RequestCase
from gongkai.requests.queries import Timeliness, reply_timeliness
from gongkai.requests.services.annual_report import annual_report_punctuality
from gongkai.workdays import calendar as calendar_module
from gongkai.workdays.clocks import DeadlineState

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat
YEAR_2026 = (D("2026-01-01"), D("2026-12-31"))


@pytest.fixture(autouse=True)
def library_ends_with_2026(monkeypatch):
    real = calendar_module._library_knows
    monkeypatch.setattr(calendar_module, "_library_knows", lambda year: year <= 2026 and real(year))


def replied(org, received: str, on: str, **events) -> RequestCase:
    case = received_case(org, D(received), state=State.REPLIED)
    for kind, (start, until, workdays) in events.items():
        ClockEvent.objects.create(case=case, kind=kind, on=D(start), until=until and D(until), workdays=workdays)
    ClockEvent.objects.create(case=case, kind=ClockEvent.Kind.REPLIED, on=D(on))
    RequestCase.objects.filter(pk=case.pk).update(replied_on=D(on), clock_changed=bool(events))
    return case


def reply_line(case, today: dt.date):
    case = RequestCase.objects.get(pk=case.pk)
    return next(line for line in case_clock.case_clocks(case, today).lines if line.key == "reply")


def test_a_december_reply_before_an_unknown_years_deadline_counts_as_on_time():
    org = OrganizationFactory()
    # Received 2026-12-10 (Thu): the 20th working day is in 2027. Replied 2026-12-20 after 6 working days.
    case = replied(org, "2026-12-10", "2026-12-20")
    line = reply_line(case, D("2027-01-10"))
    assert (line.state, line.due, line.state_label) == (DeadlineState.MET, None, "按期完成")
    assert line.pending_label == "期限待定（2027年节假日安排尚未录入）" and not line.error
    assert "按期完成" in line.steps[-1]
    assert annual_report_punctuality([org.pk], *YEAR_2026) == {"due_known": 1, "on_time": 1}
    assert reply_timeliness(2026, [org.pk], D("2027-01-10")) == {org.pk: Timeliness(1, 1)}


def test_a_december_reply_with_an_extension_and_a_wait_counts_as_on_time():
    org = OrganizationFactory()
    # Received 2026-11-20, extended by 10, a consultation 12-11..12-18: due in 2027, replied 2026-12-31.
    replied(org, "2026-11-20", "2026-12-31", extension=("2026-12-01", None, 10),
            consultation=("2026-12-11", "2026-12-18", None))
    assert annual_report_punctuality([org.pk], *YEAR_2026) == {"due_known": 1, "on_time": 1}
    assert reply_timeliness(2026, [org.pk], D("2027-01-10")) == {org.pk: Timeliness(1, 1)}


def test_a_reply_past_a_deadline_inside_2026_is_late():
    org = OrganizationFactory()
    # Received 2026-11-02, due 2026-11-30; replied 2026-12-31.
    case = replied(org, "2026-11-02", "2026-12-31")
    line = reply_line(case, D("2027-01-10"))
    assert (line.state, line.due) == (DeadlineState.LATE, D("2026-11-30"))
    assert annual_report_punctuality([org.pk], *YEAR_2026) == {"due_known": 1, "on_time": 0}
    assert reply_timeliness(2026, [org.pk], D("2027-01-10")) == {org.pk: Timeliness(1, 0)}


def test_a_case_open_across_the_year_end_stays_pending():
    org = OrganizationFactory()
    case = received_case(org, D("2026-12-10"), state=State.PROCESSING)
    line = reply_line(case, D("2026-12-31"))
    assert line.state == DeadlineState.OPEN and line.due is None and line.pending_year == 2027
    assert not line.is_alert
    assert annual_report_punctuality([org.pk], *YEAR_2026) == {"due_known": 0, "on_time": 0}
    assert reply_timeliness(2026, [org.pk], D("2026-12-31")) == {}


def test_the_ledger_says_not_late_for_such_a_reply_and_late_for_an_open_case_past_its_deadline():
    """The 台账 export's 是否逾期 (request-ledger.md: 是 / 否) follows the reply clock's state: a reply before a
    deadline still 期限待定 is 否, not an empty cell; an open case past a known deadline is 是."""
    from gongkai.requests.ledger import export_rows

    org = OrganizationFactory()
    on_time = replied(org, "2026-12-10", "2026-12-20")
    running = received_case(org, D("2026-11-02"), state=State.PROCESSING)  # due 2026-11-30
    rows = export_rows(RequestCase.objects.filter(pk__in=[on_time.pk, running.pk]).order_by("pk"),
                       lambda case: False, today=D("2026-12-31"))
    by_received = {row["收到申请日期"]: (row["答复期限"], row["是否逾期"]) for row in rows}
    assert by_received == {D("2026-12-10"): ("期限待定（2027年节假日安排尚未录入）", "否"),
                           D("2026-11-02"): (D("2026-11-30"), "是")}


def test_the_ledger_says_late_for_an_open_case_whose_wait_began_after_its_deadline():
    """request-ledger.md: 是 when, while open, today is after 答复期限. A consultation sent after the deadline
    does not move it (deadlines.md), though the case page shows the clock paused."""
    from gongkai.requests.ledger import export_rows

    org = OrganizationFactory()
    case = received_case(org, D("2025-11-03"), state=State.PROCESSING)  # due 2025-12-01
    ClockEvent.objects.create(case=case, kind=ClockEvent.Kind.CONSULTATION, on=D("2025-12-05"), until=None)
    row = export_rows(RequestCase.objects.filter(pk=case.pk), lambda c: False, today=D("2025-12-20"))[0]
    assert (row["答复期限"], row["是否逾期"]) == (D("2025-12-01"), "是")
