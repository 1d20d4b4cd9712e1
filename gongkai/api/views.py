"""Endpoints of the open API. Only public data: organizations, catalogs, live (published) documents, and
withdrawn ones by id (their page stays public with the reason). Drafts never leave the database."""

import datetime as dt
from typing import Literal
from urllib.parse import urlencode

from django.db.models import Count, Max, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop
from ninja import Field, Path, Query, Schema, Status

from gongkai.api import schemas
from gongkai.api.api import api, error_responses, set_last_modified
from gongkai.api.openapi import choices_description, describe_tag
from gongkai.catalog.models import CatalogNode
from gongkai.core.forms import is_plain_text
from gongkai.core.params import MAX_ID
from gongkai.core.sanitize import sanitize_html
from gongkai.organizations.models import Organization
from gongkai.portal.queries import site_organization_ids
from gongkai.publishing import validity
from gongkai.publishing.choices import DocType, State, Topic
from gongkai.publishing.models import InformationItem
from gongkai.search import kinds
from gongkai.search import services as search
from gongkai.search.query import MAX_PAGE_SIZE, MAX_RESULT_WINDOW, SearchQuery
from gongkai.search.text import MAX_QUERY_CHARS

TOPICS = dict(Topic.choices)
ORGANIZATIONS = describe_tag("organizations", gettext_noop("机构：本站各机构及其政府信息公开工作机构的联系方式"))
CATALOG = describe_tag("catalog", gettext_noop("政府信息公开目录的栏目"))
DOCUMENTS = describe_tag("documents", gettext_noop("主动公开的政府信息（文件），含已撤回信息的说明"))
SEARCH = describe_tag("search", gettext_noop("站内搜索，与网站的搜索页相同"))


def _validity_schema(schema: dict) -> None:
    """The `validity` parameter's codes, when the schema is made (after every app registered its states)."""
    schema["enum"] = ["", *(code for code, _label in validity.choices())]


def _type_schema(schema: dict) -> None:
    """The `type` parameter's values, when the schema is made: every app has registered its kind by
    then (AppConfig.ready()), and the labels are in the schema's language (api/openapi.py)."""
    choices_description(gettext_noop("类型，可用值："), kinds.choices)(schema)
    schema["enum"] = ["", *(code for code, _label in kinds.choices())]


class Paging(Schema):
    page: int = Field(1, ge=1, le=MAX_RESULT_WINDOW, description=gettext_noop("页码，从 1 开始"))
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE, description=gettext_noop("每页条数"))


class DocumentFilters(Paging):
    q: str = Field("", max_length=MAX_QUERY_CHARS,
                   description=gettext_noop("关键词、文号或索引号（与站内搜索相同）；给出时按相关度排序"))
    org: int | None = Field(None, ge=1, le=MAX_ID, description=gettext_noop("发布机构 id"))
    node: int | None = Field(None, ge=1, le=MAX_ID, description=gettext_noop("目录栏目 id"))
    year: int | None = Field(None, ge=1949, le=2100, description=gettext_noop("发布年份"))
    topic: str = Field("", max_length=20, description=gettext_noop("主题分类代码，如 01"),
                       json_schema_extra={"enum": ["", *Topic.values]})
    doc_type: str = Field("", max_length=50, description=gettext_noop("文种，如 通知"),
                          json_schema_extra={"enum": ["", *DocType.values]})
    validity: str = Field("", max_length=20, description=gettext_noop(
        "有效性代码：not_yet（尚未施行）、valid、amended、repealed、expired"), json_schema_extra=_validity_schema)
    type: str = Field("", max_length=20, json_schema_extra=_type_schema)
    date_from: schemas.QueryDate | None = Field(None, description=gettext_noop("发布日期不早于（含）"))
    date_to: schemas.QueryDate | None = Field(None, description=gettext_noop("发布日期不晚于（含）"))
    sort: Literal["relevance", "date"] = Field("relevance", description=gettext_noop("relevance：按相关度（默认）；date：按发布日期，最新在前"))


def _absolute(request, name: str, **kwargs) -> str:
    return request.build_absolute_uri(reverse(name, kwargs=kwargs))


