"""涉企政策 not pushed (gongkai.policies): a unit that had enterprise policies to push in a finished quarter
and sent no digest for it."""

from django.urls import reverse
from django.utils.translation import gettext_lazy, gettext_noop

from gongkai.inspection.rules.base import Hit, Rule
from gongkai.inspection.wording import text

# Finished quarters looked at: the last four (a missed push cannot be made up later, like a late publication).
QUARTERS_CHECKED = 4


class PolicyPushMissing(Rule):
    code = "policy_push_missing"
    title = gettext_lazy("涉企政策未按季度集中推送")
    indicator = "enterprise_policies"
    source = gettext_lazy("工作要点§2及任务分解表：各级各部门每季度梳理涉企政策，集中推送辖区及相关企业")
    requires_app = "gongkai.policies"

    def check(self, context):
        from gongkai.policies.quarters import Quarter
        from gongkai.policies.services import missing_pushes

        quarter = Quarter.of(context.today).previous()
        for _n in range(QUARTERS_CHECKED):
            for org_id, count in sorted(missing_pushes(quarter, context.organization_ids).items()):
                yield Hit(org_id, f"quarter:{quarter.year}-{quarter.number}",
                          text(gettext_noop("%(period)s有%(count)s件涉企政策（新出台或仍在申报期内），未整理推送。"),
                               period=text(gettext_noop("%(year)s年第%(quarter)s季度"), year=quarter.year,
                                           quarter=quarter.number), count=count),
                          {"urls": [reverse("policies:finder") + f"?unit={org_id}"],
                           "dates": {"quarter_end": quarter.last_day.isoformat()}, "counts": {"policies": count}})
            quarter = quarter.previous()
