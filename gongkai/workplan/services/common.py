"""What every work plan service shares: the permission check and the longest text a task keeps."""

from django.utils.translation import gettext as _

from gongkai.accounts.permissions import has_perm
from gongkai.core.services import ActionRefused

MAX_TEXT = 5000


def require(actor, perm: str, organization_id: int, message: str | None = None) -> None:
    if not has_perm(actor, perm, organization_id):
        raise ActionRefused(message or _("您没有权限执行此操作（仅限政务公开办）。"))
