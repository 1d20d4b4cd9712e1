"""What gongkai.notifications asks at sending time: the address of each subscriptions mail (from the
encrypted subscriber row) and its extras (HTML, List-Unsubscribe headers, attachments, personal links)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import override

from gongkai.core.sanitize import sanitize_html
from gongkai.notifications.models import Channel
from gongkai.subscriptions.models import Announcement, Delivery, Digest, Subscriber, Subscription
from gongkai.subscriptions.services.common import (
    CONFIRM_DAYS,
    confirm_url,
    manage_url,
    public_url,
    unsubscribe_url,
)


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
        site = subscription.site  # links on the host of the site it was made on (another county's pages
        # answer 404 on the default site)
        context = {"subscription": subscription, "unsubscribe_url": unsubscribe_url(subscription),
                   "manage_url": manage_url(subscription.subscriber, site),
                   "announcements": [(a, public_url(a.url, site), mark_safe(sanitize_html(a.html)) if a.html else "")
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

    subscription = Subscription.objects.select_related("site").filter(pk=subject_id).first()
    if subscription is None:
        return EmailExtras()
    with override(settings.LANGUAGE_CODE):
        return EmailExtras(footer=_("确认订阅（%(days)s日内有效）：%(url)s") % {
            "days": CONFIRM_DAYS, "url": confirm_url(subscription)})


def extras_delivery(subject_id: str):
    from gongkai.notifications.addresses import EmailExtras

    delivery = (Delivery.objects.select_related("subscription__subscriber", "subscription__site", "announcement")
                .filter(pk=subject_id).first())
    if delivery is None:
        return EmailExtras()
    return _extras(delivery.subscription, [delivery.announcement])


def extras_digest(subject_id: str):
    from gongkai.notifications.addresses import EmailExtras

    digest = Digest.objects.select_related("subscription__subscriber", "subscription__site").filter(pk=subject_id).first()
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
