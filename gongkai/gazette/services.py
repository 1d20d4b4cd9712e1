"""政府公报 services: issues, their contents, publication, and what search indexes.

Import of historical issues (a folder per issue: the PDF and a CSV table of contents) is in
`importer.py`; both the `import_gazette` command and the staff upload form use it.
"""

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.accounts.permissions import has_perm
from gongkai.audit.services import record
from gongkai.core.files import save_file
from gongkai.core.forms import CONTROL_CHARS
from gongkai.core.sanitize import html_to_text, sanitize_html
from gongkai.core.secrecy import require_secrecy_review
from gongkai.core.services import ActionRefused
from gongkai.core.uploads import accept_upload
from gongkai.gazette.events import announce
from gongkai.gazette.models import MAX_ISSUE_NUMBER, MAX_PAGE, MAX_TOTAL_NUMBER, GazetteEntry, GazetteIssue
from gongkai.organizations.models import Organization
from gongkai.publishing.models import InformationItem

ISSUE_FIELDS = ("year", "number", "total_number", "published_on")
# Column widths of GazetteEntry: a longer value is refused, never cut.
ENTRY_LIMITS = {"title": 300, "section": 50, "doc_number": 100, "issuer": 100, "index_no": 40}
ENTRY_LABELS = {"title": gettext_lazy("标题"), "section": gettext_lazy("栏目"), "doc_number": gettext_lazy("文号"),
                "issuer": gettext_lazy("发文机关"), "index_no": gettext_lazy("索引号")}


def _require(actor, perm: str, organization_id: int) -> None:
    if actor is None:  # the import command runs as the system
        return
    if not has_perm(actor, perm, organization_id):
        raise ActionRefused(_("您没有权限执行此操作（仅限本单位有相应岗位的人员）。"))


def publisher_ids() -> set[int]:
    """The units that edit and publish the 政府公报 (one gazette for the government): those named in
    GONGKAI_GAZETTE_ORGANIZATIONS, else the top-level organizations and their direct …政府办公室."""
    names = [n.strip() for n in settings.GONGKAI_GAZETTE_ORGANIZATIONS if n.strip()]
    if names:
        return set(Organization.objects.filter(Q(credit_code__in=names) | Q(name__in=names)).values_list("id", flat=True))
    return set(Organization.objects.filter(Q(parent__isnull=True) | Q(parent__parent__isnull=True,
                                                                      name__endswith="政府办公室"))
               .values_list("id", flat=True))


def _top_id(organization) -> int:
    chain = organization.ancestors()
    return chain[0].id if chain else organization.id


def same_gazette_ids(organization) -> set[int]:
    """The organization and the other publishers under the same top organization: the offices of one
    government's 政府公报 (a province hosts a gazette per county, each with its own 第1期)."""
    top = _top_id(organization)
    publishers = Organization.objects.filter(id__in=publisher_ids() - {organization.id})
    return {organization.id} | {other.id for other in publishers if _top_id(other) == top}


def _require_publisher(organization_id: int) -> None:
    if organization_id not in publisher_ids():
        raise ActionRefused(_("政府公报由县政府办公室统一编辑出版，本单位不能创建或发布公报。"))


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason or CONTROL_CHARS.search(reason) or len(reason) > 500:
        raise ActionRefused(_("请填写撤回原因（不超过500字，不含控制字符）。"))
    return reason


class IssueNumberTaken(ActionRefused):
    """A new issue's 期号 or 总期号 is that of an issue of the same 政府公报 not withdrawn (`issue`)."""

    def __init__(self, issue: GazetteIssue, reason: str):
        super().__init__(reason)
        self.issue = issue


