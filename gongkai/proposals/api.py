"""`/api/v1/proposals` of the open API: the register of 建议提案 with the link to each published 复文. No
personal data: the 代表/委员 are not listed (their names are the congress's to publish), nor unpublished text."""

from django.urls import reverse
from django.utils.translation import gettext, gettext_noop
from ninja import Field, Query, Schema

from gongkai.api.api import api, error_responses, set_last_modified
from gongkai.api.openapi import describe_tag
from gongkai.proposals import services
from gongkai.proposals.models import Classification, Kind, Proposal
from gongkai.workdays import statute

KINDS, CLASSES = dict(Kind.choices), dict(Classification.choices)


TAGS = describe_tag("proposals", gettext_noop("人大代表建议和政协提案的办理情况及已公开的复文"))

class ProposalFilters(Schema):
    year: int | None = Field(None, ge=2000, le=2100, description=gettext_noop("年度"))
    kind: Kind | None = Field(None, description=gettext_noop("类别：suggestion（人大代表建议）、proposal（政协提案）"))
    page: int = Field(1, ge=1, le=1000, description=gettext_noop("页码，从 1 开始"))
    page_size: int = Field(50, ge=1, le=200, description=gettext_noop("每页条数"))


class Unit(Schema):
    id: int
    name: str


class ProposalOut(Schema):
    year: int
    kind: str = Field(description=gettext_noop("suggestion 或 proposal"))
    kind_label: str
    number: int
    title: str
    lead_unit: Unit = Field(description=gettext_noop("主办单位"))
    co_units: list[Unit] = Field(description=gettext_noop("协办单位"))
    assigned_on: str = Field(description=gettext_noop("交办日期"))
    due_on: str = Field(json_schema_extra=lambda schema: schema.update(description=gettext(
        "答复期限（自交办之日起%(months)s个月，涉及面广、处理难度大的%(complex)s个月）") % {
        "months": statute.PROPOSAL_REPLY_MONTHS, "complex": statute.PROPOSAL_COMPLEX_REPLY_MONTHS}))
    state: str = Field(description=gettext_noop("handling（办理中）或 replied（已答复）"))
    replied_on: str | None
    classification: str | None = Field(description=gettext_noop("A、B、C 或空（未答复）"))
    classification_label: str | None
    reply_url: str | None = Field(description=gettext_noop("已公开复文的网页地址；未公开为空"))


class ProposalPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[ProposalOut]


def _out(request, proposal: Proposal) -> dict:
    replied = proposal.state == Proposal.State.REPLIED
    return {
        "year": proposal.year, "kind": proposal.kind, "kind_label": str(KINDS[proposal.kind]),
        "number": proposal.number, "title": services.public_text(proposal.title),
        "lead_unit": {"id": proposal.lead_unit_id, "name": proposal.lead_unit.name},
        "co_units": [{"id": o.pk, "name": o.name} for o in proposal.co_units.all()],
        "assigned_on": proposal.assigned_on.isoformat(), "due_on": proposal.due_on.isoformat(),
        "state": proposal.state, "replied_on": proposal.replied_on.isoformat() if replied else None,
        "classification": proposal.classification if replied else None,
        "classification_label": str(CLASSES[proposal.classification]) if replied and proposal.classification else None,
        "reply_url": request.build_absolute_uri(reverse("proposals:reply", kwargs={"proposal_id": proposal.pk}))
        if proposal.is_public else None,
    }


@api.get("/proposals", response={200: ProposalPage, **error_responses()}, tags=TAGS,
         summary=gettext_noop("建议提案办理"), description=gettext_noop("人大代表建议和政协提案的登记、主办与协办单位、办理结果分类和已公开复文的链接。"))
def proposals(request, filters: Query[ProposalFilters]):
    found = Proposal.objects.select_related("lead_unit").prefetch_related("co_units").order_by("-year", "kind", "number")
    if filters.year:
        found = found.filter(year=filters.year)
    if filters.kind:
        found = found.filter(kind=filters.kind)
    count = found.count()
    latest = found.order_by("-updated_at").values_list("updated_at", flat=True).first()
    set_last_modified(request, latest)
    start = (filters.page - 1) * filters.page_size
    return {"count": count, "page": filters.page, "page_size": filters.page_size,
            "results": [_out(request, p) for p in found[start:start + filters.page_size]]}
