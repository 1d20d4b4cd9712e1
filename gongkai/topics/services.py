"""专题 services: the 政务公开办 defines 专题 and their sub-columns (topics.manage on its organization) and
reviews 稿件 (采用 / 退回 with a comment); a unit submits its items (topics.submit on the item's unit) to
the 专题 open to it, or drafts a new item for one; the county's 通报 goes to 「政务公开在行动」. Every
change is audited and purges the public pages it shows on."""

import html

import filetype
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import has_perm
from gongkai.audit.services import record, snapshot
from gongkai.core.files import save_file
from gongkai.core.forms import is_plain_text
from gongkai.core.sanitize import sanitize_html
from gongkai.core.services import ActionRefused
from gongkai.core.uploads import accept_upload
from gongkai.topics import pages, presets
from gongkai.topics.models import Column, Kind, Submission, SubmissionState, Topic

TOPIC_FIELDS = ["title", "slug", "intro", "banner_alt", "is_public", "open_to_all", "sort_order"]
SUBMISSION_FIELDS = ["state", "comment", "note"]
MAX_BANNER_BYTES = 2 * 1024 * 1024  # as newmedia's QR codes: a banner is a web image, not a poster
BANNER_TYPES = {"image/png": ".png", "image/jpeg": ".jpg"}  # by content, the extension it is stored under


class TopicRefused(ActionRefused):
    pass


def _manage(actor, organization_id) -> None:
    if not has_perm(actor, "topics.manage", organization_id):
        raise TopicRefused(_("只有政务公开办可以管理专题和审核稿件。"))


def is_open_to(topic: Topic, organization) -> bool:
    if topic.open_to_all:
        from gongkai.organizations.tree import descendant_ids

        return organization.pk in descendant_ids([topic.organization_id])
    return topic.units.filter(pk=organization.pk).exists()


# --- 专题 -----------------------------------------------------------------------------------------


def _plain(*texts) -> None:
    if not all(is_plain_text(text) for text in texts):
        raise TopicRefused(_("填写的内容不能包含控制字符，请只填写文字。"))


def _clean(values: dict) -> dict:
    values = dict(values)
    values["title"] = (values.get("title") or "").strip()
    if not values["title"]:
        raise TopicRefused(_("请填写专题名称。"))
    _plain(values["title"], values.get("slug"), values.get("intro"))
    values["intro"] = sanitize_html(values.get("intro") or "")
    return values


def _audited(topic: Topic) -> dict:
    """A 专题's audit snapshot: its fields, the units that may submit to it and its sub-columns (names)."""
    return snapshot(topic, TOPIC_FIELDS) | {
        "units": sorted(topic.units.values_list("name", flat=True)),
        "columns": list(topic.columns.order_by("sort_order", "id").values_list("name", flat=True))}


def _save_topic(topic: Topic) -> None:
    try:
        with transaction.atomic():  # a concurrent 专题 with the same 网址简称 meets the unique constraint
            topic.save()
    except IntegrityError:
        raise TopicRefused(_("网址简称“%(slug)s”已被使用。") % {"slug": topic.slug}) from None


@transaction.atomic
def create_topic(actor, organization, values: dict, columns=(), units=(), request=None) -> Topic:
    """A 专题 with its sub-columns: `columns` is [(name, [Organization, …])] (the units a column names)."""
    _manage(actor, organization.pk)
    values = _clean(values)
    if Topic.objects.filter(slug=values.get("slug")).exists():
        raise TopicRefused(_("网址简称“%(slug)s”已被使用。") % {"slug": values.get("slug")})
    topic = Topic(organization=organization, **{k: values[k] for k in TOPIC_FIELDS if k in values})
    _save_topic(topic)
    topic.units.set(units)
    for order, (name, column_units) in enumerate(columns, start=1):
        add_column(actor, topic, name, column_units, sort_order=order * 10, audit=False)  # in the record below
    record(actor, "topics.create", topic, organization=organization, after=_audited(topic), request=request)
    pages.purge_topic(topic)
    return topic


