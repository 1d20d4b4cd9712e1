"""The 依申请公开 clocks of shared/spec/deadlines.md against the 2020 notices (国办发明电〔2019〕16号,
国办发明电〔2020〕1号): the reply deadline with 补正 restarts, extensions and excluded consultation/fee
spans, the clocks around it, and the 2026 → 2027 boundary. Expected dates are counted by hand from the
notices, not computed with the code under test."""

import datetime as dt

import pytest

from gongkai.workdays import calendar as calendar_module
from gongkai.workdays.calendar import UnknownYearError, WorkdayCalendar
from gongkai.workdays.clocks import (
    DeadlineState,
    ExcludedSpan,
    ReplyClockInputs,
    correction_notice_due,
    correction_period_due,
    deadline_state,
    fee_payment_due,
    filing_due,
    opinion_due,
    reply_clock,
    reply_due,
    reply_state,
)
from gongkai.workdays.models import CalendarYear, DayOverride

pytestmark = pytest.mark.django_db

D = dt.date.fromisoformat
TODAY = D("2020-12-31")


def due(received, today=TODAY, **kwargs):
    return reply_clock(ReplyClockInputs(received_on=D(received), **kwargs), today).due


class TestReplyDeadlineAcrossTheHolidays:
    def test_twenty_working_days_skip_the_extended_spring_festival(self):
        # 01-21..01-23 (3), 春节 and the epidemic extension to 02-02, 02-01 (Sat) cancelled as a working day,
        # 02-03..02-07 (8), 02-10..02-14 (13), 02-17..02-21 (18), 02-24 (19), 02-25 (20).
        assert due("2020-01-20") == D("2020-02-25")

    def test_a_sunday_tiaoxiu_working_day_counts(self):
        # Received Saturday 01-18: 01-19 (Sunday 调休) is working day 1, 01-23 is 5, 02-21 is 20.
        assert due("2020-01-18") == D("2020-02-21")

    def test_received_during_the_holiday_counts_from_the_first_working_day_after(self):
        # 02-03 is working day 1; 02-28 is the 20th.
        assert due("2020-01-25") == D("2020-02-28")

    def test_labour_day_with_its_two_weekend_working_days(self):
        # 04-26 (Sun) 1 … 04-30 5, 05-01..05-05 off, 05-06 6 … 05-09 (Sat) 9, 05-11 10 … 05-25 20.
        assert due("2020-04-24") == D("2020-05-25")

    def test_national_day_with_its_two_weekend_working_days(self):
        # 09-27 (Sun) 1, 09-28..09-30 4, 10-01..10-08 off, 10-09 5, 10-10 (Sat) 6 … 10-29 20.
        assert due("2020-09-25") == D("2020-10-29")


class TestExtension:
    def test_an_approved_extension_adds_working_days(self):
        assert due("2020-01-20", extension_workdays=20) == D("2020-03-24")

    def test_the_extension_is_at_most_twenty_working_days(self):
        with pytest.raises(ValueError):
            due("2020-01-20", extension_workdays=21)
        with pytest.raises(ValueError):
            due("2020-01-20", extension_workdays=-1)


