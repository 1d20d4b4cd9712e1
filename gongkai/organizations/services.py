"""The organization tree: the service surface other apps use."""

from gongkai.organizations.models import Organization


def descendant_ids(root_ids) -> set[int]:
    """Ids of the given organizations and all organizations below them."""
    parents = dict(Organization.objects.values_list("id", "parent_id"))
    children: dict[int | None, list[int]] = {}
    for org_id, parent_id in parents.items():
        children.setdefault(parent_id, []).append(org_id)
    found, stack = set(), list(root_ids)
    while stack:
        org_id = stack.pop()
        if org_id in found:
            continue
        found.add(org_id)
        stack.extend(children.get(org_id, []))
    return found


def find_organization(ref: str) -> Organization | None:
    """An organization by 统一社会信用代码 or exact name (imports and commands accept either)."""
    ref = (ref or "").strip()
    if not ref:
        return None
    return (
        Organization.objects.filter(credit_code=ref.upper()).first()
        or Organization.objects.filter(name=ref).first()
    )
