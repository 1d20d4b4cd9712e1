"""Publishing services: one function per verb. Each checks permission and state, changes the item in
one transaction, writes the audit log and a revision, and announces the change after commit.
A refusal raises ActionRefused with a reason in Chinese.
"""

import datetime as dt
import hashlib

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import has_perm
from gongkai.audit.services import record, snapshot
from gongkai.core.files import save_file
from gongkai.core.sanitize import sanitize_html
from gongkai.core.services import ActionRefused
from gongkai.core.uploads import check_upload
from gongkai.publishing import extensions
from gongkai.publishing.authorship import content_authors
from gongkai.publishing.choices import DisclosureMode, State
from gongkai.publishing.dates import formed_on_problem
from gongkai.publishing.events import announce
from gongkai.publishing.models import Attachment, InformationItem, Review
from gongkai.publishing.numbering import allocate_index_no
from gongkai.publishing.tasks import enqueue_extraction
from gongkai.publishing.workflow import CORRECTABLE_STATES, EDITABLE_STATES, target_state

ITEM_FIELDS = ["title", "doc_number", "doc_type", "written_on", "formed_on", "topic", "keywords", "summary",
               "disclosure_mode", "exemption_basis", "validity", "body"]
AUDITED_FIELDS = ["organization", "index_no", "state", "state_reason", "published_at", *ITEM_FIELDS]


def _require(actor, perm: str, item_or_org_id) -> None:
    org_id = getattr(item_or_org_id, "organization_id", item_or_org_id)
    if not has_perm(actor, perm, org_id):
        raise ActionRefused(_("您没有权限执行此操作（仅限本单位有相应岗位的人员）。"))


def _check_catalog(organization, nodes) -> list:
    nodes = list(nodes or [])
    foreign = [n for n in nodes if n.organization_id != organization.id]
    if foreign:
        raise ActionRefused(_("所选目录栏目不属于本单位。"))
    return nodes


def _save(item: InformationItem, actor, reason: str) -> None:
    item._history_user = actor
    item._change_reason = reason
    item.save()


def _apply(item: InformationItem, data: dict) -> None:
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


@transaction.atomic
def create_item(actor, organization, data: dict, catalog_nodes=(), request=None) -> InformationItem:
    _require(actor, "item.create", organization.id)
    nodes = _check_catalog(organization, catalog_nodes)
    item = InformationItem(organization=organization, created_by=actor, state=State.DRAFT)
    _apply(item, data)
    _save(item, actor, _("新建草稿"))
    item.catalog_nodes.set(nodes)
    record(actor, "item.create", item, organization=organization, after=snapshot(item, AUDITED_FIELDS), request=request)
    announce(item.id, "created")
    return item


@transaction.atomic
def update_item(actor, item: InformationItem, data: dict, catalog_nodes=None, request=None) -> InformationItem:
    item = InformationItem.objects.select_for_update().get(pk=item.pk)
    if item.state in EDITABLE_STATES:
        _require(actor, "item.edit", item)
    elif item.state in CORRECTABLE_STATES:
        _require(actor, "item.edit_published", item)
    else:
        raise ActionRefused(_("“%(state)s”状态的信息不能修改：送审中的信息请先由审核员退回。") % {"state": item.get_state_display()})
    before = snapshot(item, AUDITED_FIELDS)
    before_nodes = sorted(item.catalog_nodes.values_list("id", flat=True))
    _apply(item, data)
    _save(item, actor, _("修改"))
    if catalog_nodes is not None:
        item.catalog_nodes.set(_check_catalog(item.organization, catalog_nodes))
    after = snapshot(item, AUDITED_FIELDS)
    before["catalog_nodes"], after["catalog_nodes"] = before_nodes, sorted(item.catalog_nodes.values_list("id", flat=True))
    record(actor, "item.update", item, organization=item.organization, before=before, after=after, request=request)
    announce(item.id, "updated")
    return item


