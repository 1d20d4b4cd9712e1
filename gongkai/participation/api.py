"""Open API endpoints of 公众参与 (registered on the project's API object when the app is ready):
`/api/v1/consultations` and `/api/v1/decision-catalogs`. Public data only: no commenter, no registrant."""

import datetime as dt
from typing import Literal

from django.db.models import Max
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop
from ninja import Field, Path, Query, Schema

from gongkai.api.api import api, error_responses, set_last_modified
from gongkai.api.openapi import describe_tag
from gongkai.core.params import MAX_ID
from gongkai.participation import queries
from gongkai.participation.models import DecisionEntry
from gongkai.portal.queries import site_organization_ids

MAX_PAGE_SIZE = 100
STATUSES = ("open", "upcoming", "closed", "outcome_published")
# The order the list shows them in, as the portal's 公众参与 page does: open, then upcoming, then the rest.
_RANK = {"open": 0, "upcoming": 1}


TAGS = describe_tag("participation", gettext_noop("公众参与：征求意见和重大行政决策事项目录"))

class OrganizationRef(Schema):
    id: int
    name: str


class Consultation(Schema):
    id: int
    title: str
    organization: OrganizationRef
    opens_on: dt.date = Field(description=gettext_noop("开始日期"))
    closes_on: dt.date = Field(description=gettext_noop("截止日期（延长后的）"))
    status: Literal["open", "upcoming", "closed", "outcome_published"] = Field(
        description=gettext_noop("open：征求意见中；upcoming：已发布、尚未开始；closed：已结束；"
                                 "outcome_published：已结束且意见收集采纳情况已发布"))
    comment_count: int = Field(description=gettext_noop("收到的意见总数（各渠道）"))
    published_comment_count: int = Field(description=gettext_noop("已公开的意见数"))
    outcome_url: str | None = Field(description=gettext_noop("意见收集采纳情况的网址（未发布时为 null）"))
    url: str = Field(description=gettext_noop("征求意见页面的网址"))


class ConsultationPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[Consultation]


class Paging(Schema):
    page: int = Field(1, ge=1, le=10_000, description=gettext_noop("页码，从 1 开始"))
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE, description=gettext_noop("每页条数"))
    status: Literal["", "open", "upcoming", "closed", "outcome_published"] = Field("", description=gettext_noop("只列出该状态"))
    org: int | None = Field(None, ge=1, le=MAX_ID, description=gettext_noop("征求意见单位 id"))


class CatalogEntry(Schema):
    number: int = Field(description=gettext_noop("序号"))
    title: str = Field(description=gettext_noop("事项名称"))
    lead_unit: str = Field(description=gettext_noop("承办单位"))
    basis: str = Field(description=gettext_noop("决策依据"))
    planned_time: str = Field(description=gettext_noop("拟决策时间"))
    needs_hearing: bool = Field(description=gettext_noop("是否听证"))
    needs_consultation: bool = Field(description=gettext_noop("是否征求意见"))
    status: Literal["planned", "consulting", "decided", "adjusted", "terminated"]
    status_label: str = Field(description=gettext_noop("拟决策 / 征求意见中 / 已决策 / 已调整 / 已终止"))
    status_reason: str = Field(description=gettext_noop("调整或终止的原因"))
    consultation_urls: list[str]
    decision_url: str | None = Field(description=gettext_noop("决策文件（政府信息）的网址"))
    evaluated: bool = Field(description=gettext_noop("是否已完成后评估"))
    evaluation_conclusion: str


class DecisionCatalog(Schema):
    id: int
    organization: OrganizationRef
    year: int
    standard: str = Field(description=gettext_noop("重大行政决策事项标准"))
    published_at: dt.datetime | None
    url: str
    entries: list[CatalogEntry]


class CatalogFilters(Schema):
    year: int | None = Field(None, ge=2000, le=2100, description=gettext_noop("年度"))
    org: int | None = Field(None, ge=1, le=MAX_ID, description=gettext_noop("决策机关 id"))


