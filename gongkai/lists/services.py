"""清单 services: one function per verb. Each checks the permission (accounts.permissions) and the
version's state, changes the data in one transaction, writes the audit log, and purges the public
pages after commit. Refusals raise ActionRefused with a Chinese reason. The workflow is drawn in
docs/lists.md:

    create_version ─► 草稿 ─submit─► 待审核 ─approve─► 已发布
                        ▲               │
                        └── 已退回 ◄─return_version (意见)

A published version is never edited or removed: a change is a new version. Publishing a version that
takes effect on day F closes the list's current version on F − 1 (its `effective_to`).
"""

import datetime as dt

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import has_perm
from gongkai.audit.services import record, snapshot
from gongkai.core.forms import CONTROL_CHARS
from gongkai.core.services import ActionRefused
from gongkai.lists import cells as cellcheck
from gongkai.lists.models import DisclosureList, ListType, Row, Version

VERSION_FIELDS = ["label", "effective_from", "effective_to", "note", "state", "review_opinion"]


def _require(actor, perm: str, organization_id: int) -> None:
    if not has_perm(actor, perm, organization_id):
        if perm == "lists.review":
            raise ActionRefused(_("只有本单位的审核员可以审核清单。"))
        raise ActionRefused(_("您没有权限执行此操作（仅限本单位有相应岗位的人员）。"))


def _plain(**texts: str) -> None:
    """Refuse a control character (NUL, ESC …) in a list's or version's own text, as the forms do: PostgreSQL
    cannot store NUL, and the XLSX download and the public page cannot hold the others."""
    labels = {"title": _("清单名称"), "description": _("说明"), "label": _("版本名称"), "note": _("调整说明"),
              "opinion": _("审核意见")}
    for name, text in texts.items():
        if text and CONTROL_CHARS.search(str(text)):
            raise ActionRefused(_("“%(field)s”不能包含控制字符，请只填写文字。") % {"field": labels[name]})


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _wrote(actor, version: Version) -> None:
    """`actor` wrote rows of `version` in this review round (so cannot approve it: `_check_four_eyes`)."""
    if _user(actor) is not None:
        version.authors.add(actor)


def _check_four_eyes(actor, version: Version) -> None:
    if actor.is_superuser:
        return
    if version.submitted_by_id == actor.pk:
        raise ActionRefused(_("送审人不能审核自己送审的版本，请由本单位其他审核员审核。"))
    if version.authors.filter(pk=actor.pk).exists():
        raise ActionRefused(_("您修改过这次送审版本的条目，不能再由您审核通过（审核须由未参与修改的人进行），"
                              "请由本单位其他审核员审核，或退回修改。"))


def purge_public_pages(disclosure_list: DisclosureList | None = None) -> None:
    """After commit: the stored public pages that show lists (the /qd/ pages, the home panel, sitemaps)."""
    def purge():
        from django.conf import settings
        from django.urls import reverse

        from gongkai.core import pagecache

        if not pagecache.enabled():
            return
        prefix = reverse("lists:index")
        others = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
        paths = ["/", *(f"/{code}/" for code in others), reverse("feeds:sitemap")]
        prefixes = [prefix, *(f"/{code}{prefix}" for code in others)]
        pagecache.purge(paths, prefixes)
        pagecache.purge_matching("sitemap-*.xml")

    transaction.on_commit(purge)


# --- lists ------------------------------------------------------------------------------------------


@transaction.atomic
def create_list(actor, organization, list_type: ListType, title: str, description: str = "",
                request=None) -> DisclosureList:
    _require(actor, "lists.edit", organization.pk)
    _plain(title=title, description=description)
    title = (title or "").strip() or f"{organization.name}{list_type.name}"
    if DisclosureList.objects.filter(organization=organization, list_type=list_type, title=title).exists():
        raise ActionRefused(_("本单位已有同名的%(type)s。") % {"type": list_type.name})
    created = DisclosureList.objects.create(list_type=list_type, organization=organization, title=title[:200],
                                            description=(description or "").strip(), created_by=_user(actor))
    record(actor, "lists.create_list", created, organization=organization,
           after={"title": created.title, "清单类型": list_type.name}, request=request)
    return created


