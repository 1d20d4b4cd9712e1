"""Issue #18: the clocks and the ledger exact at the edges. Every expected date is counted by hand from the
calendar (March–April 2019/2020/2025 have no holidays except 清明 2020-04-04..06 and the 2020-04-26 调休
working day), not computed with the code under test."""

import datetime as dt

import pytest

from gongkai.core.services import ActionRefused
from gongkai.requests import clock as case_clock
from gongkai.requests.choices import Channel, State
from gongkai.requests.factories import received_case
from gongkai.requests.ledger import export_rows, import_ledger
from gongkai.requests.ledger_io import read, write
from gongkai.requests.models import ClockEvent, RequestCase, VolumeReview
from gongkai.requests.outcomes import Outcome
from gongkai.requests.services import handling, intake, interruptions
from gongkai.requests.services.annual_report import annual_report_cases, annual_report_remedies
from gongkai.workdays.clocks import ExcludedSpan, ReplyClockInputs, reply_clock

pytestmark = pytest.mark.django_db

D = dt.date.fromisoformat
K = ClockEvent.Kind


def reply_line(case, today):
    case = RequestCase.objects.get(pk=case.pk)
    return next(line for line in case_clock.case_clocks(case, today).lines if line.key == "reply")


def ledger_row(org, **values):
    row = {"受理机关": org.name, "申请人类型": "自然人", "申请人": "孙七", "申请方式": "当面",
           "收到申请日期": "2020-03-02", "申请内容": "2019年度城乡低保资金发放情况"}
    row.update(values)
    return row


def as_csv(*rows: dict) -> bytes:
    headers = list(dict.fromkeys(h for row in rows for h in row))
    lines = [",".join(headers)] + [",".join(str(r.get(h, "")) for h in headers) for r in rows]
    return ("\ufeff" + "\n".join(lines) + "\n").encode("utf-8")


def exported(case, today):
    return export_rows(RequestCase.objects.filter(pk=case.pk), lambda c: True, today)[0]


# --- item 1: the 2007 条例 before 2019-05-15 -----------------------------------------------------------


class TestRegime:
    def test_the_issue_example_is_late_under_the_2007_regulation(self, org):
        # 2019-03-01 (Fri) + 15 working days: 03-04..08 (5), 11..15 (10), 18..22 (15).
        case = received_case(org, D("2019-03-01"))
        assert reply_line(case, D("2019-03-05")).due == D("2019-03-22")
        report = import_ledger(None, "l.csv", as_csv(ledger_row(org, 收到申请日期="2019-03-01",
                                                                 答复日期="2019-03-28", 办理结果="予以公开")))
        assert report.ok, report.errors
        imported = RequestCase.objects.get(source=RequestCase.Source.LEDGER)
        row = exported(imported, D("2020-01-01"))
        assert row["答复期限"] == D("2019-03-22") and row["是否逾期"] == "是"
        assert row["适用条例"] == "2007年条例（国务院令第492号）"

    def test_the_regime_changes_on_2019_05_15(self):
        # 2019-05-14 (Tue) + 15: 05-15..17 (3), 20..24 (8), 27..31 (13), 06-03 (14), 06-04 (15).
        old = reply_clock(ReplyClockInputs(received_on=D("2019-05-14")), D("2019-05-20"))
        assert old.regime.key == "2007" and old.due == D("2019-06-04")
        # 2019-05-15 (Wed) + 20: 05-16,17 (2), 20..24 (7), 27..31 (12), 06-03..06 (16), 06-07 端午, 06-10..13 (20).
        new = reply_clock(ReplyClockInputs(received_on=D("2019-05-15")), D("2019-05-20"))
        assert new.regime.key == "2019" and new.due == D("2019-06-13")

    def test_a_2007_case_cannot_be_extended_beyond_fifteen_working_days(self, org, editor):
        case = received_case(org, D("2019-03-01"), state=State.PROCESSING)
        with pytest.raises(ValueError):
            reply_clock(ReplyClockInputs(received_on=D("2019-03-01"), extension_workdays=16), D("2019-03-05"))
        report = import_ledger(None, "l.csv", as_csv(ledger_row(org, 收到申请日期="2019-03-01", 延期工作日="16")))
        assert [str(e) for e in report.errors] == ["第2行【延期工作日】应为 0 至 15 的整数（2007年条例第二十四条第二款）。"]
        with pytest.raises(ActionRefused, match="15个工作日（2007年条例第二十四条第二款）"):
            handling.extend(editor, case, 16, "王主任", D("2019-03-05"), "需要调取档案")

    def test_the_case_page_says_which_regulation_applied(self, client, org, editor):
        case = received_case(org, D("2019-03-01"))
        client.force_login(editor)
        page = client.get(f"/staff/requests/{case.pk}/").content.decode()
        assert "适用的条例：2007年条例（国务院令第492号）" in page
        assert "第二十四条：答复期限 15 个工作日" in page


