"""Reminders: every due-soon or overdue clock of a running case becomes an in-app reminder for the people
who must act, e-mailed once. Computed by a task (gongkai.requests.tasks.send_reminders) that the periodic
command `gongkai request_reminders` enqueues; a reminder is created once per person, clock, due date and
level, so running it often is harmless; the e-mails go through gongkai.notifications (delivery log and
retries), and a reminder not yet e-mailed is e-mailed on the next run."""

import datetime as dt
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.models import Membership
from gongkai.accounts.permissions import PERMISSIONS, holders
from gongkai.core.masking import mask_numbers
from gongkai.requests import queries
from gongkai.requests.models import Reminder
from gongkai.workdays.clocks import DeadlineState

logger = logging.getLogger(__name__)
STAFF_SUBJECT = "requests.staff"
# A reminder not e-mailed (a failure) is tried again on later runs for this long, then left to the in-app list.
EMAIL_RETRY_DAYS = 7


def recipients(case) -> list:
    """The handler; without one (or once they no longer hold a handling post in the unit), every member of the unit who may handle requests. A deactivated unit's
    cases go to those who may hand them on (the 政务公开办: request.assign, HAND_ON_PERMISSIONS)."""
    if not case.organization.is_active:
        return holders("request.assign", case.organization)
    memberships = Membership.objects.filter(organization_id=case.organization_id, organization__is_active=True,
                                            role__in=PERMISSIONS["request.handle"], user__is_active=True)
    # The handler, while they still may handle the unit's requests (not after moving to another unit).
    if case.handler_id and case.handler.is_active and memberships.filter(user_id=case.handler_id).exists():
        return [case.handler]
    return sorted({m.user for m in memberships.select_related("user")}, key=lambda u: u.pk)


def message_for(row) -> str:
    if row.line.lapse_note:  # the applicant's or a third party's period ran out: the unit's next step
        text = _("%(no)s %(clock)s已届满（%(due)s）：%(note)s") % {
            "no": row.case.tracking_number, "clock": row.line.label, "due": row.line.due.isoformat(),
            "note": row.line.lapse_note}
    else:
        what = _("已逾期") if row.line.state == DeadlineState.OVERDUE else _("即将到期")
        text = _("%(no)s %(clock)s%(what)s（%(due)s）") % {
            "no": row.case.tracking_number, "clock": row.line.label, "what": what, "due": row.line.due.isoformat()}
    if not row.case.organization.is_active:
        text += _("；%(unit)s已停用，请移交承接其职责的单位办理") % {"unit": row.case.organization.name}
    return text


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


def staff_address(subject_id: str, channel: str) -> str:
    """notifications' resolver for STAFF_SUBJECT ("<user id>"): that staff member's e-mail."""
    from gongkai.accounts.models import User

    if channel != "email" or not subject_id.isdigit():
        return ""
    user = User.objects.filter(pk=subject_id, is_active=True).only("email").first()
    return (user.email if user else "") or ""


def email() -> int:
    """E-mail every reminder not e-mailed yet (this run's and any an earlier run could not send), one e-mail
    per person, through gongkai.notifications (delivery log and retries). A failure for one person is logged
    and the others are still e-mailed; that person's reminders are tried again on later runs (EMAIL_RETRY_DAYS);
    one read in the app meanwhile is not e-mailed."""
    from gongkai.notifications import services as notifications
    from gongkai.notifications.models import Channel

    by_user: dict = {}
    since = timezone.now() - dt.timedelta(days=EMAIL_RETRY_DAYS)
    pending = (Reminder.objects.filter(emailed_at__isnull=True, read_at__isnull=True, user__is_active=True,
                                       created_at__gte=since)
               .exclude(user__email="").select_related("user", "case__organization").order_by("user_id", "id"))
    for reminder in pending:
        by_user.setdefault(reminder.user, []).append(reminder)
    sent = 0
    for user, listed in by_user.items():
        try:
            with transaction.atomic():
                items = _claim(listed)
                if items:
                    _email_one(notifications, Channel, user, items)
        except Exception:  # one person's failure must not stop the others; tried again next run
            logger.exception("request reminder e-mail to user %s failed", user.pk)
            continue
        sent += bool(items)
    return sent


def _claim(listed: list) -> list:
    """The listed reminders this run sends: marked e-mailed first, inside the sending transaction, so a run
    overlapping this one (the periodic job and the command, two workers) finds them taken and sends nothing;
    a failed e-mail rolls the mark back."""
    claimed_at = timezone.now()
    Reminder.objects.filter(pk__in=[r.pk for r in listed], emailed_at__isnull=True).update(emailed_at=claimed_at)
    mine = set(Reminder.objects.filter(pk__in=[r.pk for r in listed], emailed_at=claimed_at).values_list("pk", flat=True))
    return [r for r in listed if r.pk in mine]


def _email_one(notifications, channel, user, items) -> None:
    organizations = {r.case.organization for r in items}
    title = _("【依申请公开】%(n)s 项期限提醒") % {"n": len(items)}
    body = _("以下申请的期限即将到期、已逾期或已届满，请登录工作台办理：\n%(lines)s") % {
        "lines": "\n".join(f"- {mask_numbers(r.message)}" for r in items)}  # a party's name as typed
    notifications.notify(organization=organizations.pop() if len(organizations) == 1 else None,
                         subject_type=STAFF_SUBJECT, subject_id=user.pk, channels=(channel.EMAIL,),
                         message=notifications.Message("requests.reminder", title, body, title))


def enqueue_reminders() -> int:
    """For `gongkai run_periodic`'s JOBS and `gongkai request_reminders`: enqueue today's reminder run."""
    from gongkai.requests.tasks import send_reminders

    today = timezone.localdate().isoformat()
    transaction.on_commit(lambda: send_reminders.enqueue(today))
    return 1
