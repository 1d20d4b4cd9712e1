"""我的待办 of work plans, and the unit's notice when the 政务公开办 returns its report.

A responsible unit sees its tasks due within DUE_SOON_DAYS or overdue (not yet reported done in an
accepted report) and its reports returned and not reported again; the 政务公开办 sees the reports
waiting for its review."""

import datetime as dt

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import organization_ids_with
from gongkai.workbench import todo

LIMIT = todo.ROWS_SHOWN
DUE_SOON_DAYS = 7  # a task due within this many days is listed before it is overdue
REPORTER_SUBJECT = "workplan.reporter"  # notifications subject: "<report id>:<user id>"


def _due_group(own: set[int], today: dt.date) -> list:
    from gongkai.workplan.reporting import overdue_occurrences

    # Occurrences due before the horizon that a counted unit of ours has not reported done.
    horizon = today + dt.timedelta(days=DUE_SOON_DAYS + 1)
    entries = overdue_occurrences(horizon, organization_ids=own)
    if not entries:
        return []
    entries.sort(key=lambda e: (e.occurrence.due_on, e.occurrence.pk))
    rows = []
    for entry in entries[:LIMIT]:
        due = entry.occurrence.due_on
        units = "、".join(o.display_name for o in entry.pending)
        if due < today:
            note = _("%(units)s · %(label)s · 已逾期%(days)d天（到期日%(due)s）") % {
                "units": units, "label": entry.occurrence.display_label, "days": (today - due).days, "due": due.isoformat()}
        else:
            note = _("%(units)s · %(label)s · %(due)s到期") % {
                "units": units, "label": entry.occurrence.display_label, "due": due.isoformat()}
        rows.append(todo.Row(entry.task.text[:60], reverse("workplan_staff:task", args=[entry.task.pk]),
                             note, overdue=due < today))
    return [todo.Group(_("到期和逾期的工作任务"), rows, len(entries), reverse("workplan_staff:index"))]


def _returned_group(own: set[int]) -> list:
    from gongkai.workplan.choices import ReportState
    from gongkai.workplan.models import ProgressReport

    # Returned, and the unit has not reported on the task again since.
    later = ProgressReport.objects.filter(task_id=OuterRef("task_id"), organization_id=OuterRef("organization_id"),
                                          submitted_at__gt=OuterRef("submitted_at"))
    returned = (ProgressReport.objects.filter(state=ReportState.RETURNED, organization_id__in=own)
                .exclude(Exists(later)).select_related("task", "organization").order_by("-reviewed_at", "-id"))
    count = returned.count()
    if not count:
        return []
    rows = [todo.Row(r.task.text[:60], reverse("workplan_staff:report", args=[r.pk]),
                     _("%(unit)s · 退回意见：%(comment)s") % {"unit": r.organization.display_name,
                                                          "comment": r.review_comment[:60]})
            for r in returned[:LIMIT]]
    return [todo.Group(_("被退回的进展报告"), rows, count, reverse("workplan_staff:index"))]


def _review_group(reviewable: set[int]) -> list:
    from gongkai.workplan.choices import ReportState
    from gongkai.workplan.models import ProgressReport

    waiting = (ProgressReport.objects.filter(state=ReportState.SUBMITTED, task__plan__organization_id__in=reviewable)
               .select_related("task", "organization").order_by("submitted_at", "id"))
    count = waiting.count()
    if not count:
        return []
    rows = [todo.Row(r.task.text[:60], reverse("workplan_staff:report", args=[r.pk]),
                     _("%(unit)s · 报送于%(on)s") % {"unit": r.organization.display_name,
                                                  "on": timezone.localdate(r.submitted_at).isoformat()})
            for r in waiting[:LIMIT]]
    return [todo.Group(_("待审核的进展报告"), rows, count, reverse("workplan_staff:index"))]


def provider(user) -> list:
    groups = []
    own = organization_ids_with(user, "workplan.report")
    if own:
        groups += _due_group(own, timezone.localdate())
        groups += _returned_group(own)
    reviewable = organization_ids_with(user, "workplan.review")
    if reviewable:
        groups += _review_group(reviewable)
    return groups


# --- the unit's notice of a returned report -----------------------------------------------------------


def reporter_address(subject_id: str, channel: str) -> str:
    """notifications' resolver for "<report id>:<user id>": that staff member's e-mail."""
    from gongkai.accounts.models import User

    if channel != "email":
        return ""
    _report_id, _sep, user_id = subject_id.partition(":")
    user = User.objects.filter(pk=user_id, is_active=True).only("email").first() if user_id.isdigit() else None
    return (user.email if user else "") or ""


def notify_returned(report) -> None:
    """E-mail the unit's staff who report progress (through gongkai.notifications) that the 政务公开办
    returned its report, with the comment."""
    from gongkai.accounts.models import Membership
    from gongkai.accounts.permissions import PERMISSIONS
    from gongkai.notifications import services as notifications
    from gongkai.notifications.models import Channel

    users = (Membership.objects.filter(organization_id=report.organization_id, organization__is_active=True,
                                       role__in=PERMISSIONS["workplan.report"], user__is_active=True)
             .values_list("user_id", flat=True).distinct())
    title = _("【进展报告被退回】%(task)s") % {"task": report.task.text[:40]}
    body = _("%(unit)s报送的进展报告（工作任务：%(task)s）已被政务公开办退回。\n\n审核意见：%(comment)s\n\n"
             "请登录工作台“我的待办”或“工作任务”补充后重新报送。") % {
        "unit": report.organization.name, "task": report.task.text[:200], "comment": report.review_comment}
    for user_id in sorted(set(users)):
        notifications.notify(organization=report.organization, subject_type=REPORTER_SUBJECT,
                             subject_id=f"{report.pk}:{user_id}", channels=(Channel.EMAIL,),
                             message=notifications.Message("workplan.report_returned", title, body, title))
