"""What the assurance services share: permission checks with a Chinese reason, the 政务公开办's county."""


from django.utils.translation import gettext as _

from gongkai.accounts.models import Membership, Role
from gongkai.accounts.permissions import has_perm, organization_ids_with
from gongkai.core.forms import CONTROL_CHARS, has_bidi_controls
from gongkai.core.services import ActionRefused
from gongkai.organizations.models import Organization

MAX_TEXT = 2000
# 排序 of a list kept by hand (checklist, 负面清单, leaders): a product rule, far above any real list, well inside
# a PostgreSQL integer (SQLite would take any number and sort it as given).
MAX_POSITION = 9999


def clean_position(value) -> int:
    try:
        position = int(value or 0)
    except (TypeError, ValueError):
        raise ActionRefused(_("排序须为整数。")) from None
    if not 0 <= position <= MAX_POSITION:
        raise ActionRefused(_("排序须在0到%(max)d之间。") % {"max": MAX_POSITION})
    return position


def require(actor, perm: str, organization_id, message=None) -> None:
    if not has_perm(actor, perm, organization_id):
        raise ActionRefused(message or _("您没有权限执行此操作（仅限有相应岗位的人员）。"))


def managed_county(actor) -> Organization | None:
    """The organization the actor supervises as 政务公开办 (the county government), or None."""
    if getattr(actor, "is_superuser", False):
        return Organization.objects.filter(parent__isnull=True).order_by("sort_order", "id").first()
    membership = (Membership.objects.filter(user=actor, role=Role.SUPERVISOR).select_related("organization")
                  .order_by("organization__sort_order", "organization_id").first())
    return membership.organization if membership else None


def require_county(actor) -> Organization:
    county = managed_county(actor)
    if county is None or not has_perm(actor, "assurance.manage", county.id):
        raise ActionRefused(_("只有政务公开办可以执行此操作。"))
    return county


def supervised_ids(actor) -> set[int]:
    return organization_ids_with(actor, "assurance.manage")


def refuse_control_characters(text, label: str) -> None:
    """NUL (which PostgreSQL cannot store in a text), another control character or a bidi override: refused
    as the forms do (core.forms.PlainTextValidator), never saved."""
    if CONTROL_CHARS.search(str(text)) or has_bidi_controls(str(text)):
        raise ActionRefused(_("“%(field)s”不能包含控制字符，请只填写文字。") % {"field": label})


def clean_text(value, label: str, required: bool = True, limit: int = MAX_TEXT) -> str:
    refuse_control_characters(value or "", label)
    text = (value or "").strip()
    if required and not text:
        raise ActionRefused(_("请填写%(label)s。") % {"label": label})
    if len(text) > limit:
        raise ActionRefused(_("%(label)s不能超过%(n)d字。") % {"label": label, "n": limit})
    return text