@transaction.atomic
def update_topic(actor, topic: Topic, values: dict, units=None, request=None) -> Topic:
    _manage(actor, topic.organization_id)
    topic = Topic.objects.select_for_update().get(pk=topic.pk)
    before = _audited(topic)
    values = _clean(values)
    if values.get("slug") and Topic.objects.filter(slug=values["slug"]).exclude(pk=topic.pk).exists():
        raise TopicRefused(_("网址简称“%(slug)s”已被使用。") % {"slug": values["slug"]})
    old_slug = topic.slug
    for key in TOPIC_FIELDS:
        if key in values and not (topic.kind == Kind.ACTION and key == "slug"):
            setattr(topic, key, values[key])
    _save_topic(topic)
    if units is not None:
        topic.units.set(units)
    record(actor, "topics.update", topic, organization=topic.organization, before=before,
           after=_audited(topic), request=request)
    pages.purge_topic(topic, old_slug)
    return topic


@transaction.atomic
def set_banner(actor, topic: Topic, uploaded, alt: str, request=None) -> Topic:
    """The 专题's banner: a PNG or JPEG image of at most MAX_BANNER_BYTES, typed by its content and stored
    under that type's extension, with its description. The replaced file is deleted once this commits."""
    _manage(actor, topic.organization_id)
    alt = (alt or "").strip()
    if not alt:
        raise TopicRefused(_("请填写横幅图片说明（供读屏软件朗读）。"))
    _plain(alt)
    checked, _digest = accept_upload(uploaded)
    kind = filetype.guess(uploaded.read(8192))
    uploaded.seek(0)
    if checked.size > MAX_BANNER_BYTES or kind is None or kind.mime not in BANNER_TYPES:
        raise TopicRefused(_("横幅图片须为不超过2 MB的PNG或JPEG图片。"))
    topic = Topic.objects.select_for_update().get(pk=topic.pk)
    old_name, storage = topic.banner.name, topic.banner.storage
    save_file(topic.banner, "banner" + BANNER_TYPES[kind.mime], uploaded)
    topic.banner_alt = alt[:200]
    topic.save(update_fields=["banner", "banner_alt"])
    if old_name:
        transaction.on_commit(lambda: storage.delete(old_name))
    record(actor, "topics.banner", topic, organization=topic.organization, note=uploaded.name[:100], request=request)
    pages.purge_topic(topic)
    return topic


@transaction.atomic
def add_column(actor, topic: Topic, name: str, units=(), sort_order: int | None = None, audit=True,
               request=None) -> Column:
    _manage(actor, topic.organization_id)
    name = (name or "").strip()
    if not name or len(name) > 60:
        raise TopicRefused(_("请填写子栏目名称（60字以内）。"))
    _plain(name)
    if topic.columns.filter(name=name).exists():
        raise TopicRefused(_("该专题已有“%(name)s”子栏目。") % {"name": name})
    if sort_order is None:
        sort_order = (topic.columns.count() + 1) * 10
    column = Column.objects.create(topic=topic, name=name, sort_order=sort_order)
    column.units.set(units)
    if audit:
        record(actor, "topics.add_column", column, organization=topic.organization, request=request)
        pages.purge_topic(topic)
    return column


@transaction.atomic
def ensure_action_topic(county) -> Topic:
    """The built-in 「政务公开在行动」 专题 of `county`, open to every unit below it. Idempotent."""
    topic = Topic.objects.filter(organization=county, kind=Kind.ACTION).first()
    if topic is None:
        slug = presets.ACTION_SLUG if not Topic.objects.filter(slug=presets.ACTION_SLUG).exists() \
            else f"{presets.ACTION_SLUG}-{county.pk}"
        topic = Topic.objects.create(organization=county, kind=Kind.ACTION, title=presets.ACTION_TITLE, slug=slug,
                                     intro=f"<p>{presets.ACTION_INTRO}</p>", open_to_all=True, sort_order=1)
    for order, (key, name) in enumerate(presets.ACTION_COLUMNS, start=1):
        if not topic.columns.filter(key=key).exists():
            Column.objects.create(topic=topic, key=key, name=name, sort_order=order * 10)
    return topic