class TestExcludedSpans:
    RECEIVED = "2020-03-02"

    def test_a_consultation_excludes_the_working_days_of_sent_to_answered(self):
        # (03-04, 03-11]: 03-05, 03-06, 03-09, 03-10, 03-11 = 5 working days; 20 + 5 = 25 after 03-02,
        # across 清明 (04-04..04-06): 04-07.
        span = ExcludedSpan(D("2020-03-04"), D("2020-03-11"), "第三方")
        clock = reply_clock(ReplyClockInputs(D(self.RECEIVED), excluded_spans=(span,)), TODAY)
        assert clock.excluded_workdays == 5
        assert clock.total_workdays == 25
        assert clock.due == D("2020-04-07")

    def test_overlapping_consultations_count_once(self):
        # Third party (03-04, 03-11] and another agency (03-09, 03-13] overlap on 03-10 and 03-11:
        # together 03-05 … 03-13 = 7 working days, not 5 + 4 = 9.
        spans = (
            ExcludedSpan(D("2020-03-04"), D("2020-03-11"), "第三方"),
            ExcludedSpan(D("2020-03-09"), D("2020-03-13"), "其他机关"),
        )
        clock = reply_clock(ReplyClockInputs(D(self.RECEIVED), excluded_spans=spans), TODAY)
        assert clock.excluded_workdays == 7
        assert clock.due == D("2020-04-09")

    def test_a_fee_wait_over_a_tiaoxiu_sunday(self):
        # Fee notice sent 04-20, paid 04-27: 04-21..04-24 and 04-26 (Sun 调休), 04-27 = 6 working days.
        # Received 04-17: 26 working days after it: 04-20 … 04-30 (10, 04-26 Sun included), 劳动节 off,
        # 05-06 … 05-09 Sat (14), 05-11 … 05-15 (19), 05-18 … 05-22 (24), 05-25, 05-26 (26).
        span = ExcludedSpan(D("2020-04-20"), D("2020-04-27"), "待缴费")
        clock = reply_clock(ReplyClockInputs(D("2020-04-17"), excluded_spans=(span,)), TODAY)
        assert clock.excluded_workdays == 6
        assert clock.due == D("2020-05-26")

    def test_an_open_consultation_keeps_the_clock_waiting(self):
        span = ExcludedSpan(D("2020-03-04"), None, "第三方")
        clock = reply_clock(ReplyClockInputs(D(self.RECEIVED), excluded_spans=(span,)), D("2020-03-11"))
        assert clock.waiting and clock.paused
        assert clock.due == D("2020-04-07")
        later = reply_clock(ReplyClockInputs(D(self.RECEIVED), excluded_spans=(span,)), D("2020-03-12"))
        assert later.due == D("2020-04-08")

    def test_a_wait_outlasting_the_deadline_moves_it_only_by_the_days_up_to_that_deadline(self):
        # deadlines.md: X counts a wait's working days "not after the deadline as it stood when the wait
        # began". Received 03-02: due 03-30 (the 20th working day). A consultation (03-27, 04-17] has one
        # working day up to 03-30 (03-28/29 are a weekend): 21 working days, 03-31 — not 04-20, as a clock
        # stopped for the whole wait would give.
        span = ExcludedSpan(D("2020-03-27"), D("2020-04-17"), "第三方")
        clock = reply_clock(ReplyClockInputs(D(self.RECEIVED), excluded_spans=(span,)), TODAY)
        assert clock.excluded_days == (D("2020-03-30"),)
        assert clock.due == D("2020-03-31")

    def test_a_second_wait_is_capped_at_the_deadline_as_the_first_had_moved_it(self):
        # First (03-04, 03-11]: 5 days, due 04-07. A second wait begun 03-31, answered 04-30: the deadline
        # as it stood then was 04-07, so it adds 04-01, 04-02, 04-03, 04-07 (清明 04-04..06): 4 days, 29
        # working days after 03-02: 04-13.
        spans = (ExcludedSpan(D("2020-03-04"), D("2020-03-11"), "第三方"),
                 ExcludedSpan(D("2020-03-31"), D("2020-04-30"), "其他机关"))
        clock = reply_clock(ReplyClockInputs(D(self.RECEIVED), excluded_spans=spans), TODAY)
        assert clock.excluded_workdays == 9
        assert clock.due == D("2020-04-13")

    def test_the_deadline_as_it_stood_holds_only_the_extensions_approved_by_then(self):
        # The same consultation (03-27, 04-17] with a 20-day extension: approved 03-30, after the wait
        # began, the deadline as it stood was still 03-30 — one excluded day, the 41st working day: 04-28
        # (04-26 was a 调休 Sunday). Approved 03-26, before it, the deadline stood at 04-27 and all 14
        # working days of the wait are excluded.
        span = ExcludedSpan(D("2020-03-27"), D("2020-04-17"), "第三方")
        late = ReplyClockInputs(D(self.RECEIVED), excluded_spans=(span,), extension_workdays=20,
                                extensions=((D("2020-03-30"), 20),))
        assert reply_clock(late, TODAY).excluded_workdays == 1
        assert reply_clock(late, TODAY).due == D("2020-04-28")
        early = ReplyClockInputs(D(self.RECEIVED), excluded_spans=(span,), extension_workdays=20,
                                 extensions=((D("2020-03-26"), 20),))
        assert reply_clock(early, TODAY).excluded_workdays == 14

    def test_an_open_wait_past_the_deadline_as_it_stood_no_longer_pauses_the_clock(self):
        # 国庆 2020: received 09-14, 20 working days: 09-15..18, 21..25, 27 (Sun 调休), 28..30 (13), 10-09,
        # 10-10 (Sat 调休, 15), 12..16 (20): due 10-16. A consultation sent 10-13, never answered: up to 10-16
        # it moves the deadline each working day (paused); from then on only 10-14, 10-15, 10-16 count
        # (deadlines.md, X) and the deadline is fixed at the 23rd working day, 10-21 — due, not paused.
        span = ExcludedSpan(D("2020-10-13"), None, "第三方")
        inputs = ReplyClockInputs(D("2020-09-14"), excluded_spans=(span,))
        moving = reply_clock(inputs, D("2020-10-15"))
        assert moving.waiting and moving.paused and moving.due == D("2020-10-20")
        for today in (D("2020-10-16"), D("2020-10-20"), D("2020-11-30")):
            fixed = reply_clock(inputs, today)
            assert fixed.due == D("2020-10-21") and not fixed.waiting and not fixed.paused

    def test_an_open_wait_begun_after_the_deadline_does_not_pause_an_overdue_clock(self):
        span = ExcludedSpan(D("2020-04-08"), None, "第三方")
        clock = reply_clock(ReplyClockInputs(D(self.RECEIVED), excluded_spans=(span,)), D("2020-04-10"))
        assert clock.due == D("2020-03-30") and not clock.paused

    def test_an_extension_approved_the_day_a_wait_began_counts_in_the_deadline_as_it_stood(self):
        # Received 03-02; extension of 20 approved 03-27, the day a consultation went out (answered 04-17):
        # the deadline then stood at the 40th working day, 04-27 (清明 04-04..06; 04-26 Sun 调休), so all 14
        # working days of the wait count: the 54th working day, 04-28..30, 05-06..09 (Sat 调休), 11..15,
        # 18, 19 (劳动节 05-01..05).
        span = ExcludedSpan(D("2020-03-27"), D("2020-04-17"), "第三方")
        inputs = ReplyClockInputs(D(self.RECEIVED), excluded_spans=(span,), extension_workdays=20,
                                  extensions=((D("2020-03-27"), 20),))
        clock = reply_clock(inputs, TODAY)
        assert clock.excluded_workdays == 14 and clock.due == D("2020-05-19")

    def test_a_wait_begun_before_a_correction_counts_from_the_restart(self):
        # 春节 2020 (extended to 02-02): received 01-20, consultation sent 02-05, correction received 02-10,
        # answered 02-12: only 02-11 and 02-12 are after R. 20 working days after 02-10 is 03-09; 22: 03-11.
        span = ExcludedSpan(D("2020-02-05"), D("2020-02-12"), "第三方")
        clock = reply_clock(ReplyClockInputs(D("2020-01-20"), correction_received_on=D("2020-02-10"),
                                             excluded_spans=(span,)), TODAY)
        assert clock.excluded_days == (D("2020-02-11"), D("2020-02-12")) and clock.due == D("2020-03-11")

    def test_a_span_opened_after_the_deadline_does_not_revive_it(self):
        span = ExcludedSpan(D("2020-04-08"), D("2020-04-20"), "第三方")
        assert due(self.RECEIVED, excluded_spans=(span,)) == due(self.RECEIVED)


