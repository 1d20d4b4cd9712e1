"""Items already published on an old site (migration, demo data): recorded straight as 已发布 with their
original 发布日期 and 索引号, brought in line again when an import runs twice, and their attachments. Used
by `import_documents` and `load_demo`, never by staff forms; `gongkai.publishing.services` exports these
verbs too.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.audit.services import record, snapshot
from gongkai.core.services import ActionRefused
from gongkai.publishing.choices import State
from gongkai.publishing.common import (
    AUDITED_FIELDS,
    apply_data,
    check_catalog,
    locked,
    require,
    save_item,
    store_attachment,
)
from gongkai.publishing.events import announce
from gongkai.publishing.models import Attachment, InformationItem, Review
from gongkai.publishing.numbering import allocate_index_no


@transaction.atomic
def record_migrated_item(actor, organization, data: dict, catalog_nodes, published_at: dt.datetime,
                         index_no: str | None = None, source_url: str = "") -> InformationItem:
    """Record an item already published on an old site (migration, demo data): it goes straight to
    已发布 with its original 发布日期 and 索引号 (or a new one), and a review record saying the
    保密审查 happened in the old system. Used by `import_documents` and `load_demo`; never by staff forms.
    """
    from gongkai.publishing.numbering import reserve_index_no

    if actor is not None:
        require(actor, "item.publish", organization.id)
    nodes = check_catalog(organization, catalog_nodes)
    item = InformationItem(organization=organization, created_by=actor, source_url=source_url)
    apply_data(item, data)
    item.state = State.PUBLISHED
    item.published_at = published_at
    item.state_changed_at = timezone.now()
    if index_no:
        if InformationItem.objects.filter(index_no=index_no).exists():
            raise ActionRefused(_("索引号“%(no)s”已被其他信息使用，索引号不能重复。") % {"no": index_no})
        reserve_index_no(organization, index_no)  # refuses a number that is not the organization's
        item.index_no = index_no
    else:
        item.index_no = allocate_index_no(organization, timezone.localtime(published_at).year)
    save_item(item, actor, _("历史信息迁移"))
    item.catalog_nodes.set(nodes)
    Review.objects.create(item=item, reviewer=None, decision=Review.Decision.APPROVED, secrecy_checked=True,
                          opinion=_("历史信息迁移：保密审查已在原系统完成。"), decided_at=published_at)
    record(actor, "item.migrate", item, organization=organization, after=snapshot(item, AUDITED_FIELDS))
    announce(item.id, "migrated")  # indexed and shown, not sent to subscribers as news (publishing.events)
    return item


@transaction.atomic
def update_migrated_item(actor, item: InformationItem, data: dict, catalog_nodes, published_at: dt.datetime,
                         source_url: str = "") -> InformationItem:
    """Re-import of a migrated item (`import_documents` run again): bring a published item in line with
    the old site's record. Returns the item unchanged (no revision, no audit event) when nothing differs.
    """
    item = locked(item)
    if item.state != State.PUBLISHED:
        raise ActionRefused(_("该信息在本平台已被撤回或删除，不以导入数据覆盖。"))
    nodes = check_catalog(item.organization, catalog_nodes)
    fields = [*AUDITED_FIELDS, "source_url"]
    before = snapshot(item, fields)
    before_nodes = sorted(item.catalog_nodes.values_list("id", flat=True))
    apply_data(item, data)
    item.published_at = published_at
    item.source_url = source_url or item.source_url
    after = snapshot(item, fields)
    after_nodes = sorted(n.id for n in nodes)
    if before == after and before_nodes == after_nodes:
        return item
    save_item(item, actor, _("历史信息迁移：重新导入"))
    item.catalog_nodes.set(nodes)
    before["catalog_nodes"], after["catalog_nodes"] = before_nodes, after_nodes
    record(actor, "item.migrate_update", item, organization=item.organization, before=before, after=after)
    announce(item.id, "updated")
    return item


@transaction.atomic
def record_migrated_attachment(actor, item: InformationItem, uploaded) -> Attachment:
    """An attachment of a migrated item, checked like any upload (`check_upload`); for imports only."""
    return store_attachment(actor, item, uploaded)
