"""A period that binds the applicant (补正, 缴费) or a third party (提出意见) running out is not the unit
being late: the case page, the due list, 我的待办 and the reminders say 已届满 and the unit's next step,
and keep 已逾期 for the unit's own deadlines."""

import datetime as dt
from unittest import mock

import pytest
from django.urls import reverse

from gongkai.requests import reminders
from gongkai.requests.choices import State
from gongkai.requests.clock import case_clocks
from gongkai.requests.factories import received_case
from gongkai.requests.models import Reminder
from gongkai.requests.services import handling

pytestmark = pytest.mark.django_db

D = dt.date.fromisoformat


def _line(case, key, today):
    case.refresh_from_db()
    return next(line for line in case_clocks(case, today=today).lines if line.key.split(":")[0] == key)


def test_a_lapsed_correction_period_reads_as_run_out_with_the_next_step(client, org, editor):
    case = received_case(org, D("2020-03-02"), state=State.PROCESSING)
    handling.request_correction(editor, case, "请写明文件名称", 5, D("2020-03-03"))  # 补正期限 03-10
    on_the_day = _line(case, "correction_period", D("2020-03-10"))
    assert on_the_day.state_label == "即将到期" and on_the_day.lapse_note == ""
    lapsed = _line(case, "correction_period", D("2020-03-11"))
    assert lapsed.state == "overdue"  # still an alert: the unit has a case to close
    assert lapsed.state_label == "已届满" and "逾期不补正" in lapsed.lapse_note and "条例第三十条" in lapsed.lapse_note

    client.force_login(editor)
    with mock.patch("django.utils.timezone.localdate", return_value=D("2020-03-11")):
        detail = client.get(reverse("requests:detail", kwargs={"case_id": case.pk})).content.decode()
        due = client.get(reverse("requests:due")).content.decode()
        home = client.get(reverse("workbench:home")).content.decode()
    assert "已届满" in detail and "可按“逾期不补正”办结" in detail
    assert case.tracking_number in due and "申请人补正期限（已届满）" in due and "可按“逾期不补正”办结" in due
    assert "申请人补正期限 <span class=\"state\">已届满</span>" in home

    reminders.create_reminders(D("2020-03-11"))
    message = Reminder.objects.get(case=case, clock="correction_period").message
    assert "申请人补正期限已届满（2020-03-10）" in message and "已逾期" not in message


def test_an_unpaid_fee_period_reads_as_run_out_and_the_units_own_deadline_as_overdue(org, editor):
    case = received_case(org, D("2020-03-02"), state=State.PROCESSING)
    fee = handling.notify_fee(editor, case, "by_page", 150, D("2020-03-03"))
    handling.record_fee_notice_received(editor, fee, D("2020-03-04"))  # 缴费期限 04-01
    lapsed = _line(case, "fee", D("2020-04-02"))
    assert lapsed.state_label == "已届满" and "逾期未缴费" in lapsed.lapse_note and "国办函〔2020〕109号" in lapsed.lapse_note

    late = received_case(org, D("2020-01-20"), state=State.PROCESSING)  # 答复期限 2020-02-25 (epidemic extension)
    reply = _line(late, "reply", D("2020-02-26"))
    assert reply.state_label == "已逾期" and reply.lapse_note == ""
    reminders.create_reminders(D("2020-02-26"))
    assert "答复期限已逾期" in Reminder.objects.get(case=late, clock="reply").message


def test_once_the_case_is_closed_a_lapsed_period_is_no_longer_an_alert(org, editor):
    from gongkai.requests.outcomes import Outcome
    from gongkai.requests.queries import due_rows

    case = received_case(org, D("2020-03-02"), state=State.PROCESSING)
    handling.request_correction(editor, case, "请写明文件名称", 5, D("2020-03-03"))  # 补正期限 03-10
    handling.abandon(editor, case, Outcome.NO_CORRECTION, D("2020-03-11"))
    for today in (D("2020-03-13"), D("2020-06-01")):
        line = _line(case, "correction_period", today)
        assert (line.state, line.state_label, line.lapse_note, line.is_alert) == ("lapsed", "已届满", "", False)
        assert not [row for row in due_rows(today=today) if row.case.pk == case.pk and row.line.key == "correction_period"]


def test_a_late_correction_is_the_applicants_lateness_not_the_units(org, editor):
    case = received_case(org, D("2020-03-02"), state=State.PROCESSING)
    handling.request_correction(editor, case, "请写明文件名称", 5, D("2020-03-03"))  # 补正期限 03-10
    handling.receive_correction(editor, case, D("2020-03-12"), "文件名称为……")
    line = _line(case, "correction_period", D("2020-03-13"))
    assert line.state_label == "逾期完成" and line.display_state == "lapsed"  # amber, not the unit's red


@pytest.mark.parametrize("kind, article, meaning", [("third_party", "条例第三十二条", "决定是否公开"),
                                                     ("agency", "条例第三十四条", "视为同意公开")])
def test_a_lapsed_opinion_period_says_what_silence_means_for_that_party(org, editor, kind, article, meaning):
    from gongkai.workdays import clocks

    case = received_case(org, D("2020-03-02"), state=State.PROCESSING)
    consultation = handling.consult(editor, case, kind, "县财政局", "是否同意公开该报告", D("2020-03-03"))
    handling.record_letter_received(editor, consultation, D("2020-03-04"))
    lapsed_on = clocks.opinion_due(D("2020-03-04")) + dt.timedelta(days=1)
    line = _line(case, "opinion", lapsed_on)
    assert line.state_label == "已届满" and article in line.lapse_note and meaning in line.lapse_note