class TestCorrectionRestart:
    def test_the_clock_waits_while_the_applicant_owes_a_correction(self):
        clock = reply_clock(ReplyClockInputs(D("2020-01-20"), awaiting_correction=True), TODAY)
        assert clock.awaiting_correction and clock.paused and clock.due is None

    def test_the_reply_period_restarts_from_the_corrected_application(self):
        # Corrected application received 02-05: 20 working days after it → 03-04.
        clock = reply_clock(ReplyClockInputs(D("2020-01-20"), correction_received_on=D("2020-02-05")), TODAY)
        assert clock.restarted and clock.start == D("2020-02-05")
        assert clock.due == D("2020-03-04")

    def test_waits_before_the_restart_do_not_count(self):
        early = ExcludedSpan(D("2020-01-21"), D("2020-02-04"), "第三方")
        inputs = ReplyClockInputs(D("2020-01-20"), correction_received_on=D("2020-02-05"), excluded_spans=(early,))
        assert reply_clock(inputs, TODAY).due == D("2020-03-04")

    def test_the_correction_notice_is_due_seven_working_days_after_receipt(self):
        # 01-21, 01-22, 01-23, 02-03, 02-04, 02-05, 02-06.
        assert correction_notice_due(D("2020-01-20")) == D("2020-02-06")

    def test_the_correction_period_the_unit_sets(self):
        assert correction_period_due(D("2020-01-22"), 5) == D("2020-02-06")


