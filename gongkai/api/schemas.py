"""Response schemas of the open API. Field names are snake_case and stable: add fields, never rename."""

import datetime as dt
import re
from typing import Annotated

from django.utils.translation import gettext_noop
from ninja import Field, Schema
from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def _iso_date(value):
    """Only YYYY-MM-DD: pydantic would read `date_from=20260101` or `0` as seconds since 1970 (1970-08-23,
    1970-01-01) and answer a wrong page as if the filter were right."""
    if isinstance(value, str) and not ISO_DATE.fullmatch(value):
        raise PydanticCustomError("date_parsing", "date must be YYYY-MM-DD")
    return value


# A date query parameter (filters): the schema's `format: date`, and nothing else accepted.
QueryDate = Annotated[dt.date, BeforeValidator(_iso_date)]


class OrganizationRef(Schema):
    id: int
    name: str = Field(description=gettext_noop("机构全称"))


class Organization(Schema):
    id: int
    name: str = Field(description=gettext_noop("机构全称"))
    short_name: str = Field(description=gettext_noop("简称（可能为空）"))
    kind: str = Field(description=gettext_noop("机构类型代码：government、department、township、zone、institution"))
    kind_label: str = Field(description=gettext_noop("机构类型名称"))
    credit_code: str = Field(description=gettext_noop("统一社会信用代码"))
    parent_id: int | None = Field(description=gettext_noop("上级机构 id"))
    url: str = Field(description=gettext_noop("该机构政府信息公开栏目的网址"))
    office_name: str = Field(description=gettext_noop("政府信息公开工作机构名称"))
    office_address: str
    office_hours: str
    office_phone: str
    office_fax: str
    office_email: str
    office_web: str
    office_postcode: str


class CatalogNode(Schema):
    id: int
    organization_id: int
    parent_id: int | None
    name: str = Field(description=gettext_noop("栏目名称"))
    path: str = Field(description=gettext_noop("栏目路径，如“法定主动公开内容/规范性文件”（与批量导入的 catalog 字段相同）"))
    section: str = Field(description=gettext_noop("所属部分代码：guide、system、statutory、annual_report"))
    section_label: str
    legal_basis: str = Field(description=gettext_noop("设置依据"))
    description: str
    document_count: int = Field(description=gettext_noop("栏目中正在公开的信息条数"))
    url: str


class Attachment(Schema):
    id: int
    name: str = Field(description=gettext_noop("原文件名"))
    content_type: str
    size: int = Field(description=gettext_noop("字节数"))
    sha256: str
    download_url: str = Field(description=gettext_noop("公开下载地址"))


class DocumentSummary(Schema):
    id: int
    index_no: str = Field(description=gettext_noop("索引号"))
    title: str = Field(description=gettext_noop("名称"))
    doc_number: str = Field(description=gettext_noop("发文字号"))
    organization: OrganizationRef = Field(description=gettext_noop("发布机构"))
    published_at: dt.datetime = Field(description=gettext_noop("发布日期（带时区，Asia/Shanghai）"))
    doc_type: str = Field(description=gettext_noop("文种"))
    topic: str = Field(description=gettext_noop("主题分类代码"))
    topic_label: str = Field(description=gettext_noop("主题分类名称"))
    validity: str = Field(description=gettext_noop("有效性代码：not_yet（尚未施行：规范性文件施行日期之前）、valid、amended、repealed、"
                                                   "expired 或空；与公开页面所示一致"))
    validity_label: str = Field(description=gettext_noop("有效性名称，如 尚未施行、有效"))
    url: str = Field(description=gettext_noop("信息页面网址"))


class CatalogRef(Schema):
    id: int
    name: str
    path: str


class DocumentDetail(DocumentSummary):
    written_on: dt.date | None = Field(description=gettext_noop("成文日期"))
    keywords: list[str] = Field(description=gettext_noop("主题词"))
    summary: str = Field(description=gettext_noop("内容概述"))
    body_html: str = Field(description=gettext_noop("正文（已净化的 HTML）"))
    catalog_nodes: list[CatalogRef] = Field(description=gettext_noop("所属目录栏目"))
    attachments: list[Attachment]
    state: str = Field(description=gettext_noop("published（已发布）或 withdrawn（已撤回，页面保留并说明原因）"))
    withdrawal_reason: str = Field(description=gettext_noop("撤回原因（仅 withdrawn）"))
    source_url: str = Field(description=gettext_noop("原网站地址（迁移的信息）"))
    updated_at: dt.datetime


class SearchHit(Schema):
    id: int
    index_no: str
    title: str
    url: str
    organization: OrganizationRef
    published_at: dt.datetime
    doc_number: str
    title_highlight: str = Field(description=gettext_noop("名称，命中处以 <mark> 标出（HTML，已转义）"))
    highlight: str = Field(description=gettext_noop("正文摘要，命中处以 <mark> 标出（HTML，已转义）"))
    attachment: str | None = Field(None, description=gettext_noop("关键词只出现在附件中时，该附件的文件名（摘要取自附件文字）"))
    validity: str = Field("", description=gettext_noop("有效性代码（规范性文件）：not_yet、valid、amended、repealed、expired；"
                                                       "其他信息为空；与公开页面所示一致"))
    validity_label: str = Field("", description=gettext_noop("有效性名称，如 尚未施行、有效；其他信息为空"))


class FacetValue(Schema):
    value: str = Field(description=gettext_noop("用作同名筛选参数的值"))
    label: str
    count: int


class Facets(Schema):
    kind: list[FacetValue] = []
    organization: list[FacetValue] = []
    node: list[FacetValue] = []
    year: list[FacetValue] = []
    topic: list[FacetValue] = []
    doc_type: list[FacetValue] = []
    validity: list[FacetValue] = []


class PageMeta(Schema):
    count: int = Field(description=gettext_noop("符合条件的总条数"))
    page: int
    page_size: int
    next: str | None = Field(description=gettext_noop("下一页地址"))
    previous: str | None = Field(description=gettext_noop("上一页地址"))


class OrganizationPage(PageMeta):
    results: list[Organization]


class CatalogNodePage(PageMeta):
    results: list[CatalogNode]


class DocumentPage(PageMeta):
    results: list[DocumentSummary]


class SearchPage(PageMeta):
    results: list[SearchHit]
    facets: Facets


class Error(Schema):
    detail: str = Field(description=gettext_noop("中文说明"))
    params: list[str] = Field([], description=gettext_noop("不正确的参数名（仅 400）"))