def _check_meta(organization, meta: dict, exclude_pk=None) -> dict:
    try:
        year, number, total = int(meta["year"]), int(meta["number"]), int(meta["total_number"])
        published_on = meta["published_on"]
        if isinstance(published_on, str):
            published_on = dt.date.fromisoformat(published_on.strip())
    except (KeyError, TypeError, ValueError) as exc:
        raise ActionRefused(_("年份、期号、总期号须为正整数，出版日期格式为 YYYY-MM-DD。")) from exc
    if not (1949 <= year <= 2100) or not (1 <= number <= MAX_ISSUE_NUMBER) or not (1 <= total <= MAX_TOTAL_NUMBER):
        raise ActionRefused(_("年份须在1949至2100之间，期号须在1至%(number)s之间，总期号须在1至%(total)s之间。")
                            % {"number": MAX_ISSUE_NUMBER, "total": MAX_TOTAL_NUMBER})
    if published_on.year != year:
        raise ActionRefused(_("出版日期须在该期公报的年份内。"))
    if published_on > timezone.localdate():
        raise ActionRefused(_("出版日期不能晚于今天。"))
    # One gazette per government (publisher_ids under one top organization): its 期号 and 总期号 are unique
    # whichever of its offices made the issue, among the issues not withdrawn — a withdrawn issue gives its
    # numbers up to the corrected reissue (the database's per-office constraints say the same).
    others = (GazetteIssue.objects.filter(organization_id__in=same_gazette_ids(organization))
              .exclude(state=GazetteIssue.State.WITHDRAWN).exclude(pk=exclude_pk).select_related("organization"))
    same = others.filter(year=year, number=number).first()
    if same is not None:
        raise IssueNumberTaken(same, _("%(year)s年第%(number)s期政府公报已存在（%(organization)s，%(state)s）。政府公报是同一刊物，"
                                       "同一年内期号不能重复，请核对期号。") % {
            "year": year, "number": number, "organization": same.organization.name, "state": same.get_state_display()})
    same = others.filter(total_number=total).first()
    if same is not None:
        raise IssueNumberTaken(same, _("总第%(total)s期政府公报已存在（%(issue)s，%(organization)s），请核对总期号。") % {
            "total": total, "issue": str(same), "organization": same.organization.name})
    return {"year": year, "number": number, "total_number": total, "published_on": published_on}


def _store_pdf(issue: GazetteIssue, uploaded) -> None:
    checked, sha256 = accept_upload(uploaded)
    if checked.extension != ".pdf":
        raise ActionRefused(_("整期公报须为 PDF 文件。"))
    issue.pdf_size, issue.pdf_sha256 = checked.size, sha256
    save_file(issue.pdf, "issue.pdf", uploaded)  # deleted again on rollback


@transaction.atomic
def create_issue(actor, organization, meta: dict, pdf, request=None) -> GazetteIssue:
    """A new issue (编辑中) with its PDF. The PDF is deleted again when the transaction rolls back, here or
    in a caller that does more in the same transaction (gongkai.core.files)."""
    _require(actor, "gazette.manage", organization.id)
    _require_publisher(organization.id)
    values = _check_meta(organization, meta)
    issue = GazetteIssue(organization=organization, **values)
    _store_pdf(issue, pdf)
    try:
        with transaction.atomic():
            issue.save()
    except IntegrityError as exc:
        # Another submission of the same numbers was saved between the check above and this save (two clerks
        # at once): the database's constraint refused this one. The check is made again, so the loser gets
        # the refusal the later of two sequential submissions gets, naming the issue that has the numbers.
        issue.pdf.delete(save=False)
        _check_meta(organization, meta)
        raise ActionRefused(_("该期公报已存在。")) from exc
    record(actor, "gazette.create_issue", issue, organization=organization,
           after={**{k: str(v) for k, v in values.items()}, "pdf_sha256": issue.pdf_sha256}, request=request)
    return issue


