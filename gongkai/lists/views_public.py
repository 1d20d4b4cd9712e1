"""Public 清单 pages (/qd/): every published list by type and unit; one list in the version that applies
today, on a chosen date (?date=) or a chosen version, with filters and search within it; downloads of
every version as XLSX and CSV."""

import datetime as dt
from urllib.parse import quote

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from gongkai.core.forms import BIDI_CONTROLS, CONTROL_CHARS
from gongkai.core.params import MAX_QUERY_CHARS, BadParameter, id_param
from gongkai.lists import sheet
from gongkai.lists.cells import is_safe_link
from gongkai.lists.models import DisclosureList, ListType, Version, shown
from gongkai.lists.registry import CHOICE, LINK
from gongkai.organizations.models import Organization
from gongkai.portal.breadcrumbs import Crumb, column_trail
from gongkai.portal.breadcrumbs import current as crumbs_ending
from gongkai.portal.queries import site_organization_ids

PAGE_SIZE = 50


def _public_lists(request):
    lists = DisclosureList.objects.public().select_related("list_type", "organization")
    allowed = site_organization_ids(request)
    return lists if allowed is None else lists.filter(organization_id__in=allowed)


def date_param(request, name: str = "date") -> dt.date | None:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError as exc:
        raise BadParameter(f"query parameter {name!r} is not a date") from exc


def text_param(request, name: str) -> str:
    """request.GET[name] trimmed; BadParameter (400, a Chinese page) for a control character: PostgreSQL
    cannot even compare a text with NUL, and no list holds one."""
    value = request.GET.get(name, "").strip()
    if CONTROL_CHARS.search(value):
        raise BadParameter(f"query parameter {name!r} holds a control character")
    return value


@require_safe
def index(request):
    lists = _public_lists(request)
    type_code = text_param(request, "type")[:20]
    org_id = id_param(request, "org")
    chosen_type = ListType.objects.filter(code=type_code).first() if type_code else None
    if type_code and chosen_type is None:
        raise Http404
    if chosen_type:
        lists = lists.filter(list_type=chosen_type)
    if org_id:
        lists = lists.filter(organization_id=org_id)
    lists = list(lists.order_by("list_type__position", "organization__sort_order", "organization_id", "id"))
    today = timezone.localdate()
    current: dict[int, Version] = {}  # the version applying today, else the latest published one
    for version in (Version.objects.filter(disclosure_list__in=lists, state=Version.State.PUBLISHED)
                    .order_by("disclosure_list_id", "-effective_from")):
        shown = current.get(version.disclosure_list_id)
        if shown is None or (not shown.applies_on(today) and version.applies_on(today)):
            current[version.disclosure_list_id] = version
    groups: dict[int, dict] = {}
    for lst in lists:
        group = groups.setdefault(lst.list_type_id, {"type": lst.list_type, "lists": []})
        group["lists"].append({"list": lst, "version": current.get(lst.pk)})
    all_public = _public_lists(request)
    types = ListType.objects.filter(lists__in=all_public).distinct().order_by("position")
    organizations = Organization.objects.filter(pk__in=all_public.values("organization_id")).order_by("sort_order", "id")
    return render(request, "lists/index.html", {
        "breadcrumbs": crumbs_ending(column_trail(), _("政务公开清单")),
        "groups": list(groups.values()), "types": types, "organizations": organizations,
        "chosen_type": chosen_type, "org_id": org_id, "today": today,
        "all_types": ListType.objects.order_by("position"),
    })


def shown_columns(columns: list[dict]) -> list[dict]:
    """The columns with their headings in the page's language, for display (keys and choices as stored)."""
    return [{**column, "label": shown(column["label"])} for column in columns]


def _shown_value(column: dict, value):
    return shown(value) if column.get("kind") == CHOICE and isinstance(value, str) else value


def _cell(column: dict, value) -> dict:
    """One shown cell; `href` only for a link cell whose address is safe to follow (a link stored before the
    cell check refused `/\\host` shows as text)."""
    href = value if column.get("kind") == LINK and value and is_safe_link(value) else ""
    return {"column": column, "value": _shown_value(column, value), "href": href}