# --- item 5: citations by paragraph ----------------------------------------------------------------------


def test_the_steps_cite_the_paragraphs_of_article_33(org, editor):
    case = received_case(org, D("2020-03-02"), state=State.PROCESSING)
    handling.consult(editor, case, "third_party", "某公司", "报价", D("2020-03-04"))
    steps = "".join(reply_line(case, D("2020-03-10")).steps)
    assert "（条例第三十三条第二款）" in steps and "（条例第三十三条第三款；" in steps
    assert "第三十三条第一款" not in steps


# --- item 2: a wait that can no longer be running ends ---------------------------------------------------


class TestWaitsEnd:
    def test_an_open_consultation_ends_with_the_reply(self, org):
        # Consultation sent 03-04 never answered; replied 03-20. Excluded (03-04, 03-20]: 03-05, 06, 09..13,
        # 16..20 = 12. Due: the 32nd working day after 03-02: ... 04-03 (24), 04-07..10 (28), 04-13..16 (32).
        report = import_ledger(None, "l.csv", as_csv(ledger_row(org, 征求意见发出日期="2020-03-04",
                                                                 答复日期="2020-03-20", 办理结果="予以公开")))
        assert report.ok, report.errors
        case = RequestCase.objects.get()
        for today in (D("2020-04-01"), D("2020-12-31"), D("2021-06-30")):
            row = exported(case, today)
            assert row["答复期限"] == D("2020-04-16") and row["是否逾期"] == "否"
        steps = "".join(reply_line(case, D("2020-12-31")).steps)
        assert "（本申请已办结，等待至办结之日为止）" in steps

    def test_an_unpaid_fee_wait_ends_when_the_payment_period_lapses(self, org, editor):
        # Notice 03-04, received by the applicant 03-05; 20 working days: 03-06 (1) … 04-02 (20).
        case = received_case(org, D("2020-03-02"), state=State.PROCESSING)
        handling.notify_fee(editor, case, "by_page", 50, D("2020-03-04"))
        fee = case.fee_notices.get()
        handling.record_fee_notice_received(editor, fee, D("2020-03-05"))
        # The wait (03-04, 04-02] is excluded only up to the deadline as it stood when it began, 03-30
        # (deadlines.md): 03-05 … 03-30 = 18 working days; due = the 38th working day after 03-02: 04-17 (33),
        # 04-20..24 (38). It no longer moves after the lapse.
        for today in (D("2020-04-10"), D("2020-05-20")):
            line = reply_line(case, today)
            assert line.due == D("2020-04-24") and line.state != case_clock.PAUSED
        handling.abandon(editor, RequestCase.objects.get(pk=case.pk), Outcome.UNPAID_FEE, D("2020-04-03"))
        assert reply_line(case, D("2020-12-31")).due == D("2020-04-24")

    def test_an_open_consultation_past_the_deadline_as_it_stood_falls_due_on_every_page(self, org, editor):
        # 国庆 2020: received 09-14, due 10-16 (09-15..18, 21..25, 27 Sun 调休, 28..30, 10-09, 10-10 Sat 调休,
        # 12..16). A consultation sent 10-13 is never answered: only 10-14, 10-15, 10-16 are excluded
        # (deadlines.md, X), so the deadline is fixed at 10-21. The case page, the due board and the 台账
        # must then agree that it falls due and goes overdue — not show it paused while the export says 是.
        from gongkai.requests import queries

        case = received_case(org, D("2020-09-14"), state=State.PROCESSING)
        handling.consult(editor, case, "third_party", "某公司", "报价", D("2020-10-13"))
        assert reply_line(case, D("2020-10-15")).state == case_clock.PAUSED  # still moving the deadline

        def listed(today):
            return [row.case_id for row in queries.due_lines(queries.running_cases(), today) if row.line.key == "reply"]

        for today, state, late in ((D("2020-10-20"), "due_soon", "否"), (D("2020-10-22"), "overdue", "是")):
            line = reply_line(case, today)
            assert (line.due, line.state) == (D("2020-10-21"), state)
            assert listed(today) == [case.pk]
            assert exported(case, today)["是否逾期"] == late
        steps = "".join(reply_line(case, D("2020-10-22")).steps)
        assert "计 3 个工作日" in steps and "只扣除至开始等待时的答复期限 2020年10月16日" in steps
        assert "随之顺延" not in steps

    def test_each_wait_counts_only_its_own_days_up_to_the_deadline_as_it_stood(self, org, editor):
        # Received 2020-03-02 (due 03-30). A third party consulted 03-20, never answered: its days count up
        # to 03-30 — 03-23..27, 03-30 = 6. Another agency consulted 03-25 (3 days excluded by then: the
        # deadline stood at 04-02), answered 04-20: 03-26, 27, 30, 31, 04-01, 02 = 6. Together 9, due 04-13.
        # The third party's line said 9 (every excluded day up to today), more than its own days.
        from gongkai.requests.models import Consultation

        case = received_case(org, D("2020-03-02"), state=State.PROCESSING)
        handling.consult(editor, case, "third_party", "某公司", "报价", D("2020-03-20"))
        agency = handling.consult(editor, case, "agency", "县财政局", "共同制作", D("2020-03-25"))
        handling.record_opinion(editor, agency, Consultation.Opinion.AGREE, "", D("2020-04-20"))
        line = reply_line(case, D("2020-04-30"))
        assert line.due == D("2020-04-13")
        third, other = [step for step in line.steps if step.startswith("不计算在期限内")]
        assert "只扣除至开始等待时的答复期限 2020年3月30日" in third and third.endswith("计 6 个工作日。")
        assert "只扣除至开始等待时的答复期限 2020年4月2日" in other and other.endswith("计 6 个工作日。")
        assert "共 9 个工作日不计算在期限内" in "".join(line.steps)

    def test_span_arithmetic_caps_at_the_closing_day(self):
        inputs = ReplyClockInputs(received_on=D("2020-03-02"), closed_on=D("2020-03-20"),
                                  excluded_spans=(ExcludedSpan(D("2020-03-04"), None, "征求意见"),))
        clock = reply_clock(inputs, D("2021-01-04"))
        assert clock.due == D("2020-04-16") and not clock.waiting and clock.excluded_workdays == 12