def _page_links(request, count: int, page: int, page_size: int) -> dict:
    def link(number):
        params = request.GET.copy()
        params["page"] = str(number)
        return request.build_absolute_uri(request.path + "?" + urlencode(sorted(params.items())))

    last = max(1, -(-min(count, MAX_RESULT_WINDOW) // page_size))
    return {"count": count, "page": page, "page_size": page_size,
            "next": link(page + 1) if page < last else None, "previous": link(page - 1) if page > 1 else None}


def _scoped(request, queryset, field="organization_id"):
    allowed = site_organization_ids(request)
    return queryset if allowed is None else queryset.filter(**{f"{field}__in": allowed})


def _window(queryset, paging: Paging):
    start = (paging.page - 1) * paging.page_size
    return queryset[start : start + paging.page_size] if start < MAX_RESULT_WINDOW else queryset.none()


# --- organizations -----------------------------------------------------------------------------------
def _organization(request, org: Organization) -> dict:
    fields = {name: getattr(org, name) for name in (
        "id", "name", "short_name", "kind", "credit_code", "parent_id", "office_name", "office_address",
        "office_hours", "office_phone", "office_fax", "office_email", "office_web", "office_postcode")}
    return {**fields, "kind_label": org.get_kind_display(), "url": _absolute(request, "portal:org_column", org_id=org.id)}


@api.get("/organizations", response={200: schemas.OrganizationPage, **error_responses()}, tags=ORGANIZATIONS, summary=gettext_noop("机构列表"))
def organizations(request, paging: Query[Paging]):
    queryset = _scoped(request, Organization.objects.filter(is_active=True), "id").order_by("sort_order", "id")
    return {**_page_links(request, queryset.count(), paging.page, paging.page_size),
            "results": [_organization(request, org) for org in _window(queryset, paging)]}


@api.get("/organizations/{org_id}", response={200: schemas.Organization, **error_responses(404)}, tags=ORGANIZATIONS, summary=gettext_noop("机构详情"))
def organization(request, org_id: int = Path(..., ge=1, le=MAX_ID)):
    return _organization(request, get_object_or_404(_scoped(request, Organization.objects.all(), "id"), pk=org_id))


# --- catalog -------------------------------------------------------------------------------------------
def _live_filter(prefix: str) -> Q:
    return Q(**{f"{prefix}state": State.PUBLISHED, f"{prefix}published_at__lte": timezone.now(),
                f"{prefix}disclosure_mode": "proactive"})


def _node(request, node: CatalogNode) -> dict:
    return {
        "id": node.id, "organization_id": node.organization_id, "parent_id": node.parent_id, "name": node.name,
        "path": node.path, "section": node.section, "section_label": node.get_section_display(),
        "legal_basis": node.legal_basis, "description": node.description,
        "document_count": getattr(node, "document_count", 0),
        "url": _absolute(request, "portal:node", org_id=node.organization_id, node_id=node.id),
    }


def _nodes():
    return CatalogNode.objects.select_related("parent__parent__parent").annotate(
        document_count=Count("items", filter=_live_filter("items__"), distinct=True))


class NodeFilters(Paging):
    organization: int | None = Field(None, ge=1, le=MAX_ID, description=gettext_noop("只列出该机构的栏目"))


@api.get("/catalog-nodes", response={200: schemas.CatalogNodePage, **error_responses()}, tags=CATALOG, summary=gettext_noop("目录栏目列表"))
def catalog_nodes(request, filters: Query[NodeFilters]):
    queryset = _scoped(request, CatalogNode.objects.all()).order_by("organization_id", "sort_order", "id")
    if filters.organization:
        queryset = queryset.filter(organization_id=filters.organization)
    # The live documents are counted for the page's nodes only: counted (and the total taken) over every node,
    # each request joined every item of the site (0.2 s for 1,400 items; seconds at a province's 100,000).
    page_ids = list(_window(queryset, filters).values_list("id", flat=True))
    nodes = _nodes().in_bulk(page_ids)
    return {**_page_links(request, queryset.count(), filters.page, filters.page_size),
            "results": [_node(request, nodes[node_id]) for node_id in page_ids]}


@api.get("/catalog-nodes/{node_id}", response={200: schemas.CatalogNode, **error_responses(404)}, tags=CATALOG, summary=gettext_noop("目录栏目详情"))
def catalog_node(request, node_id: int = Path(..., ge=1, le=MAX_ID)):
    return _node(request, get_object_or_404(_scoped(request, _nodes()), pk=node_id))


# --- documents ----------------------------------------------------------------------------------------
def _summary(request, item: InformationItem, states: dict[int, str]) -> dict:
    """`states`: `publishing.validity.public_states` of the page's items (the state the public sees)."""
    code = validity.public_validity(item, states)
    return {
        "id": item.id, "index_no": item.index_no or "", "title": item.title, "doc_number": item.doc_number,
        "organization": {"id": item.organization_id, "name": item.organization.name},
        "published_at": item.published_at, "doc_type": item.doc_type, "topic": item.topic,
        "topic_label": str(TOPICS.get(item.topic, "")), "validity": code, "validity_label": validity.label(code),
        "url": _absolute(request, "portal:item", item_id=item.id),
    }


def _unknown_type(code: str):
    if not is_plain_text(code, bidi=False):  # the reason, and no control character echoed back
        return Status(400, {"detail": "请求参数不正确：type。type 不能包含控制字符。", "params": ["type"]})
    allowed = "、".join(code for code, _label in kinds.choices())
    return Status(400, {"detail": f"未知的类型 type={code[:20]}，可用值：{allowed}。", "params": ["type"]})


# Filters with a closed set of codes: an unknown one (a NUL, which PostgreSQL cannot even compare, or a typo
# that would answer an empty page as if nothing matched) is a 400 naming the codes.
# Each coded filter's allowed (code, label) pairs; 有效性 includes the states apps register (尚未施行).
CODED_FILTERS = (("topic", "主题分类", lambda: Topic.choices), ("doc_type", "文种", lambda: DocType.choices),
                 ("validity", "有效性", validity.choices))


def _bad_filter(filters: DocumentFilters):
    """The 400 answer for an unknown type or code, or None when every filter is known."""
    if filters.type and not kinds.known(filters.type):
        return _unknown_type(filters.type)
    for name, label, choices in CODED_FILTERS:
        value = getattr(filters, name)
        allowed_pairs = choices()
        if value and value not in {code for code, _text in allowed_pairs}:
            shown = "".join(c for c in value[:20] if c.isprintable())
            allowed = "、".join(code if code == str(text) else f"{code}（{text}）" for code, text in allowed_pairs)
            return Status(400, {"detail": f"未知的{label} {name}={shown}，可用值：{allowed}。", "params": [name]})
    return None


def _search_query(request, filters: DocumentFilters) -> SearchQuery:
    allowed = site_organization_ids(request)
    return SearchQuery(
        q=filters.q, organization_id=filters.org, node_id=filters.node, year=filters.year, topic=filters.topic,
        doc_type=filters.doc_type, validity=filters.validity, kind=filters.type, date_from=filters.date_from,
        date_to=filters.date_to, page=filters.page, page_size=filters.page_size, sort=filters.sort,
        scope=tuple(sorted(allowed)) if allowed is not None else None,
    )


# Dates a filter is clamped to (no published item lies outside; 0001-01-01 or 9999-12-31 would overflow in
# the conversion to UTC): the answer is the same, and never a 500.
EARLIEST_DAY, LATEST_DAY = dt.date(1900, 1, 1), dt.date(2200, 1, 1)


def _day_start(day: dt.date) -> dt.datetime:
    day = min(max(day, EARLIEST_DAY), LATEST_DAY)
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _published_between(filters) -> dict:
    """The year and date filters as a range of published_at in local time (Asia/Shanghai), so the database
    uses its index on published_at: `published_at__year` / `__date` wrap the column in a function and scan
    every row of a province's table."""
    bounds = {}
    if filters.year:
        bounds = {"published_at__gte": _day_start(dt.date(filters.year, 1, 1)),
                  "published_at__lt": _day_start(dt.date(filters.year + 1, 1, 1))}
    if filters.date_from:
        start = _day_start(filters.date_from)
        bounds["published_at__gte"] = max(start, bounds.get("published_at__gte", start))
    if filters.date_to:
        end = _day_start(min(filters.date_to, LATEST_DAY) + dt.timedelta(days=1))
        bounds["published_at__lt"] = min(end, bounds.get("published_at__lt", end))
    return bounds


@api.get("/documents", response={200: schemas.DocumentPage, **error_responses(503)}, tags=DOCUMENTS, summary=gettext_noop("政府信息列表"),
         description=gettext_noop("正在公开的信息，最新在前；给出 q 时与站内搜索相同（相关度排序）。筛选参数与 /search 相同。"))
def documents(request, filters: Query[DocumentFilters]):
    if (refused := _bad_filter(filters)) is not None:
        return refused
    if filters.q.strip():
        found = search.search(_search_query(request, filters))
        if found.unavailable:
            return Status(503, {"detail": "搜索服务暂时不可用，请稍后再试。"})
        items = [hit.item for hit in found.hits]
        states = validity.public_states([item.id for item in items])
        return {**_page_links(request, found.count, filters.page, filters.page_size),
                "results": [_summary(request, item, states) for item in items]}
    queryset = _scoped(request, InformationItem.objects.live()).select_related("organization")
    for field, value in (("organization_id", filters.org), ("catalog_nodes", filters.node),
                         ("topic", filters.topic), ("doc_type", filters.doc_type)):
        if value:
            queryset = queryset.filter(**{field: value})
    queryset = queryset.filter(**_published_between(filters))
    # A state changed with time (尚未施行 → 有效) changes the answer, and which items a validity filter keeps.
    state_changed = validity.last_changed(queryset.values("pk"))
    if filters.validity:  # the state the public sees: a document not yet in force is not_yet, not valid
        queryset = validity.narrow(queryset, filters.validity)
    if filters.type:
        queryset = kinds.narrow(queryset, filters.type)
    set_last_modified(request, max((moment for moment in (queryset.aggregate(latest=Max("updated_at"))["latest"],
                                                          state_changed) if moment), default=None))
    queryset = queryset.order_by("-published_at", "-id")
    page = list(_window(queryset, filters))
    states = validity.public_states([item.id for item in page])
    return {**_page_links(request, queryset.count(), filters.page, filters.page_size),
            "results": [_summary(request, item, states) for item in page]}


@api.get("/documents/{item_id}", response={200: schemas.DocumentDetail, **error_responses(404)}, tags=DOCUMENTS, summary=gettext_noop("政府信息详情"),
         description=gettext_noop("全部元数据、正文与附件下载地址。已撤回的信息仍可查看（state=withdrawn，附撤回原因）。"))
def document(request, item_id: int = Path(..., ge=1, le=MAX_ID)):
    item = get_object_or_404(
        _scoped(request, InformationItem.objects.public()).select_related("organization")
        .prefetch_related("attachments", "catalog_nodes__parent__parent"),
        pk=item_id,
    )
    attachments = list(item.attachments.all())
    set_last_modified(request, max([item.updated_at, *[a.uploaded_at for a in attachments],
                                    *filter(None, [validity.last_changed([item.pk])])]))
    return {
        **_summary(request, item, validity.public_states([item.pk])),
        "written_on": item.written_on, "keywords": item.keyword_list, "summary": item.summary,
        "body_html": sanitize_html(item.body),
        "catalog_nodes": [{"id": n.id, "name": n.name, "path": n.path} for n in item.catalog_nodes.all()],
        "attachments": [{
            "id": a.id, "name": a.original_name, "content_type": a.content_type, "size": a.size, "sha256": a.sha256,
            "download_url": _absolute(request, "portal:attachment", attachment_id=a.id),
        } for a in attachments],
        "state": item.state, "withdrawal_reason": item.state_reason if item.state == State.WITHDRAWN else "",
        "source_url": item.source_url, "updated_at": item.updated_at,
    }


# --- search -----------------------------------------------------------------------------------------
@api.get("/search", response={200: schemas.SearchPage, **error_responses(503)}, tags=SEARCH, summary=gettext_noop("站内搜索"),
         description=gettext_noop("标题或正文包含关键词的信息都会被找到；文号（括号可写作 〔〕[]()［］（））和索引号精确定位。"
                     "排序：文号/索引号命中、标题命中、正文命中、分散命中，同档内最新在前。"))
def search_documents(request, filters: Query[DocumentFilters]):
    if (refused := _bad_filter(filters)) is not None:
        return refused
    found = search.search(_search_query(request, filters))
    if found.unavailable:
        return Status(503, {"detail": "搜索服务暂时不可用，请稍后再试。"})
    results = [{
        "id": hit.item.id, "index_no": hit.item.index_no or "", "title": hit.item.title,
        "url": _absolute(request, "portal:item", item_id=hit.item.id),
        "organization": {"id": hit.item.organization_id, "name": hit.item.organization.name},
        "published_at": hit.item.published_at, "doc_number": hit.item.doc_number,
        "title_highlight": str(hit.title_html), "highlight": str(hit.snippet_html),
        "attachment": hit.attachment.original_name if hit.attachment else None,
        "validity": hit.validity, "validity_label": hit.validity_label,
    } for hit in found.hits]
    facets = {name: [{"value": v.value, "label": v.label, "count": v.count} for v in values]
              for name, values in found.facets.items()}
    return {**_page_links(request, found.count, filters.page, filters.page_size), "results": results,
            "facets": facets}
