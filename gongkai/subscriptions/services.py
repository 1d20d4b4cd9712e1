"""Subscriptions by e-mail: request (double opt-in), confirm, unsubscribe, announce, digests.

Other apps call `announce(kind, key, …)` when something new is published for a topic they registered
(`registry.register_topic`). Mail goes through `gongkai.notifications` (delivery log, retries through the
task queue); the address is resolved at each attempt from the encrypted subscriber row, and the personal
links (confirm, unsubscribe, manage) are added at sending time, so neither reaches the log.
"""

import datetime as dt
import logging
from collections.abc import Iterable

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import override

from gongkai.core import crypto
from gongkai.core.industries import Industry
from gongkai.core.sanitize import sanitize_html
from gongkai.core.services import ActionRefused
from gongkai.notifications import services as notifications
from gongkai.notifications.models import Channel
from gongkai.subscriptions import registry
from gongkai.subscriptions.models import (
    Announcement,
    AnnouncementAttachment,
    Delivery,
    Digest,
    Frequency,
    RequestRecord,
    Subscriber,
    Subscription,
)

log = logging.getLogger(__name__)

ENTERPRISE_KIND = "enterprise_policies"
# Per-address limits on subscription requests: confirmation mails to one address, and requests from one
# client address (a keyed digest), in a sliding window.
MAX_REQUESTS_PER_ADDRESS = 5  # per day
MAX_REQUESTS_PER_CLIENT = 20  # per hour
CONFIRM_MAX_AGE = 7 * 24 * 3600  # a confirmation link works for 7 days
DIGEST_HOUR = 8  # 汇总 e-mails leave at 08:00 local time (weekly ones on Mondays)

SUBJECT_CONFIRM = "subscriptions.confirm"
SUBJECT_DELIVERY = "subscriptions.delivery"
SUBJECT_DIGEST = "subscriptions.digest"
SUBJECT_MANAGE = "subscriptions.manage"

_SALT = {
    "confirm": "gongkai.subscriptions.confirm",
    "unsubscribe": "gongkai.subscriptions.unsubscribe",
    "manage": "gongkai.subscriptions.manage",
}


# --- Addresses and links -----------------------------------------------------------------------------

def normalize_email(value: str) -> str:
    return (value or "").strip().lower()


def email_digest(value: str) -> str:
    return crypto.digest("subscriber-email", normalize_email(value))


def mask_email(value: str) -> str:
    return notifications.mask(Channel.EMAIL, normalize_email(value))[:200]


def public_url(path_or_url: str) -> str:
    if not path_or_url or "://" in path_or_url:
        return path_or_url
    return settings.GONGKAI_PUBLIC_URL + path_or_url


def make_token(purpose: str, pk: int) -> str:
    return signing.dumps(pk, salt=_SALT[purpose], compress=False)


def read_token(purpose: str, token: str, max_age=None) -> int:
    """The id in a link's token; ActionRefused when the link is broken or expired."""
    try:
        return int(signing.loads(token or "", salt=_SALT[purpose], max_age=max_age))
    except signing.SignatureExpired as exc:
        raise ActionRefused(_("链接已过期，请重新订阅。")) from exc
    except (signing.BadSignature, TypeError, ValueError) as exc:
        raise ActionRefused(_("链接无效，请检查邮件中的链接是否完整。")) from exc


def confirm_url(subscription) -> str:
    return public_url(reverse("subscriptions:confirm", kwargs={"token": make_token("confirm", subscription.pk)}))


def unsubscribe_url(subscription) -> str:
    return public_url(reverse("subscriptions:unsubscribe",
                              kwargs={"token": make_token("unsubscribe", subscription.pk)}))


def manage_url(subscriber) -> str:
    return public_url(reverse("subscriptions:manage", kwargs={"token": make_token("manage", subscriber.pk)}))


# --- Requesting, confirming, unsubscribing -----------------------------------------------------------

def _topic(kind: str) -> registry.Topic:
    topic = registry.get(kind)
    if topic is None:
        raise ActionRefused(_("不能订阅这一类内容。"))
    return topic


def describe(kind: str, key: str, query: dict | None = None) -> str:
    """The subscription's label, e.g. 「单位：县财政局」, 「检索：营商环境」."""
    topic = _topic(kind)
    if query:
        terms = query.get("q") or ""
        return _("%(kind)s：%(terms)s") % {"kind": topic.label, "terms": terms or _("全部信息")}
    key_label = topic.key_label(key)
    if key and not key_label:
        raise ActionRefused(_("订阅对象不存在，请重新选择。"))
    return f"{topic.label}：{key_label}" if key_label else str(topic.label)


