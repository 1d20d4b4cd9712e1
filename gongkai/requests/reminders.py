"""Reminders: every due-soon or overdue clock of a running case becomes an in-app reminder for the people
who must act, e-mailed once. Computed by a task (gongkai.requests.tasks.send_reminders) that the periodic
command `gongkai request_reminders` enqueues; a reminder is created once per person, clock, due date and
level, so running it often is harmless."""

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.models import Membership
from gongkai.accounts.permissions import PERMISSIONS
from gongkai.requests import queries
from gongkai.requests.models import Reminder
from gongkai.workdays.clocks import DeadlineState


def recipients(case) -> list:
    """The handler; without one, every member of the unit who may handle requests."""
    if case.handler_id and case.handler.is_active:
        return [case.handler]
    memberships = Membership.objects.filter(organization_id=case.organization_id,
                                            role__in=PERMISSIONS["request.handle"], user__is_active=True)
    return sorted({m.user for m in memberships.select_related("user")}, key=lambda u: u.pk)


def message_for(row) -> str:
    if row.line.lapse_note:  # the applicant's or a third party's period ran out: the unit's next step
        return _("%(no)s %(clock)s已届满（%(due)s）：%(note)s") % {
            "no": row.case.tracking_number, "clock": row.line.label, "due": row.line.due.isoformat(),
            "note": row.line.lapse_note}
    what = _("已逾期") if row.line.state == DeadlineState.OVERDUE else _("即将到期")
    return _("%(no)s %(clock)s%(what)s（%(due)s）") % {
        "no": row.case.tracking_number, "clock": row.line.label, "what": what, "due": row.line.due.isoformat()}


def create_reminders(today: dt.date) -> list[Reminder]:
    created = []
    for row in queries.due_rows(today=today):
        if not row.line.is_alert or row.line.due is None:
            continue
        for user in recipients(row.case):
            try:
                with transaction.atomic():
                    created.append(Reminder.objects.create(
                        user=user, case=row.case, clock=row.line.key[:24], due=row.line.due, level=row.line.state,
                        message=message_for(row)[:300]))
            except IntegrityError:
                continue  # already reminded of this clock at this level
    return created


def email(reminders: list[Reminder]) -> int:
    sent = 0
    by_user: dict = {}
    for reminder in reminders:
        by_user.setdefault(reminder.user, []).append(reminder)
    for user, items in by_user.items():
        if not user.email:
            continue
        lines = "\n".join(f"- {r.message}" for r in items)
        send_mail(_("【依申请公开】%(n)s 项期限提醒") % {"n": len(items)},
                  _("以下申请的期限即将到期、已逾期或已届满，请登录工作台办理：\n%(lines)s") % {"lines": lines},
                  settings.DEFAULT_FROM_EMAIL, [user.email])
        Reminder.objects.filter(pk__in=[r.pk for r in items]).update(emailed_at=timezone.now())
        sent += 1
    return sent


def enqueue_reminders() -> int:
    """For `gongkai run_periodic`'s JOBS and `gongkai request_reminders`: enqueue today's reminder run."""
    from gongkai.requests.tasks import send_reminders

    today = timezone.localdate().isoformat()
    transaction.on_commit(lambda: send_reminders.enqueue(today))
    return 1