def _store_attachment(actor, item: InformationItem, uploaded, request=None) -> Attachment:
    """Check an upload by content (`check_upload`), store it under a random name, audit it."""
    try:
        checked = check_upload(uploaded)
    except Exception as exc:  # ValidationError carries the Chinese message
        raise ActionRefused(" ".join(getattr(exc, "messages", [str(exc)]))) from exc
    digest = hashlib.sha256()
    for chunk in uploaded.chunks():
        digest.update(chunk)
    uploaded.seek(0)
    attachment = Attachment(item=item, original_name=checked.name, content_type=checked.content_type,
                            size=checked.size, sha256=digest.hexdigest(), uploaded_by=actor,
                            sort_order=item.attachments.count())
    save_file(attachment.file, checked.name, uploaded)  # deleted again if the transaction rolls back
    attachment.save()
    record(actor, "item.add_attachment", item, organization=item.organization,
           after={"attachment": checked.name, "size": checked.size, "sha256": attachment.sha256}, request=request)
    enqueue_extraction(attachment.pk)
    return attachment


@transaction.atomic
def add_attachment(actor, item: InformationItem, uploaded, request=None) -> Attachment:
    if item.state in EDITABLE_STATES:
        _require(actor, "item.edit", item)
    elif item.state in CORRECTABLE_STATES:
        _require(actor, "item.edit_published", item)
    else:
        raise ActionRefused(_("送审中或已删除的信息不能添加附件。"))
    attachment = _store_attachment(actor, item, uploaded, request)
    announce(item.id, "updated")
    return attachment


@transaction.atomic
def replace_attachment(actor, attachment: Attachment, uploaded, request=None) -> Attachment:
    """A new file in an attachment's place (a corrected annex): same position, text extracted again."""
    attachment = Attachment.objects.select_for_update().select_related("item").get(pk=attachment.pk)
    item = attachment.item
    if item.state not in EDITABLE_STATES | CORRECTABLE_STATES:
        raise ActionRefused(_("送审中或已删除的信息不能替换附件。"))
    _require(actor, "item.edit" if item.state in EDITABLE_STATES else "item.edit_published", item)
    try:
        checked = check_upload(uploaded)
    except Exception as exc:
        raise ActionRefused(" ".join(getattr(exc, "messages", [str(exc)]))) from exc
    digest = hashlib.sha256()
    for chunk in uploaded.chunks():
        digest.update(chunk)
    uploaded.seek(0)
    old_file, before = attachment.file.name, {"attachment": attachment.original_name, "sha256": attachment.sha256}
    attachment.file.save(checked.name, uploaded, save=False)
    attachment.original_name, attachment.content_type, attachment.size = checked.name, checked.content_type, checked.size
    attachment.sha256, attachment.uploaded_by, attachment.text = digest.hexdigest(), actor, ""
    attachment.text_status = Attachment.TextStatus.PENDING
    attachment.save()
    storage = attachment.file.storage
    transaction.on_commit(lambda: storage.delete(old_file))
    record(actor, "item.replace_attachment", item, organization=item.organization, before=before,
           after={"attachment": checked.name, "size": checked.size, "sha256": attachment.sha256}, request=request)
    enqueue_extraction(attachment.pk)
    announce(item.id, "updated")
    return attachment


@transaction.atomic
def remove_attachment(actor, attachment: Attachment, request=None) -> None:
    item = attachment.item
    perm = "item.edit" if item.state in EDITABLE_STATES else "item.edit_published"
    if item.state not in EDITABLE_STATES | CORRECTABLE_STATES:
        raise ActionRefused(_("送审中或已删除的信息不能删除附件。"))
    _require(actor, perm, item)
    name = attachment.original_name
    attachment.delete()
    record(actor, "item.remove_attachment", item, organization=item.organization, before={"attachment": name},
           after={}, request=request)
    announce(item.id, "updated")


def _locked(item: InformationItem) -> InformationItem:
    """The item as it is now in the database, locked for this transaction (callers may hold a stale copy)."""
    return InformationItem.objects.select_for_update().select_related("organization").get(pk=item.pk)


def _transition(actor, item: InformationItem, verb: str, perm: str, reason: str = "", request=None, **changes):
    item = _locked(item)
    _require(actor, perm, item)
    target = target_state(verb, item.state)
    if target is None:
        raise ActionRefused(
            _("当前状态“%(state)s”下不能执行此操作。") % {"state": item.get_state_display()}
        )
    before = snapshot(item, AUDITED_FIELDS)
    item.state = target
    item.state_changed_at = timezone.now()
    for field, value in changes.items():
        setattr(item, field, value)
    _save(item, actor, reason or verb)
    record(actor, f"item.{verb}", item, organization=item.organization, before=before,
           after=snapshot(item, AUDITED_FIELDS), note=reason, request=request)
    announce(item.id, {"publish": "published", "withdraw": "withdrawn", "delete": "deleted"}.get(verb, verb))
    return item


