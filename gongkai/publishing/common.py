"""What the publishing services share: the fields an edit may change (and those the audit log records),
the permission check, checking and applying an item's data, saving it as a revision, locking it, and
storing an upload as an attachment. Used by services.py, migration.py and bulk.py.
"""

import datetime as dt

from django.utils.translation import gettext as _

from gongkai.accounts.permissions import has_perm
from gongkai.audit.services import record
from gongkai.core.files import save_file
from gongkai.core.sanitize import sanitize_html
from gongkai.core.services import ActionRefused
from gongkai.core.uploads import accept_upload
from gongkai.publishing.choices import DisclosureMode
from gongkai.publishing.dates import formed_on_problem
from gongkai.publishing.models import Attachment, InformationItem
from gongkai.publishing.tasks import enqueue_extraction

ITEM_FIELDS = ["title", "doc_number", "doc_type", "written_on", "formed_on", "topic", "keywords", "summary",
               "disclosure_mode", "exemption_basis", "validity", "body"]
AUDITED_FIELDS = ["organization", "index_no", "state", "state_reason", "published_at", *ITEM_FIELDS]


def require(actor, perm: str, item_or_org_id) -> None:
    org_id = getattr(item_or_org_id, "organization_id", item_or_org_id)
    if not has_perm(actor, perm, org_id):
        raise ActionRefused(_("您没有权限执行此操作（仅限本单位有相应岗位的人员）。"))


def check_catalog(organization, nodes) -> list:
    nodes = list(nodes or [])
    foreign = [n for n in nodes if n.organization_id != organization.id]
    if foreign:
        raise ActionRefused(_("所选目录栏目不属于本单位。"))
    return nodes


def save_item(item: InformationItem, actor, reason: str) -> None:
    item._history_user = actor
    item._change_reason = reason
    item.save()


def apply_data(item: InformationItem, data: dict) -> None:
    for field in ITEM_FIELDS:
        if field in data:
            setattr(item, field, data[field])
    item.body = sanitize_html(item.body)
    max_title = InformationItem._meta.get_field("title").max_length
    if len(item.title or "") > max_title:  # the form checks it; a service caller must too (PostgreSQL refuses)
        raise ActionRefused(_("名称不能超过 %(n)d 个字。") % {"n": max_title})
    if isinstance(item.formed_on, str):  # a date as text (a form's raw data, a sheet row)
        try:
            item.formed_on = dt.date.fromisoformat(item.formed_on)
        except ValueError:
            raise ActionRefused(_("形成或变更日期“%(value)s”无法识别。") % {"value": item.formed_on[:20]}) from None
    problem = formed_on_problem(item.formed_on)
    if problem:
        raise ActionRefused(problem)
    if item.disclosure_mode == DisclosureMode.NOT_DISCLOSED and not item.exemption_basis:
        raise ActionRefused(_("不予公开的信息必须选择不予公开的法律依据（条例第十四条至第十六条）。"))
    if item.disclosure_mode != DisclosureMode.NOT_DISCLOSED:
        item.exemption_basis = ""


def locked(item: InformationItem) -> InformationItem:
    """The item as it is now in the database, locked for this transaction (callers may hold a stale copy).
    Only the item's row: its unit's, read along, stays free (PostgreSQL would lock every joined row)."""
    return InformationItem.objects.select_for_update(of=("self",)).select_related("organization").get(pk=item.pk)


def store_attachment(actor, item: InformationItem, uploaded, request=None) -> Attachment:
    """Check an upload by content (`check_upload`), store it under a random name, audit it."""
    checked, sha256 = accept_upload(uploaded)
    attachment = Attachment(item=item, original_name=checked.name, content_type=checked.content_type,
                            size=checked.size, sha256=sha256, uploaded_by=actor,
                            sort_order=item.attachments.count())
    save_file(attachment.file, checked.name, uploaded)  # deleted again if the transaction rolls back
    attachment.save()
    record(actor, "item.add_attachment", item, organization=item.organization,
           after={"attachment": checked.name, "size": checked.size, "sha256": attachment.sha256}, request=request)
    enqueue_extraction(attachment.pk)
    return attachment
