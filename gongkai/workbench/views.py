"""我的待办: the staff home page."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from gongkai.accounts.access import staff_required
from gongkai.publishing import queries

LIST_LIMIT = 10


@staff_required
@require_GET
def home(request):
    user = request.user
    drafts = queries.my_drafts(user)
    to_review = queries.review_queue(user).exclude(created_by=user)
    to_publish = queries.awaiting_publication(user)
    scheduled = queries.scheduled_items(user)
    lags, lag_problems = queries.publication_lags(user)
    memberships = user.memberships.select_related("organization").order_by("organization__sort_order", "role")
    return render(request, "workbench/home.html", {
        "memberships": memberships,
        "drafts": drafts[:LIST_LIMIT], "draft_count": drafts.count(),
        "to_review": to_review[:LIST_LIMIT], "to_review_count": to_review.count(),
        "to_publish": to_publish[:LIST_LIMIT], "to_publish_count": to_publish.count(),
        "scheduled": scheduled[:LIST_LIMIT], "scheduled_count": scheduled.count(),
        "lags": lags[:LIST_LIMIT], "lag_count": len(lags), "lag_problems": lag_problems,
        "limit": LIST_LIMIT,
    })
