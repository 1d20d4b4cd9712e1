"""The register of 政务新媒体 accounts and 同步推送 (one function per verb, audited)."""

import datetime as dt
import secrets
import socket
import ssl
import urllib.error
from pathlib import PurePath
from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from gongkai.accounts.permissions import has_perm
from gongkai.audit.services import record, snapshot
from gongkai.core.files import save_file
from gongkai.core.forms import is_plain_text
from gongkai.core.i18n import in_document_language
from gongkai.core.services import ActionRefused
from gongkai.core.uploads import check_upload
from gongkai.newmedia.channels import CHANNELS
from gongkai.newmedia.destinations import DestinationRefused, refusal
from gongkai.newmedia.models import QR_EXTENSIONS, Account, Delivery

RETRY_MINUTES = (1, 5, 30, 120)  # as notifications: pauses before attempts 2–5
MAX_ATTEMPTS = len(RETRY_MINUTES) + 1
# Field names (snapshot matches `field.name`: "host", not "host_id"); qr_image records the stored file's name,
# so replacing the QR code shows old → new in the audit.
AUDITED = ["platform", "name", "host", "operator", "status", "description", "operator_email", "webhook_url",
           "sort_order", "qr_image"]
MAX_QR_BYTES = 2 * 1024 * 1024


def _audited(account: Account) -> dict:
    """The audit snapshot, the webhook URL without what may be a credential (user:password@, ?token=…)."""
    values = snapshot(account, AUDITED)
    if values.get("webhook_url"):
        parts = urlsplit(values["webhook_url"])
        host = parts.hostname or ""
        netloc = ("***@" if "@" in parts.netloc else "") + (f"[{host}]" if ":" in host else host) + (
            f":{parts.port}" if parts.port else "")
        values["webhook_url"] = urlunsplit((parts.scheme, netloc, parts.path, "***" if parts.query else "", ""))
    return values


def _require(actor, perm: str, organization_id) -> None:
    if not has_perm(actor, perm, organization_id):
        raise ActionRefused(_("您没有管理该单位政务新媒体的权限。"))


def _store_qr(account: Account, upload) -> None:
    qr_refused = _("二维码请上传不超过2 MB的PNG、JPG或GIF图片。")
    if PurePath(upload.name or "").suffix.lower() not in QR_EXTENSIONS:  # not 「不支持的附件类型…ZIP」
        raise ActionRefused(qr_refused)
    try:
        checked = check_upload(upload)
    except ValidationError as exc:  # a fake image (SVG or HTML named .png) gets the QR code's own message
        if exc.code in ("content", "extension"):
            raise ActionRefused(qr_refused) from exc
        raise ActionRefused(" ".join(exc.messages)) from exc
    if checked.extension not in QR_EXTENSIONS or checked.size > MAX_QR_BYTES:
        raise ActionRefused(qr_refused)
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
        before = _audited(account)
    else:
        account, before = Account(), None
    for field in ("platform", "name", "host", "operator", "status", "description", "operator_email", "webhook_url",
                  "sort_order"):
        if field in data:
            setattr(account, field, data[field])
    if not all(is_plain_text(getattr(account, field)) for field in ("name", "description", "webhook_url")):
        raise ActionRefused(_("账号名称、简介和推送接口地址不能包含控制字符，请只填写文字。"))
    if account.webhook_url and (reason := refusal(account.webhook_url)):
        raise ActionRefused(reason)
    if Account.objects.filter(platform=account.platform, name=account.name).exclude(pk=account.pk).exists():
        raise ActionRefused(_("同一平台已登记了同名账号。"))
    secret = ""
    if new_secret or (account.webhook_url and not account.webhook_secret):
        secret = secrets.token_urlsafe(32)
        account.webhook_secret = secret
    old_qr = account.qr_image.name if qr_upload is not None else ""
    if qr_upload is not None:
        _store_qr(account, qr_upload)  # core.files.save_file: deleted again if this transaction rolls back
    try:
        with transaction.atomic():  # a concurrent save of the same platform and name meets the constraint
            account.save()
    except IntegrityError:
        raise ActionRefused(_("同一平台已登记了同名账号。")) from None
    if old_qr and old_qr != account.qr_image.name:  # the replaced QR code goes once the change commits
        storage = account.qr_image.storage
        transaction.on_commit(lambda: storage.delete(old_qr))
    record(actor, "newmedia.update_account" if before else "newmedia.create_account", account,
           organization=account.host, before=before,
           after=_audited(account) | ({"webhook_secret": "已更换"} if secret else {}), request=request)
    return account, secret


def active_accounts():
    return Account.objects.filter(status=Account.Status.ACTIVE).select_related("host", "operator")