def _rate_limited(subscriber_digest: str, client_digest: str) -> bool:
    """Count this request; True when the address (or the client) has used up its allowance."""
    now = timezone.now()
    if RequestRecord.objects.filter(email_digest=subscriber_digest,
                                    at__gte=now - dt.timedelta(days=1)).count() >= MAX_REQUESTS_PER_ADDRESS:
        return True
    if client_digest and RequestRecord.objects.filter(
            client_digest=client_digest, at__gte=now - dt.timedelta(hours=1)).count() >= MAX_REQUESTS_PER_CLIENT:
        return True
    RequestRecord.objects.create(email_digest=subscriber_digest, client_digest=client_digest)
    return False


def purge_request_records() -> int:
    deleted, _rows = RequestRecord.objects.filter(at__lt=timezone.now() - dt.timedelta(days=2)).delete()
    return deleted


@transaction.atomic
def request_subscription(*, email: str, kind: str, key: str = "", frequency: str = Frequency.IMMEDIATE,
                         query: dict | None = None, enterprise: dict | None = None,
                         client_digest: str = "") -> Subscription:
    """Record a pending subscription and mail the confirmation link (double opt-in).

    `enterprise`: {"name", "credit_code", "industries"} for 涉企政策 subscribers. The answer never tells
    whether the address was already subscribed: an active duplicate gets a mail with the manage link."""
    address = normalize_email(email)
    try:
        validate_email(address)
    except ValidationError as exc:
        raise ActionRefused(_("请填写有效的电子邮箱地址。")) from exc
    if frequency not in Frequency.values:
        raise ActionRefused(_("请选择推送频率。"))
    key = str(key or "")
    query = {k: v for k, v in (query or {}).items() if v} or {}
    label = describe(kind, key, query)
    digest = email_digest(address)
    if _rate_limited(digest, client_digest):
        raise ActionRefused(_("该邮箱或本机的订阅申请过于频繁，请稍后再试。"))
    subscriber, _created = Subscriber.objects.get_or_create(
        email_digest=digest, defaults={"email": address, "email_masked": mask_email(address)})
    enterprise = enterprise or {}
    existing = (Subscription.objects.select_for_update()
                .filter(subscriber=subscriber, kind=kind, key=key, query=query,
                        credit_code=enterprise.get("credit_code", ""))
                .exclude(status=Subscription.Status.UNSUBSCRIBED).first())
    if existing and existing.status == Subscription.Status.ACTIVE:
        # Same answer as a new request; the owner of the address gets the link to change it.
        _send_manage_link(subscriber)
        return existing
    subscription = existing or Subscription(subscriber=subscriber, kind=kind, key=key, query=query)
    subscription.label = label[:300]
    subscription.frequency = frequency
    subscription.enterprise_name = enterprise.get("name", "")[:200]
    subscription.credit_code = enterprise.get("credit_code", "")
    subscription.industries = sorted(set(enterprise.get("industries") or []) & set(Industry.values))
    subscription.save()
    with override(settings.LANGUAGE_CODE):
        notifications.notify(
            organization=None, subject_type=SUBJECT_CONFIRM, subject_id=subscription.pk, channels=(Channel.EMAIL,),
            message=notifications.Message(
                topic="subscriptions.confirm",
                title=_("请确认订阅：%(label)s") % {"label": subscription.label},
                body=_("您（或他人使用您的邮箱）在政府信息公开平台申请订阅“%(label)s”。"
                       "如确是您本人申请，请打开下面的链接确认；如不是，请忽略本邮件，您不会收到任何推送。")
                % {"label": subscription.label},
                sms_text=""),
        )
    return subscription


def _send_manage_link(subscriber: Subscriber) -> None:
    with override(settings.LANGUAGE_CODE):
        notifications.notify(
            organization=None, subject_type=SUBJECT_MANAGE, subject_id=subscriber.pk, channels=(Channel.EMAIL,),
            message=notifications.Message(
                topic="subscriptions.manage", title=_("管理您的订阅"),
                body=_("您在政府信息公开平台的订阅可以通过下面的链接查看、修改推送频率或退订。"
                       "如不是您本人操作，请忽略本邮件。"),
                sms_text=""),
        )


def request_manage_link(email: str, client_digest: str = "") -> None:
    """「找回管理链接」: mail the manage link if the address has subscriptions (the page says the same
    either way)."""
    digest = email_digest(email)
    if _rate_limited(digest, client_digest):
        return
    subscriber = Subscriber.objects.filter(email_digest=digest).first()
    if subscriber is None:
        return
    with transaction.atomic():
        _send_manage_link(subscriber)


