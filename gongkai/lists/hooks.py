"""What the lists app registers with the apps below it (apps.py): the type loader after migrate, the
search source, the home-page panel, the 我的待办 groups, the sitemap section and the audit labels."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from gongkai.lists.models import DisclosureList, Row, Version

SEARCH_KIND = "lists"
SEARCH_LIMIT = 10
PANEL_ENTRIES = 6

ACTION_LABELS = {
    "lists.create_list": pgettext_lazy("audit action", "新建清单"),
    "lists.update_list": pgettext_lazy("audit action", "修改清单信息"),
    "lists.create_version": pgettext_lazy("audit action", "新建清单版本"),
    "lists.update_version": pgettext_lazy("audit action", "修改清单版本"),
    "lists.delete_version": pgettext_lazy("audit action", "删除清单版本"),
    "lists.import_rows": pgettext_lazy("audit action", "导入清单条目"),
    "lists.add_row": pgettext_lazy("audit action", "新增清单条目"),
    "lists.update_row": pgettext_lazy("audit action", "修改清单条目"),
    "lists.delete_row": pgettext_lazy("audit action", "删除清单条目"),
    "lists.submit": pgettext_lazy("audit action", "清单送审"),
    "lists.return": pgettext_lazy("audit action", "退回清单版本"),
    "lists.publish": pgettext_lazy("audit action", "审核通过并发布清单"),
    "lists.supersede": pgettext_lazy("audit action", "清单版本被替代"),
    "lists.export": pgettext_lazy("audit action", "导出清单"),
}


def load_types_after_migrate(sender, **kwargs):
    from gongkai.lists.registry import load_types

    load_types()


def applying_today():
    """Published versions that apply today."""
    today = timezone.localdate()
    return (Version.objects.filter(state=Version.State.PUBLISHED, effective_from__lte=today)
            .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=today)))


def title_column(columns: list[dict]) -> dict | None:
    """The column that names an entry (职权名称, 证明名称 …): the first required text column."""
    for column in columns:
        if column.get("kind") == "text" and column.get("required"):
            return column
    return columns[0] if columns else None


def search_rows(terms: list[str], organization_ids) -> list[dict]:
    """Entries of the lists in force today whose text holds every term (search/extra.py)."""
    terms = [term for term in terms if term][:5]
    if not terms:
        return []
    rows = Row.objects.filter(version__in=applying_today())
    if organization_ids is not None:
        rows = rows.filter(version__disclosure_list__organization_id__in=organization_ids)
    for term in terms:
        rows = rows.filter(text__icontains=term)
    found = []
    for row in rows.select_related("version__disclosure_list__list_type",
                                   "version__disclosure_list__organization").order_by("-version__published_at", "position")[:SEARCH_LIMIT]:
        lst = row.version.disclosure_list
        column = title_column(lst.list_type.columns)
        found.append({
            "title": row.cells.get(column["key"], "") if column else str(row.position),
            "list_title": lst.title, "type_name": lst.list_type.name, "organization": lst.organization.name,
            "version_label": row.version.label,
            "url": reverse("lists:detail", kwargs={"list_id": lst.pk}) + "?" + urlencode({"q": " ".join(terms)}),
        })
    return found


def home_panel(request):
    from gongkai.portal import panels
    from gongkai.portal.queries import site_organization_ids

    versions = applying_today()  # one per list: the version in force, the most recently effective first
    allowed = site_organization_ids(request)
    if allowed is not None:
        versions = versions.filter(disclosure_list__organization_id__in=allowed)
    versions = versions.select_related("disclosure_list").order_by("-effective_from", "-id")[:PANEL_ENTRIES]
    entries = [panels.Entry(title=v.disclosure_list.title, url=reverse("lists:detail", kwargs={"list_id": v.disclosure_list_id}),
                            date=v.effective_from, note=v.label) for v in versions]
    return panels.Panel(title=_("政务公开清单"), more_url=reverse("lists:index"), entries=entries)


def todo_groups(user) -> list:
    from gongkai.accounts.permissions import organization_ids_with
    from gongkai.workbench import todo

    groups = []
    reviewable = organization_ids_with(user, "lists.review")
    if reviewable:
        waiting = (Version.objects.filter(state=Version.State.SUBMITTED, disclosure_list__organization_id__in=reviewable)
                   .select_related("disclosure_list__organization").order_by("submitted_at"))
        groups.append(todo.Group(
            title=_("待审核的清单版本"), count=waiting.count(), more_url=reverse("lists_staff:index"),
            rows=[todo.Row(label=str(v), url=reverse("lists_staff:version", kwargs={"version_id": v.pk}),
                           note=v.disclosure_list.organization.name) for v in waiting[:todo.ROWS_SHOWN]]))
    editable = organization_ids_with(user, "lists.edit")
    if editable:
        returned = (Version.objects.filter(state=Version.State.RETURNED, disclosure_list__organization_id__in=editable)
                    .select_related("disclosure_list__organization").order_by("reviewed_at"))
        groups.append(todo.Group(
            title=_("被退回的清单版本"), count=returned.count(), more_url=reverse("lists_staff:index"),
            rows=[todo.Row(label=str(v), url=reverse("lists_staff:version", kwargs={"version_id": v.pk}),
                           note=v.review_opinion[:60]) for v in returned[:todo.ROWS_SHOWN]]))
    return groups


class ListSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6
    limit = 50_000

    def __init__(self, organization_ids=None):
        self.organization_ids = organization_ids

    def items(self):
        lists = DisclosureList.objects.public().order_by("id")
        if self.organization_ids is not None:
            lists = lists.filter(organization_id__in=self.organization_ids)
        return lists

    def location(self, disclosure_list):
        return reverse("lists:detail", kwargs={"list_id": disclosure_list.pk})
