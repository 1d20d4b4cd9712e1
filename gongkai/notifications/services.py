"""One way to send anything to anyone: `notify` logs a notice per channel and delivers it through the
task queue; `deliver` sends one, retrying a failure with a growing pause until MAX_ATTEMPTS.

Senders (e.g. requests, for the applicant) call `notify` with a subject (type and id, for the log
and the address resolver) and a `Message`; they never touch channels or gateways.
"""

import datetime as dt
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from gongkai.notifications import addresses, sms
from gongkai.notifications.models import Channel, Notice

# The pause before attempt 2, 3, 4, 5 (minutes); after the last the notice is marked failed.
RETRY_MINUTES = (1, 5, 30, 120)
MAX_ATTEMPTS = len(RETRY_MINUTES) + 1


@dataclass(frozen=True)
class Message:
    topic: str  # a code, e.g. "requests.accepted"
    title: str  # e-mail subject
    body: str  # e-mail text
    sms_text: str  # short text for SMS (≤ 70 characters is one message)


def mask(channel: str, address: str) -> str:
    if channel == Channel.SMS:
        return sms.mask_phone(address)
    name, _at, domain = address.partition("@")
    return f"{name[:1]}***@{domain}" if domain else "***"


def notify(*, organization, subject_type: str, subject_id, message: Message,
           channels=(Channel.EMAIL, Channel.SMS)) -> list[Notice]:
    """Log one notice per channel that has an address, and deliver each after the transaction commits."""
    from gongkai.notifications.tasks import deliver_notice

    notices = []
    for channel in channels:
        address = addresses.resolve(subject_type, str(subject_id), channel)
        if not address:
            continue
        notice = Notice.objects.create(
            organization=organization, subject_type=subject_type, subject_id=str(subject_id), topic=message.topic,
            channel=channel, recipient_masked=mask(channel, address)[:200], title=message.title[:200],
            body=message.sms_text if channel == Channel.SMS else message.body,
        )
        transaction.on_commit(lambda pk=notice.pk: deliver_notice.enqueue(pk))
        notices.append(notice)
    return notices


def _send(notice: Notice, address: str) -> None:
    if notice.channel == Channel.EMAIL:
        extras = addresses.email_extras(notice.subject_type, notice.subject_id)
        body = f"{notice.body}\n\n{extras.footer}" if extras.footer else notice.body
        mail = EmailMultiAlternatives(notice.title, body, settings.DEFAULT_FROM_EMAIL, [address],
                                      headers=dict(extras.headers))
        if extras.html:
            mail.attach_alternative(extras.html, "text/html")
        for filename, content, mimetype in extras.attachments:
            mail.attach(filename, content, mimetype)
        mail.send()
    else:
        sms.gateway().send(address, notice.body)


def _address_forms(address: str) -> set[str]:
    """The ways a gateway's or mail server's error may write the address: as given, its domain in IDNA
    (punycode, as SMTP sends it), a phone number's bare digits. Matched regardless of case."""
    forms = {address}
    local, at, domain = address.rpartition("@")
    if at:
        try:
            forms.add(f"{local}@{domain.encode('idna').decode('ascii')}")
        except UnicodeError:
            pass
    else:
        digits = "".join(ch for ch in address if ch.isdigit())
        if len(digits) >= 7:
            forms.add(digits)
    return {form for form in forms if form}


def _error_text(exc: Exception, address: str) -> str:
    text = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    for form in sorted(_address_forms(address), key=len, reverse=True):
        text = re.sub(re.escape(form), "***", text, flags=re.IGNORECASE)
    return text[:300]


def deliver(notice_id: int) -> str:
    """Send one notice now; on failure schedule the next attempt (or give up). Returns the status."""
    with transaction.atomic():
        notice = Notice.objects.select_for_update().get(pk=notice_id)
        if notice.status in (Notice.Status.SENT, Notice.Status.FAILED):
            return notice.status
        address = addresses.resolve(notice.subject_type, notice.subject_id, notice.channel)
        notice.attempts += 1
        if not address:
            notice.status, notice.last_error, notice.next_attempt_at = Notice.Status.FAILED, "no address", None
        else:
            try:
                _send(notice, address)
            except Exception as exc:  # any failure of a channel is retried; the error is kept, masked
                notice.last_error = _error_text(exc, address)
                if notice.attempts >= MAX_ATTEMPTS:
                    notice.status, notice.next_attempt_at = Notice.Status.FAILED, None
                else:
                    notice.status = Notice.Status.RETRYING
                    notice.next_attempt_at = timezone.now() + dt.timedelta(minutes=RETRY_MINUTES[notice.attempts - 1])
            else:
                notice.status, notice.sent_at, notice.next_attempt_at = Notice.Status.SENT, timezone.now(), None
                notice.last_error = ""
        notice.save()
        if notice.status == Notice.Status.RETRYING:
            _schedule(notice)
    return notice.status


def _schedule(notice: Notice) -> None:
    """Enqueue the retry for its time where the queue can wait; otherwise `enqueue_due_retries` (run by
    `gongkai run_periodic`) picks it up when it is due."""
    from django_tasks import default_task_backend

    from gongkai.notifications.tasks import deliver_notice

    if default_task_backend.supports_defer:
        when = notice.next_attempt_at
        transaction.on_commit(lambda: deliver_notice.using(run_after=when).enqueue(notice.pk))


def enqueue_due_retries(now: dt.datetime | None = None) -> int:
    """For `gongkai run_periodic`: deliver the notices whose retry is due. Returns how many."""
    from gongkai.notifications.tasks import deliver_notice

    due = list(Notice.objects.filter(status=Notice.Status.RETRYING, next_attempt_at__lte=now or timezone.now())
               .values_list("pk", flat=True))
    for pk in due:
        deliver_notice.enqueue(pk)
    return len(due)


def notices_for(subject_type: str, subject_id) -> list[Notice]:
    return list(Notice.objects.filter(subject_type=subject_type, subject_id=str(subject_id)))