def push_accounts(item):
    """The accounts an item may be pushed to: those its own unit or a government above it hosts, or its own unit runs (a
    department's item goes to its own account and to 「沂源发布」; never to another department's or town's)."""
    units = [item.organization_id, *(unit.id for unit in item.organization.ancestors())]
    # Run (运维) by a government above is no reason: the county running a department's own account (集约化) does
    # not make it every department's account. Hosted by the unit or above, or run by the unit itself.
    return active_accounts().filter(Q(host_id__in=units) | Q(operator_id=item.organization_id))


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
def push(actor, item, accounts, again: bool = False, request=None) -> list[Delivery]:
    """同步推送: send a published item to the chosen accounts, on every channel each one has. An account the
    item was already pushed to (a delivery not failed) is refused unless `again` (重新推送, confirmed)."""
    from gongkai.newmedia.tasks import deliver_push

    _require(actor, "newmedia.push", item.organization_id)
    if not item.is_public:
        raise ActionRefused(_("只有已发布的信息才能同步推送到政务新媒体。"))
    accounts = [a for a in accounts if a.status == Account.Status.ACTIVE]
    if not accounts:
        raise ActionRefused(_("请至少选择一个正常运营的政务新媒体账号。"))
    allowed = set(push_accounts(item).values_list("pk", flat=True))
    if foreign := [a for a in accounts if a.pk not in allowed]:
        raise ActionRefused(_("“%(accounts)s”不是本单位或上级政府主办、运营的政务新媒体账号，不能推送本单位的信息。") % {
            "accounts": "、".join(str(a) for a in foreign)})
    # One push at a time per item: a second submit waits here, then sees the first one's deliveries.
    type(item).objects.select_for_update().filter(pk=item.pk).exists()
    pushed = Account.objects.filter(pk__in=Delivery.objects.filter(item=item, account__in=accounts).exclude(
        status=Delivery.Status.FAILED).values("account_id")).order_by("sort_order", "name")
    if pushed and not again:
        raise ActionRefused(_("该信息已推送到“%(accounts)s”（待发送或已送达）；确需再次推送，请勾选“重新推送”。") % {
            "accounts": "、".join(a.name for a in pushed)})
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
           after={"accounts": [a.pk for a in accounts], "names": [str(a) for a in accounts]} | (
               {"again": True} if again else {}), request=request)
    return deliveries


def _failure(exc: Exception) -> tuple[str, dict, bool]:
    """A failed send: its Chinese category (message id and parameters) and whether it is final (else retried).
    Never the exception's own text: it names internal hosts, ports and errno values (a port scanner's answer)."""
    reason = exc.reason if isinstance(exc, urllib.error.URLError) and not isinstance(exc, urllib.error.HTTPError) \
        else exc
    if isinstance(reason, DestinationRefused):
        return str(reason), {}, True  # said in the site's language (deliver), so its own message id
    if isinstance(exc, urllib.error.HTTPError):
        if 300 <= exc.code < 400:  # the signature is not sent on to another address
            return gettext_noop("推送接口要求跳转（HTTP 状态码 %(code)d），未跟随跳转，请核对推送接口地址。"), {"code": exc.code}, True
        return gettext_noop("推送接口返回错误（HTTP 状态码 %(code)d）。"), {"code": exc.code}, False
    if isinstance(reason, (TimeoutError, socket.timeout)) or "timed out" in str(reason):
        return gettext_noop("推送接口超时未响应。"), {}, False
    if isinstance(reason, (ssl.SSLError, ssl.CertificateError)):
        return gettext_noop("与推送接口建立 HTTPS 加密连接失败（证书无效或不受信任）。"), {}, False
    if isinstance(reason, OSError):
        return gettext_noop("无法连接推送接口。"), {}, False
    return gettext_noop("推送失败（系统内部错误）。"), {}, False


def _note_error(delivery: Delivery, msgid: str, params: dict) -> None:
    """Keep the error as its message (shown in the reader's language) and as said in the site's language."""
    delivery.last_error_message = {"msgid": msgid} | ({"params": params} if params else {})
    delivery.last_error = (_(msgid) % params if params else _(msgid))[:300]


@in_document_language
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
                raise ActionRefused(gettext_noop("信息已撤回，未推送。"))
            if not channel.available(delivery.account):
                raise ActionRefused(gettext_noop("账号的推送设置已被删除。"))
            channel.send(delivery, document_for(item))
        except ActionRefused as exc:
            delivery.status, delivery.next_attempt_at = Delivery.Status.FAILED, None
            _note_error(delivery, exc.reason, {})
        except Exception as exc:  # any failure of a channel is retried, unless retrying cannot help
            msgid, params, final = _failure(exc)
            _note_error(delivery, msgid, params)
            if final or delivery.attempts >= MAX_ATTEMPTS:
                delivery.status, delivery.next_attempt_at = Delivery.Status.FAILED, None
            else:
                delivery.status = Delivery.Status.RETRYING
                delivery.next_attempt_at = timezone.now() + dt.timedelta(minutes=RETRY_MINUTES[delivery.attempts - 1])
        else:
            # E-mail is handed over to notifications (its own log and retries); a webhook answered 2xx.
            delivery.status, delivery.sent_at, delivery.next_attempt_at = Delivery.Status.SENT, timezone.now(), None
            delivery.last_error, delivery.last_error_message = "", {}
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
