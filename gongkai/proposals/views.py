"""Public 建议提案办理 column (/jyta/): per year the register with each published 复文, and the published
办理总体情况 of the county and of each unit."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from gongkai.organizations.models import Organization
from gongkai.proposals import services
from gongkai.proposals.models import Kind, Proposal, Summary


@require_safe
def index(request, year: int | None = None):
    years = services.years()
    if year is None:
        year = years[0] if years else None
    elif year not in years:
        raise Http404
    proposals = list(Proposal.objects.filter(year=year).select_related("lead_unit").order_by("kind", "number")) if year else []
    summaries = list(Summary.objects.filter(year=year, state=Summary.State.PUBLISHED).select_related("organization")
                     .order_by("organization__name")) if year else []
    for proposal in proposals:  # as every public output shows them (services.public_text): rows stored earlier too
        proposal.public_title = services.public_text(proposal.title)
        proposal.public_reason = services.public_text(proposal.withheld_reason)
    groups = [(label, [p for p in proposals if p.kind == value]) for value, label in Kind.choices]
    return render(request, "proposals/index.html", {
        "years": years, "year": year, "groups": [g for g in groups if g[1]],
        "county_summary": next((s for s in summaries if s.organization_id is None), None),
        "unit_summaries": [s for s in summaries if s.organization_id is not None],
    })


@require_safe
def reply(request, proposal_id: int):
    proposal = get_object_or_404(services.public_replies().select_related("lead_unit"), pk=proposal_id)
    return render(request, "proposals/reply.html", {
        "proposal": proposal, "co_units": list(proposal.co_units.order_by("name")),
        "proposers": services.public_text(proposal.proposers), "title": services.public_text(proposal.title),
        "body": mark_safe(services.public_html(proposal.reply)),
    })


@require_safe
def summary(request, year: int, org_id: int | None = None):
    organization = get_object_or_404(Organization, pk=org_id) if org_id is not None else None
    found = get_object_or_404(Summary, year=year, organization=organization, state=Summary.State.PUBLISHED)
    return render(request, "proposals/summary.html", {
        "summary": found, "figures": found.figures, "body": mark_safe(services.public_html(found.body))})
