"""The register of 政务新媒体 accounts and 同步推送 (one function per verb, audited)."""

import datetime as dt
import secrets
import urllib.error

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import has_perm
from gongkai.audit.services import record, snapshot
from gongkai.core.files import save_file
from gongkai.core.services import ActionRefused
from gongkai.core.uploads import check_upload
from gongkai.newmedia.channels import CHANNELS
from gongkai.newmedia.models import QR_EXTENSIONS, Account, Delivery

RETRY_MINUTES = (1, 5, 30, 120)  # as notifications: pauses before attempts 2–5
MAX_ATTEMPTS = len(RETRY_MINUTES) + 1
# Field names (snapshot matches `field.name`: "host", not "host_id"); qr_image records the stored file's name,
# so replacing the QR code shows old → new in the audit.
AUDITED = ["platform", "name", "host", "operator", "status", "description", "operator_email", "webhook_url",
           "sort_order", "qr_image"]
MAX_QR_BYTES = 2 * 1024 * 1024


def _require(actor, perm: str, organization_id) -> None:
    if not has_perm(actor, perm, organization_id):
        raise ActionRefused(_("您没有管理该单位政务新媒体的权限。"))


def _store_qr(account: Account, upload) -> None:
    try:
        checked = check_upload(upload)
    except ValidationError as exc:
        raise ActionRefused(" ".join(exc.messages)) from exc
    if checked.extension not in QR_EXTENSIONS or checked.size > MAX_QR_BYTES:
        raise ActionRefused(_("二维码请上传不超过2 MB的PNG、JPG或GIF图片。"))
    # Stored under the checked extension (its content matched it): views.qr_image serves the type from it.
    save_file(account.qr_image, "qr" + QR_EXTENSIONS[checked.extension], upload)


@transaction.atomic
def save_account(actor, data: dict, account: Account | None = None, qr_upload=None, new_secret: bool = False,
                 request=None) -> tuple[Account, str]:
    """Create or change an account. Returns it and the new webhook secret ("" unless one was made: it is
    shown once, to be entered into the receiving system)."""
    host = data["host"]
    _require(actor, "newmedia.manage", host.pk)
    if account is not None:
        account = Account.objects.select_for_update().get(pk=account.pk)
        _require(actor, "newmedia.manage", account.host_id)
        before = snapshot(account, AUDITED)
    else:
        account, before = Account(), None
    for field in ("platform", "name", "host", "operator", "status", "description", "operator_email", "webhook_url",
                  "sort_order"):
        if field in data:
            setattr(account, field, data[field])
    if account.webhook_url and not account.webhook_url.lower().startswith(("https://", "http://")):
        raise ActionRefused(_("推送接口地址须以 https:// 或 http:// 开头。"))
    if Account.objects.filter(platform=account.platform, name=account.name).exclude(pk=account.pk).exists():
        raise ActionRefused(_("同一平台已登记了同名账号。"))
    secret = ""
    if new_secret or (account.webhook_url and not account.webhook_secret):
        secret = secrets.token_urlsafe(32)
        account.webhook_secret = secret
    if qr_upload is not None:
        _store_qr(account, qr_upload)
    account.save()
    record(actor, "newmedia.update_account" if before else "newmedia.create_account", account,
           organization=account.host, before=before,
           after=snapshot(account, AUDITED) | ({"webhook_secret": "已更换"} if secret else {}), request=request)
    return account, secret


def active_accounts():
    return Account.objects.filter(status=Account.Status.ACTIVE).select_related("host", "operator")


def public_accounts():
    return Account.objects.exclude(status=Account.Status.CLOSED).select_related("host", "operator")


def document_for(item) -> dict:
    """The JSON document of a 同步推送: title, summary, cover image, URL (absolute)."""
    from gongkai.subscriptions.services import public_url

    image = next((a for a in item.attachments.all() if a.content_type.startswith("image/")), None)
    summary = item.summary or " ".join(strip_tags(item.body or "").split())[:200]
    return {
        "title": item.title,
        "summary": summary,
        "cover_image": public_url(reverse("portal:attachment", kwargs={"attachment_id": image.pk})) if image else None,
        "url": public_url(reverse("portal:item", kwargs={"item_id": item.pk})),
        "organization": item.organization.name,
        "published_at": item.published_at.isoformat() if item.published_at else None,
        "index_no": item.index_no or "",
    }


