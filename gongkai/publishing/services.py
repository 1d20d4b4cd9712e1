"""Publishing services: one function per verb. Each checks permission and state, changes the item in
one transaction, writes the audit log and a revision, and announces the change after commit.
A refusal raises ActionRefused with a reason in Chinese. What the verbs share is in common.py; the verbs
of migrated items (imports, demo data) are in migration.py and exported here too.
"""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.audit.services import record, snapshot
from gongkai.core.files import save_file
from gongkai.core.secrecy import require_secrecy_review
from gongkai.core.services import ActionRefused
from gongkai.core.uploads import accept_upload
from gongkai.publishing import extensions
from gongkai.publishing.authorship import content_authors
from gongkai.publishing.choices import DisclosureMode, State
from gongkai.publishing.common import (
    AUDITED_FIELDS,
    ITEM_FIELDS,
    apply_data,
    check_catalog,
    locked,
    require,
    save_item,
    store_attachment,
)
from gongkai.publishing.events import announce
from gongkai.publishing.migration import (  # noqa: F401 (exported here: services.record_migrated_item etc.)
    record_migrated_attachment,
    record_migrated_item,
    update_migrated_item,
)
from gongkai.publishing.models import Attachment, InformationItem, Review
from gongkai.publishing.numbering import allocate_index_no
from gongkai.publishing.tasks import enqueue_extraction
from gongkai.publishing.workflow import CORRECTABLE_STATES, EDITABLE_STATES, target_state

# How far ahead a publication may be scheduled: further is a typo (a year 9999 took a 索引号 serial of that year).
MAX_SCHEDULE_AHEAD = dt.timedelta(days=366)


def schedule_refusal(when: dt.datetime, now: dt.datetime | None = None) -> str:
    """Why a publication cannot be scheduled at `when`, or "" (the form and `publish` ask the same)."""
    now = now or timezone.now()
    if when < now - dt.timedelta(minutes=5):
        return _("定时发布的时间不能早于当前时间。")
    if when > now + MAX_SCHEDULE_AHEAD:
        latest = timezone.localtime(now + MAX_SCHEDULE_AHEAD)
        return _("定时发布的时间不能晚于 %(latest)s（一年之内），请核对。") % {"latest": f"{latest:%Y-%m-%d %H:%M}"}
    return ""


@transaction.atomic
def create_item(actor, organization, data: dict, catalog_nodes=(), request=None) -> InformationItem:
    require(actor, "item.create", organization.id)
    nodes = check_catalog(organization, catalog_nodes)
    item = InformationItem(organization=organization, created_by=actor, state=State.DRAFT)
    apply_data(item, data)
    save_item(item, actor, _("新建草稿"))
    item.catalog_nodes.set(nodes)
    record(actor, "item.create", item, organization=organization, after=snapshot(item, AUDITED_FIELDS), request=request)
    announce(item.id, "created")
    return item


@transaction.atomic
def update_item(actor, item: InformationItem, data: dict, catalog_nodes=None, request=None) -> InformationItem:
    item = InformationItem.objects.select_for_update().get(pk=item.pk)
    if item.state in EDITABLE_STATES:
        require(actor, "item.edit", item)
    elif item.state in CORRECTABLE_STATES:
        require(actor, "item.edit_published", item)
    else:
        raise ActionRefused(_("“%(state)s”状态的信息不能修改：送审中的信息请先由审核员退回。") % {"state": item.get_state_display()})
    before = snapshot(item, AUDITED_FIELDS)
    before_nodes = sorted(item.catalog_nodes.values_list("id", flat=True))
    apply_data(item, data)
    extensions.check_item_change(item)
    save_item(item, actor, _("修改"))
    if catalog_nodes is not None:
        item.catalog_nodes.set(check_catalog(item.organization, catalog_nodes))
    if item.state in CORRECTABLE_STATES:
        _check_correction(item, before["disclosure_mode"], bool(before_nodes))
    after = snapshot(item, AUDITED_FIELDS)
    before["catalog_nodes"], after["catalog_nodes"] = before_nodes, sorted(item.catalog_nodes.values_list("id", flat=True))
    record(actor, "item.update", item, organization=item.organization, before=before, after=after, request=request)
    announce(item.id, "updated")
    return item


def _check_correction(item: InformationItem, mode_before: str, had_nodes: bool) -> None:
    """A 更正 of a published or withdrawn item keeps what 送审 required of it: a name, 主动公开 and a catalog node.
    Changing its 公开方式 would take the page off the site without a 撤回 or 删除 and its reason. What the item
    lacked already is not asked for (a migrated item without catalog node, `document-import.md`; one switched to
    依申请公开 before this rule): a typo there stays correctable. Made 主动公开 again, it needs a catalog node."""
    if not item.title.strip():
        raise ActionRefused(_("已发布的信息须有名称。"), field="title")
    proactive = item.disclosure_mode == DisclosureMode.PROACTIVE
    if mode_before == DisclosureMode.PROACTIVE and not proactive:
        raise ActionRefused(_("已发布的信息不能改为“依申请公开”或“不予公开”；如不应再公开，请撤回或删除，并说明原因。"),
                            field="disclosure_mode")
    if item.catalog_nodes.exists():
        return
    if had_nodes:
        raise ActionRefused(_("已发布的信息须至少保留一个目录栏目。"), field="catalog_nodes")
    if proactive and mode_before != DisclosureMode.PROACTIVE:
        raise ActionRefused(_("改为主动公开的信息须至少选择一个目录栏目。"), field="catalog_nodes")


