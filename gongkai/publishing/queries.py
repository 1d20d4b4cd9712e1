"""Read-side queries for the staff pages (workbench, lists, review queue).

Every query takes the user and returns only items of organizations on which the user holds the
needed permission (gongkai.accounts.permissions).
"""

from dataclasses import dataclass

from django.utils import timezone

from gongkai.accounts.permissions import organization_ids_with
from gongkai.publishing.choices import DisclosureMode, State
from gongkai.publishing.lag import item_publication_lag, may_be_late
from gongkai.publishing.models import InformationItem
from gongkai.workdays.calendar import UnknownYearError, WorkdayCalendar
from gongkai.workdays.clocks import PublicationLag


def visible_items(user, perm: str = "item.view"):
    return InformationItem.objects.filter(organization_id__in=organization_ids_with(user, perm)).select_related(
        "organization", "created_by"
    )


def my_drafts(user):
    """Drafts and returned items the user drafted, in units where the user may still edit them."""
    return visible_items(user, "item.edit").filter(
        created_by=user, state__in=[State.DRAFT, State.RETURNED]
    ).order_by("-updated_at")


def review_queue(user):
    """Submitted items in units where the user is 审核员."""
    return visible_items(user, "item.review").filter(state=State.SUBMITTED).order_by("state_changed_at", "id")


def awaiting_publication(user):
    """主动公开 items approved (保密审查 done) but not yet published, in units where the user may publish."""
    return visible_items(user, "item.publish").filter(
        state=State.APPROVED, disclosure_mode=DisclosureMode.PROACTIVE
    ).order_by("state_changed_at", "id")


def scheduled_items(user, now=None):
    now = now or timezone.now()
    return visible_items(user).filter(state=State.PUBLISHED, published_at__gt=now).order_by("published_at")


@dataclass(frozen=True)
class LaggingItem:
    item: InformationItem
    lag: PublicationLag


def publication_lags(user, now=None) -> tuple[list[LaggingItem], list[str]]:
    """Items published after their period (条例第二十六条: 20 working days after the 形成或变更日期, or
    the period of the law their catalog node names, publishing.lag).

    Returns the late items (latest publication first) and the messages of years the working-day
    calendar does not know (those items cannot be judged until an administrator enters the year).
    """
    now = now or timezone.now()
    # Items that were public (withdrawn ones too, not one withdrawn before its scheduled time: never published).
    items = visible_items(user).public(now=now).filter(
        # Items published sooner cannot be late, so only the rest go through the working-day calendar.
        may_be_late(),
    ).prefetch_related("catalog_nodes").order_by("-published_at", "-id")
    cal = WorkdayCalendar()
    late, problems = [], {}
    for item in items:
        try:
            lag = item_publication_lag(item, cal)
        except UnknownYearError as exc:
            problems[exc.year] = str(exc)
            continue
        if lag.is_late:
            late.append(LaggingItem(item=item, lag=lag))
    return late, [problems[year] for year in sorted(problems)]


def live_texts(organization_ids):
    """Live items of the organizations with the fields a text check reads (gongkai.assurance's 严重错误 rule),
    streamed."""
    return (InformationItem.objects.live().filter(organization_id__in=list(organization_ids))
            .only("id", "organization_id", "title", "summary", "body", "formed_on").order_by("id").iterator(2000))