@transaction.atomic
def update_list(actor, disclosure_list: DisclosureList, title: str, description: str, request=None) -> DisclosureList:
    _require(actor, "lists.edit", disclosure_list.organization_id)
    before = snapshot(disclosure_list, ["title", "description"])
    _plain(title=title, description=description)
    title = (title or "").strip()
    if not title:
        raise ActionRefused(_("请填写清单名称。"))
    clash = DisclosureList.objects.filter(organization_id=disclosure_list.organization_id,
                                          list_type_id=disclosure_list.list_type_id, title=title)
    if clash.exclude(pk=disclosure_list.pk).exists():
        raise ActionRefused(_("本单位已有同名的%(type)s。") % {"type": disclosure_list.list_type.name})
    disclosure_list.title, disclosure_list.description = title[:200], (description or "").strip()
    disclosure_list.save()
    record(actor, "lists.update_list", disclosure_list, organization=disclosure_list.organization, before=before,
           after=snapshot(disclosure_list, ["title", "description"]), request=request)
    if disclosure_list.versions.filter(state=Version.State.PUBLISHED).exists():
        purge_public_pages(disclosure_list)
    return disclosure_list


# --- versions ---------------------------------------------------------------------------------------


def _locked(version: Version) -> Version:
    return (Version.objects.select_for_update().select_related("disclosure_list__organization",
                                                                "disclosure_list__list_type")
            .get(pk=version.pk))


def _editable(version: Version) -> None:
    if not version.is_editable:
        raise ActionRefused(_("只有草稿或退回的版本可以修改（当前：%(state)s）。") % {"state": version.get_state_display()})


def latest_published(disclosure_list: DisclosureList) -> Version | None:
    return disclosure_list.published_versions().first()


