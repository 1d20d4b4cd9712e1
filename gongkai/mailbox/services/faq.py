"""常见问题 entries (kept per unit, public or not) and the county's mailbox settings."""

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import has_perm
from gongkai.audit.services import record
from gongkai.core.services import ActionRefused
from gongkai.mailbox.models import Faq, MailboxPolicy, Message
from gongkai.mailbox.services.common import county_root, refresh_public_pages
from gongkai.organizations.models import Organization


@transaction.atomic
def save_faq(user, faq: Faq | None, organization: Organization, topic: str, question: str, answer: str,
             is_public: bool = True, source: Message | None = None, request=None) -> Faq:
    if not has_perm(user, "message.faq", organization.pk):
        raise ActionRefused(_("您没有维护该单位常见问题的权限。"))
    if faq is not None and not has_perm(user, "message.faq", faq.organization_id):
        raise ActionRefused(_("您没有维护该单位常见问题的权限。"))
    if not (topic.strip() and question.strip() and answer.strip()):
        raise ActionRefused(_("请填写主题、问题和解答。"))
    created = faq is None
    faq = faq or Faq(source=source)
    faq.organization, faq.topic, faq.question, faq.answer = organization, topic.strip(), question.strip(), answer.strip()
    faq.is_public = is_public
    faq.save()
    record(user, "message.faq_create" if created else "message.faq_update", faq, organization=organization,
           after={"topic": faq.topic, "question": faq.question, "is_public": faq.is_public}, request=request)
    refresh_public_pages()
    return faq


@transaction.atomic
def delete_faq(user, faq: Faq, request=None) -> None:
    if not has_perm(user, "message.faq", faq.organization_id):
        raise ActionRefused(_("您没有维护该单位常见问题的权限。"))
    record(user, "message.faq_delete", faq, organization=faq.organization, before={"question": faq.question},
           request=request)
    faq.delete()
    refresh_public_pages()


@transaction.atomic
def update_policy(user, values: dict, request=None) -> MailboxPolicy:
    root = county_root()
    if not has_perm(user, "message.settings", root.pk if root else None):
        raise ActionRefused(_("只有政务公开办可以修改留言办理设置。"))
    policy = MailboxPolicy.current()
    before = {field: getattr(policy, field) for field in values}
    for field, value in values.items():
        setattr(policy, field, value)
    policy.save()
    record(user, "message.settings", policy, organization=root, before=before,
           after={field: getattr(policy, field) for field in values}, request=request)
    return policy
