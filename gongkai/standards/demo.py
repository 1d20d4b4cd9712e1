"""Demo data of the standard catalog, loaded by `gongkai load_demo`: the 26 领域 with their 事项;
财政预决算 assigned to 县财政局, 县教育和体育局, 县文化和旅游局 and 南麻街道, 义务教育 to 县教育和体育局 and
南麻街道 (on 2020-09-01, after the work plan); some 事项 covered by items published in their nodes, others
left empty so the 2020 county view and the inspection show them past their 时限; 南麻街道 marks one 事项
不适用 and adds one of its own. Idempotent: assignments and items are only created when missing."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from gongkai.accounts.models import User
from gongkai.organizations.models import Organization
from gongkai.publishing.models import InformationItem
from gongkai.publishing.services import record_migrated_item
from gongkai.standards import services
from gongkai.standards.models import Assignment, Domain, UnitMatter

SUPERVISOR = "gkb"
TOWNSHIP_ADMIN = "nmjd_gly"
ASSIGNED_ON = dt.date(2020, 9, 1)
BUDGET_UNITS = ("沂源县财政局", "沂源县教育和体育局", "沂源县文化和旅游局", "沂源县南麻街道办事处")
EDUCATION_UNITS = ("沂源县教育和体育局", "沂源县南麻街道办事处")
# (unit, domain, 二级事项, item title, published on)
COVERED = [
    ("沂源县财政局", "财政预决算", "政府预算", "沂源县2020年一般公共预算和政府性基金预算公开", dt.date(2020, 2, 14)),
    ("沂源县财政局", "财政预决算", "政府决算", "沂源县2019年财政决算公开", dt.date(2020, 9, 18)),
    ("沂源县财政局", "财政预决算", "部门预算", "沂源县财政局2020年部门预算公开", dt.date(2020, 2, 20)),
    ("沂源县教育和体育局", "财政预决算", "部门预算", "沂源县教育和体育局2020年部门预算公开", dt.date(2020, 2, 21)),
    ("沂源县文化和旅游局", "财政预决算", "部门预算", "沂源县文化和旅游局2020年部门预算公开", dt.date(2020, 2, 21)),
    ("沂源县文化和旅游局", "财政预决算", "部门决算", "沂源县文化和旅游局2019年部门决算公开", dt.date(2020, 9, 25)),
    ("沂源县教育和体育局", "义务教育", "招生政策", "沂源县2020年义务教育学校招生入学工作实施方案", dt.date(2020, 9, 8)),
    ("沂源县教育和体育局", "义务教育", "招生计划", "沂源县2020年义务教育学校招生计划", dt.date(2020, 9, 8)),
    ("沂源县教育和体育局", "义务教育", "招生范围", "沂源县2020年城区义务教育学校学区划分", dt.date(2020, 9, 10)),
    ("沂源县教育和体育局", "义务教育", "义务教育学校名录", "沂源县义务教育学校名录（2020年）", dt.date(2020, 10, 12)),
    ("沂源县南麻街道办事处", "义务教育", "控辍保学", "南麻街道2020年控辍保学工作情况", dt.date(2020, 11, 20)),
    ("沂源县南麻街道办事处", "财政预决算", "政府预算", "南麻街道2020年财政预算公开", dt.date(2020, 3, 5)),
]
# The other 事项 are covered later, by recent items (the county caught up after 2020), but for the first
# 事项 of each department's assignment, which stays empty past its 时限: the coverage view and the
# inspection have something to show without turning the demo's units into 空白栏目 or 栏目不更新 vetoes
# (a county in reasonable standing). The township's 事项 are all covered or 不适用.
LEFT_EMPTY_UNITS = ("沂源县财政局", "沂源县教育和体育局", "沂源县文化和旅游局")
NOT_APPLICABLE = ("沂源县南麻街道办事处", "义务教育", "学校介绍", "辖区义务教育学校介绍由县教育和体育局统一公开。")
OWN_MATTER = ("沂源县南麻街道办事处", "义务教育", {"level1": "招生管理", "level2": "街道入学咨询服务",
                                              "content": "入学咨询电话、咨询时间和地点",
                                              "deadline_text": "信息形成或者变更之日起20个工作日内",
                                              "subject": "南麻街道办事处", "channels": "政府网站、社区公示栏"})


def _write(stdout, text: str) -> None:
    if stdout is not None:
        stdout.write(text)


def _unit_matter(org, domain_name, level2):
    return UnitMatter.objects.filter(assignment__organization=org, assignment__domain__name=domain_name,
                                     matter__level2=level2).select_related("node").first()


def _cover_the_rest(orgs, tz) -> None:
    named = {(org_name, domain_name, level2) for org_name, domain_name, level2, _t, _d in COVERED}
    kept_empty = {(NOT_APPLICABLE[0], NOT_APPLICABLE[1], NOT_APPLICABLE[2])}
    for assignment in Assignment.objects.filter(organization__in=orgs.values()).select_related("organization", "domain"):
        org, domain = assignment.organization, assignment.domain.name
        empty_left = 1 if org.name in LEFT_EMPTY_UNITS else 0
        matters = (UnitMatter.objects.filter(assignment=assignment).select_related("matter", "node")
                   .order_by("matter__sort_order", "matter_id"))
        for number, unit_matter in enumerate(matters):
            key = (org.name, domain, unit_matter.matter.level2)
            if key in named or key in kept_empty or unit_matter.node is None:
                continue
            if empty_left:
                empty_left -= 1
                continue
            day = timezone.localdate() - dt.timedelta(days=20 + 3 * number)
            title = f"{org.name}{unit_matter.matter.level2}（{day.year}年）"
            if InformationItem.objects.filter(organization=org, title=title).exists():
                continue
            record_migrated_item(None, org, {
                "title": title, "formed_on": day - dt.timedelta(days=3), "summary": title,
                "body": f"<p>{title}。</p>"}, [unit_matter.node], dt.datetime.combine(day, dt.time(9, 30), tzinfo=tz))


@transaction.atomic
def load(stdout=None) -> None:
    domains, matters = services.load_builtin()
    supervisor = User.objects.filter(username=SUPERVISOR).first()
    orgs = {o.name: o for o in Organization.objects.filter(name__in=set(BUDGET_UNITS) | set(EDUCATION_UNITS))}
    if supervisor is None or len(orgs) < len(set(BUDGET_UNITS) | set(EDUCATION_UNITS)):
        _write(stdout, "标准目录演示数据：已载入26个领域；缺少政务公开办用户或演示单位，未分配。")
        return
    if Assignment.objects.exists():
        return
    for domain_name, names in (("财政预决算", BUDGET_UNITS), ("义务教育", EDUCATION_UNITS)):
        services.assign(supervisor, Domain.objects.get(name=domain_name), [orgs[n] for n in names], on=ASSIGNED_ON)
    tz = timezone.get_current_timezone()
    for org_name, domain_name, level2, title, day in COVERED:
        unit_matter = _unit_matter(orgs[org_name], domain_name, level2)
        if unit_matter is None or InformationItem.objects.filter(organization=orgs[org_name], title=title).exists():
            continue
        record_migrated_item(None, orgs[org_name], {
            "title": title, "formed_on": day - dt.timedelta(days=3), "summary": title,
            "body": f"<p>{title}。</p>"}, [unit_matter.node], dt.datetime.combine(day, dt.time(9, 30), tzinfo=tz))
    _cover_the_rest(orgs, tz)
    township_admin = User.objects.filter(username=TOWNSHIP_ADMIN).first()
    if township_admin is not None:
        org_name, domain_name, level2, reason = NOT_APPLICABLE
        unit_matter = _unit_matter(orgs[org_name], domain_name, level2)
        if unit_matter is not None:
            services.mark_not_applicable(township_admin, unit_matter, reason)
        org_name, domain_name, values = OWN_MATTER
        assignment = Assignment.objects.get(organization=orgs[org_name], domain__name=domain_name)
        services.add_own_matter(township_admin, assignment, values)
    _write(stdout, f"标准目录：{Domain.objects.count()}个领域，{Assignment.objects.count()}项分配。")
