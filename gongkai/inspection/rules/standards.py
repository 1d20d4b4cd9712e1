"""基层政务公开标准目录 (gongkai.standards): an assigned 公开事项 still empty past its 公开时限, or not updated
within its period (工作要点 §8: 推进基层政务公开标准化规范化情况 is part of the assessment)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy, gettext_noop

from gongkai.inspection.rules.base import Hit, Rule
from gongkai.inspection.wording import label, text


class StandardMattersEmpty(Rule):
    code = "standard_matters_empty"
    title = gettext_lazy("标准目录事项超过公开时限无信息")
    indicator = "empty_columns"
    source = gettext_lazy("沂源县2020年政务公开工作要点第8项：对照26个试点领域标准指引编制政务公开事项标准目录；条例第二十六条："
               "属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内及时公开")
    requires_app = "gongkai.standards"

    def check(self, context):
        from gongkai.standards.services import overdue_matters

        for entry in overdue_matters(context.organization_ids, context.today):
            unit_matter = entry.unit_matter
            assignment = unit_matter.assignment
            title = text(gettext_noop("标准目录“%(domain)s—%(matter)s”事项%(state)s（时限至%(due)s）。"),
                         domain=assignment.domain.name, matter=unit_matter.matter.label,
                         state=label(entry.state_label), due=entry.due.isoformat() if entry.due else "—")
            yield Hit(assignment.organization_id, f"standard:{unit_matter.pk}", title,
                      {"urls": [reverse("standards_staff:unit", args=[assignment.organization_id])],
                       "dates": {"due": entry.due.isoformat() if entry.due else None,
                                 "last_published": entry.latest.isoformat() if entry.latest else None}})
