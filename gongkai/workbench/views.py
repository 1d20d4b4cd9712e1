"""我的待办: the staff home page."""

from django.apps import apps
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gongkai.accounts.access import staff_required
from gongkai.publishing import queries
from gongkai.workbench import todo

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
    memberships = (user.memberships.filter(organization__is_active=True).select_related("organization")
                   .order_by("organization__sort_order", "role"))
    request_rows, request_count, calendar_years = _request_tasks(user)
    return render(request, "workbench/home.html", {
        "request_rows": request_rows, "request_count": request_count,
        "calendar_years": _calendar_years(calendar_years, user),
        "memberships": memberships,
        "drafts": drafts[:LIST_LIMIT], "draft_count": drafts.count(),
        "to_review": to_review[:LIST_LIMIT], "to_review_count": to_review.count(),
        "to_publish": to_publish[:LIST_LIMIT], "to_publish_count": to_publish.count(),
        "scheduled": scheduled[:LIST_LIMIT], "scheduled_count": scheduled.count(),
        "lags": lags[:LIST_LIMIT], "lag_count": len(lags), "lag_problems": lag_problems,
        "limit": LIST_LIMIT,
        "todo_groups": todo.groups(user),
    })


def _request_tasks(user):
    """依申请公开: the user's most urgent due-soon and overdue clocks and how many there are; for an
    administrator, the years whose 放假/调休 days a running case's deadline needs (期限待定) until they are
    entered."""
    if not apps.is_installed("gongkai.requests"):
        return [], 0, {}
    from gongkai.requests import due_board

    years = due_board.pending_calendar_years() if user.is_superuser else {}
    rows, count = due_board.my_summary(user, shown=LIST_LIMIT)
    return rows, count, years


def _calendar_years(request_years: dict[int, int], user) -> list[tuple[int, int, int]]:
    """(year, requests, messages) for each year not entered yet that an open request's or message's
    deadline needs: the administrator is asked to enter it."""
    message_years = todo.pending_years("messages") if user.is_superuser else {}
    return [(year, request_years.get(year, 0), message_years.get(year, 0))
            for year in sorted(set(request_years) | set(message_years))]