def entry_data(issue: GazetteIssue, data: dict) -> dict:
    """Validate one table-of-contents entry: a title, and an item (by 索引号) or its own text."""
    values = {field: str(data.get(field) or "").strip() for field in ENTRY_LIMITS}
    title = values["title"]
    if not title:
        raise ActionRefused(_("请填写标题。"))
    for field, limit in ENTRY_LIMITS.items():  # NUL cannot be stored in PostgreSQL; others break the DOCX
        if CONTROL_CHARS.search(values[field]):
            raise ActionRefused(_("“%(field)s”不能包含控制字符，请只填写文字。") % {"field": ENTRY_LABELS[field]})
        if len(values[field]) > limit:
            raise ActionRefused(_("“%(field)s”不能超过%(limit)s个字。") % {"field": ENTRY_LABELS[field], "limit": limit})
    index_no = values["index_no"]
    body = CONTROL_CHARS.sub("", str(data.get("body") or ""))
    item = None
    if index_no:
        item = InformationItem.objects.filter(index_no=index_no).first()
        if item is None:
            raise ActionRefused(_("没有索引号为“%(no)s”的政府信息。") % {"no": index_no})
        if body.strip():
            raise ActionRefused(_("“%(title)s”：关联政府信息的条目不能另填正文。") % {"title": title})
        body = ""
    else:
        body = sanitize_html(body)
        if not html_to_text(body):
            raise ActionRefused(_("“%(title)s”：请填写正文，或填写对应政府信息的索引号。") % {"title": title})
    page = data.get("page")
    if page in ("", None):
        page = None
    else:
        try:
            page = int(page)
        except (TypeError, ValueError) as exc:
            raise ActionRefused(_("“%(title)s”：页码须为正整数。") % {"title": title}) from exc
        if page < 1:
            raise ActionRefused(_("“%(title)s”：页码须为正整数。") % {"title": title})
        if page > MAX_PAGE:
            raise ActionRefused(_("“%(title)s”：页码不能大于%(max)s。") % {"title": title, "max": MAX_PAGE})
    return {"title": title, "section": values["section"], "doc_number": values["doc_number"],
            "issuer": values["issuer"], "page": page, "item": item, "body": body}


@transaction.atomic
def add_entry(actor, issue: GazetteIssue, data: dict, request=None, secrecy_checked=False, opinion="") -> GazetteEntry:
    """An entry of a draft issue; an addition to a published issue goes live at once, so it needs the
    publisher (gazette.publish) and the 保密审查 (条例第十七条), recorded in the audit log."""
    issue = GazetteIssue.objects.select_for_update().get(pk=issue.pk)
    _require(actor, "gazette.manage", issue.organization_id)
    published = issue.state == GazetteIssue.State.PUBLISHED
    if issue.state == GazetteIssue.State.WITHDRAWN:
        raise ActionRefused(_("该期公报已撤回，不能再添加条目。"))
    if published:
        if actor is not None and not has_perm(actor, "gazette.publish", issue.organization_id):
            raise ActionRefused(_("已发布的公报添加条目会立即公开，须由本单位审核员或单位管理员进行保密审查后添加。"))
        opinion = require_secrecy_review(secrecy_checked, opinion)  # 条例第十七条
    values = entry_data(issue, data)
    position = (issue.entries.aggregate(m=Max("position"))["m"] or 0) + 1
    entry = GazetteEntry.objects.create(issue=issue, position=position, **values)
    after = {"entry": entry.pk, "title": entry.title, "item": entry.item_id}
    if published:
        after.update(secrecy_checked=True, secrecy_opinion=opinion, published=True)
    record(actor, "gazette.add_entry", issue, organization=issue.organization, after=after, request=request)
    if published:
        announce(issue.pk)
    return entry


@transaction.atomic
def withdraw_entry(actor, entry: GazetteEntry, reason: str, request=None) -> GazetteEntry:
    """Take an entry of a published issue off the public pages and search (kept, with the reason)."""
    issue = GazetteIssue.objects.select_for_update().get(pk=entry.issue_id)
    _require(actor, "gazette.publish", issue.organization_id)
    entry = GazetteEntry.objects.get(pk=entry.pk)
    if issue.state != GazetteIssue.State.PUBLISHED or entry.withdrawn_at is not None:
        raise ActionRefused(_("只能撤回已发布公报中仍公开的条目。"))
    entry.withdrawn_reason, entry.withdrawn_at = _reason(reason), timezone.now()
    entry.save(update_fields=["withdrawn_reason", "withdrawn_at"])
    record(actor, "gazette.withdraw_entry", issue, organization=issue.organization,
           before={"entry": entry.pk, "title": entry.title}, after={"withdrawn_reason": entry.withdrawn_reason},
           request=request)
    announce(issue.pk)
    return entry


