"""Requesting a subscription (double opt-in, rate limited), the manage link, confirming, unsubscribing and
the manage page's changes."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from gongkai.core.forms import CONTROL_CHARS
from gongkai.core.industries import Industry
from gongkai.core.services import ActionRefused
from gongkai.notifications import services as notifications
from gongkai.notifications.models import Channel
from gongkai.organizations.tree import descendant_ids
from gongkai.subscriptions import registry
from gongkai.subscriptions.models import Frequency, RequestRecord, Subscriber, Subscription
from gongkai.subscriptions.services.common import (
    CONFIRM_MAX_AGE,
    MAX_REQUESTS_PER_ADDRESS,
    MAX_REQUESTS_PER_CLIENT,
    SUBJECT_CONFIRM,
    SUBJECT_MANAGE,
    email_digest,
    mailbox_digest,
    mask_email,
    normalize_email,
    read_token,
)
from gongkai.subscriptions.topics import invalid_search_filters


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


def query_refusal(query: dict) -> str:
    """Why a saved search's terms cannot be taken (a control character: a line break would break the mail
    header it is shown in, NUL cannot be stored), or ""."""
    if any(CONTROL_CHARS.search(str(value)) or "\r" in str(value) or "\n" in str(value)
           for value in (query or {}).values()):
        return _("检索条件不能包含换行或控制字符，请回到站内搜索重新输入检索词后再订阅。")
    return ""


def invalid_query_reason(labels: list[str]) -> str:
    """Why a saved search with these invalid filters (topics.invalid_search_filters) cannot be followed."""
    return _("检索条件中的%(fields)s无效，无法订阅。请回到站内搜索重新选择筛选条件后再订阅。") % {
        "fields": _("、").join(str(label) for label in labels)}  # ", " in English


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
                         client_digest: str = "", site=None) -> Subscription:
    """Record a pending subscription and mail the confirmation link (double opt-in).

    `site`: the portal.SiteProfile of the request (None without site profiles); the subscription reaches
    only what that site shows, and the same topic followed on two sites is two subscriptions.
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
    if refusal := query_refusal(query):
        raise ActionRefused(refusal)
    # Checked against the site's own units and columns (as the subscribe view does): another site's are not
    # followed from here, whoever calls the service.
    scope = descendant_ids([site.root_organization_id]) if site is not None else None
    if query and (invalid := invalid_search_filters(query, scope)):
        raise ActionRefused(invalid_query_reason(invalid))
    label = describe(kind, key, query)
    digest = email_digest(address)
    if _rate_limited(mailbox_digest(address), client_digest):
        raise ActionRefused(_("该邮箱或本机的订阅申请过于频繁，请稍后再试。"))
    subscriber, _created = Subscriber.objects.get_or_create(
        email_digest=digest, defaults={"email": address, "email_masked": mask_email(address)})
    enterprise = enterprise or {}
    existing = (Subscription.objects.select_for_update()
                .filter(subscriber=subscriber, site=site, kind=kind, key=key, query=query,
                        credit_code=enterprise.get("credit_code", ""))
                .exclude(status=Subscription.Status.UNSUBSCRIBED).first())
    if existing and existing.status == Subscription.Status.ACTIVE:
        # Same answer as a new request; the owner of the address gets the link to change it.
        _send_manage_link(subscriber)
        return existing
    if existing is None:
        # A pending request is only sent again: whoever asks again (not necessarily the owner of the address)
        # does not change its frequency or enterprise details before the owner confirms.
        subscription = Subscription(subscriber=subscriber, site=site, kind=kind, key=key, query=query)
        subscription.label = label[:300]
        subscription.frequency = frequency
        subscription.enterprise_name = enterprise.get("name", "")[:200]
        subscription.credit_code = enterprise.get("credit_code", "")
        subscription.industries = sorted(set(enterprise.get("industries") or []) & set(Industry.values))
        subscription.save()
    else:
        subscription = existing
    # The address is not confirmed yet: nothing a visitor typed (search terms) goes into this mail, which
    # leaves from the government's address to whatever address was given; the terms are shown on the
    # confirm page and in the mails after confirmation.
    with override(settings.LANGUAGE_CODE):
        mail_label = _("站内检索订阅") if subscription.query else subscription.label
        notifications.notify(
            organization=None, subject_type=SUBJECT_CONFIRM, subject_id=subscription.pk, channels=(Channel.EMAIL,),
            message=notifications.Message(
                topic="subscriptions.confirm",
                title=_("请确认订阅：%(label)s") % {"label": mail_label},
                body=_("您（或他人使用您的邮箱）在政府信息公开平台申请订阅“%(label)s”。"
                       "如确是您本人申请，请打开下面的链接确认；如不是，请忽略本邮件，您不会收到任何推送。")
                % {"label": mail_label},
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
    if _rate_limited(mailbox_digest(email), client_digest):
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


def subscription_for_confirm(token: str) -> Subscription:
    """The subscription a confirmation link is for (shown on the confirm page before the owner confirms)."""
    subscription = Subscription.objects.filter(
        pk=read_token("confirm", token, max_age=CONFIRM_MAX_AGE)).select_related("subscriber").first()
    if subscription is None:
        raise ActionRefused(_("链接无效，请检查邮件中的链接是否完整。"))
    return subscription


def subscription_for_unsubscribe(token: str) -> Subscription:
    pk = read_token("unsubscribe", token)
    subscription = Subscription.objects.select_related("site").filter(pk=pk).first()
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
    return list(subscriber.subscriptions.filter(status=Subscription.Status.ACTIVE).select_related("site"))


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
