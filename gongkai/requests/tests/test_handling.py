"""Handling on the clocks: 补正 restarts, consultations (overlapping, lapsed, agency silence), fees per
国办函〔2020〕109号, extensions with the 负责人's approval, voiding a wrong event, the 2026 → 2027 boundary,
and reminders through the task queue."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from gongkai.core.services import ActionRefused
from gongkai.requests import clock as case_clock
from gongkai.requests.choices import State
from gongkai.requests.factories import received_case
from gongkai.requests.models import Consultation, Reminder, RequestCase
from gongkai.requests.services import handling
from gongkai.requests.tests.conftest import pdf_text
from gongkai.workdays import calendar as calendar_module
from gongkai.workdays.models import CalendarYear, DayOverride

pytestmark = pytest.mark.django_db

D = dt.date.fromisoformat
TODAY = D("2020-12-31")


def reply_line(case, today=TODAY):
    case = RequestCase.objects.get(pk=case.pk)
    return next(line for line in case_clock.case_clocks(case, today).lines if line.key == "reply")


def test_restart_overlapping_consultations_and_an_extension_across_qingming(org, editor):
    case = received_case(org, D("2020-02-26"), state=State.PROCESSING)
    handling.request_correction(editor, case, "请写明文件名称", 5, D("2020-02-27"))
    assert reply_line(case).due is None and reply_line(case).state == case_clock.PAUSED
    handling.receive_correction(editor, case, D("2020-03-02"))
    third = handling.consult(editor, case, "third_party", "某公司", "报价", D("2020-03-04"))
    agency = handling.consult(editor, case, "agency", "县财政局", "共同制作", D("2020-03-09"))
    assert RequestCase.objects.get(pk=case.pk).state == State.THIRD_PARTY
    handling.record_opinion(editor, third, Consultation.Opinion.DISAGREE, "商业秘密", D("2020-03-11"))
    assert RequestCase.objects.get(pk=case.pk).state == State.AGENCY
    handling.record_opinion(editor, agency, Consultation.Opinion.AGREE, "", D("2020-03-13"))
    handling.extend(editor, case, 5, "王主任", D("2020-03-16"), "需要调取档案")
    line = reply_line(case)
    # R = 03-02; 20 + 5 + 7 (03-05 … 03-13 once) = 32 working days → 04-16, 清明 04-04..06 skipped.
    assert line.due == D("2020-04-16")
    text = " ".join(line.steps)
    assert "收到补正之日：2020年3月2日" in text and "重叠部分只计一次，共 7 个工作日" in text
    assert "王主任" in text and "第 32 个工作日" in text
    letter = RequestCase.objects.get(pk=case.pk).documents.get(document__template_key="requests.extension").document
    assert "2020年4月16日" in pdf_text(letter.pdf) and "延长5个工作日" in pdf_text(letter.pdf)


def test_the_correction_notice_is_one_time_and_late_notices_show_as_late(org, editor):
    case = received_case(org, D("2020-01-20"), state=State.PROCESSING)
    handling.request_correction(editor, case, "请写明文件名称", 5, D("2020-02-07"))  # due 02-06
    case = RequestCase.objects.get(pk=case.pk)
    notice_line = next(line for line in case_clock.case_clocks(case, TODAY).lines if line.key == "correction_notice")
    assert notice_line.due == D("2020-02-06") and notice_line.state == "late"
    handling.receive_correction(editor, case, D("2020-02-10"))
    with pytest.raises(ActionRefused, match="一次性告知"):
        handling.request_correction(editor, case, "再补正", 5, D("2020-02-11"))


def test_a_lapsed_consultation_ends_on_its_last_day_and_agency_silence_is_consent(org, editor, monkeypatch):
    case = received_case(org, D("2020-09-21"), state=State.PROCESSING)
    consultation = handling.consult(editor, case, "agency", "县住建局", "共同制作", D("2020-09-22"))
    with pytest.raises(ActionRefused, match="收到征求意见书的日期"):
        handling.record_opinion(editor, consultation, Consultation.Opinion.LAPSED)
    handling.record_letter_received(editor, consultation, D("2020-09-28"))
    monkeypatch.setattr("gongkai.requests.services.handling.today", lambda: D("2020-10-26"))
    with pytest.raises(ActionRefused, match="尚未届满"):
        handling.record_opinion(editor, consultation, Consultation.Opinion.LAPSED)
    monkeypatch.setattr("gongkai.requests.services.handling.today", lambda: D("2020-10-27"))
    handling.record_opinion(editor, consultation, Consultation.Opinion.LAPSED)
    consultation.refresh_from_db()
    assert consultation.event.until == D("2020-10-26") and "视为同意公开" in consultation.opinion_text


def test_fees_are_computed_never_typed(org, editor):
    cases = [received_case(org, D("2020-03-02") + dt.timedelta(days=i % 3), state=State.PROCESSING)
             for i in range(11)]
    with pytest.raises(ActionRefused, match="不收费"):
        handling.notify_fee(editor, cases[0], "by_request", None, D("2020-03-10"))
    eleventh = max(cases, key=lambda c: (c.received_on, c.pk))
    fee = handling.notify_fee(editor, eleventh, "by_request", None, D("2020-03-10"))
    assert fee.quantity == 11 and fee.amount_yuan == 100
    paged = received_case(org, D("2020-04-01"), state=State.PROCESSING, id_number="11010519491231002X",
                          applicant_name="另一人")
    fee = handling.notify_fee(editor, paged, "by_page", 150, D("2020-04-02"))
    assert fee.amount_yuan == 1700 and RequestCase.objects.get(pk=paged.pk).state == State.FEE
    letter = fee.event.document
    text = pdf_text(letter.pdf)
    assert "按量计收" in text and "1700元" in text and "第101—150页" in text
    handling.record_fee_notice_received(editor, fee, D("2020-04-03"))
    handling.record_payment(editor, fee, D("2020-04-08"), "票据0001")
    paged = RequestCase.objects.get(pk=paged.pk)
    assert paged.state == State.PROCESSING and paged.fee_yuan == 1700
    # (04-02, 04-08] excluded: 04-03, 04-07, 04-08 (清明 04-04..06 are no working days anyway), so the
    # 23rd working day after 04-01: … 04-26 (Sun) 17 … 04-30 21, 劳动节, 05-06 22, 05-07 23.
    assert reply_line(paged).due == D("2020-05-07")


def test_extensions_are_limited_and_must_come_before_the_deadline(org, editor):
    case = received_case(org, D("2020-01-20"), state=State.PROCESSING)
    with pytest.raises(ActionRefused, match="答复期限（2020-02-25）已过"):
        handling.extend(editor, case, 5, "王主任", D("2020-02-26"), "太晚了")
    handling.extend(editor, case, 15, "王主任", D("2020-02-20"), "需要调档")
    with pytest.raises(ActionRefused, match="最长不得超过20个工作日"):
        handling.extend(editor, case, 6, "王主任", D("2020-02-21"), "再延")
    with pytest.raises(ActionRefused, match="负责人"):
        handling.extend(editor, case, 5, "", D("2020-02-21"), "再延")


def test_voiding_a_wrong_event_recomputes(org, editor):
    case = received_case(org, D("2020-03-02"), state=State.PROCESSING)
    consultation = handling.consult(editor, case, "third_party", "某公司", "报价", D("2020-03-04"))
    handling.record_opinion(editor, consultation, Consultation.Opinion.AGREE, "", D("2020-03-11"))
    assert reply_line(case).due == D("2020-04-07")
    assert RequestCase.objects.get(pk=case.pk).clock_changed  # the due lists compute it from its events
    handling.void_event(editor, consultation.event, "录入错误，实际未发出")
    assert reply_line(case).due == D("2020-03-30")
    stored = RequestCase.objects.get(pk=case.pk)
    assert stored.clock_events.filter(voided_at__isnull=False).count() == 1
    assert not stored.clock_changed  # plain again: read from its dates alone


@pytest.fixture
def library_ends_with_2026(monkeypatch):
    real = calendar_module._library_knows
    monkeypatch.setattr(calendar_module, "_library_knows", lambda year: year <= 2026 and real(year))


def test_a_deadline_in_2027_is_refused_until_2027_is_entered(org, editor, client, library_ends_with_2026):
    case = received_case(org, D("2026-11-20"), state=State.PROCESSING)
    line = reply_line(case, D("2026-11-25"))
    assert line.due == D("2026-12-18") and not line.error
    late = received_case(org, D("2026-12-10"), state=State.PROCESSING)
    line = reply_line(late, D("2026-12-10"))
    assert line.due is None and "2027 年" in line.error and "管理员" in line.error
    client.force_login(editor)
    page = client.get(f"/staff/requests/{late.pk}/").content.decode()
    assert "系统尚未录入 2027 年的法定节假日和调休安排" in page
    CalendarYear.objects.create(year=2027, source="国务院办公厅关于2027年部分节假日安排的通知")
    DayOverride.objects.create(date=D("2027-01-01"), kind=DayOverride.Kind.HOLIDAY, note="元旦")
    assert reply_line(late, D("2026-12-10")).due == D("2027-01-08")


def test_reminders_go_out_once_in_app_and_by_email(org, editor, monkeypatch, django_capture_on_commit_callbacks):
    editor.email = "editor@example.cn"
    editor.save()
    overdue = received_case(org, D("2020-01-20"), state=State.PROCESSING, handler=editor)
    monkeypatch.setattr("gongkai.requests.reminders.timezone.localdate", lambda: D("2020-02-26"))
    monkeypatch.setattr("gongkai.requests.queries.timezone.localdate", lambda: D("2020-02-26"))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("request_reminders")
    reminder = Reminder.objects.get()
    assert reminder.user == editor and reminder.case == overdue and reminder.level == "overdue"
    assert "答复期限已逾期" in reminder.message and reminder.emailed_at is not None
    assert len(mail.outbox) == 1 and overdue.tracking_number in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        call_command("request_reminders")
    assert Reminder.objects.count() == 1 and len(mail.outbox) == 1


def test_a_mail_failure_for_one_person_stops_neither_the_others_nor_later_runs(org, editor, monkeypatch,
                                                                                django_capture_on_commit_callbacks):
    # One failing e-mail stopped the run: the reminders after it kept emailed_at empty and, being created
    # already, were never e-mailed by a later run. Now each goes through notifications (logged, retried) and
    # every run e-mails what is pending.
    from django.core.mail.backends.locmem import EmailBackend

    from gongkai.accounts.factories import user_with_role
    from gongkai.accounts.models import Role
    from gongkai.notifications.models import Notice

    other = user_with_role(org, Role.EDITOR, email="other@example.cn")
    editor.email = "editor@example.cn"
    editor.save()
    case = received_case(org, D("2020-01-20"), state=State.PROCESSING)
    monkeypatch.setattr("gongkai.requests.reminders.timezone.localdate", lambda: D("2020-02-26"))
    monkeypatch.setattr("gongkai.requests.queries.timezone.localdate", lambda: D("2020-02-26"))
    real_send = EmailBackend.send_messages

    def refusing_editor(backend, messages):
        if any("editor@example.cn" in m.to for m in messages):
            raise ConnectionRefusedError("mail server unavailable")
        return real_send(backend, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", refusing_editor)
    with django_capture_on_commit_callbacks(execute=True):
        try:
            call_command("request_reminders")
        except ConnectionRefusedError:
            pass
    assert [m.to for m in mail.outbox] == [["other@example.cn"]] and case.tracking_number in mail.outbox[0].body
    failed = Notice.objects.get(topic="requests.reminder", recipient_masked="e***@example.cn")
    assert failed.status == Notice.Status.RETRYING and "example.cn" not in failed.last_error

    # A reminder an earlier run left un-e-mailed is e-mailed by the next one.
    Reminder.objects.filter(user=other).update(emailed_at=None)
    monkeypatch.setattr(EmailBackend, "send_messages", real_send)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("request_reminders")
    assert [m.to for m in mail.outbox] == [["other@example.cn"], ["other@example.cn"]]
    assert not Reminder.objects.filter(emailed_at__isnull=True).exists()

def test_unread_reminders_show_in_the_section_navigation(client, org, editor):
    case = received_case(org, D("2020-01-20"), state=State.PROCESSING)
    Reminder.objects.create(user=editor, case=case, clock="reply", due=D("2020-02-25"), level="overdue",
                            message=f"{case.tracking_number} 答复期限已逾期（2020-02-25）")
    client.force_login(editor)
    page = client.get("/staff/requests/reminders/").content.decode()
    assert "1 条未读" in page and "答复期限已逾期" in page
    client.post("/staff/requests/reminders/")
    assert "条未读" not in client.get("/staff/requests/").content.decode()


def test_a_reminder_e_mail_masks_numbers_typed_into_a_partys_name(org, editor, django_capture_on_commit_callbacks):
    # 「%(party)s提出意见期限」: the third party's name as staff typed it may carry a phone number.
    from gongkai.notifications.models import Notice
    from gongkai.requests import reminders

    editor.email = "editor@example.cn"
    editor.save()
    case = received_case(org, D("2020-01-20"), state=State.PROCESSING)
    Reminder.objects.create(user=editor, case=case, clock="opinion:1", due=D("2020-02-20"), level="overdue",
                            message=f"{case.tracking_number} 张三（13953312345）提出意见期限已届满（2020-02-20）")
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.email() == 1
    for text in (mail.outbox[0].body, Notice.objects.get(topic="requests.reminder").body):
        assert "张三（139****2345）提出意见期限" in text and "13953312345" not in text


def test_two_overlapping_reminder_runs_e_mail_a_reminder_once(org, editor, django_capture_on_commit_callbacks):
    # The periodic job and `gongkai request_reminders` (or two workers) both read the reminders not e-mailed
    # yet; the run that claims them first sends them, the other finds them taken and sends nothing.
    from gongkai.requests import reminders

    editor.email = "editor@example.cn"
    editor.save()
    case = received_case(org, D("2020-01-20"), state=State.PROCESSING)
    Reminder.objects.create(user=editor, case=case, clock="reply", due=D("2020-02-20"), level="overdue",
                            message=f"{case.tracking_number} 答复期限已逾期（2020-02-20）")
    read_by_the_other_run = list(Reminder.objects.filter(emailed_at__isnull=True))
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.email() == 1
    assert reminders._claim(read_by_the_other_run) == []
    assert len(mail.outbox) == 1
