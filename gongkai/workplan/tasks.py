"""Background work of work plans, through the task queue (docs/decisions/0003-task-queue.md)."""

from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext as _
from django_tasks import task


def recipients(organization_ids) -> list[str]:
    """E-mail addresses of the units' staff who report progress, and of the 政务公开办 above them."""
    from gongkai.accounts.models import Membership
    from gongkai.accounts.permissions import PERMISSIONS, SUBTREE_ROLES
    from gongkai.organizations.models import Organization

    ids = set(organization_ids)
    above = set()
    for org in Organization.objects.filter(pk__in=ids):
        above.update(a.pk for a in org.ancestors())
    unit_mail = Membership.objects.filter(organization_id__in=ids, role__in=PERMISSIONS["workplan.report"])
    supervisor_mail = Membership.objects.filter(organization_id__in=ids | above,
                                                role__in=PERMISSIONS["workplan.review"] & SUBTREE_ROLES)
    emails = set()
    for memberships in (unit_mail, supervisor_mail):
        emails.update(memberships.filter(user__is_active=True).exclude(user__email="")
                      .values_list("user__email", flat=True))
    return sorted(emails)


@task()
def send_overdue_notice(occurrence_id: int, today: str) -> int:
    import datetime as dt

    from gongkai.workplan.reporting import overdue_occurrences

    overdue = overdue_occurrences(dt.date.fromisoformat(today))
    entry = next((e for e in overdue if e.occurrence.pk == occurrence_id), None)
    if entry is None:  # reported done in the meantime
        return 0
    to = recipients(org.pk for org in entry.pending)
    if not to:
        return 0
    subject = _("【工作任务逾期】%(plan)s：%(label)s") % {"plan": entry.task.plan.title[:40],
                                                     "label": entry.occurrence.display_label}
    body = _("以下工作任务已超过完成时限（%(due)s），尚未报送完成情况：\n\n%(task)s\n\n未完成单位：%(units)s\n\n"
             "请登录工作台“工作任务”报送进展及佐证材料。") % {
        "due": entry.occurrence.due_on.isoformat(), "task": entry.task.text,
        "units": "、".join(o.name for o in entry.pending)}
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)
    return len(to)