@transaction.atomic
def submit(actor, item: InformationItem, request=None) -> InformationItem:
    item = _locked(item)
    if not item.title.strip():
        raise ActionRefused(_("请先填写名称再送审。"))
    if item.disclosure_mode == DisclosureMode.PROACTIVE and not item.catalog_nodes.exists():
        raise ActionRefused(_("主动公开的信息须至少选择一个目录栏目后才能送审。"))
    item = _transition(actor, item, "submit", "item.submit", request=request)
    extensions.run_submitted(actor, item)
    return item


@transaction.atomic
def return_item(actor, item: InformationItem, opinion: str, request=None) -> InformationItem:
    opinion = (opinion or "").strip()
    if not opinion:
        raise ActionRefused(_("退回时请填写审查意见，说明需要修改的内容。"))
    item = _transition(actor, item, "return", "item.review", reason=opinion, request=request)
    Review.objects.create(item=item, reviewer=actor, decision=Review.Decision.RETURNED, opinion=opinion)
    return item


@transaction.atomic
def approve(actor, item: InformationItem, opinion: str, secrecy_checked: bool, request=None,
            data=None) -> InformationItem:
    """审核通过 with the 保密审查 record (条例第十七条): reviewer, date, opinion. `data`: the review form's
    fields for the review-step extensions (publishing/extensions.py), which record what they add to the review."""
    item = _locked(item)
    opinion = (opinion or "").strip()
    if not secrecy_checked:
        raise ActionRefused(_("审核通过前必须完成保密审查（条例第十七条），请确认已审查。"))
    if not opinion:
        raise ActionRefused(_("请填写保密审查意见。"))
    _require(actor, "item.review", item)
    if item.created_by_id == actor.id and not actor.is_superuser:
        raise ActionRefused(_("起草人不能审查自己起草的信息，请由本单位其他审核员审查。"))
    if actor.id in content_authors(item, ITEM_FIELDS) and not actor.is_superuser:
        raise ActionRefused(_("您修改过这次送审的内容，不能再由您审核通过（审核须由未参与修改的人进行），"
                              "请由本单位其他审核员审查，或退回起草人。"))
    problems = extensions.review_problems(item)
    if problems:
        raise ActionRefused(_("不能审核通过，请退回起草人补充：%(problems)s") % {"problems": "；".join(problems)})
    item = _transition(actor, item, "approve", "item.review", reason=opinion, request=request)
    review = Review.objects.create(item=item, reviewer=actor, decision=Review.Decision.APPROVED,
                                   secrecy_checked=True, opinion=opinion)
    extensions.run_approved(actor, item, review, data)
    return item


@transaction.atomic
def publish(actor, item: InformationItem, at: dt.datetime | None = None, request=None) -> InformationItem:
    """Publish now or at `at` (scheduled). Assigns the 索引号."""
    item = _locked(item)
    if target_state("publish", item.state) is None:
        raise ActionRefused(_("当前状态“%(state)s”下不能发布：须先审核通过。") % {"state": item.get_state_display()})
    if item.disclosure_mode != DisclosureMode.PROACTIVE:
        raise ActionRefused(_("只有“主动公开”的信息才能在网站发布；依申请公开和不予公开的信息只登记，不发布。"))
    if not item.reviews.filter(decision=Review.Decision.APPROVED, secrecy_checked=True).exists():
        raise ActionRefused(_("该信息没有保密审查记录，不能发布。"))
    now = timezone.now()
    when = at or now
    if when < now - dt.timedelta(minutes=5):
        raise ActionRefused(_("定时发布的时间不能早于当前时间。"))
    local_year = timezone.localtime(when).year
    try:
        with transaction.atomic():
            index_no = item.index_no or allocate_index_no(item.organization, local_year)
            return _transition(actor, item, "publish", "item.publish", request=request,
                               index_no=index_no, published_at=when)
    except IntegrityError as exc:  # a concurrent publish took the serial (allocation skips stored ones)
        raise ActionRefused(_("索引号分配冲突，请重试。")) from exc


