"""Walking the organization tree. Kept apart from services.py so that accounts.permissions can use it
while organizations.services uses accounts.permissions (no import cycle)."""

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


def in_tree_order(organizations) -> list[tuple[Organization, int]]:
    """(organization, depth) pairs, each organization followed by those below it (sort_order, id).
    Organizations whose parent is not in the list start a new top level."""
    orgs = list(organizations)
    ids = {o.id for o in orgs}
    children: dict[int | None, list[Organization]] = {}
    for o in orgs:
        children.setdefault(o.parent_id if o.parent_id in ids else None, []).append(o)
    for siblings in children.values():
        siblings.sort(key=lambda o: (o.sort_order, o.id))
    result: list[tuple[Organization, int]] = []
    stack = [(o, 0) for o in reversed(children.get(None, []))]
    while stack:
        o, depth = stack.pop()
        result.append((o, depth))
        stack.extend((c, depth + 1) for c in reversed(children.get(o.id, [])))
    return result
