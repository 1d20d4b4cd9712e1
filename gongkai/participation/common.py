"""What every participation service shares: the permission check and refreshing the public pages."""

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import has_perm
from gongkai.core import pagecache
from gongkai.core.services import ActionRefused

PUBLIC_PREFIXES = ("/gzcy/", "/en/gzcy/")
PUBLIC_PATHS = ("/", "/en/", "/sitemap.xml", "/sitemap-participation.xml")


def require(actor, perm: str, organization_id: int) -> None:
    if not has_perm(actor, perm, organization_id):
        raise ActionRefused(_("您没有权限执行此操作（仅限本单位有相应岗位的人员）。"))


def refresh_public_pages() -> None:
    """The stored copies of the 「公众参与」 pages, the home page (its panel) and the sitemap are removed
    after the commit; the next visitor gets them fresh (core.pagecache)."""
    transaction.on_commit(lambda: pagecache.purge(PUBLIC_PATHS, PUBLIC_PREFIXES))


def clean_text(value, limit: int) -> str:
    return (value or "").strip()[:limit]


def catalog_owner_ids(organization) -> set[int]:
    """The organizations whose decision catalog a unit's consultation or hearing may belong to: its own
    and those above it (a county's catalog lists matters its departments carry out as 承办单位)."""
    return {organization.pk, *(o.pk for o in organization.ancestors())}