class TestOtherClocks:
    def test_opinion_due_fifteen_working_days_over_national_day(self):
        assert opinion_due(D("2020-09-28")) == D("2020-10-26")

    def test_fee_payment_due_twenty_working_days_over_duanwu(self):
        # 06-25..06-27 off, 06-28 (Sun) worked.
        assert fee_payment_due(D("2020-06-22")) == D("2020-07-21")

    def test_filing_due_three_working_days_after_the_reply(self):
        assert filing_due(D("2020-01-23")) == D("2020-02-05")


class TestDeadlineState:
    DUE = D("2020-02-25")

    @pytest.mark.parametrize(
        "today, state",
        [
            ("2020-02-19", DeadlineState.OPEN),  # 4 working days left
            ("2020-02-20", DeadlineState.DUE_SOON),  # 3 left
            ("2020-02-25", DeadlineState.DUE_SOON),  # the deadline itself
            ("2020-02-26", DeadlineState.OVERDUE),  # the day after
        ],
    )
    def test_open_due_soon_overdue(self, today, state):
        assert deadline_state(self.DUE, D(today)) == state

    def test_due_soon_counts_working_days_not_calendar_days(self):
        # 13 calendar days but only 01-23, 02-03, 02-04 are working days.
        assert deadline_state(D("2020-02-04"), D("2020-01-22")) == DeadlineState.DUE_SOON

    def test_done_on_time_or_late(self):
        assert deadline_state(self.DUE, D("2020-03-10"), done_on=D("2020-02-25")) == DeadlineState.MET
        assert deadline_state(self.DUE, D("2020-03-10"), done_on=D("2020-02-26")) == DeadlineState.LATE