# --- 稿件 -----------------------------------------------------------------------------------------


def _check_item(actor, column: Column, item) -> None:
    from gongkai.publishing.choices import State

    if not has_perm(actor, "topics.submit", item.organization_id):
        raise TopicRefused(_("只能报送本单位的信息。"))
    if not is_open_to(column.topic, item.organization):
        raise TopicRefused(_("该专题未向本单位开放报送。"))
    if item.state in (State.DELETED, State.WITHDRAWN):
        raise TopicRefused(_("已撤回或已删除的信息不能报送。"))
    if column.key == "notices":
        raise TopicRefused(_("“问题通报”子栏目由政务公开办发布检查通报，单位不能报送。"))


@transaction.atomic
def submit(actor, column: Column, item, note: str = "", request=None) -> Submission:
    """Offer `item` to `column`. A returned 稿件 may be offered again; one pending or adopted may not."""
    _check_item(actor, column, item)
    _plain(note)
    note = (note or "").strip()[:300]
    submission = Submission.objects.select_for_update().filter(column=column, item=item).first()
    if submission is not None and submission.state != SubmissionState.RETURNED:
        raise TopicRefused(_("该信息已报送到本子栏目（%(state)s）。") % {"state": submission.get_state_display()})
    now = timezone.now()
    if submission is None:
        submission = Submission(column=column, item=item, organization=item.organization)
    before = snapshot(submission, SUBMISSION_FIELDS) if submission.pk else {}
    submission.state, submission.note, submission.comment = SubmissionState.SUBMITTED, note, ""
    submission.submitted_by, submission.submitted_at = actor, now
    submission.decided_by = submission.decided_at = None
    try:
        with transaction.atomic():  # a concurrent submit of the same item (a double-click) meets the constraint
            submission.save()
    except IntegrityError:
        raise TopicRefused(_("该信息已报送到本子栏目（可能重复点击了报送按钮），未再次报送。")) from None
    record(actor, "topics.submit", submission, organization=item.organization, before=before,
           after=snapshot(submission, SUBMISSION_FIELDS), request=request)
    return submission


@transaction.atomic
def submit_new_draft(actor, column: Column, organization, title: str, body: str, note: str = "",
                     request=None) -> Submission:
    """A new draft item of the unit's (in its 工作动态 column) offered to `column` at once. The draft goes
    through the unit's own review and publication; the 专题 shows it once it is published and adopted."""
    from gongkai.catalog.services import ensure_catalog, node_by_key
    from gongkai.publishing import services as publishing

    if not has_perm(actor, "topics.submit", organization.pk):
        raise TopicRefused(_("只能为本单位起草稿件。"))
    if not (title or "").strip():
        raise TopicRefused(_("请填写稿件标题。"))
    _plain(title, body, note)
    ensure_catalog(organization)
    node = node_by_key(organization, "plan.news")
    item = publishing.create_item(actor, organization, {
        "title": title.strip()[:300], "body": paragraphs(body), "formed_on": timezone.localdate()},
        [node] if node else [], request=request)
    return submit(actor, column, item, note, request=request)


def paragraphs(text: str) -> str:
    """The plain text typed into the 稿件's 正文 box as the item's HTML body: each line a paragraph, and what
    looks like markup shown as typed (as the spreadsheet import's 正文)."""
    return "".join(f"<p>{html.escape(line.strip())}</p>" for line in (text or "").splitlines() if line.strip())