@transaction.atomic
def push(actor, item, accounts, request=None) -> list[Delivery]:
    """同步推送: send a published item to the chosen accounts, on every channel each one has."""
    from gongkai.newmedia.tasks import deliver_push

    _require(actor, "newmedia.push", item.organization_id)
    if not item.is_public:
        raise ActionRefused(_("只有已发布的信息才能同步推送到政务新媒体。"))
    accounts = [a for a in accounts if a.status == Account.Status.ACTIVE]
    if not accounts:
        raise ActionRefused(_("请至少选择一个正常运营的政务新媒体账号。"))
    deliveries = []
    for account in accounts:
        channels = [code for code, channel in CHANNELS.items() if channel.available(account)]
        if not channels:
            raise ActionRefused(_("“%(account)s”没有设置接收邮箱或推送接口，无法推送。") % {"account": account})
        for code in channels:
            delivery = Delivery.objects.create(item=item, account=account, channel=code,
                                               created_by=actor if actor.is_authenticated else None)
            transaction.on_commit(lambda pk=delivery.pk: deliver_push.enqueue(pk))
            deliveries.append(delivery)
    record(actor, "newmedia.push", item, organization=item.organization,
           after={"accounts": [a.pk for a in accounts], "names": [str(a) for a in accounts]}, request=request)
    return deliveries


def _error_text(exc: Exception) -> str:
    if isinstance(exc, urllib.error.HTTPError):
        return f"HTTP {exc.code}"
    text = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return text[:300]


def deliver(delivery_id: int) -> str:
    """Send one delivery now; on failure schedule the next attempt (or give up). Returns the status."""
    from gongkai.publishing.models import InformationItem

    with transaction.atomic():
        delivery = Delivery.objects.select_for_update().select_related("account__operator").get(pk=delivery_id)
        if delivery.status in (Delivery.Status.SENT, Delivery.Status.FAILED):
            return delivery.status
        item = InformationItem.objects.select_related("organization").get(pk=delivery.item_id)
        delivery.attempts += 1
        channel = CHANNELS[delivery.channel]
        try:
            if not item.is_public:
                raise ActionRefused(_("信息已撤回，未推送。"))
            if not channel.available(delivery.account):
                raise ActionRefused(_("账号的推送设置已被删除。"))
            channel.send(delivery, document_for(item))
        except ActionRefused as exc:
            delivery.status, delivery.last_error, delivery.next_attempt_at = Delivery.Status.FAILED, exc.reason, None
        except Exception as exc:  # any failure of a channel is retried
            delivery.last_error = _error_text(exc)
            if delivery.attempts >= MAX_ATTEMPTS:
                delivery.status, delivery.next_attempt_at = Delivery.Status.FAILED, None
            else:
                delivery.status = Delivery.Status.RETRYING
                delivery.next_attempt_at = timezone.now() + dt.timedelta(minutes=RETRY_MINUTES[delivery.attempts - 1])
        else:
            # E-mail is handed over to notifications (its own log and retries); a webhook answered 2xx.
            delivery.status, delivery.sent_at, delivery.next_attempt_at = Delivery.Status.SENT, timezone.now(), None
            delivery.last_error = ""
        delivery.save()
        if delivery.status == Delivery.Status.RETRYING:
            _schedule(delivery)
    return delivery.status


def _schedule(delivery: Delivery) -> None:
    from django_tasks import default_task_backend

    from gongkai.newmedia.tasks import deliver_push

    if default_task_backend.supports_defer:
        when = delivery.next_attempt_at
        transaction.on_commit(lambda: deliver_push.using(run_after=when).enqueue(delivery.pk))


def enqueue_due_retries(now: dt.datetime | None = None) -> int:
    """For `gongkai run_periodic`: retry the pushes whose next attempt is due."""
    from gongkai.newmedia.tasks import deliver_push

    due = list(Delivery.objects.filter(status=Delivery.Status.RETRYING, next_attempt_at__lte=now or timezone.now())
               .values_list("pk", flat=True))
    for pk in due:
        deliver_push.enqueue(pk)
    return len(due)


def deliveries_for(item) -> list[Delivery]:
    return list(Delivery.objects.filter(item=item).select_related("account", "created_by"))


def operator_email(subject_id: str, channel: str) -> str:
    """notifications' address resolver for the e-mail channel."""
    delivery = Delivery.objects.select_related("account").filter(pk=subject_id).first()
    return delivery.account.operator_email if delivery and channel == "email" else ""
