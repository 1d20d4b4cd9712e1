"""Reading: what a staff user may open, the published 复文, the years, and the search of replies."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from gongkai.accounts.permissions import organization_ids_with
from gongkai.core.masking import mask_numbers
from gongkai.core.sanitize import html_to_text, sanitize_html, xml_text
from gongkai.proposals.models import Proposal, Summary


def public_text(text: str) -> str:
    """A stored text as the public pages and the feed show it: resident ID and mobile numbers masked, and
    no character XML cannot hold (rows stored before the services refused them)."""
    return mask_numbers(xml_text(text))


def public_html(body: str) -> str:
    """A stored 复文 or 总体情况 body as published: sanitized, then as public_text (not yet marked safe)."""
    return public_text(sanitize_html(body))


def visible_proposals(user):
    """The proposals a staff user may open: the register keeper's all; a unit's those it leads or helps."""
    org_ids = organization_ids_with(user, "proposal.view") | organization_ids_with(user, "proposal.register")
    return Proposal.objects.filter(Q(lead_unit_id__in=org_ids) | Q(co_units__in=org_ids)).distinct()


def public_replies():
    return Proposal.objects.filter(state=Proposal.State.REPLIED, disclosure=Proposal.Disclosure.PUBLIC)


def years() -> list[int]:
    found = set(Proposal.objects.values_list("year", flat=True).distinct())
    found |= set(Summary.objects.filter(state=Summary.State.PUBLISHED).values_list("year", flat=True))
    return sorted(found, reverse=True)


@dataclass(frozen=True)
class SearchableReply:
    title: str
    url: str
    published_on: dt.date
    label: str
    unit: str


def search_replies(terms: list[str], organization_ids=None, limit: int = 10) -> list[SearchableReply]:
    """Published 复文 whose title or reply contains every term (search/extra.py)."""
    terms = [t for t in terms if t]
    if not terms:
        return []
    found = public_replies()
    if organization_ids is not None:
        found = found.filter(lead_unit_id__in=list(organization_ids))
    for term in terms:
        found = found.filter(Q(title__icontains=term) | Q(reply__icontains=term))
    results = []
    for proposal in found.select_related("lead_unit").order_by("-published_at")[: limit * 3]:
        # As published: a number masked on the page is not found by typing it in full.
        text = public_text(f"{proposal.title} {html_to_text(proposal.reply)}").lower()
        if all(term.lower() in text for term in terms):
            results.append(SearchableReply(
                title=public_text(proposal.title), url=reverse("proposals:reply", kwargs={"proposal_id": proposal.pk}),
                published_on=timezone.localdate(proposal.published_at), label=str(proposal.label),
                unit=proposal.lead_unit.name))
        if len(results) >= limit:
            break
    return results