@transaction.atomic
def create_version(actor, disclosure_list: DisclosureList, label: str, effective_from: dt.date, note: str = "",
                   copy_from: Version | None = None, request=None) -> Version:
    """A new draft version; `copy_from` (a version of the same list) gives it that version's rows to edit."""
    disclosure_list = DisclosureList.objects.select_for_update().get(pk=disclosure_list.pk)
    _require(actor, "lists.edit", disclosure_list.organization_id)
    if disclosure_list.versions.filter(state__in=[*Version.EDITABLE, Version.State.SUBMITTED]).exists():
        raise ActionRefused(_("该清单已有未发布的版本，请先完成或删除该版本。"))
    if copy_from is not None and copy_from.disclosure_list_id != disclosure_list.pk:
        raise ActionRefused(_("只能复制本清单的版本。"))
    _plain(label=label, note=note)
    label = (label or "").strip()
    if not label:
        raise ActionRefused(_("请填写版本名称。"))
    number = (disclosure_list.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = Version.objects.create(disclosure_list=disclosure_list, number=number, label=label[:100],
                                     effective_from=effective_from, note=(note or "").strip(),
                                     created_by=_user(actor))
    if copy_from is not None:
        Row.objects.bulk_create([Row(version=version, position=row.position, cells=row.cells, text=row.text)
                                 for row in copy_from.rows.all()])
        _wrote(actor, version)
    record(actor, "lists.create_version", version, organization=disclosure_list.organization,
           after=snapshot(version, VERSION_FIELDS) | {"复制自版本": copy_from.label if copy_from else ""},
           request=request)
    return version


@transaction.atomic
def update_version(actor, version: Version, label: str, effective_from: dt.date, note: str, request=None) -> Version:
    version = _locked(version)
    _require(actor, "lists.edit", version.disclosure_list.organization_id)
    _editable(version)
    before = snapshot(version, VERSION_FIELDS)
    _plain(label=label, note=note)
    label = (label or "").strip()
    if not label:
        raise ActionRefused(_("请填写版本名称。"))
    version.label, version.effective_from, version.note = label[:100], effective_from, (note or "").strip()
    version.save()
    record(actor, "lists.update_version", version, organization=version.disclosure_list.organization,
           before=before, after=snapshot(version, VERSION_FIELDS), request=request)
    return version


@transaction.atomic
def delete_version(actor, version: Version, request=None) -> None:
    version = _locked(version)
    _require(actor, "lists.edit", version.disclosure_list.organization_id)
    _editable(version)
    record(actor, "lists.delete_version", version, organization=version.disclosure_list.organization,
           before=snapshot(version, VERSION_FIELDS) | {"条目数": version.rows.count()}, request=request)
    version.delete()


def _renumber(version: Version) -> None:
    for position, row in enumerate(version.rows.order_by("position", "id"), start=1):
        if row.position != position:
            Row.objects.filter(pk=row.pk).update(position=position)


@transaction.atomic
def replace_rows(actor, version: Version, rows: list[dict], source: str = "", request=None) -> int:
    """All rows of an editable version replaced by `rows` (already checked cells: sheet.parse), at once."""
    version = _locked(version)
    _require(actor, "lists.edit", version.disclosure_list.organization_id)
    _editable(version)
    columns = version.disclosure_list.list_type.columns
    removed = version.rows.count()
    version.rows.all().delete()
    Row.objects.bulk_create([Row(version=version, position=position, cells=cells,
                                 text=cellcheck.row_text(columns, cells))
                             for position, cells in enumerate(rows, start=1)])
    version.save(update_fields=["updated_at"])
    _wrote(actor, version)
    record(actor, "lists.import_rows", version, organization=version.disclosure_list.organization,
           before={"条目数": removed}, after={"条目数": len(rows)}, note=source[:200], request=request)
    return len(rows)


def _labelled(version: Version, cells: dict) -> dict:
    """A row's cells keyed by their column headings, for the audit log (which shows keys as field names)."""
    return {column["label"]: cells.get(column["key"], "") for column in version.disclosure_list.list_type.columns
            if cells.get(column["key"])}


def _check_cells(version: Version, values: dict) -> dict:
    cells, errors = cellcheck.clean_row(version.disclosure_list.list_type.columns, values)
    if errors:
        raise RowInvalid(errors)
    return cells


class RowInvalid(ActionRefused):
    """A row's cells do not fit their columns; `errors` by column key ("" for the whole row)."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__(_("条目内容有误，请按提示修改。"))


@transaction.atomic
def add_row(actor, version: Version, values: dict, request=None) -> Row:
    version = _locked(version)
    _require(actor, "lists.edit", version.disclosure_list.organization_id)
    _editable(version)
    cells = _check_cells(version, values)
    position = (version.rows.aggregate(n=Max("position"))["n"] or 0) + 1
    row = Row.objects.create(version=version, position=position, cells=cells,
                             text=cellcheck.row_text(version.disclosure_list.list_type.columns, cells))
    version.save(update_fields=["updated_at"])
    _wrote(actor, version)
    record(actor, "lists.add_row", row, organization=version.disclosure_list.organization, after=_labelled(version, cells),
           object_repr=f"{version} #{position}", request=request)
    return row


@transaction.atomic
def update_row(actor, row: Row, values: dict, request=None) -> Row:
    version = _locked(row.version)
    _require(actor, "lists.edit", version.disclosure_list.organization_id)
    _editable(version)
    row = Row.objects.select_for_update().get(pk=row.pk)
    cells = _check_cells(version, values)
    before = dict(row.cells)
    row.cells, row.text = cells, cellcheck.row_text(version.disclosure_list.list_type.columns, cells)
    row.save()
    version.save(update_fields=["updated_at"])
    _wrote(actor, version)
    record(actor, "lists.update_row", row, organization=version.disclosure_list.organization,
           before=_labelled(version, before), after=_labelled(version, cells), object_repr=f"{version} #{row.position}", request=request)
    return row


@transaction.atomic
def delete_row(actor, row: Row, request=None) -> None:
    version = _locked(row.version)
    _require(actor, "lists.edit", version.disclosure_list.organization_id)
    _editable(version)
    record(actor, "lists.delete_row", row, organization=version.disclosure_list.organization,
           before=_labelled(version, row.cells),
           object_repr=f"{version} #{row.position}", request=request)
    row.delete()
    _renumber(version)
    version.save(update_fields=["updated_at"])
    _wrote(actor, version)


def _check_dates(version: Version) -> None:
    current = latest_published(version.disclosure_list)
    if current is not None and version.effective_from <= current.effective_from:
        raise ActionRefused(_("施行日期须晚于现行版本「%(label)s」的施行日期（%(date)s）。")
                            % {"label": current.label, "date": current.effective_from.isoformat()})


@transaction.atomic
def submit(actor, version: Version, request=None) -> Version:
    version = _locked(version)
    _require(actor, "lists.edit", version.disclosure_list.organization_id)
    _editable(version)
    if not version.rows.exists():
        raise ActionRefused(_("版本中还没有条目，不能送审。"))
    _check_dates(version)
    before = snapshot(version, VERSION_FIELDS)
    version.state, version.submitted_by, version.submitted_at = Version.State.SUBMITTED, _user(actor), timezone.now()
    version.save()
    record(actor, "lists.submit", version, organization=version.disclosure_list.organization, before=before,
           after=snapshot(version, VERSION_FIELDS), request=request)
    return version


@transaction.atomic
def return_version(actor, version: Version, opinion: str, request=None) -> Version:
    version = _locked(version)
    _require(actor, "lists.review", version.disclosure_list.organization_id)
    if version.state != Version.State.SUBMITTED:
        raise ActionRefused(_("只有待审核的版本可以退回。"))
    _plain(opinion=opinion)
    opinion = (opinion or "").strip()
    if not opinion:
        raise ActionRefused(_("退回时请填写审核意见，说明需要修改什么。"))
    before = snapshot(version, VERSION_FIELDS)
    version.state, version.review_opinion = Version.State.RETURNED, opinion
    version.reviewed_by, version.reviewed_at = _user(actor), timezone.now()
    version.save()
    version.authors.clear()  # returned: the next round has its own authors
    record(actor, "lists.return", version, organization=version.disclosure_list.organization, before=before,
           after=snapshot(version, VERSION_FIELDS), note=opinion, request=request)
    return version


@transaction.atomic
def approve(actor, version: Version, opinion: str = "", request=None) -> Version:
    """审核通过 and publish: the version becomes public; the list's current version closes the day before
    this one takes effect."""
    version = _locked(version)
    _require(actor, "lists.review", version.disclosure_list.organization_id)
    if version.state != Version.State.SUBMITTED:
        raise ActionRefused(_("只有待审核的版本可以审核通过。"))
    _check_four_eyes(actor, version)
    _plain(opinion=opinion)
    DisclosureList.objects.select_for_update().get(pk=version.disclosure_list_id)
    _check_dates(version)
    current = latest_published(version.disclosure_list)
    if current is not None:
        closing = snapshot(current, VERSION_FIELDS)
        current.effective_to = version.effective_from - dt.timedelta(days=1)
        current.save(update_fields=["effective_to", "updated_at"])
        record(actor, "lists.supersede", current, organization=version.disclosure_list.organization,
               before=closing, after=snapshot(current, VERSION_FIELDS),
               note=_("被「%(label)s」替代") % {"label": version.label}, request=request)
    before = snapshot(version, VERSION_FIELDS)
    now = timezone.now()
    version.state, version.review_opinion = Version.State.PUBLISHED, (opinion or "").strip()
    version.reviewed_by, version.reviewed_at, version.published_at = _user(actor), now, now
    version.effective_to = None
    version.save()
    record(actor, "lists.publish", version, organization=version.disclosure_list.organization, before=before,
           after=snapshot(version, VERSION_FIELDS), note=version.review_opinion, request=request)
    purge_public_pages(version.disclosure_list)
    return version
