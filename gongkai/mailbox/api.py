"""/api/v1/messages: published messages and their replies (no personal data), on the open API.
Registered on gongkai.api's NinjaAPI from MailboxConfig.ready(), so the api app does not import this one."""

import datetime as dt

from django.db.models import Max
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_noop
from ninja import Field, Path, Query, Schema, Status

from gongkai.api.api import api, error_responses, set_last_modified
from gongkai.api.openapi import describe_tag
from gongkai.api.schemas import PageMeta
from gongkai.api.views import Paging, _page_links, _scoped, _window
from gongkai.core.params import MAX_ID
from gongkai.mailbox import queries
from gongkai.mailbox.models import Kind

TAGS = describe_tag("messages", gettext_noop("政民互动：已公开的留言及答复（不含留言人的个人信息）"))

class MessageFilters(Paging):
    org: int | None = Field(None, ge=1, le=MAX_ID, description=gettext_noop("办理单位 id"))
    type: str = Field("", max_length=12, description=gettext_noop("留言类型：consult（咨询）、suggestion（建议）、complaint（投诉）、help（求助）、other（其他）"),
                      json_schema_extra={"enum": ["", *Kind.values]})  # the codes it takes (else a 400)
    year: int | None = Field(None, ge=2000, le=2100, description=gettext_noop("答复年份"))


class MessageOut(Schema):
    id: int
    type: str = Field(description=gettext_noop("留言类型代码"))
    type_label: str = Field(description=gettext_noop("留言类型"))
    unit: str = Field(description=gettext_noop("办理单位"))
    unit_id: int
    asked_on: dt.date = Field(description=gettext_noop("收到留言日期"))
    answered_on: dt.date = Field(description=gettext_noop("答复日期"))
    subject: str
    question: str
    answer: str
    rating: str | None = Field(description=gettext_noop("留言人评价：满意、基本满意、不满意；未评价为 null"))
    url: str


class MessagePage(PageMeta):
    results: list[MessageOut]


def _message(request, m) -> dict:
    text = m.public  # numbers typed into the texts masked (mailbox/public.py)
    return {"id": m.pk, "type": m.kind, "type_label": m.get_kind_display(), "unit": m.organization.name,
            "unit_id": m.organization_id, "asked_on": m.received_on, "answered_on": m.replied_on,
            "subject": text.subject, "question": text.content, "answer": text.reply,
            "rating": m.get_rating_display() if m.rating else None,
            "url": request.build_absolute_uri(m_url(m))}


def unknown_type(code: str):
    """As /documents answers an unknown type= (api/views.py): a 400 naming the values it takes."""
    allowed = "、".join(f"{value}（{label}）" for value, label in Kind.choices)
    return Status(400, {"detail": f"未知的留言类型 type={code[:20]}，可用值：{allowed}。", "params": ["type"]})


def m_url(m) -> str:
    from django.urls import reverse

    return reverse("mailbox:detail", kwargs={"message_id": m.pk})


@api.get("/messages", response={200: MessagePage, **error_responses()}, tags=TAGS, summary=gettext_noop("政民互动留言列表"),
         description=gettext_noop("已公开的群众留言及答复，最新答复在前。不含留言人姓名、联系方式等个人信息。"))
def messages(request, filters: Query[MessageFilters]):
    found = _scoped(request, queries.published())
    if filters.org:
        found = found.filter(organization_id=filters.org)
    if filters.type and filters.type not in Kind.values:
        return unknown_type(filters.type)
    if filters.type:
        found = found.filter(kind=filters.type)
    if filters.year:
        found = found.filter(replied_on__year=filters.year)
    set_last_modified(request, found.aggregate(latest=Max("updated_at"))["latest"])
    return {**_page_links(request, found.count(), filters.page, filters.page_size),
            "results": [_message(request, m) for m in _window(found, filters)]}


@api.get("/messages/{message_id}", response={200: MessageOut, **error_responses(404)}, tags=TAGS,
         summary=gettext_noop("政民互动留言详情"))
def message(request, message_id: int = Path(..., ge=1, le=MAX_ID)):
    found = get_object_or_404(_scoped(request, queries.published()), pk=message_id)
    set_last_modified(request, found.updated_at)
    return _message(request, found)
