"""Delivery channels of 同步推送. No platform's API is reachable from a county's network, so an item
goes to an account's people or systems, never to the platform itself:

- `EmailChannel`: to the operator unit's mailbox (gongkai.notifications: log, retries);
- `WebhookChannel`: a signed JSON document POSTed to the county's 新媒体管理系统 (only to an address
  `destinations` allows, following no redirect).

A channel is `available(account)` when the account has what it needs, and `send(delivery)` raises on
failure (the caller retries). Add a channel by subclassing `Channel` and listing it in CHANNELS.
"""

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
from abc import ABC, abstractmethod

from gongkai.newmedia import destinations
from gongkai.newmedia.models import Account, Delivery

WEBHOOK_TIMEOUT_SECONDS = 10
SIGNATURE_HEADER = "X-Gongkai-Signature"
TIMESTAMP_HEADER = "X-Gongkai-Timestamp"


class Channel(ABC):
    """What every channel answers; the subclasses below are the implementations."""

    code: str = ""

    @abstractmethod
    def available(self, account: Account) -> bool:
        """Whether the account has what this channel needs (an address, a URL and secret)."""

    @abstractmethod
    def send(self, delivery: Delivery, document: dict) -> None:
        """Deliver the document; raise on failure (the caller retries)."""


class EmailChannel(Channel):
    code = Delivery.Channel.EMAIL

    def available(self, account):
        return bool(account.operator_email)

    def send(self, delivery, document):
        from django.utils.translation import gettext as _

        from gongkai.notifications import services as notifications
        from gongkai.notifications.models import Channel as NoticeChannel

        body = _("请将以下信息同步发布到“%(account)s”：\n\n%(title)s\n%(summary)s\n\n原文链接：%(url)s") % {
            "account": delivery.account, "title": document["title"], "summary": document["summary"],
            "url": document["url"]}
        if document.get("cover_image"):
            body += "\n" + _("封面图片：%(url)s") % {"url": document["cover_image"]}
        [notice] = notifications.notify(
            organization=delivery.account.operator, subject_type="newmedia.delivery", subject_id=delivery.pk,
            channels=(NoticeChannel.EMAIL,),
            message=notifications.Message(topic="newmedia.push", title=_("同步推送：%(title)s") % document,
                                          body=body, sms_text=""))
        delivery.notice_id = notice.pk


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """HMAC-SHA256 over "<timestamp>.<body>", hex: the receiver recomputes it with its copy of the secret
    and refuses old timestamps (replays)."""
    return hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()


class WebhookChannel(Channel):
    code = Delivery.Channel.WEBHOOK

    def available(self, account):
        return bool(account.webhook_url and account.webhook_secret
                    and account.webhook_url.lower().startswith(("https://", "http://")))

    def send(self, delivery, document):
        body = json.dumps(document, ensure_ascii=False, sort_keys=True).encode("utf-8")
        timestamp = str(int(time.time()))
        request = urllib.request.Request(  # noqa: S310 (the URL is an https/http URL the county entered)
            delivery.account.webhook_url, data=body, method="POST",
            headers={"Content-Type": "application/json; charset=utf-8",
                     "User-Agent": "Gongkai-newmedia/1",
                     TIMESTAMP_HEADER: timestamp,
                     SIGNATURE_HEADER: "sha256=" + signature(delivery.account.webhook_secret, timestamp, body),
                     "X-Gongkai-Delivery": str(delivery.pk)})
        reason = destinations.refusal(delivery.account.webhook_url)
        if reason:
            raise destinations.DestinationRefused(reason)
        with destinations.opener().open(request, timeout=WEBHOOK_TIMEOUT_SECONDS) as response:
            if not 200 <= response.status < 300:
                raise urllib.error.HTTPError(request.full_url, response.status, "", response.headers, None)


CHANNELS: dict[str, Channel] = {c.code: c for c in (EmailChannel(), WebhookChannel())}
