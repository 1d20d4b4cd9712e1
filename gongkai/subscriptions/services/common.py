"""Subscriptions' shared pieces: the limits and subject names, address digests and masks, and the signed
personal links (confirm, unsubscribe, manage) that are added to mails at sending time."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.translation import gettext as _

from gongkai.core import crypto
from gongkai.core.services import ActionRefused
from gongkai.notifications import services as notifications
from gongkai.notifications.models import Channel

ENTERPRISE_KIND = "enterprise_policies"
# Per-address limits on subscription requests: confirmation mails to one address, and requests from one
# client address (a keyed digest), in a sliding window.
MAX_REQUESTS_PER_ADDRESS = 5  # per day
MAX_REQUESTS_PER_CLIENT = 20  # per hour
CONFIRM_DAYS = 7  # a confirmation link works for this many days (the page and the mail say so)
CONFIRM_MAX_AGE = CONFIRM_DAYS * 24 * 3600
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


def mailbox(value: str) -> str:
    """The mailbox an address delivers to, for the per-address limit: a sub-address (a+1@x, RFC 5233, which
    the common providers deliver to a@x) is the same mailbox."""
    address = normalize_email(value)
    local, at, domain = address.rpartition("@")
    if not at:
        return address
    return f"{local.split('+', 1)[0] or local}@{domain}"


def mailbox_digest(value: str) -> str:
    return email_digest(mailbox(value))


def mask_email(value: str) -> str:
    return notifications.mask(Channel.EMAIL, normalize_email(value))[:200]


def public_url(path_or_url: str, site=None) -> str:
    """An absolute address: on the host of `site` (a portal.SiteProfile with a host name: another county
    hosted on the same platform, whose pages the default site answers 404), else GONGKAI_PUBLIC_URL."""
    if not path_or_url or "://" in path_or_url:
        return path_or_url
    if site is not None and site.host:
        return f"{urlsplit(settings.GONGKAI_PUBLIC_URL).scheme or 'https'}://{site.host}{path_or_url}"
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
    return public_url(reverse("subscriptions:confirm", kwargs={"token": make_token("confirm", subscription.pk)}),
                      subscription.site)


def unsubscribe_url(subscription) -> str:
    return public_url(reverse("subscriptions:unsubscribe",
                              kwargs={"token": make_token("unsubscribe", subscription.pk)}), subscription.site)


def manage_url(subscriber, site=None) -> str:
    return public_url(reverse("subscriptions:manage", kwargs={"token": make_token("manage", subscriber.pk)}), site)