# --- item 4: rows that contradict their own columns ------------------------------------------------------


def test_ledger_rows_contradicting_their_columns_are_refused_with_line_and_reason(org):
    rows = [
        ledger_row(org, 答复日期="2020-04-01", 办理结果="其他处理-逾期不补正"),
        ledger_row(org, 补正告知日期="2020-03-03", 答复日期="2020-04-01",
                   办理结果="无法提供-补正后申请内容仍不明确"),
        ledger_row(org, 补正告知日期="2020-03-03", 收到补正日期="2020-03-09", 答复日期="2020-04-01",
                   办理结果="其他处理-逾期不补正"),
        ledger_row(org, 补正告知日期="2020-03-03", 答复日期="2020-04-01", 办理结果="其他处理-逾期不补正"),
    ]
    report = import_ledger(None, "l.csv", as_csv(*rows))
    assert [str(e) for e in report.errors] == [
        "第2行【办理结果】办理结果为“逾期不补正”，但没有填写补正告知日期（条例第三十条：须先一次性告知补正）。",
        "第3行【办理结果】办理结果为“补正后申请内容仍不明确”，但没有填写收到补正日期。",
        "第4行【办理结果】已填写收到补正日期，申请人已经补正，不能按“逾期不补正”办结。",
    ]
    assert not RequestCase.objects.exists()


