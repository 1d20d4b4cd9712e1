"""Announcing something new to the matching subscribers (immediate mails now, the rest held), and the
daily and weekly digests that `gongkai run_periodic` sends."""

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.urls import translate_url
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from gongkai.notifications import services as notifications
from gongkai.notifications.models import Channel
from gongkai.subscriptions.models import (
    Announcement,
    AnnouncementAttachment,
    Delivery,
    Digest,
    Frequency,
    Subscription,
)
from gongkai.subscriptions.services.common import DIGEST_HOUR, SUBJECT_DELIVERY, SUBJECT_DIGEST, public_url


def of_site(subscriptions: Iterable[Subscription], organization_id) -> list[Subscription]:
    """Those made on a site that shows the organization (its root at or above it; several counties may be
    hosted on one platform), and those without a site (made while no site profile existed).
    `organization_id` None: the announcement belongs to no one organization, every subscription."""
    subscriptions = list(subscriptions)
    if organization_id is None:
        return subscriptions
    from gongkai.organizations.models import Organization

    parents = dict(Organization.objects.values_list("id", "parent_id"))
    above, current = set(), int(organization_id)
    while current is not None and current not in above:
        above.add(current)
        current = parents.get(current)
    return [s for s in subscriptions if s.site_id is None or s.site.root_organization_id in above]


def matching(kind: str, key: str, industries, organization_id=None) -> list[Subscription]:
    """The active subscriptions to a topic (`key`, or the whole `kind`), narrowed to the industries given
    and to the sites that show `organization_id` (the organization whose publication it is; None: every site)."""
    keys = {"", key} if key else {""}
    subscriptions = list(Subscription.objects.filter(status=Subscription.Status.ACTIVE, kind=kind, key__in=keys,
                                                     query={}).select_related("subscriber", "site"))
    if industries is not None:
        wanted = set(industries)
        subscriptions = [s for s in subscriptions if not s.industries or wanted & set(s.industries)]
    return of_site(subscriptions, organization_id)


def _rank(subscription: Subscription) -> int:
    return {Frequency.IMMEDIATE: 0, Frequency.DAILY: 1, Frequency.WEEKLY: 2}.get(subscription.frequency, 3)


def deliver(announcement: Announcement, candidates: Iterable[Subscription]) -> int:
    """One delivery per subscriber (the most frequent of their matching subscriptions); immediate ones are
    mailed now, the others wait for their digest. Returns the number of subscribers reached."""
    chosen: dict[int, Subscription] = {}
    for subscription in candidates:
        current = chosen.get(subscription.subscriber_id)
        if current is None or (_rank(subscription), subscription.pk) < (_rank(current), current.pk):
            chosen[subscription.subscriber_id] = subscription
    for subscription in chosen.values():
        immediate = subscription.frequency == Frequency.IMMEDIATE
        delivery, created = Delivery.objects.get_or_create(subscription=subscription, announcement=announcement,
                                                           defaults={"immediate": immediate})
        if created and immediate:
            notifications.notify(
                organization=None, subject_type=SUBJECT_DELIVERY, subject_id=delivery.pk, channels=(Channel.EMAIL,),
                message=notifications.Message(topic=f"subscriptions.{announcement.kind}"[:64],
                                              title=announcement.subject[:200],
                                              body=_mail_text(announcement, subscription.site), sms_text=""),
            )
    announcement.reached = len(chosen)
    announcement.save(update_fields=["reached"])
    return len(chosen)


def _mail_text(announcement: Announcement, site=None) -> str:
    url = public_url(announcement.url, site)
    return f"{announcement.text}\n\n{url}" if url else announcement.text