@transaction.atomic
def withdraw_issue(actor, issue: GazetteIssue, reason: str, request=None) -> GazetteIssue:
    """Take a published issue (its page, PDF and articles) off the site; search follows (issue_changed)."""
    issue = GazetteIssue.objects.select_for_update().get(pk=issue.pk)
    _require(actor, "gazette.publish", issue.organization_id)
    if issue.state != GazetteIssue.State.PUBLISHED:
        raise ActionRefused(_("只能撤回已发布的公报。"))
    issue.withdrawn_reason, issue.withdrawn_at = _reason(reason), timezone.now()
    issue.state = GazetteIssue.State.WITHDRAWN
    issue.save(update_fields=["state", "withdrawn_reason", "withdrawn_at"])
    record(actor, "gazette.withdraw_issue", issue, organization=issue.organization,
           before={"state": GazetteIssue.State.PUBLISHED},
           after={"state": issue.state, "withdrawn_reason": issue.withdrawn_reason}, request=request)
    announce(issue.pk)
    return issue


@transaction.atomic
def remove_entry(actor, entry: GazetteEntry, request=None) -> None:
    issue = GazetteIssue.objects.select_for_update().get(pk=entry.issue_id)
    _require(actor, "gazette.manage", issue.organization_id)
    if issue.state == GazetteIssue.State.PUBLISHED:
        raise ActionRefused(_("已发布的公报目录不能删除条目。"))
    if issue.state != GazetteIssue.State.DRAFT:  # a withdrawn issue is kept for the record
        raise ActionRefused(_("已撤回的公报留档备查，不能删除条目。"))
    record(actor, "gazette.remove_entry", issue, organization=issue.organization,
           before={"entry": entry.pk, "title": entry.title}, after={}, request=request)
    entry.delete()


@transaction.atomic
def publish_issue(actor, issue: GazetteIssue, request=None, secrecy_checked=False, opinion="") -> GazetteIssue:
    """Publish with the 保密审查 record (条例第十七条): reviewer, time, opinion. The import command (actor
    None) records that the review was done in the old system."""
    issue = GazetteIssue.objects.select_for_update().get(pk=issue.pk)
    _require(actor, "gazette.publish", issue.organization_id)
    _require_publisher(issue.organization_id)
    if actor is None and not opinion:
        secrecy_checked, opinion = True, _("历史公报迁移：保密审查已在原系统完成。")
    opinion = require_secrecy_review(secrecy_checked, opinion)  # 条例第十七条
    if issue.state == GazetteIssue.State.PUBLISHED:
        raise ActionRefused(_("该期公报已发布。"))
    if issue.state != GazetteIssue.State.DRAFT:  # withdrawn: its reason stays on record, it is not republished
        raise ActionRefused(_("该期公报已撤回，不能再次发布；如需更正，请新建一期。"))
    if not issue.entries.exists():
        raise ActionRefused(_("公报目录为空，请先添加条目。"))
    if not issue.pdf:
        raise ActionRefused(_("请先上传整期公报 PDF。"))
    issue.state = GazetteIssue.State.PUBLISHED
    issue.secrecy_reviewer, issue.secrecy_reviewed_at, issue.secrecy_opinion = actor, timezone.now(), opinion
    issue.save(update_fields=["state", "secrecy_reviewer", "secrecy_reviewed_at", "secrecy_opinion"])
    record(actor, "gazette.publish_issue", issue, organization=issue.organization,
           before={"state": GazetteIssue.State.DRAFT},
           after={"state": issue.state, "secrecy_checked": True, "secrecy_opinion": opinion}, request=request)
    announce(issue.pk)
    transaction.on_commit(lambda: _mail_subscribers(issue.pk))
    return issue