@transaction.atomic
def confirm(token: str) -> Subscription:
    pk = read_token("confirm", token, max_age=CONFIRM_MAX_AGE)
    subscription = Subscription.objects.select_for_update().filter(pk=pk).first()
    if subscription is None:
        raise ActionRefused(_("链接无效，请检查邮件中的链接是否完整。"))
    if subscription.status == Subscription.Status.PENDING:
        subscription.status = Subscription.Status.ACTIVE
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["status", "confirmed_at"])
    elif subscription.status == Subscription.Status.UNSUBSCRIBED:
        raise ActionRefused(_("该订阅已退订。如需再次订阅，请重新申请。"))
    return subscription


def subscription_for_unsubscribe(token: str) -> Subscription:
    pk = read_token("unsubscribe", token)
    subscription = Subscription.objects.filter(pk=pk).first()
    if subscription is None:
        raise ActionRefused(_("链接无效，请检查邮件中的链接是否完整。"))
    return subscription


@transaction.atomic
def unsubscribe(token: str) -> Subscription:
    """One-click unsubscribe (the link in every mail, and the List-Unsubscribe-Post of RFC 8058)."""
    subscription = subscription_for_unsubscribe(token)
    subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
    if subscription.status != Subscription.Status.UNSUBSCRIBED:
        subscription.status = Subscription.Status.UNSUBSCRIBED
        subscription.unsubscribed_at = timezone.now()
        subscription.save(update_fields=["status", "unsubscribed_at"])
    return subscription


def subscriber_for_manage(token: str) -> Subscriber:
    subscriber = Subscriber.objects.filter(pk=read_token("manage", token)).first()
    if subscriber is None:
        raise ActionRefused(_("链接无效，请检查邮件中的链接是否完整。"))
    return subscriber


def active_subscriptions(subscriber: Subscriber) -> list[Subscription]:
    return list(subscriber.subscriptions.filter(status=Subscription.Status.ACTIVE))


@transaction.atomic
def change(subscriber: Subscriber, subscription_id: int, *, frequency: str | None = None,
           cancel: bool = False) -> Subscription:
    """From the manage page: change the frequency of one subscription, or cancel it."""
    subscription = (Subscription.objects.select_for_update()
                    .filter(pk=subscription_id, subscriber=subscriber, status=Subscription.Status.ACTIVE).first())
    if subscription is None:
        raise ActionRefused(_("该订阅不存在或已退订。"))
    if cancel:
        subscription.status, subscription.unsubscribed_at = Subscription.Status.UNSUBSCRIBED, timezone.now()
    elif frequency in Frequency.values:
        subscription.frequency = frequency
    else:
        raise ActionRefused(_("请选择推送频率。"))
    subscription.save()
    return subscription


# --- Announcing ----------------------------------------------------------------------------------------

def _matching(kind: str, key: str, industries) -> list[Subscription]:
    keys = {"", key} if key else {""}
    subscriptions = list(Subscription.objects.filter(status=Subscription.Status.ACTIVE, kind=kind, key__in=keys,
                                                     query={}).select_related("subscriber"))
    if industries is not None:
        wanted = set(industries)
        subscriptions = [s for s in subscriptions if not s.industries or wanted & set(s.industries)]
    return subscriptions


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
                                              body=_mail_text(announcement), sms_text=""),
            )
    announcement.reached = len(chosen)
    announcement.save(update_fields=["reached"])
    return len(chosen)


def _mail_text(announcement: Announcement) -> str:
    url = public_url(announcement.url)
    return f"{announcement.text}\n\n{url}" if url else announcement.text


@transaction.atomic
def announce(kind: str, key, *, subject: str, text: str, html: str = "", url: str = "", industries=None,
             attachments=(), source: str = "") -> int:
    """Tell the confirmed subscribers of (kind, key) — and of the whole kind — about something new.

    `key` "" reaches the subscribers of the whole kind only. `industries` (core.industries letters) limits
    enterprise subscribers to those whose industries intersect (None: all). `attachments` are (filename,
    content bytes, mimetype). `source` (e.g. "item:12") makes a repeated announcement a no-op.
    Immediate subscribers are mailed now, daily/weekly ones get it in their next digest. Returns how many
    subscribers were reached."""
    key = "" if key is None else str(key)
    if source and Announcement.objects.filter(kind=kind, key=key, source=source).exists():
        return 0
    announcement = Announcement.objects.create(
        kind=kind, key=key, subject=subject[:300], text=text, html=html, url=url[:500],
        industries=None if industries is None else sorted(set(industries)), source=source[:80],
    )
    for filename, content, mimetype in attachments:
        AnnouncementAttachment.objects.create(announcement=announcement, filename=filename[:200],
                                              content=bytes(content), mimetype=mimetype)
    return deliver(announcement, _matching(kind, key, announcement.industries))


# --- Digests (gongkai run_periodic) --------------------------------------------------------------------