# --- item 7: withdrawal ------------------------------------------------------------------------------------


def test_a_withdrawal_stops_the_clock_and_counts_as_other_handling(org, editor):
    case = received_case(org, D("2020-03-02"), state=State.PROCESSING)
    handling.consult(editor, case, "third_party", "某公司", "报价", D("2020-03-04"))
    handling.record_letter_received(editor, case.consultations.get(), D("2020-03-05"))
    with pytest.raises(ActionRefused, match="撤回申请的方式"):
        interruptions.withdraw(editor, RequestCase.objects.get(pk=case.pk), D("2020-03-10"), "")
    interruptions.withdraw(editor, RequestCase.objects.get(pk=case.pk), D("2020-03-10"), "申请人书面撤回申请")
    case = RequestCase.objects.get(pk=case.pk)
    assert case.state == State.WITHDRAWN and case.replied_on == D("2020-03-10")
    assert case.outcome == Outcome.OTHER and case.answer_code == "withdrawn"
    line = reply_line(case, D("2020-12-31"))
    # Excluded (03-04, 03-10] = 03-05, 06, 09, 10: due = the 24th working day after 03-02 = 04-03.
    assert line.due == D("2020-04-03") and line.state == "met" and line.done_on == D("2020-03-10")
    assert "申请人于2020年3月10日撤回申请" in "".join(line.steps)
    opinion = next(ln for ln in case_clock.case_clocks(case, D("2020-12-31")).lines if ln.key.startswith("opinion"))
    assert opinion.state == case_clock.STOPPED and opinion.state_label == "已终止（申请人撤回）"
    counted = annual_report_cases([org.pk], D("2020-01-01"), D("2020-12-31"))
    assert [(c["outcome_key"], c["replied_on"]) for c in counted] == [("other_other", D("2020-03-10"))]


# --- item 9: 第三十五条 delayed reply -----------------------------------------------------------------------


def test_a_delayed_reply_moves_the_deadline_to_the_date_set_and_is_not_overdue_inside_it(org, editor):
    case = received_case(org, D("2020-03-02"), state=State.PROCESSING)
    with pytest.raises(ActionRefused, match="认定理由合理"):
        interruptions.delay_reply(editor, case, D("2020-05-29"), "申请数量大", D("2020-03-20"))
    VolumeReview.objects.create(case=case, asked_on=D("2020-03-05"), question="请说明申请100件的理由",
                                explanation="课题研究", decision=VolumeReview.Decision.REASONABLE)
    with pytest.raises(ActionRefused, match="应晚于"):
        interruptions.delay_reply(editor, case, D("2020-03-25"), "申请数量大", D("2020-03-20"))
    interruptions.delay_reply(editor, case, D("2020-05-29"), "一次申请100份历年文件，需逐件检索", D("2020-03-20"))
    # The 20 working days end 03-30 (03-03..06 (4), 09..13 (9), 16..20 (14), 23..27 (19), 30 (20)).
    line = reply_line(case, D("2020-05-15"))
    assert line.due == D("2020-05-29") and line.state == "open"
    assert "一次申请100份历年文件" in "".join(line.steps) and "2020年3月30日" in "".join(line.steps)
    assert reply_line(case, D("2020-06-01")).state == "overdue"


# --- item 3: a transfer closes the first agency's case with a 第三十六条（五） answer -------------------------


def test_a_transfer_answers_under_36_5_and_opens_a_linked_case(org, other_org, editor):
    case = received_case(org, D("2025-03-03"), channel=Channel.IN_PERSON)
    passed = intake.transfer(editor, case, other_org, "该信息由县自然资源局制作并负责公开", on=D("2025-03-20"))
    first = RequestCase.objects.get(pk=case.pk)
    assert first.organization == org and first.state == State.REPLIED and first.replied_on == D("2025-03-20")
    assert first.outcome == Outcome.NOT_HELD and first.answer_code == "36-5" and first.referral == other_org.name
    # 2025-03-03 (Mon) + 20 working days: 03-04..07 (4), 10..14 (9), 17..21 (14), 24..28 (19), 31 (20).
    line = reply_line(first, D("2025-04-30"))
    assert line.due == D("2025-03-31") and line.state == "met"
    assert first.documents.count() == 1
    counted = annual_report_cases([org.pk], D("2025-01-01"), D("2025-12-31"))
    assert [c["outcome_key"] for c in counted] == ["unavailable_not_held"]
    assert passed.organization == other_org and passed.state == State.PENDING and passed.transferred_from == first
    assert passed.received_on is None and passed.applicant_name == first.applicant_name