@transaction.atomic
def announce(kind: str, key, *, subject: str, text: str, html: str = "", url: str = "", industries=None,
             attachments=(), source: str = "", organization=None) -> int:
    """Tell the confirmed subscribers of (kind, key) — and of the whole kind — about something new.

    `key` "" reaches the subscribers of the whole kind only. `organization` (an id) is the organization
    whose publication it is: only subscriptions made on a site showing it are reached (None: every site's).
    `industries` (core.industries letters) limits enterprise subscribers to those whose industries
    intersect (None: all). `attachments` are (filename, content bytes, mimetype). `source` (e.g. "item:12")
    makes a repeated announcement a no-op.
    Immediate subscribers are mailed now, daily/weekly ones get it in their next digest. Returns how many
    subscribers were reached."""
    key = "" if key is None else str(key)
    if source and Announcement.objects.filter(kind=kind, key=key, source=source).exists():
        return 0
    # The page in the site's own language, whatever the language of the staff request that announced it:
    # every subscriber gets the same link, and a withdrawal finds the announcement by it (topics.drop_pending).
    url = translate_url(url, settings.LANGUAGE_CODE) if url else url
    announcement = Announcement.objects.create(
        kind=kind, key=key, subject=subject[:300], text=text, html=html, url=url[:500],
        industries=None if industries is None else sorted(set(industries)), source=source[:80],
    )
    for filename, content, mimetype in attachments:
        AnnouncementAttachment.objects.create(announcement=announcement, filename=filename[:200],
                                              content=bytes(content), mimetype=mimetype)
    return deliver(announcement, matching(kind, key, announcement.industries, organization))


# --- Digests (gongkai run_periodic) --------------------------------------------------------------------

def _digest_due(subscription: Subscription, now: dt.datetime) -> bool:
    local = timezone.localtime(now)
    if local.hour < DIGEST_HOUR:
        return False
    if subscription.frequency == Frequency.WEEKLY and local.weekday() != 0:
        return False
    # The first digest too comes on a later morning than the confirmation (docs/subscriptions.md), never
    # in the afternoon of the day the subscriber confirmed.
    since = subscription.last_digest_at or subscription.confirmed_at
    if since is None:
        return True
    return timezone.localtime(since).date() < local.date()


def send_digests(now: dt.datetime | None = None) -> int:
    """Mail each daily (every morning) and weekly (Monday mornings) subscription its waiting
    announcements in one e-mail. Returns how many digests were sent."""
    from gongkai.subscriptions.topics import drop_pending_no_longer_public

    now = now or timezone.now()
    drop_pending_no_longer_public()  # an item no longer public is in no digest, however it stopped being so
    waiting = (Subscription.objects.filter(status=Subscription.Status.ACTIVE,
                                           frequency__in=[Frequency.DAILY, Frequency.WEEKLY],
                                           deliveries__digest__isnull=True, deliveries__immediate=False)
               .distinct())
    sent = 0
    for subscription in waiting:
        if not _digest_due(subscription, now):
            continue
        with transaction.atomic():
            subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
            deliveries = list(subscription.deliveries.filter(digest__isnull=True, immediate=False)
                              .select_related("announcement"))
            if not deliveries or not _digest_due(subscription, now):
                continue
            digest = Digest.objects.create(subscription=subscription)
            Delivery.objects.filter(pk__in=[d.pk for d in deliveries]).update(digest=digest)
            subscription.last_digest_at = now
            subscription.save(update_fields=["last_digest_at"])
            with override(settings.LANGUAGE_CODE):
                title = (_("%(label)s：每日汇总（%(count)d 条）") if subscription.frequency == Frequency.DAILY
                         else _("%(label)s：每周汇总（%(count)d 条）")) % {"label": subscription.label,
                                                                      "count": len(deliveries)}
                body = "\n\n".join(f"{n}. {d.announcement.subject}\n{_mail_text(d.announcement, subscription.site)}"
                                   for n, d in enumerate(deliveries, 1))
                notifications.notify(organization=None, subject_type=SUBJECT_DIGEST, subject_id=digest.pk,
                                     channels=(Channel.EMAIL,),
                                     message=notifications.Message(topic="subscriptions.digest", title=title[:200],
                                                                   body=body, sms_text=""))
            sent += 1
    return sent
