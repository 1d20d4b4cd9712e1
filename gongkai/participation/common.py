"""What every participation service shares: the permission check and refreshing the public pages."""

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import has_perm
from gongkai.core import pagecache
from gongkai.core.services import ActionRefused
from gongkai.organizations.models import Organization
from gongkai.publishing.models import InformationItem

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


def decision_issuer_ids(organization) -> set[int]:
    """The organizations whose published item may be a unit's final decision: its own, and (as with
    catalog_owner_ids) the governments above it, with their direct …政府办公室 — a department drafts and consults,
    the county government decides, and its decisions are issued by it or by its office (源政发, 源政办发)."""
    owners = catalog_owner_ids(organization)
    offices = Organization.objects.filter(parent_id__in=owners, parent__kind=Organization.Kind.PEOPLE_GOVERNMENT,
                                          name__endswith="政府办公室").values_list("id", flat=True)
    return owners | set(offices)


def decision_item(organization, index_no: str):
    """The live item with this 索引号 that may be `organization`'s final decision (decision_issuer_ids);
    ActionRefused with the reason otherwise (another unit's item would be shown as this decision's)."""
    index_no = (index_no or "").strip()
    item = InformationItem.objects.live().filter(index_no=index_no).select_related("organization").first() \
        if index_no else None
    if item is None:
        raise ActionRefused(_("没有找到索引号为“%(no)s”的已公开政府信息。") % {"no": index_no})
    if item.organization_id not in decision_issuer_ids(organization):
        raise ActionRefused(_("索引号为“%(no)s”的信息由%(issuer)s发布，不是本单位或上级人民政府（含其办公室）的文件，"
                              "不能作为最终决策文件。") % {"no": index_no, "issuer": item.organization.name})
    return item