# --- items 13 and 11: optional fee and remedy-date columns --------------------------------------------------


def test_fee_wait_columns_carry_the_wait_through_a_round_trip(org):
    # Fee notice 03-04, paid 03-11: excluded 03-05, 06, 09, 10, 11 (5); due = 25th working day after 03-02:
    # 04-03 (24), 04-07 (25).
    report = import_ledger(None, "l.csv", as_csv(ledger_row(org, 收费通知日期="2020-03-04", 缴费日期="2020-03-11",
                                                             收费金额="200", 答复日期="2020-04-07",
                                                             办理结果="予以公开")))
    assert report.ok, report.errors
    case = RequestCase.objects.get()
    row = exported(case, D("2020-12-31"))
    assert row["答复期限"] == D("2020-04-07") and row["是否逾期"] == "否"
    assert (row["收费通知日期"], row["缴费日期"]) == (D("2020-03-04"), D("2020-03-11"))
    again = import_ledger(None, "l.csv", write("l.csv", [row]))
    assert again.ok and again.unchanged == 1
    bad = import_ledger(None, "l.csv", as_csv(ledger_row(org, 缴费日期="2020-03-11"),
                                                ledger_row(org, 收费通知日期="2020-03-04", 缴费日期="2020-03-11",
                                                           答复日期="2020-04-07", 办理结果="其他处理-逾期未缴费")))
    assert [str(e) for e in bad.errors] == ["第2行【缴费日期】填写了缴费日期但没有收费通知日期。",
                                            "第3行【办理结果】已填写缴费日期，不能按“逾期未缴费”办结。"]


def test_an_old_ledger_without_the_new_columns_still_imports(org):
    report = import_ledger(None, "l.csv", as_csv(ledger_row(org, 答复日期="2020-03-20", 办理结果="予以公开",
                                                             行政复议="维持")))
    assert report.ok and report.created == 1
    headers, _rows = read("l.csv", write("l.csv", export_rows(RequestCase.objects.all(), lambda c: True)))
    assert headers[:3] == ["申请编号", "受理机关", "申请人类型"] and "收费通知日期" in headers


def test_remedy_dates_from_the_ledger_put_a_review_in_the_year_it_was_decided(org):
    report = import_ledger(None, "l.csv", as_csv(ledger_row(
        org, 收到申请日期="2024-11-04", 答复日期="2024-11-25", 办理结果="予以公开", 行政复议="纠正",
        行政复议申请日期="2024-12-10", 行政复议决定日期="2025-02-14")))
    assert report.ok, report.errors
    from gongkai.reports.compute import review_table
    from gongkai.reports.sources import RemedyRecord

    def table(year):
        found = annual_report_remedies([org.pk], D(f"{year}-01-01"), D(f"{year}-12-31"))
        return review_table([RemedyRecord(**r) for r in found], year)["administrative_review"]

    assert table(2024)["pending"] == 1 and table(2024)["corrected"] == 0
    assert table(2025)["corrected"] == 1
    row = exported(RequestCase.objects.get(), D("2025-03-01"))
    assert (row["行政复议申请日期"], row["行政复议决定日期"]) == (D("2024-12-10"), D("2025-02-14"))
    bad = import_ledger(None, "l.csv", as_csv(ledger_row(
        org, 答复日期="2020-03-20", 办理结果="予以公开", 行政复议="尚未审结", 行政复议决定日期="2020-05-01")))
    assert [str(e) for e in bad.errors] == ["第2行【行政复议决定日期】行政复议为“尚未审结”的，不能填写审结日期。"]
