"""Built-in sub-columns.

- 「政务公开在行动」(沂源县2020年政务公开工作要点 三(四)「加强工作交流」): 工作交流 and 问题通报 — the column is
  the county's 问题“曝光台” and 工作“竞技场”.
- 应急预案 (工作要点 二(一)3 and its 任务分解表's 应急预案 row): the categories and the units the annex names
  for each, read with the work plan's unit matcher (gongkai.workplan.units).
"""

ACTION_TITLE = "政务公开在行动"
ACTION_SLUG = "zwgkzxd"
ACTION_INTRO = ("继续通过县政府网站“政务公开在行动”专栏开展工作交流和问题通报，各级各部门各单位要组织好稿件报送工作，"
                "把专栏办成问题的“曝光台”、工作的“竞技场”。（沂源县2020年政务公开工作要点）")
ACTION_COLUMNS = (("exchange", "工作交流"), ("notices", "问题通报"))

# The 责任单位 cell of the 任务分解表's 应急预案 row, as the county wrote it.
EMERGENCY_ANNEX = (
    "各镇（街道）应急预案：各镇（街道） 县总体预案：县应急局 "
    "县自然灾害类专项预案：县应急局、县综合行政执法局、市生态环境局沂源分局、县农业农村局、县自然资源局 "
    "县事故灾害类专项预案：县应急局、县发展改革局、县公安局、县交通运输局、县住房城乡建设局、县水利局、县市场监管局、"
    "市生态环境局沂源分局、县农业农村局 "
    "县公共卫生类专项预案：县卫生健康局、县农业农村局、县市场监管局 "
    "县社会安全类专项预案：县公安局、县商务局、县发展改革局、县金融证券工作服务中心、县人民银行"
)
# Category labels of the annex → the sub-column names of the 应急预案 专题 (the plan's own categories).
EMERGENCY_NAMES = {
    "县总体预案": "总体预案", "县自然灾害类专项预案": "自然灾害类", "县事故灾害类专项预案": "事故灾难类",
    "县公共卫生类专项预案": "公共卫生类", "县社会安全类专项预案": "社会安全类", "各镇（街道）应急预案": "镇（街道）应急预案",
}
EMERGENCY_ORDER = ("总体预案", "自然灾害类", "事故灾难类", "公共卫生类", "社会安全类", "镇（街道）应急预案")


def emergency_columns(county) -> list[tuple[str, list]]:
    """[(sub-column name, [Organization, …])] of the 应急预案 专题 for `county`'s units."""
    from gongkai.organizations.models import Organization
    from gongkai.organizations.tree import descendant_ids
    from gongkai.workplan.services import default_aliases
    from gongkai.workplan.units import UnitMatcher

    organizations = list(Organization.objects.filter(id__in=descendant_ids([county.pk]), is_active=True)
                         .order_by("sort_order", "id"))
    townships = [o for o in organizations if o.kind == Organization.Kind.TOWNSHIP]
    matcher = UnitMatcher(organizations, townships, default_aliases())
    found = {}
    for label, units in matcher.categories(EMERGENCY_ANNEX):
        name = EMERGENCY_NAMES.get(label, label)
        resolution = matcher.resolve(units)
        found[name] = [*resolution.leads, *resolution.supports]
    return [(name, found.get(name, [])) for name in EMERGENCY_ORDER]
