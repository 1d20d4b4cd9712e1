"""The home page's news-like modules (要闻动态, 通知公告, 政策文件, 政策解读, 公众参与 …).

Each module is fed by catalog nodes (by their template key, across every unit of the site) or by 文种.
A site profile may list its own modules in `home_modules`; an empty list means DEFAULT_MODULES.
Modules without items are not shown.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.catalog.templates_builtin import node_templates
from gongkai.publishing import validity
from gongkai.publishing.choices import DocType

MODULE_ITEM_COUNT = 7
MAX_MODULE_ITEM_COUNT = 20

DEFAULT_MODULES = [
    # 图片新闻: the newest items of the nodes that carry a photo, as a grid of pictures with captions
    # (no carousel: nothing moves, so there is nothing to pause; WCAG 2.2.2).
    {"title": _("图片新闻"), "nodes": ["plan.news"], "images": True, "count": 4},
    {"title": _("要闻动态"), "nodes": ["plan.news"]},
    {"title": _("通知公告"), "nodes": ["plan.notices"]},
    {"title": _("政策文件"), "nodes": ["art20.1"]},
    {"title": _("政策解读"), "nodes": ["plan.interpretation"]},
    {"title": _("公众参与"), "nodes": ["plan.decisions", "plan.proposals"]},
    {"title": _("财政预决算"), "nodes": ["art20.7"]},
]


def validate_home_modules(modules) -> None:
    """Raise ValueError (a Chinese message) unless `modules` is a list of well-formed module specs."""
    if not isinstance(modules, list):
        raise ValueError("首页栏目应为列表。")
    keys = {template.key for template in node_templates()}
    doc_types = set(DocType.values)
    for number, module in enumerate(modules, start=1):
        if not isinstance(module, dict) or not isinstance(module.get("title"), str) or not module["title"].strip():
            raise ValueError(f"第{number}个首页栏目缺少标题。")
        nodes, types = module.get("nodes", []), module.get("doc_types", [])
        if not isinstance(nodes, list) or not isinstance(types, list) or not (nodes or types):
            raise ValueError(f"首页栏目「{module['title']}」应至少指定一个目录栏目代码或文种。")
        unknown = [key for key in nodes if key not in keys] + [kind for kind in types if kind not in doc_types]
        if unknown:
            raise ValueError(f"首页栏目「{module['title']}」含有未知的代码：{'、'.join(map(str, unknown))}。")
        if not isinstance(module.get("images", False), bool):
            raise ValueError(f"首页栏目「{module['title']}」的 images 应为 true 或 false。")
        count = module.get("count", MODULE_ITEM_COUNT)
        if not isinstance(count, int) or not 1 <= count <= MAX_MODULE_ITEM_COUNT:
            raise ValueError(f"首页栏目「{module['title']}」的条数应在1到{MAX_MODULE_ITEM_COUNT}之间。")


@dataclass
class Module:
    title: str
    items: list
    more_url: str
    images: bool = False  # 图片新闻: each item comes with `item.photo`, its first image attachment


def module_specs(profile) -> list[dict]:
    return (profile.home_modules if profile is not None and profile.home_modules else None) or DEFAULT_MODULES


def build_modules(request, profile) -> list[Module]:
    """The modules with their newest items; empty modules are left out."""
    from gongkai.portal.queries import items_with_doc_types, items_with_node_keys, with_photos

    modules = []
    for spec in module_specs(profile):
        count = spec.get("count", MODULE_ITEM_COUNT)
        if spec.get("nodes"):
            items = items_with_node_keys(request, spec["nodes"])
            more_url = reverse("portal:by_node_key", args=[spec["nodes"][0]])
        else:
            items = items_with_doc_types(request, spec["doc_types"])
            more_url = reverse("portal:by_doc_type", args=[spec["doc_types"][0]])
        images = spec.get("images", False)
        # A list marks each title as the portal's lists do (「（尚未施行）」, 「（已废止）」), one query a module.
        items = with_photos(items, count) if images else validity.mark_items(items[:count])
        if items:
            modules.append(Module(str(spec["title"]), items, more_url, images))
    return modules