def _absolute(request, name: str, **kwargs) -> str:
    return request.build_absolute_uri(reverse(name, kwargs=kwargs))


def _consultation(request, consultation, today) -> dict:
    url = _absolute(request, "participation:consultation", consultation_id=consultation.pk)
    return {
        "id": consultation.pk, "title": consultation.title,
        "organization": {"id": consultation.organization_id, "name": consultation.organization.name},
        "opens_on": consultation.opens_on, "closes_on": consultation.closes_on,
        "status": consultation.public_status(today), "comment_count": consultation.comment_total,
        "published_comment_count": consultation.published_total,
        "outcome_url": url + "#outcome" if consultation.outcome_published_at else None, "url": url,
    }


@api.get("/consultations", response={200: ConsultationPage, **error_responses()}, tags=TAGS,
         summary=gettext_noop("征求意见列表"),
         description=gettext_noop("已发布的公开征求意见：征求意见中的在前，其次是尚未开始的，其余在后；各组内按截止日期倒序。"))
def consultations(request, filters: Query[Paging]):
    today = timezone.localdate()
    rows = queries.consultations(site_organization_ids(request))
    if filters.org:
        rows = rows.filter(organization_id=filters.org)
    set_last_modified(request, rows.aggregate(latest=Max("updated_at"))["latest"])
    found = [c for c in rows.order_by("-closes_on", "-id") if not filters.status or c.public_status(today) == filters.status]
    found.sort(key=lambda c: _RANK.get(c.public_status(today), 2))
    start = (filters.page - 1) * filters.page_size
    return {"count": len(found), "page": filters.page, "page_size": filters.page_size,
            "results": [_consultation(request, c, today) for c in found[start:start + filters.page_size]]}


@api.get("/consultations/{consultation_id}", response={200: Consultation, **error_responses(404)},
         tags=TAGS, summary=gettext_noop("征求意见详情"))
def consultation(request, consultation_id: int = Path(..., ge=1, le=MAX_ID)):
    found = get_object_or_404(queries.consultations(site_organization_ids(request)), pk=consultation_id)
    return _consultation(request, found, timezone.localdate())


def _catalog(request, catalog) -> dict:
    entries = []
    for entry in catalog.entries.order_by("number").prefetch_related("consultations"):
        entries.append({
            "number": entry.number, "title": entry.title, "lead_unit": entry.lead_unit, "basis": entry.basis,
            "planned_time": entry.planned_time, "needs_hearing": entry.needs_hearing,
            "needs_consultation": entry.needs_consultation, "status": entry.status,
            "status_label": str(DecisionEntry.Status(entry.status).label), "status_reason": entry.status_reason,
            "consultation_urls": [_absolute(request, "participation:consultation", consultation_id=c.pk)
                                  for c in entry.consultations.all() if c.state == "published"],
            "decision_url": _absolute(request, "portal:item", item_id=entry.decision_item_id)
            if entry.decision_item_id else None,
            "evaluated": entry.evaluated, "evaluation_conclusion": entry.evaluation_conclusion if entry.evaluated else "",
        })
    return {"id": catalog.pk, "organization": {"id": catalog.organization_id, "name": catalog.organization.name},
            "year": catalog.year, "standard": catalog.standard, "published_at": catalog.published_at,
            "url": _absolute(request, "participation:catalog", org_id=catalog.organization_id, year=catalog.year),
            "entries": entries}


@api.get("/decision-catalogs", response={200: list[DecisionCatalog], **error_responses()}, tags=TAGS,
         summary=gettext_noop("重大行政决策事项目录"), description=gettext_noop("各级政府按年度发布的重大行政决策事项目录及其事项。"))
def decision_catalogs(request, filters: Query[CatalogFilters]):
    rows = queries.catalogs(site_organization_ids(request)).order_by("-year", "organization_id")
    if filters.year:
        rows = rows.filter(year=filters.year)
    if filters.org:
        rows = rows.filter(organization_id=filters.org)
    rows = list(rows[:200])
    set_last_modified(request, max((c.updated_at for c in rows), default=None))
    return [_catalog(request, catalog) for catalog in rows]
