"""The 「政府信息公开」 column itself: 空白栏目, its four parts, and the 指南's 第十二条 contents."""

from django.urls import reverse
from django.utils.translation import gettext_lazy, gettext_noop

from gongkai.catalog.models import Section
from gongkai.catalog.templates_builtin import guide_gaps, root_sections
from gongkai.inspection.indicators import POINTS
from gongkai.inspection.rules.base import Hit, Rule
from gongkai.inspection.rules.catalog_data import facts, node_url
from gongkai.inspection.wording import joined, label, text


class EmptyNodes(Rule):
    code = "empty_nodes"
    title = gettext_lazy("空白栏目（有栏目无内容）")
    indicator = "empty_columns"
    source = gettext_lazy("国办秘函〔2019〕19号 “栏目不更新”：空白栏目（有栏目无内容）；工作要点§9：法定主动公开内容全部公开到位")

    def check(self, context):
        catalog = facts(context)
        for node in catalog.leaves():
            if node.section == Section.GUIDE:  # the 指南 is generated from the unit's details
                continue
            if node.id not in catalog.latest:
                yield Hit(node.organization_id, f"node:{node.id}",
                          text(gettext_noop("“%(path)s”栏目没有已公开的信息（空白栏目）。"), path=node.path),
                          {"urls": [node_url(node)], "counts": {"live_items": 0}})


class ColumnParts(Rule):
    code = "column_parts"
    title = gettext_lazy("「政府信息公开」专栏缺少组成部分")
    indicator = "column_structure"
    source = gettext_lazy("国办公开办函〔2019〕61号：专栏涵盖政府信息公开指南、政府信息公开制度、法定主动公开内容和"
               "政府信息公开工作年度报告四部分；工作要点§9")

    def check(self, context):
        catalog = facts(context)
        for organization in context.organizations:
            present = {n.section for n in catalog.by_organization.get(organization.id, []) if n.parent_id is None}
            expected = root_sections(organization.kind)  # a 党委工作机关 has no 指南, 制度 or 年度报告
            for section, name in Section.choices:
                if section in expected and section not in present:
                    yield Hit(organization.id, f"section:{section}",
                              text(gettext_noop("「政府信息公开」专栏缺少“%(part)s”部分。"), part=label(name)),
                              {"urls": [reverse("portal:org_column", args=[organization.id])]})


class GuideFields(Rule):
    code = "guide_fields"
    title = gettext_lazy("政府信息公开指南缺少第十二条规定的内容")
    indicator = "guide"
    source = gettext_lazy("条例第十二条：指南包括政府信息公开工作机构的名称、办公地址、办公时间、联系电话、传真号码、"
               "互联网联系方式等内容")

    def check(self, context):
        for organization in context.organizations:
            missing = guide_gaps(organization)  # none for a body with no 指南 (a 党委工作机关)
            if missing:
                yield Hit(organization.id, "guide",
                          text(gettext_noop("政府信息公开指南缺少：%(fields)s。"),
                               fields=joined(label(field) for field in missing)),
                          {"urls": [reverse("portal:guide", args=[organization.id])], "missing": missing,
                           "counts": {"missing_fields": len(missing)}},
                          points=POINTS["guide_fields"] * len(missing))
