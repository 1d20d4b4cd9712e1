"""我的待办: 稿件 waiting for the 政务公开办's review; a unit's 稿件 returned to it."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import organization_ids_with
from gongkai.workbench import todo

LIMIT = 5
RETURNED_DAYS = 30  # a returned 稿件 stays in 我的待办 this long (or until submitted again)


def provider(user) -> list:
    from gongkai.topics.models import Submission, SubmissionState

    groups = []
    managed = organization_ids_with(user, "topics.manage")
    if managed:
        waiting = (Submission.objects.filter(state=SubmissionState.SUBMITTED, column__topic__organization_id__in=managed)
                   .select_related("item", "organization", "column__topic").order_by("submitted_at"))
        count = waiting.count()
        if count:
            rows = [todo.Row(s.item.title, reverse("topics_staff:submission", args=[s.pk]),
                             f"{s.organization.display_name}→{s.column.topic.title}／{s.column.name}")
                    for s in waiting[:LIMIT]]
            groups.append(todo.Group(_("待审核的专题稿件"), rows, count, reverse("topics_staff:index")))
    own = organization_ids_with(user, "topics.submit")
    if own:
        since = timezone.now() - dt.timedelta(days=RETURNED_DAYS)
        returned = (Submission.objects.filter(state=SubmissionState.RETURNED, organization_id__in=own,
                                              decided_at__gte=since)
                    .select_related("item", "column__topic").order_by("-decided_at"))
        count = returned.count()
        if count:
            rows = [todo.Row(s.item.title, reverse("topics_staff:submission", args=[s.pk]),
                             _("退回：%(comment)s") % {"comment": s.comment}) for s in returned[:LIMIT]]
            groups.append(todo.Group(_("被退回的专题稿件"), rows, count, reverse("topics_staff:index")))
    return groups