def _digest_due(subscription: Subscription, now: dt.datetime) -> bool:
    local = timezone.localtime(now)
    if local.hour < DIGEST_HOUR:
        return False
    if subscription.frequency == Frequency.WEEKLY and local.weekday() != 0:
        return False
    if subscription.last_digest_at is None:
        return True
    last = timezone.localtime(subscription.last_digest_at)
    return last.date() < local.date()


def send_digests(now: dt.datetime | None = None) -> int:
    """Mail each daily (every morning) and weekly (Monday mornings) subscription its waiting
    announcements in one e-mail. Returns how many digests were sent."""
    now = now or timezone.now()
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
                body = "\n\n".join(f"{n}. {d.announcement.subject}\n{_mail_text(d.announcement)}"
                                   for n, d in enumerate(deliveries, 1))
                notifications.notify(organization=None, subject_type=SUBJECT_DIGEST, subject_id=digest.pk,
                                     channels=(Channel.EMAIL,),
                                     message=notifications.Message(topic="subscriptions.digest", title=title[:200],
                                                                   body=body, sms_text=""))
            sent += 1
    return sent


# --- What notifications asks at sending time ----------------------------------------------------------

def _address(subscriber: Subscriber | None, channel: str) -> str:
    return subscriber.email if subscriber is not None and channel == Channel.EMAIL else ""


def resolve_confirm(subject_id: str, channel: str) -> str:
    subscription = Subscription.objects.select_related("subscriber").filter(pk=subject_id).first()
    return _address(subscription and subscription.subscriber, channel)


def resolve_delivery(subject_id: str, channel: str) -> str:
    delivery = (Delivery.objects.select_related("subscription__subscriber")
                .filter(pk=subject_id, subscription__status=Subscription.Status.ACTIVE).first())
    return _address(delivery and delivery.subscription.subscriber, channel)


def resolve_digest(subject_id: str, channel: str) -> str:
    digest = (Digest.objects.select_related("subscription__subscriber")
              .filter(pk=subject_id, subscription__status=Subscription.Status.ACTIVE).first())
    return _address(digest and digest.subscription.subscriber, channel)


def resolve_manage(subject_id: str, channel: str) -> str:
    return _address(Subscriber.objects.filter(pk=subject_id).first(), channel)


def _unsubscribe_headers(subscription: Subscription) -> dict:
    return {"List-Unsubscribe": f"<{unsubscribe_url(subscription)}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def _extras(subscription: Subscription, announcements: list[Announcement]):
    from gongkai.notifications.addresses import EmailExtras

    with override(settings.LANGUAGE_CODE):
        context = {"subscription": subscription, "unsubscribe_url": unsubscribe_url(subscription),
                   "manage_url": manage_url(subscription.subscriber),
                   "announcements": [(a, public_url(a.url), mark_safe(sanitize_html(a.html)) if a.html else "")
                                     for a in announcements]}
        html = render_to_string("subscriptions/mail/announcement.html", context)
        footer = (_("退订“%(label)s”：%(unsubscribe)s\n管理全部订阅：%(manage)s")
                  % {"label": subscription.label, "unsubscribe": context["unsubscribe_url"],
                     "manage": context["manage_url"]})
    attachments = tuple((a.filename, bytes(a.content), a.mimetype)
                        for announcement in announcements for a in announcement.attachments.all())
    return EmailExtras(html=html, headers=_unsubscribe_headers(subscription), attachments=attachments, footer=footer)


def extras_confirm(subject_id: str):
    from gongkai.notifications.addresses import EmailExtras

    subscription = Subscription.objects.filter(pk=subject_id).first()
    if subscription is None:
        return EmailExtras()
    with override(settings.LANGUAGE_CODE):
        return EmailExtras(footer=_("确认订阅（7日内有效）：%(url)s") % {"url": confirm_url(subscription)})


def extras_delivery(subject_id: str):
    from gongkai.notifications.addresses import EmailExtras

    delivery = Delivery.objects.select_related("subscription__subscriber", "announcement").filter(pk=subject_id).first()
    if delivery is None:
        return EmailExtras()
    return _extras(delivery.subscription, [delivery.announcement])


def extras_digest(subject_id: str):
    from gongkai.notifications.addresses import EmailExtras

    digest = Digest.objects.select_related("subscription__subscriber").filter(pk=subject_id).first()
    if digest is None:
        return EmailExtras()
    announcements = [d.announcement for d in digest.deliveries.select_related("announcement")]
    return _extras(digest.subscription, announcements)


def extras_manage(subject_id: str):
    from gongkai.notifications.addresses import EmailExtras

    subscriber = Subscriber.objects.filter(pk=subject_id).first()
    if subscriber is None:
        return EmailExtras()
    with override(settings.LANGUAGE_CODE):
        return EmailExtras(footer=_("管理订阅：%(url)s") % {"url": manage_url(subscriber)})
