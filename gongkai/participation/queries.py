"""Public reads of the 「公众参与」 column: only published rows, scoped to the site profile's organizations.
Nothing here returns personal data: comments are returned as PublicComment (no name, no contact)."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from gongkai.core.masking import mask_numbers
from gongkai.core.sanitize import html_to_text
from gongkai.participation.models import (
    Comment,
    Consultation,
    DecisionCatalog,
    Event,
    Hearing,
    Meeting,
    PublishState,
)

PUBLISHED = PublishState.PUBLISHED


def _scoped(queryset, organization_ids, field="organization_id"):
    return queryset if organization_ids is None else queryset.filter(**{f"{field}__in": list(organization_ids)})


def consultations(organization_ids=None):
    return _scoped(Consultation.objects.filter(state=PUBLISHED), organization_ids).select_related(
        "organization").annotate(
        comment_total=Count("comments", distinct=True),
        published_total=Count("comments", filter=Q(comments__state=Comment.State.PUBLISHED), distinct=True))


def split_consultations(organization_ids=None, today=None):
    """(open, upcoming, closed) lists: open ones first by closing date, closed ones newest first."""
    today = today or timezone.localdate()
    rows = list(consultations(organization_ids).order_by("-closes_on", "-id"))
    open_ = sorted([c for c in rows if c.opens_on <= today <= c.closes_on and not c.outcome_published_at],
                   key=lambda c: (c.closes_on, c.id))
    upcoming = [c for c in rows if today < c.opens_on]
    closed = [c for c in rows if c.closes_on < today or c.outcome_published_at]
    return open_, upcoming, closed


def hearings(organization_ids=None):
    return _scoped(Hearing.objects.filter(state=PUBLISHED), organization_ids).select_related("organization")


def events(organization_ids=None):
    return _scoped(Event.objects.filter(state=PUBLISHED), organization_ids).select_related("organization")


def meetings(organization_ids=None):
    return _scoped(Meeting.objects.filter(state=PUBLISHED), organization_ids).select_related("organization")


def catalogs(organization_ids=None):
    return _scoped(DecisionCatalog.objects.filter(state=PUBLISHED), organization_ids).select_related("organization")


@dataclass
class PublicComment:
    number: int
    paragraph: int | None
    body: str
    created_at: object


def public_comments(consultation: Consultation) -> list[PublicComment]:
    """Published comments as the public sees them: the text (numbers in it masked), the paragraph and
    the date; never who wrote it."""
    rows = consultation.comments.filter(state=Comment.State.PUBLISHED, may_publish=True).order_by("created_at", "id")
    return [PublicComment(n, c.paragraph, mask_numbers(c.body), c.created_at) for n, c in enumerate(rows, start=1)]


@dataclass
class SearchableConsultation:
    key: str
    title: str
    text: str
    url: str
    published_on: object
    organization_id: int
    organization_name: str
    status_label: str


def search(terms: list[str], organization_ids=None, limit: int = 10) -> list[SearchableConsultation]:
    """Consultations whose title, draft or 起草说明 contains every term (the search page's extra source)."""
    from gongkai.participation.labels import status_label

    terms = [t for t in terms if t]
    if not terms:
        return []
    rows = _scoped(Consultation.objects.filter(state=PUBLISHED), organization_ids).select_related("organization")
    for term in terms:
        rows = rows.filter(Q(title__icontains=term) | Q(draft__icontains=term) | Q(explanation__icontains=term))
    found = []
    for consultation in rows.order_by("-opens_on", "-id"):
        text = html_to_text(consultation.draft)
        haystack = f"{consultation.title} {text} {html_to_text(consultation.explanation)}".lower()
        if all(term.lower() in haystack for term in terms):
            found.append(SearchableConsultation(
                key=f"consultation-{consultation.pk}", title=consultation.title, text=text,
                url=reverse("participation:consultation", kwargs={"consultation_id": consultation.pk}),
                published_on=consultation.opens_on, organization_id=consultation.organization_id,
                organization_name=consultation.organization.name, status_label=status_label(consultation)))
            if len(found) >= limit:
                break
    return found
