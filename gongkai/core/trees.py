"""Parent links of a tree kept as rows (organizations, catalog nodes): the one check that a new parent makes
no loop."""


def makes_loop(parents: dict, node_id, parent_id) -> bool:
    """Whether giving `node_id` the parent `parent_id` would make it its own ancestor, given every row's
    current parent (`parents`: id -> parent id). A loop already among the ancestors counts as one: walking
    it would never end."""
    node, seen = parent_id, set()
    while node is not None:
        if node == node_id or node in seen:
            return True
        seen.add(node)
        node = parents.get(node)
    return False
