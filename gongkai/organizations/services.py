"""The organization tree and the 政府信息公开工作机构: the service surface other apps use."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import has_perm
from gongkai.audit.services import record, snapshot
from gongkai.core.sanitize import sanitize_html
from gongkai.core.services import ActionRefused
from gongkai.organizations.models import Organization
from gongkai.organizations.tree import descendant_ids, in_tree_order

__all__ = ["OFFICE_FIELDS", "descendant_ids", "find_organization", "in_tree_order", "update_office"]

# The 政府信息公开工作机构 of 条例第十二条, plus the unit's own text for its 指南.
OFFICE_FIELDS = ["office_name", "office_address", "office_hours", "office_phone", "office_fax", "office_email",
                 "office_web", "office_postcode", "guide_text"]


def find_organization(ref: str) -> Organization | None:
    """An organization by 统一社会信用代码 or exact name (imports and commands accept either)."""
    ref = (ref or "").strip()
    if not ref:
        return None
    return (
        Organization.objects.filter(credit_code=ref.upper()).first()
        or Organization.objects.filter(name=ref).first()
    )


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
