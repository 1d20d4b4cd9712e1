"""The rows of an uploaded 「批量导入」 sheet wait server-side (models.PendingImport) under an unguessable token
that only the uploader's session holds, until they are imported, replaced by a new upload or expired."""

import datetime as dt
import hashlib
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.interchange.models import PendingImport

# How long a preview waits for its 「确认导入」: as long as an idle staff session lasts by default
# (GONGKAI_SESSION_MINUTES); a sheet left longer is uploaded again.
PENDING_MINUTES = 120


class PendingRefused(Exception):
    """The token names no preview this user may import; the message says why, in Chinese."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _cutoff():
    return timezone.now() - dt.timedelta(minutes=PENDING_MINUTES)


@transaction.atomic
def keep(user, organization, rows: list[dict]) -> str:
    """Store `rows` for `user` and `organization`; return the token for the session. The user's earlier
    preview (one per user) and everyone's expired ones are deleted."""
    PendingImport.objects.filter(user=user).delete()
    sweep()
    token = secrets.token_urlsafe(32)
    PendingImport.objects.create(token_digest=_digest(token), user=user, organization=organization, rows=rows)
    return token


def take(user, token: str) -> PendingImport:
    """The preview `token` names, if `user` uploaded it and it has not expired; else PendingRefused."""
    pending = PendingImport.objects.select_related("organization").filter(token_digest=_digest(token or "")).first()
    if pending is None:
        raise PendingRefused(_("这份预览已不存在（已导入、已过期或已被新上传的表格替换），请重新上传表格。"))
    if pending.user_id != user.pk:
        raise PendingRefused(_("这份预览不是您上传的，不能查看或导入；请上传您自己的表格。"))
    if pending.created_at < _cutoff():
        pending.delete()
        raise PendingRefused(_("这份预览已超过 %(n)d 分钟未导入，已失效，请重新上传表格。") % {"n": PENDING_MINUTES})
    return pending


def discard(token: str) -> None:
    PendingImport.objects.filter(token_digest=_digest(token or "")).delete()


def claim(token: str) -> bool:
    """Delete the preview `token` names, inside the import's transaction; False when it is gone already (a
    second 确认导入, or a new upload in between): a rolled-back import leaves it in place."""
    deleted, _counts = PendingImport.objects.filter(token_digest=_digest(token or "")).delete()
    return deleted > 0


def sweep() -> int:
    """Delete the previews older than PENDING_MINUTES (gongkai run_periodic, and each upload)."""
    deleted, _counts = PendingImport.objects.filter(created_at__lt=_cutoff()).delete()
    return deleted