class TestYearBoundary:
    """Late 2026: a deadline in January 2027 needs 2027's days entered (chinesecalendar 1.11 ends with 2026)."""

    @pytest.fixture(autouse=True)
    def _library_ends_with_2026(self, monkeypatch):
        real = calendar_module._library_knows
        monkeypatch.setattr(calendar_module, "_library_knows", lambda year: year <= 2026 and real(year))

    def test_a_january_2027_deadline_is_refused_with_a_clear_message(self):
        with pytest.raises(UnknownYearError) as caught:
            due("2026-12-10", today=D("2026-12-10"))
        assert caught.value.year == 2027
        assert "2027 年" in str(caught.value) and "管理员" in str(caught.value)

    def test_a_deadline_inside_2026_is_computed(self):
        assert due("2026-11-02", today=D("2026-11-02")) == D("2026-11-30")

    def test_computed_once_2027_is_entered(self):
        CalendarYear.objects.create(year=2027, source="国务院办公厅关于2027年部分节假日安排的通知")
        DayOverride.objects.create(date=D("2027-01-01"), kind=DayOverride.Kind.HOLIDAY, note="元旦")
        # 12-11, 12-14..18, 12-21..25, 12-28..31 = 15 in 2026; 01-01 元旦; 01-04..01-08 = 20.
        assert due("2026-12-10", today=D("2026-12-10")) == D("2027-01-08")
        assert WorkdayCalendar().last_known_year() == 2027

    def test_a_reply_before_an_unknown_years_deadline_is_on_time(self):
        """Received 2026-12-10: the 20th working day is in 2027, but a reply on 2026-12-20 (Sun) has used
        6 working days (12-11, 12-14..18) of 20, and one on 12-31 15: both 按期, whatever 2027's days."""
        plain = ReplyClockInputs(received_on=D("2026-12-10"), closed_on=D("2026-12-20"))
        assert reply_state(plain, D("2026-12-20")) == DeadlineState.MET
        assert reply_state(plain, D("2026-12-31")) == DeadlineState.MET
        # With an extension and a consultation (12-14..18 excluded) the reply is still in time.
        waited = ReplyClockInputs(received_on=D("2026-11-20"), extension_workdays=10, closed_on=D("2026-12-31"),
                                  excluded_spans=(ExcludedSpan(D("2026-12-11"), D("2026-12-18")),))
        with pytest.raises(UnknownYearError):
            reply_due(waited, D("2026-12-31"))
        assert reply_state(waited, D("2026-12-31")) == DeadlineState.MET
        # A reply given in the unknown year itself cannot be judged yet.
        with pytest.raises(UnknownYearError):
            reply_state(plain, D("2027-01-04"))

    def test_a_reply_past_a_deadline_inside_2026_is_late(self):
        """Received 2026-11-02, due 2026-11-30: a reply on 2026-12-31 has used 23 working days of 20."""
        inputs = ReplyClockInputs(received_on=D("2026-11-02"), closed_on=D("2026-12-31"))
        assert reply_state(inputs, D("2026-12-31")) == DeadlineState.LATE
        assert reply_state(inputs, D("2026-11-30")) == DeadlineState.MET


def test_reply_due_alone_is_the_reply_clocks_due():
    """The annual report counts with `reply_due` (no day lists): the same deadline as the case page's clock,
    with 补正 awaited or restarted, waits, extensions and 第三十五条 delays."""
    import random

    rng = random.Random(12)
    cal = WorkdayCalendar()
    seen = set()
    for _ in range(2000):
        received = D("2019-03-01") + dt.timedelta(days=rng.randrange(0, 600))
        corrected = received + dt.timedelta(days=rng.randrange(1, 30)) if rng.random() < 0.2 else None
        spans = tuple(ExcludedSpan(sent, sent + dt.timedelta(days=rng.randrange(0, 30)) if rng.random() < 0.7 else None)
                      for sent in (received + dt.timedelta(days=rng.randrange(-5, 40))
                                   for _n in range(rng.choice((0, 1, 2)))))
        today = received + dt.timedelta(days=rng.randrange(0, 90))
        inputs = ReplyClockInputs(
            received_on=received, correction_received_on=corrected,
            awaiting_correction=corrected is None and rng.random() < 0.1, excluded_spans=spans,
            extension_workdays=rng.choice((0, 0, 15)), closed_on=today if rng.random() < 0.5 else None,
            delayed_until=received + dt.timedelta(days=rng.randrange(20, 80)) if rng.random() < 0.1 else None)
        expected = reply_clock(inputs, today, cal).due
        assert reply_due(inputs, today, cal) == expected, inputs
        seen.add("none" if expected is None else "delayed" if expected == inputs.delayed_until else "day")
    assert seen == {"none", "delayed", "day"}
