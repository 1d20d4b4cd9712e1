"""The open API of 清单 (/api/v1/lists …), registered on the platform's API object (gongkai.api) when
this app is ready. Published versions only: drafts and versions under review never leave the database.

- GET /api/v1/list-types — the types and their columns;
- GET /api/v1/lists?type=&org=&date= — each list with its type, organization and published versions
  (with their dates); `date` adds the version that applied on that day;
- GET /api/v1/lists/{id}?date= — one list;
- GET /api/v1/lists/{id}/versions/{vid}/rows?q=&page= — the entries of one version.
"""

import datetime as dt
from urllib.parse import urlencode

from django.db.models import Max
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop
from ninja import Field, Path, Query, Schema

from gongkai.api.api import api, error_responses, set_last_modified
from gongkai.api.openapi import describe_tag
from gongkai.api.schemas import QueryDate
from gongkai.core.params import MAX_ID
from gongkai.lists.models import DisclosureList, ListType, Version
from gongkai.portal.queries import site_organization_ids

MAX_PAGE_SIZE = 200
# No control character (core.forms.CONTROL_CHARS) in a text parameter: PostgreSQL cannot even compare a text
# with NUL. A value that does not match is a 400 like any other bad parameter (gongkai.api.api).
PLAIN_TEXT = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"


TAGS = describe_tag("lists", gettext_noop("权责清单、证明事项清单等清单及其各版本的条目"))

class ColumnOut(Schema):
    key: str = Field(description=gettext_noop("列的代码（rows 中 cells 的键）"))
    label: str = Field(description=gettext_noop("列名，如“职权类型”"))
    kind: str = Field(description=gettext_noop("类型：text、date、organization、link、choice"))
    required: bool
    choices: list[str] = Field(default_factory=list, description=gettext_noop("choice 列可填写的值"))


class ListTypeOut(Schema):
    code: str = Field(description=gettext_noop("类型代码，如 qzqd"))
    name: str = Field(description=gettext_noop("类型名称，如“权责清单”"))
    group: str = Field(description=gettext_noop("所属公开事项，如“行政执法公示”（可能为空）"))
    part: str = Field(description=gettext_noop("公开环节，如“事前公开”（可能为空）"))
    description: str
    columns: list[ColumnOut]


class OrganizationRef(Schema):
    id: int
    name: str = Field(description=gettext_noop("机构全称"))


class VersionOut(Schema):
    id: int
    number: int = Field(description=gettext_noop("版本号（本清单内从 1 起）"))
    label: str = Field(description=gettext_noop("版本名称，如“2020年版”"))
    effective_from: dt.date = Field(description=gettext_noop("施行日期"))
    effective_to: dt.date | None = Field(description=gettext_noop("适用至（被下一版本替代的前一日）；现行版本为 null"))
    published_at: dt.datetime | None = Field(description=gettext_noop("发布时间"))
    note: str = Field(description=gettext_noop("调整说明"))
    row_count: int = Field(description=gettext_noop("条目数"))
    applies_today: bool = Field(description=gettext_noop("今天是否适用"))
    url: str = Field(description=gettext_noop("该版本的公开页面"))
    rows_url: str = Field(description=gettext_noop("该版本条目的接口地址"))
    xlsx_url: str
    csv_url: str


class ListOut(Schema):
    id: int
    title: str = Field(description=gettext_noop("清单名称"))
    type: str = Field(description=gettext_noop("清单类型名称，如“权责清单”"))
    type_code: str
    organization: OrganizationRef = Field(description=gettext_noop("公布单位"))
    url: str = Field(description=gettext_noop("公开页面"))
    versions: list[VersionOut] = Field(description=gettext_noop("已发布的版本，施行日期最新的在前"))
    version_on_date: VersionOut | None = Field(
        None, description=gettext_noop("给出 date 参数时：该日适用的版本（没有则为 null）"))


class ListPage(Schema):
    count: int
    page: int
    page_size: int
    next: str | None
    previous: str | None
    results: list[ListOut]


class RowOut(Schema):
    position: int = Field(description=gettext_noop("序号"))
    cells: dict[str, str] = Field(description=gettext_noop("各列内容，键为列代码"))


class RowPage(Schema):
    count: int
    page: int
    page_size: int
    next: str | None
    previous: str | None
    list_id: int
    version: VersionOut
    columns: list[ColumnOut]
    results: list[RowOut]


class ListFilters(Schema):
    type: str = Field("", max_length=20, pattern=PLAIN_TEXT, description=gettext_noop("清单类型代码，如 qzqd（权责清单）"))
    org: int | None = Field(None, ge=1, le=MAX_ID, description=gettext_noop("公布单位 id"))
    date: QueryDate | None = Field(None, description=gettext_noop("查询该日适用的版本，形如 2020-08-10"))
    page: int = Field(1, ge=1, le=10_000, description=gettext_noop("页码，从 1 开始"))
    page_size: int = Field(20, ge=1, le=100, description=gettext_noop("每页条数"))


class OneListFilters(Schema):
    date: QueryDate | None = Field(None, description=gettext_noop("查询该日适用的版本，形如 2020-08-10"))


class RowFilters(Schema):
    q: str = Field("", max_length=200, pattern=PLAIN_TEXT, description=gettext_noop("在本版本内检索的关键词（空格分隔，须全部包含）"))
    page: int = Field(1, ge=1, le=10_000, description=gettext_noop("页码，从 1 开始"))
    page_size: int = Field(50, ge=1, le=MAX_PAGE_SIZE, description=gettext_noop("每页条数"))