def _mail_subscribers(issue_id: int) -> int:
    """赠阅发行: the new issue and its contents to the subscribers of the 政府公报 (gongkai.subscriptions)."""
    from django.urls import reverse

    from gongkai.subscriptions.services import announce as announce_to_subscribers

    issue = GazetteIssue.objects.select_related("organization").get(pk=issue_id)
    contents = "\n".join(f"{e.title}{f'（{e.doc_number}）' if e.doc_number else ''}"
                         for e in issue.entries.filter(withdrawn_at__isnull=True))
    return announce_to_subscribers(
        "gazette", "", subject=_("政府公报 %(issue)s") % {"issue": issue}, text=_("新一期政府公报已发布，目录如下：\n%(contents)s") % {"contents": contents},
        url=reverse("gazette:issue", kwargs={"issue_id": issue.pk}), source=f"gazette-issue:{issue.pk}",
        organization=issue.organization_id)  # only the subscribers of the sites that show its government


# --- Reading -----------------------------------------------------------------------------------


def article_text_html(entry: GazetteEntry) -> str | None:
    """The article's sanitized HTML: its own text, or the linked item's while that item is public."""
    if entry.item_id is None:
        return sanitize_html(entry.body)
    if InformationItem.objects.public().filter(pk=entry.item_id).exists():
        return sanitize_html(entry.item.body)
    return None


@dataclass(frozen=True)
class SearchableArticle:
    """A gazette article with its own text, for the search index (items are indexed from publishing)."""

    key: str  # stable, e.g. "gazette-entry-12"
    entry_id: int
    title: str
    text: str
    url: str
    published_on: dt.date
    organization_id: int
    doc_number: str
    issue_label: str


def searchable_articles(issue_id: int | None = None) -> Iterator[SearchableArticle]:
    """Articles of published issues that carry their own text (entries linked to an item are found
    through that item). Pass `issue_id` to re-index one issue after `gazette.events.issue_changed`."""
    entries = GazetteEntry.objects.public().filter(item__isnull=True)
    if issue_id is not None:
        entries = entries.filter(issue_id=issue_id)
    for entry in entries.select_related("issue").order_by("issue_id", "position").iterator():
        yield SearchableArticle(
            key=f"gazette-entry-{entry.pk}", entry_id=entry.pk, title=entry.title, text=html_to_text(entry.body),
            url=reverse("gazette:article", kwargs={"entry_id": entry.pk}), published_on=entry.issue.published_on,
            organization_id=entry.issue.organization_id, doc_number=entry.doc_number, issue_label=str(entry.issue),
        )


def search_articles(terms: list[str], organization_ids=None, limit: int = 10) -> list[SearchableArticle]:
    """Articles with their own text whose title or text contains every term (plain substring semantics,
    like the item search's recall rule), newest issue first. Entries linked to an item are found
    through that item by the main search. A county's gazette is small, so the database scan is cheap."""
    terms = [t for t in terms if t]
    if not terms:
        return []
    entries = GazetteEntry.objects.public().filter(item__isnull=True)
    if organization_ids is not None:
        entries = entries.filter(issue__organization_id__in=list(organization_ids))
    for term in terms:
        entries = entries.filter(Q(title__icontains=term) | Q(body__icontains=term))
    found = []
    for entry in entries.select_related("issue").order_by("-issue__published_on", "issue_id", "position"):
        text = html_to_text(entry.body)
        if all(term.lower() in f"{entry.title} {text}".lower() for term in terms):  # not inside HTML markup
            found.append(SearchableArticle(
                key=f"gazette-entry-{entry.pk}", entry_id=entry.pk, title=entry.title, text=text,
                url=reverse("gazette:article", kwargs={"entry_id": entry.pk}),
                published_on=entry.issue.published_on, organization_id=entry.issue.organization_id,
                doc_number=entry.doc_number, issue_label=str(entry.issue),
            ))
            if len(found) >= limit:
                break
    return found


def years() -> list[tuple[int, int]]:
    from django.db.models import Count

    rows = GazetteIssue.objects.published().values("year").annotate(n=Count("id")).order_by("-year")
    return [(row["year"], row["n"]) for row in rows]


def issues_published(organization_ids, start: dt.date, end: dt.date) -> int:
    """Read-only, for the annual report's narrative (gongkai.reports): published issues the organizations
    edited with a 出版日期 between `start` and `end` inclusive."""
    return GazetteIssue.objects.published().filter(organization_id__in=list(organization_ids),
                                                   published_on__range=(start, end)).count()
