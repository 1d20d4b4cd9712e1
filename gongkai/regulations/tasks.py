"""Background work of the register, run through the task queue (docs/decisions/0003-task-queue.md)."""

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext as _
from django_tasks import task


@task()
def sweep_validity(today: str) -> dict:
    """Warn units of documents whose 有效期 ends soon and lapse those whose 有效期 has ended."""
    from gongkai.regulations.expiry import sweep

    return sweep(dt.date.fromisoformat(today))


def recipients_for(organization_id: int) -> list[str]:
    """E-mail addresses of the unit's staff who may renew or amend its documents."""
    from gongkai.accounts.models import Membership
    from gongkai.accounts.permissions import PERMISSIONS

    roles = PERMISSIONS["regulations.manage"] | PERMISSIONS["regulations.change_validity"]
    emails = (
        Membership.objects.filter(organization_id=organization_id, role__in=roles, user__is_active=True)
        .exclude(user__email="").values_list("user__email", flat=True).distinct()
    )
    return sorted(set(emails))


@task()
def send_expiry_warning(event_id: int) -> int:
    from gongkai.regulations.models import Event

    event = Event.objects.select_related("document__item__organization").get(pk=event_id)
    document = event.document
    to = recipients_for(document.item.organization_id)
    if not to:
        return 0
    subject = _("【规范性文件有效期预警】《%(title)s》将于%(date)s届满") % {
        "title": document.title, "date": document.expires_on.isoformat()}
    body = _(
        "《%(title)s》（%(number)s）的有效期至%(date)s。\n"
        "请在届满前完成评估：需要继续执行的，在工作台“规范性文件”中延长有效期；需要修改或废止的，按程序办理。\n"
        "届满未延长的，系统将自动标注为“已失效”。"
    ) % {"title": document.title, "number": document.item.doc_number, "date": document.expires_on.isoformat()}
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)
    return len(to)