def _absolute(request, name: str, **kwargs) -> str:
    return request.build_absolute_uri(reverse(name, kwargs=kwargs))


def _links(request, count: int, page: int, page_size: int) -> dict:
    def link(number):
        params = request.GET.copy()
        params["page"] = str(number)
        return request.build_absolute_uri(request.path + "?" + urlencode(sorted(params.items())))

    last = max(1, -(-count // page_size))
    return {"count": count, "page": page, "page_size": page_size,
            "next": link(page + 1) if page < last else None, "previous": link(page - 1) if page > 1 else None}


def _public_lists(request):
    lists = DisclosureList.objects.public().select_related("list_type", "organization")
    allowed = site_organization_ids(request)
    return lists if allowed is None else lists.filter(organization_id__in=allowed)


def _version(request, version: Version, today: dt.date) -> dict:
    list_id = version.disclosure_list_id
    return {
        "id": version.pk, "number": version.number, "label": version.label, "effective_from": version.effective_from,
        "effective_to": version.effective_to, "published_at": version.published_at, "note": version.note,
        "row_count": version.rows.count(), "applies_today": version.applies_on(today),
        "url": _absolute(request, "lists:version", list_id=list_id, version_id=version.pk),
        "rows_url": request.build_absolute_uri(f"{reverse('api:list_rows', kwargs={'list_id': list_id, 'version_id': version.pk})}"),
        "xlsx_url": _absolute(request, "lists:download", list_id=list_id, version_id=version.pk, fmt="xlsx"),
        "csv_url": _absolute(request, "lists:download", list_id=list_id, version_id=version.pk, fmt="csv"),
    }


def _list(request, lst: DisclosureList, day: dt.date | None) -> dict:
    today = timezone.localdate()
    versions = list(lst.published_versions())
    on_date = None
    if day is not None:
        on_date = next((v for v in versions if v.applies_on(day)), None)
    return {
        "id": lst.pk, "title": lst.title, "type": lst.list_type.name, "type_code": lst.list_type.code,
        "organization": {"id": lst.organization_id, "name": lst.organization.name},
        "url": _absolute(request, "lists:detail", list_id=lst.pk),
        "versions": [_version(request, v, today) for v in versions],
        "version_on_date": _version(request, on_date, today) if on_date else None,
    }


def _columns(list_type: ListType) -> list[dict]:
    return [{"key": c["key"], "label": c["label"], "kind": c["kind"], "required": bool(c.get("required")),
             "choices": list(c.get("choices", []))} for c in list_type.columns]


@api.get("/list-types", response={200: list[ListTypeOut], **error_responses()}, tags=TAGS, summary=gettext_noop("清单类型"))
def list_types(request):
    return [{"code": t.code, "name": t.name, "group": t.group, "part": t.part, "description": t.description,
             "columns": _columns(t)} for t in ListType.objects.order_by("position", "id")]


@api.get("/lists", response={200: ListPage, **error_responses()}, tags=TAGS, summary=gettext_noop("清单列表"),
         description=gettext_noop("已发布的清单（权责清单、证明事项清单等），每个清单带类型名称、公布单位和各版本的施行日期；"
                     "给出 date 时附该日适用的版本。"))
def lists(request, filters: Query[ListFilters]):
    queryset = _public_lists(request).order_by("list_type__position", "organization__sort_order", "id")
    if filters.type:
        queryset = queryset.filter(list_type__code=filters.type)
    if filters.org:
        queryset = queryset.filter(organization_id=filters.org)
    count = queryset.count()
    start = (filters.page - 1) * filters.page_size
    page = list(queryset[start:start + filters.page_size])
    set_last_modified(request, Version.objects.filter(disclosure_list__in=page, state=Version.State.PUBLISHED)
                      .aggregate(m=Max("published_at"))["m"])
    return {**_links(request, count, filters.page, filters.page_size),
            "results": [_list(request, lst, filters.date) for lst in page]}


@api.get("/lists/{list_id}", response={200: ListOut, **error_responses(404)}, tags=TAGS, summary=gettext_noop("清单详情"))
def list_detail(request, filters: Query[OneListFilters], list_id: int = Path(..., ge=1, le=MAX_ID)):
    lst = get_object_or_404(_public_lists(request), pk=list_id)
    return _list(request, lst, filters.date)


@api.get("/lists/{list_id}/versions/{version_id}/rows", response={200: RowPage, **error_responses(404)},
         tags=TAGS, summary=gettext_noop("清单版本的条目"), url_name="list_rows")
def list_rows(request, filters: Query[RowFilters], list_id: int = Path(..., ge=1, le=MAX_ID),
              version_id: int = Path(..., ge=1, le=MAX_ID)):
    lst = get_object_or_404(_public_lists(request), pk=list_id)
    version = get_object_or_404(lst.versions.filter(state=Version.State.PUBLISHED), pk=version_id)
    rows = version.rows.order_by("position", "id")
    for term in filters.q.split()[:5]:
        rows = rows.filter(text__icontains=term)
    count = rows.count()
    start = (filters.page - 1) * filters.page_size
    set_last_modified(request, version.published_at)
    return {**_links(request, count, filters.page, filters.page_size), "list_id": lst.pk,
            "version": _version(request, version, timezone.localdate()), "columns": _columns(lst.list_type),
            "results": [{"position": row.position, "cells": row.cells} for row in rows[start:start + filters.page_size]]}