def _decide(actor, submission: Submission, state: str, comment: str, verb: str, request=None) -> Submission:
    _manage(actor, submission.column.topic.organization_id)
    submission = Submission.objects.select_for_update().select_related("column__topic").get(pk=submission.pk)
    if submission.state != SubmissionState.SUBMITTED:
        raise TopicRefused(_("该稿件已审核（%(state)s）。") % {"state": submission.get_state_display()})
    _plain(comment)
    before = snapshot(submission, SUBMISSION_FIELDS)
    submission.state, submission.comment = state, (comment or "").strip()[:300]
    submission.decided_by, submission.decided_at = actor, timezone.now()
    submission.save()
    record(actor, verb, submission, organization=submission.organization, before=before,
           after=snapshot(submission, SUBMISSION_FIELDS), request=request)
    pages.purge_topic(submission.column.topic)
    return submission


@transaction.atomic
def adopt(actor, submission: Submission, comment: str = "", request=None) -> Submission:
    return _decide(actor, submission, SubmissionState.ADOPTED, comment, "topics.adopt", request)


@transaction.atomic
def return_submission(actor, submission: Submission, comment: str, request=None) -> Submission:
    if not (comment or "").strip():
        raise TopicRefused(_("退回稿件须填写退回意见。"))
    return _decide(actor, submission, SubmissionState.RETURNED, comment, "topics.return", request)


@transaction.atomic
def publish_notice(actor, notice, request=None) -> Submission:
    """Put an inspection 通报 (gongkai.inspection Notice, published as an item) into 「政务公开在行动」/问题通报."""
    _manage(actor, notice.organization_id)
    if notice.item_id is None:
        raise TopicRefused(_("该通报尚未作为政府信息发布，请先在检查指标中发布通报。"))
    topic = ensure_action_topic(notice.organization)
    column = topic.columns.get(key="notices")
    submission, created = Submission.objects.get_or_create(
        column=column, item=notice.item, defaults={
            "organization": notice.organization, "state": SubmissionState.ADOPTED, "submitted_by": actor,
            "submitted_at": timezone.now(), "decided_by": actor, "decided_at": timezone.now()})
    if not created and submission.state != SubmissionState.ADOPTED:
        submission.state, submission.decided_by, submission.decided_at = SubmissionState.ADOPTED, actor, timezone.now()
        submission.save()
    record(actor, "topics.publish_notice", submission, organization=notice.organization, note=notice.title[:100],
           request=request)
    pages.purge_topic(topic)
    return submission


# --- the 竞技场 ------------------------------------------------------------------------------------


def arena(year: int, organization_ids=None, public: bool = False) -> list[dict]:
    """Per unit, the 稿件 submitted in `year` and how many were adopted (built-in 问题通报 excluded),
    most adopted first: [{"organization": Organization, "submitted": n, "adopted": n}]. `public` (the 竞技场
    on /zt/): only 稿件 to public 专题, and as adopted only those whose item the public can see now."""
    from gongkai.organizations.models import Organization
    from gongkai.publishing.models import InformationItem

    qs = Submission.objects.filter(submitted_at__year=year).exclude(column__key="notices")
    adopted = Q(state=SubmissionState.ADOPTED)
    if public:
        qs = qs.filter(column__topic__is_public=True)
        adopted &= Q(item__in=InformationItem.objects.live().values("pk"))
    if organization_ids is not None:
        qs = qs.filter(organization_id__in=organization_ids)
    rows = qs.values("organization_id").annotate(submitted=Count("id"), adopted=Count("id", filter=adopted))
    organizations = Organization.objects.in_bulk([row["organization_id"] for row in rows])
    result = [{"organization": organizations[row["organization_id"]], "submitted": row["submitted"],
               "adopted": row["adopted"]} for row in rows]
    result.sort(key=lambda r: (-r["adopted"], -r["submitted"], r["organization"].sort_order, r["organization"].pk))
    return result
