"""The organization tree and the 政府信息公开工作机构: the service surface other apps use.

Changing a unit's office details needs permissions and the workbench: `gongkai.workbench.unit_office`
(this app is below accounts, which depends on it)."""

from gongkai.organizations.models import Organization
from gongkai.organizations.tree import descendant_ids, in_tree_order

__all__ = ["OFFICE_FIELDS", "descendant_ids", "find_organization", "in_tree_order"]

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
