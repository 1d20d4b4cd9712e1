"""The left-hand catalog tree of a unit's 「政府信息公开」 column (collapsible on phones).

The four parts are always listed and linked; the 法定主动公开内容 part is always expanded one level;
deeper levels open along the path to the current node, so its siblings stay reachable. A node without
live items is listed with 「暂无信息」 and no link: a reader never lands on an empty page from the tree.
"""

from dataclasses import dataclass, field

from gongkai.catalog.models import Section
from gongkai.portal.queries import CatalogIndex, TreeNode


@dataclass
class SideNode:
    id: int
    name: str
    url: str | None  # None: nothing published yet (「暂无信息」)
    count: int | None  # None: not counted (the generated 指南)
    current: bool
    children: list["SideNode"] = field(default_factory=list)


def sidebar(index: CatalogIndex, current_node_id: int | None = None, current_section: str | None = None):
    """The tree for `index` with the current node (or the current part, for the part pages) marked."""
    on_path = {node.id for node in index.path(current_node_id)} if current_node_id else set()

    def build(tree_node: TreeNode, depth: int) -> SideNode:
        node = tree_node.node
        is_part = depth == 0
        expand = (is_part and node.section == Section.STATUTORY) or tree_node.id in on_path
        current = tree_node.id == current_node_id or (
            is_part and current_node_id is None and node.section == current_section)
        linked = is_part or tree_node.count > 0 or current
        return SideNode(
            id=tree_node.id,
            name=node.shown_name,
            url=tree_node.url if linked else None,
            count=None if node.section == Section.GUIDE and is_part else tree_node.count,
            current=current,
            children=[build(child, depth + 1) for child in tree_node.children] if expand else [],
        )

    return [build(root, 0) for root in index.roots]
