"""Editing a unit's 政府信息公开工作机构 (条例第十二条) and 指南 text: a staff action of the workbench.

It lives here, not in gongkai.organizations, because it checks permissions (gongkai.accounts, which
depends on organizations) and is audited: no import cycle between the apps.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import has_perm
from gongkai.audit.services import record, snapshot
from gongkai.core.sanitize import sanitize_html
from gongkai.core.services import ActionRefused
from gongkai.organizations.models import Organization
from gongkai.organizations.services import OFFICE_FIELDS


@transaction.atomic
def update_office(actor, organization: Organization, data: dict, request=None) -> Organization:
    """Change the unit's 政府信息公开工作机构 details and 指南 text (单位管理员 of that unit).

    Only OFFICE_FIELDS are read from `data`; guide_text is sanitized. Audited before → after."""
    if not has_perm(actor, "org.manage", organization.id):
        raise ActionRefused(_("您没有权限修改该单位的信息（仅限本单位管理员）。"))
    org = Organization.objects.select_for_update().get(pk=organization.pk)
    before = snapshot(org, OFFICE_FIELDS)
    for field in OFFICE_FIELDS:
        if field in data:
            value = data[field]
            setattr(org, field, value.strip() if isinstance(value, str) else (value or ""))
    org.guide_text = sanitize_html(org.guide_text)
    try:
        org.full_clean(exclude=[f.name for f in Organization._meta.concrete_fields if f.name not in OFFICE_FIELDS],
                       validate_unique=False)
    except ValidationError as exc:
        raise ActionRefused(" ".join(m for messages in exc.message_dict.values() for m in messages)) from exc
    org.save(update_fields=OFFICE_FIELDS)
    after = snapshot(org, OFFICE_FIELDS)
    if before != after:
        record(actor, "organization.update_office", org, organization=org, before=before, after=after,
               request=request)
    return org