@transaction.atomic
def add_attachment(actor, item: InformationItem, uploaded, request=None) -> Attachment:
    item = locked(item)  # the state now, not the caller's copy (a submit or approval may have come in between)
    if item.state in EDITABLE_STATES:
        require(actor, "item.edit", item)
    elif item.state in CORRECTABLE_STATES:
        require(actor, "item.edit_published", item)
    else:
        raise ActionRefused(_("送审中或已删除的信息不能添加附件。"))
    attachment = store_attachment(actor, item, uploaded, request)
    announce(item.id, "updated")
    return attachment


@transaction.atomic
def replace_attachment(actor, attachment: Attachment, uploaded, request=None) -> Attachment:
    """A new file in an attachment's place (a corrected annex): same position, text extracted again."""
    item = locked(attachment.item)  # the state now, not the caller's copy
    attachment = Attachment.objects.select_for_update().filter(pk=attachment.pk, item=item).first()
    if attachment is None:
        raise ActionRefused(_("该附件已被删除。"))
    if item.state not in EDITABLE_STATES | CORRECTABLE_STATES:
        raise ActionRefused(_("送审中或已删除的信息不能替换附件。"))
    require(actor, "item.edit" if item.state in EDITABLE_STATES else "item.edit_published", item)
    checked, sha256 = accept_upload(uploaded)
    old_file, before = attachment.file.name, {"attachment": attachment.original_name, "sha256": attachment.sha256}
    save_file(attachment.file, checked.name, uploaded)  # deleted again if the transaction rolls back
    attachment.original_name, attachment.content_type, attachment.size = checked.name, checked.content_type, checked.size
    attachment.sha256, attachment.uploaded_by, attachment.text = sha256, actor, ""
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
    item = locked(attachment.item)  # the state now, not the caller's copy
    attachment = Attachment.objects.filter(pk=attachment.pk, item=item).first()
    if attachment is None:
        raise ActionRefused(_("该附件已被删除。"))
    perm = "item.edit" if item.state in EDITABLE_STATES else "item.edit_published"
    if item.state not in EDITABLE_STATES | CORRECTABLE_STATES:
        raise ActionRefused(_("送审中或已删除的信息不能删除附件。"))
    require(actor, perm, item)
    name = attachment.original_name
    attachment.delete()
    record(actor, "item.remove_attachment", item, organization=item.organization, before={"attachment": name},
           after={}, request=request)
    announce(item.id, "updated")


def _transition(actor, item: InformationItem, verb: str, perm: str, reason: str = "", request=None, **changes):
    item = locked(item)
    require(actor, perm, item)
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
    save_item(item, actor, reason or verb)
    record(actor, f"item.{verb}", item, organization=item.organization, before=before,
           after=snapshot(item, AUDITED_FIELDS), note=reason, request=request)
    announce(item.id, {"publish": "published", "withdraw": "withdrawn", "delete": "deleted"}.get(verb, verb))
    return item


@transaction.atomic
def submit(actor, item: InformationItem, request=None) -> InformationItem:
    item = locked(item)
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
    item = locked(item)
    opinion = require_secrecy_review(secrecy_checked, opinion)  # 条例第十七条
    require(actor, "item.review", item)
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
    item = locked(item)
    if target_state("publish", item.state) is None:
        raise ActionRefused(_("当前状态“%(state)s”下不能发布：须先审核通过。") % {"state": item.get_state_display()})
    if item.disclosure_mode != DisclosureMode.PROACTIVE:
        raise ActionRefused(_("只有“主动公开”的信息才能在网站发布；依申请公开和不予公开的信息只登记，不发布。"))
    if not item.reviews.filter(decision=Review.Decision.APPROVED, secrecy_checked=True).exists():
        raise ActionRefused(_("该信息没有保密审查记录，不能发布。"))
    now = timezone.now()
    when = at or now
    if refusal := schedule_refusal(when, now):
        raise ActionRefused(refusal)
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
    if locked(item).is_scheduled:  # a withdrawn page is public: withdrawing it would publish it before its time
        raise ActionRefused(_("该信息定时发布，尚未到发布时间，没有公开过，不能撤回；如不再发布，请删除。"))
    return _transition(actor, item, "withdraw", "item.withdraw", reason=reason, request=request, state_reason=reason)


@transaction.atomic
def delete(actor, item: InformationItem, reason: str, request=None) -> InformationItem:
    """删除 (e.g. published in error): gone from the public, kept in history and the audit log."""
    reason = (reason or "").strip()
    if not reason:
        raise ActionRefused(_("删除须说明原因（仅内部可见）。"))
    return _transition(actor, item, "delete", "item.delete", reason=reason, request=request, state_reason=reason)


@transaction.atomic
def set_validity(actor, item: InformationItem, validity: str, reason: str) -> InformationItem:
    """Keep 有效性 in step with the 规范性文件 register (gongkai.regulations), whose services check their own
    permissions and write their own audit events; this writes the field, a revision with `reason` and the
    change announcement. It works on items in any state (a repealed document's page keeps its status).
    """
    from gongkai.publishing.choices import Validity

    if validity and validity not in Validity.values:
        raise ValueError(f"unknown validity {validity!r}")
    item = locked(item)
    if item.validity == validity:
        return item
    item.validity = validity
    save_item(item, actor, reason)
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