@transaction.atomic
def withdraw(actor, item: InformationItem, reason: str, request=None) -> InformationItem:
    """撤回: the page stays public with a notice and the reason."""
    reason = (reason or "").strip()
    if not reason:
        raise ActionRefused(_("撤回须说明原因，原因将在页面上向公众显示。"))
    return _transition(actor, item, "withdraw", "item.withdraw", reason=reason, request=request, state_reason=reason)


@transaction.atomic
def delete(actor, item: InformationItem, reason: str, request=None) -> InformationItem:
    """删除 (e.g. published in error): gone from the public, kept in history and the audit log."""
    reason = (reason or "").strip()
    if not reason:
        raise ActionRefused(_("删除须说明原因（仅内部可见）。"))
    return _transition(actor, item, "delete", "item.delete", reason=reason, request=request, state_reason=reason)


@transaction.atomic
def record_migrated_item(actor, organization, data: dict, catalog_nodes, published_at: dt.datetime,
                         index_no: str | None = None, source_url: str = "") -> InformationItem:
    """Record an item already published on an old site (migration, demo data): it goes straight to
    已发布 with its original 发布日期 and 索引号 (or a new one), and a review record saying the
    保密审查 happened in the old system. Used by `import_documents` and `load_demo`; never by staff forms.
    """
    from gongkai.publishing.numbering import reserve_index_no

    if actor is not None:
        _require(actor, "item.publish", organization.id)
    nodes = _check_catalog(organization, catalog_nodes)
    item = InformationItem(organization=organization, created_by=actor, source_url=source_url)
    _apply(item, data)
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
    _save(item, actor, _("历史信息迁移"))
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
    item = _locked(item)
    if item.state != State.PUBLISHED:
        raise ActionRefused(_("该信息在本平台已被撤回或删除，不以导入数据覆盖。"))
    nodes = _check_catalog(item.organization, catalog_nodes)
    fields = [*AUDITED_FIELDS, "source_url"]
    before = snapshot(item, fields)
    before_nodes = sorted(item.catalog_nodes.values_list("id", flat=True))
    _apply(item, data)
    item.published_at = published_at
    item.source_url = source_url or item.source_url
    after = snapshot(item, fields)
    after_nodes = sorted(n.id for n in nodes)
    if before == after and before_nodes == after_nodes:
        return item
    _save(item, actor, _("历史信息迁移：重新导入"))
    item.catalog_nodes.set(nodes)
    before["catalog_nodes"], after["catalog_nodes"] = before_nodes, after_nodes
    record(actor, "item.migrate_update", item, organization=item.organization, before=before, after=after)
    announce(item.id, "updated")
    return item


@transaction.atomic
def record_migrated_attachment(actor, item: InformationItem, uploaded) -> Attachment:
    """An attachment of a migrated item, checked like any upload (`check_upload`); for imports only."""
    return _store_attachment(actor, item, uploaded)


@transaction.atomic
def set_validity(actor, item: InformationItem, validity: str, reason: str) -> InformationItem:
    """Keep 有效性 in step with the 规范性文件 register (gongkai.regulations), whose services check their own
    permissions and write their own audit events; this writes the field, a revision with `reason` and the
    change announcement. It works on items in any state (a repealed document's page keeps its status).
    """
    from gongkai.publishing.choices import Validity

    if validity and validity not in Validity.values:
        raise ValueError(f"unknown validity {validity!r}")
    item = _locked(item)
    if item.validity == validity:
        return item
    item.validity = validity
    _save(item, actor, reason)
    announce(item.id, "updated")
    return item


def publication_counts(organization_ids, start: dt.date, end: dt.date) -> dict:
    """Read-only, for the annual report's narrative (gongkai.reports): items of the organizations first
    published (proactive; now published or withdrawn) between `start` and `end` inclusive, in total and
    per catalog node name, largest first: {"total": n, "by_node": [(name, n), ...]}."""
    from django.db.models import Count

    tz = timezone.get_current_timezone()
    since = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    items = InformationItem.objects.public().filter(organization_id__in=list(organization_ids),
                                                    published_at__gte=since, published_at__lt=until)
    by_node = (items.filter(catalog_nodes__isnull=False).values("catalog_nodes__name")
               .annotate(n=Count("id", distinct=True)).order_by("-n", "catalog_nodes__name"))
    return {"total": items.count(), "by_node": [(row["catalog_nodes__name"], row["n"]) for row in by_node]}
