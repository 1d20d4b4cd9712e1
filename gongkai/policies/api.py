"""The open API's /api/v1/enterprise-policies (registered on the API object from PoliciesConfig.ready()).

Public data only: the records of live items (published, not withdrawn). `open_on` is a date of the
site's calendar (the client names it; the finder uses timezone.localdate with the site's TIME_ZONE).
"""

import datetime as dt
from typing import Literal

from django.db.models import Max
from django.utils.translation import gettext_noop
from ninja import Field, Query, Schema

from gongkai.api.api import api, error_responses, set_last_modified
from gongkai.api.openapi import choices_description, describe_tag
from gongkai.api.schemas import OrganizationRef, PageMeta, QueryDate
from gongkai.api.views import Paging, _absolute, _page_links, _scoped, _window
from gongkai.core.industries import Industry
from gongkai.policies import services
from gongkai.policies.models import Category, Delivery, Size
from gongkai.publishing.models import InformationItem

IndustryCode = Literal[tuple(Industry.values)]
SizeCode = Literal[tuple(Size.values)]
CategoryCode = Literal[tuple(Category.values)]


TAGS = describe_tag("enterprise-policies", gettext_noop("涉企政策：申请条件、申报材料、办理流程、申报期限等"))

class EnterprisePolicy(Schema):
    id: int
    title: str = Field(description=gettext_noop("政策文件名称"))
    conditions: str = Field(description=gettext_noop("申请条件"))
    materials: list[str] = Field(description=gettext_noop("申报材料清单，每项一条"))
    procedure: list[str] = Field(description=gettext_noop("办理流程，按先后顺序的步骤"))
    department: OrganizationRef | None = Field(description=gettext_noop("承办部门"))
    contact: str = Field(description=gettext_noop("联系方式"))
    starts_on: dt.date | None = Field(description=gettext_noop("申报开始日期"))
    ends_on: dt.date | None = Field(description=gettext_noop("申报截止日期"))
    industries: list[str] = Field(description=gettext_noop("适用行业：GB/T 4754-2017 门类字母，空表示不限行业"))
    sizes: list[str] = Field(json_schema_extra=choices_description(
        gettext_noop("适用企业规模："), Size.choices, gettext_noop("；空表示不限规模")))
    category: str = Field(json_schema_extra=choices_description(gettext_noop("政策类别："), Category.choices))
    delivery: str = Field(json_schema_extra=choices_description(gettext_noop("兑现方式："), Delivery.choices))
    url: str = Field(description=gettext_noop("该政策在网站上的页面（六项信息与政策明白纸）"))


class EnterprisePolicyPage(PageMeta):
    results: list[EnterprisePolicy]


class PolicyFilters(Paging):
    industry: IndustryCode | None = Field(None, description=gettext_noop("行业门类字母（GB/T 4754-2017），含不限行业的政策"))
    size: SizeCode | None = Field(None, description=gettext_noop("企业规模，含不限规模的政策"))
    category: CategoryCode | None = Field(None, description=gettext_noop("政策类别"))
    open_on: QueryDate | None = Field(None, description=gettext_noop("只列出该日在申报期内的政策，如 2026-01-31"))


def _policy(request, policy) -> dict:
    department = policy.department
    return {
        "id": policy.pk, "title": policy.item.title, "conditions": policy.conditions,
        "materials": list(policy.materials), "procedure": list(policy.procedure),
        "department": {"id": department.pk, "name": department.name} if department else None,
        "contact": policy.contact, "starts_on": policy.starts_on, "ends_on": policy.ends_on,
        "industries": policy.industries, "sizes": policy.sizes, "category": policy.category,
        "delivery": policy.delivery, "url": _absolute(request, "policies:detail", policy_id=policy.pk),
    }


@api.get("/enterprise-policies", response={200: EnterprisePolicyPage, **error_responses()},
         tags=TAGS, summary=gettext_noop("涉企政策列表"),
         description=gettext_noop("惠企政策的申请条件、申报材料清单、办理流程、承办部门、联系方式、申报起止时间（工作要点§2），"
                     "按适用行业、企业规模、政策类别和申报日期筛选；最新发布在前。"))
def enterprise_policies(request, filters: Query[PolicyFilters]):
    items = _scoped(request, InformationItem.objects.live())
    found = services.filter_policies(services.public_policies(items), industry=filters.industry or "",
                                     size=filters.size or "", category=filters.category or "",
                                     open_on=filters.open_on).order_by("-item__published_at", "-id")
    set_last_modified(request, found.aggregate(at=Max("updated_at"))["at"])
    return {**_page_links(request, found.count(), filters.page, filters.page_size),
            "results": [_policy(request, p) for p in _window(found, filters)]}