def prepared_rows(rows, columns: list[dict], hide_empty: bool = False) -> tuple[dict | None, list[dict], list[dict]]:
    """(the naming column, the other columns, rows as {position, title, cells: [{column, value}]}) for
    the tables: the naming column heads each row (each card on a phone)."""
    from gongkai.lists.hooks import title_column

    head = title_column(columns)
    others = [column for column in columns if column is not head]
    if hide_empty:  # a column no shown row fills (职权编码, 备注 …) only takes width
        others = [column for column in others if any(row.cells.get(column["key"]) for row in rows)]
    shown = [{"pk": row.pk, "position": row.position, "title": row.cells.get(head["key"], "") if head else "",
              "cells": [_cell(column, row.cells.get(column["key"], "")) for column in others]}
             for row in rows]
    return head, others, shown


def _filtered_rows(version: Version, request, columns: list[dict]):
    rows = version.rows.all()
    # Bidi controls (pasted with the text) are dropped, as in every list's keyword filter (core.forms.KeywordField).
    query = BIDI_CONTROLS.sub("", text_param(request, "q"))[:MAX_QUERY_CHARS]
    for term in query.split()[:5]:
        rows = rows.filter(text__icontains=term)
    chosen = {}
    for column in columns:
        if column.get("filter"):
            value = text_param(request, f"f_{column['key']}")[:200]
            if value:
                chosen[column["key"]] = value
    rows = list(rows.order_by("position", "id"))
    if chosen:
        rows = [row for row in rows if all(row.cells.get(key) == value for key, value in chosen.items())]
    return rows, query, chosen


def _filters(version: Version, columns: list[dict], chosen: dict) -> list[dict]:
    filters = []
    for column in columns:
        if not column.get("filter"):
            continue
        if column.get("choices"):
            options = list(column["choices"])
        else:
            options = sorted({row.cells.get(column["key"], "") for row in version.rows.all()} - {""})
        if len(options) > 1 or column["key"] in chosen:
            options = [(option, _shown_value(column, option)) for option in options]
            filters.append({"name": f"f_{column['key']}", "label": shown(column["label"]), "options": options,
                            "value": chosen.get(column["key"], "")})
    return filters


@require_safe
def detail(request, list_id: int, version_id: int | None = None):
    lst = get_object_or_404(_public_lists(request), pk=list_id)
    versions = list(lst.published_versions())
    today = timezone.localdate()
    on_date = date_param(request)
    version = None
    if version_id is not None:
        version = next((v for v in versions if v.pk == version_id), None)
        if version is None:
            raise Http404
    elif on_date is not None:
        version = lst.version_on(on_date)
    else:
        version = lst.version_on(today) or (versions[0] if versions else None)
    columns = shown_columns(lst.list_type.columns)
    context = {"breadcrumbs": crumbs_ending(column_trail() + [Crumb(_("政务公开清单"), reverse("lists:index"))], lst.title),
               "list": lst, "versions": versions, "version": version, "today": today, "on_date": on_date,
               "columns": columns, "day": on_date or today}
    if version is not None:
        rows, query, chosen = _filtered_rows(version, request, columns)
        paginator = Paginator(rows, PAGE_SIZE)
        page = paginator.get_page(request.GET.get("page"))
        params = request.GET.copy()
        params.pop("page", None)
        head, others, shown = prepared_rows(page.object_list, columns, hide_empty=True)
        context.update({
            "page_obj": page, "rows": shown, "head": head, "others": others, "query": query, "filters": _filters(version, columns, chosen),
            "filtered": bool(query or chosen), "total": version.rows.count(), "shown": len(rows),
            "base_params": urlencode(sorted((k, v) for k, v in params.items())),
            "status": version.status_on(on_date or today),
            "wide": len(columns) > 5,
        })
    return render(request, "lists/detail.html", context)


@require_safe
def download(request, list_id: int, version_id: int, fmt: str):
    lst = get_object_or_404(_public_lists(request), pk=list_id)
    version = get_object_or_404(lst.versions.filter(state=Version.State.PUBLISHED), pk=version_id)
    return version_file(version, fmt)


def version_file(version: Version, fmt: str) -> HttpResponse:
    rows = list(version.rows.order_by("position", "id"))
    if fmt == "xlsx":
        data, content_type = sheet.export_xlsx(version, rows), sheet.XLSX_TYPE
    elif fmt == "csv":
        data, content_type = sheet.export_csv(version, rows), sheet.CSV_TYPE
    else:
        raise Http404
    name = f"{version.disclosure_list.title}（{version.label}）.{fmt}"
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    response["X-Content-Type-Options"] = "nosniff"
    return response

