"""Clocks with real dates (across the 2026 National Day holiday), reminders before the end, overdue
marking, and the 3-month veto rule of the inspection engine."""

import datetime as dt

import pytest
from django.core import mail

from gongkai.mailbox import queries, reminders, services
from gongkai.mailbox.factories import MessageFactory
from gongkai.mailbox.models import MailboxPolicy, MessageEvent, State
from gongkai.workdays import statute
from gongkai.workdays.clocks import DeadlineState, message_veto_since

pytestmark = pytest.mark.django_db


def test_the_reply_period_of_a_consultation_runs_across_national_day(unit, form_data):
    # Received on 2026-09-30; 10-01…10-07 are holidays, Saturday 10-10 is a 调休 working day.
    message = services.submit_online(unit, form_data, today=dt.date(2026, 9, 30)).message
    assert message.reply_workdays == statute.MESSAGE_CONSULT_WORKDAYS == 5
    clock = queries.clock(message, today=dt.date(2026, 10, 10))
    assert clock.due == dt.date(2026, 10, 13)  # 10-08, 10-09, 10-10, 10-12, 10-13
    assert clock.state == DeadlineState.DUE_SOON and clock.remaining == 2
    assert queries.clock(message, today=dt.date(2026, 10, 14)).state == DeadlineState.OVERDUE


def test_a_period_still_running_is_labelled_not_yet_due_not_as_a_message_state(unit, form_data):
    # 「办理中」 is a message state (待受理 messages showed 「（办理中）」); the clock says 未到期.
    message = services.submit_online(unit, form_data, today=dt.date(2026, 9, 30)).message
    clock = queries.clock(message, today=dt.date(2026, 9, 30), remind_before=1)
    assert clock.state == DeadlineState.OPEN and clock.label == "未到期"


def test_each_type_has_its_period_and_a_changed_setting_applies_to_new_messages_only(unit, form_data):
    complaint = services.submit_online(unit, {**form_data, "kind": "complaint"}, today=dt.date(2026, 3, 2)).message
    assert complaint.reply_workdays == 15
    policy = MailboxPolicy.current()
    policy.complaint_workdays = 10
    policy.save()
    complaint.refresh_from_db()
    assert complaint.reply_workdays == 15
    later = services.submit_online(unit, {**form_data, "kind": "complaint"}, today=dt.date(2026, 3, 2)).message
    assert later.reply_workdays == 10


def test_answered_late_or_on_time(unit, editor):
    on_time = services.reply(editor, MessageFactory(addressee=unit), "按期作出的实质性答复内容。", today=dt.date(2026, 3, 9))
    late = services.reply(editor, MessageFactory(addressee=unit), "逾期作出的实质性答复内容。", today=dt.date(2026, 3, 10))
    assert queries.clock(on_time).state == DeadlineState.MET  # due 2026-03-09
    assert queries.clock(late).state == DeadlineState.LATE


def test_reminders_before_the_end_and_when_overdue_are_sent_once(unit, editor, django_capture_on_commit_callbacks,
                                                                  settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    message = MessageFactory(addressee=unit, state=State.PROCESSING)  # due 2026-03-09
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.send_reminders(dt.date(2026, 3, 5)) == 1  # 2 working days left
        assert reminders.send_reminders(dt.date(2026, 3, 6)) == 0  # this level was sent
        assert reminders.send_reminders(dt.date(2026, 3, 10)) == 1  # overdue
    assert [m.to for m in mail.outbox] == [["editor@example.cn"], ["editor@example.cn"]]
    assert "已逾期" in mail.outbox[1].subject and "13953312345" not in mail.outbox[1].body
    assert message.events.filter(type=MessageEvent.Type.REMINDED).count() == 2


def test_a_reminder_names_the_message_with_the_numbers_typed_into_its_subject_masked(
        unit, editor, django_capture_on_commit_callbacks, settings):
    # The writer's ID number or phone in the subject must not reach staff e-mail nor the delivery log.
    from gongkai.notifications.models import Notice

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    MessageFactory(addressee=unit, state=State.PROCESSING, subject="370302199001011234张三电话13953312345的咨询")
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.send_reminders(dt.date(2026, 3, 10)) == 1
    [email] = mail.outbox
    stored = Notice.objects.get(topic="mailbox.reminder").body
    for text in (email.body, stored):
        assert "3703**********1234张三电话139****2345的咨询" in text
        assert "370302199001011234" not in text and "13953312345" not in text


def test_the_veto_line_is_three_calendar_months():
    assert message_veto_since(dt.date(2026, 12, 2)) == dt.date(2026, 9, 1)
    assert message_veto_since(dt.date(2026, 5, 31)) == dt.date(2026, 2, 27)  # no 02-31: the month's last day, minus 1


def test_the_inspection_veto_rule_finds_the_overdue_message_and_nothing_else(county, unit, other_unit, editor):
    from gongkai.inspection.models import Severity
    from gongkai.inspection.rules import active_rules, pending_rules
    from gongkai.inspection.rules.base import Context

    today = dt.date(2026, 12, 2)
    stale = MessageFactory(addressee=other_unit, received_on=dt.date(2026, 8, 20), state=State.PROCESSING)
    MessageFactory(addressee=unit, received_on=dt.date(2026, 9, 2), state=State.PROCESSING)  # exactly 3 months
    services.reply(editor, MessageFactory(addressee=unit, received_on=dt.date(2026, 6, 1)), "迟到但已作出的答复内容。")
    MessageFactory(addressee=unit, received_on=dt.date(2026, 5, 1), state=State.DECLINED, replied_on=dt.date(2026, 5, 3))
    rule = next(r for r in active_rules() if r.code == "messages_unanswered")
    assert "messages_unanswered" not in [p.code for p in pending_rules()]
    assert rule.severity == Severity.VETO
    hits = list(rule.check(Context(today=today, organization_ids={county.pk, unit.pk, other_unit.pk})))
    assert [(h.organization_id, h.subject) for h in hits] == [(other_unit.pk, f"message:{stale.pk}")]
    assert stale.tracking_number in str(hits[0].title) and "张三" not in str(hits[0])


def test_a_message_unanswered_for_3_months_vetoes_the_unit_in_an_inspection_run(county, unit, other_unit):
    # The rule is a 单项否决; its hits carry no severity of their own and take the rule's.
    from gongkai.inspection import engine
    from gongkai.inspection.models import Finding, Score
    from gongkai.inspection.notices import rows
    from gongkai.inspection.rules import active_rules

    stale = MessageFactory(addressee=other_unit, received_on=dt.date(2026, 8, 20), state=State.PROCESSING)
    rule = next(r for r in active_rules() if r.code == "messages_unanswered")
    run = engine.run(rules=[rule], today=dt.date(2026, 12, 2), organization_ids={unit.pk, other_unit.pk})
    finding = Finding.objects.get(rule="messages_unanswered")
    assert (finding.organization, finding.subject) == (other_unit, f"message:{stale.pk}")
    result = Score.objects.get(run=run, organization=other_unit)
    assert result.vetoed and not result.qualified
    assert Score.objects.get(run=run, organization=unit).qualified
    assert rows([finding])[0][3] == "单项否决"
