"""Demo data of annual reports, loaded by `gongkai load_demo` (gongkai.demo.loader calls `load(stdout)`).

The 2025 reports of 沂源县人民政府 and its units, made through the reports services from the platform's
own records: the narrative prompts are answered with plausible text, each unit's 审核员 (or the system
administrator where the demo has none) publishes them. Most units published in January 2026, before the
1月31日 deadline (条例第四十九条); two were late and one has not published yet, so the deadline page has
something to show. The county government's report is drafted by the 政务公开办 (gkb, who holds a 信息员
role on 沂源县人民政府) and published in March, before 3月31日.

Deterministic (dates follow the units' order) and idempotent (a unit with a 2025 report is skipped).
"""

import datetime as dt
import zoneinfo

from django.db import transaction

from gongkai.accounts.models import Membership, Role, User
from gongkai.organizations.models import Organization
from gongkai.publishing.models import InformationItem
from gongkai.reports import scope, services
from gongkai.reports.models import AnnualReport
from gongkai.reports.narrative import PROMPT

YEAR = 2025
ROOT_NAME = "沂源县人民政府"
SUPERVISOR = "gkb"
SUPERUSER = "admin"
TZ = zoneinfo.ZoneInfo("Asia/Shanghai")
# Units (by name) that published late, with the day; units that have not published (still drafting).
LATE = {"沂源县水利局": dt.date(2026, 2, 10), "沂源县鲁村镇人民政府": dt.date(2026, 3, 4)}
UNPUBLISHED = {"沂源县信访局"}
COUNTY_PUBLISHED_ON = dt.date(2026, 3, 17)
# The January working days reports went out on (the units take turns, in their order).
JANUARY_DAYS = [dt.date(2026, 1, day) for day in (8, 9, 12, 13, 14, 15, 16, 19, 20, 21, 22, 23, 26, 27, 28)]

# Table 2 figures the platform does not hold, entered by the units that make such decisions (行政许可 by the
# 行政审批服务局 after 相对集中行政许可权改革; 行政处罚/强制 by the enforcement departments; 收费 in 万元).
FIGURES = {
    "沂源县行政审批服务局": {"licensing.decisions": 4127, "fees.amount_10k_yuan": "36.40"},
    "沂源县综合行政执法局": {"penalty.decisions": 386, "coercion.decisions": 27, "fees.amount_10k_yuan": "12.80"},
    "沂源县市场监督管理局": {"licensing.decisions": 212, "penalty.decisions": 173, "coercion.decisions": 19},
    "沂源县公安局": {"licensing.decisions": 1860, "penalty.decisions": 912, "coercion.decisions": 44,
                    "fees.amount_10k_yuan": "58.25"},
    "沂源县自然资源局": {"penalty.decisions": 21, "fees.amount_10k_yuan": "9.60"},
    "沂源县交通运输局": {"licensing.decisions": 96, "penalty.decisions": 134, "coercion.decisions": 8},
    "沂源县应急管理局": {"penalty.decisions": 45, "coercion.decisions": 3},
    "沂源县卫生健康局": {"penalty.decisions": 38},
    "沂源县农业农村局": {"penalty.decisions": 17, "coercion.decisions": 2},
    "沂源县水利局": {"penalty.decisions": 6, "fees.amount_10k_yuan": "4.15"},
    "沂源县住房和城乡建设局": {"penalty.decisions": 12, "fees.amount_10k_yuan": "7.30"},
    # Its 权责清单 (gongkai.lists demo) lists 行政处罚 powers; it publishes penalty decisions and a fee catalog.
    "沂源县文化和旅游局": {"penalty.decisions": 9, "fees.amount_10k_yuan": "2.35"},
}
# A unit that published 2025 penalty decisions (第二十条第（六）项) or a 2025 fee catalog (第（八）项) in its catalog
# reports at least a few of them in table 2 (a small figure, stable per unit), not 0.
PUBLISHED_FIGURES = {"art20.6": "penalty.decisions", "art20.8": "fees.amount_10k_yuan"}


def figures(organization) -> dict:
    """The unit's table 2 figures: FIGURES, and a small one where its 2025 items show such decisions or fees."""
    entered = dict(FIGURES.get(organization.name, {}))
    nodes = (InformationItem.objects.live()
             .filter(organization=organization, published_at__year=YEAR,
                     catalog_nodes__template_key__in=list(PUBLISHED_FIGURES))
             .values_list("catalog_nodes__template_key", flat=True))
    for key in {PUBLISHED_FIGURES[node] for node in nodes if node in PUBLISHED_FIGURES}:
        small = 3 + organization.id % 7
        entered.setdefault(key, small if key.endswith("decisions") else f"{small * 0.45:.2f}")
    return entered

ANSWERS = (
    ("保密审查", "严格落实“先审查、后公开”和“一事一审”制度，全年发布信息均经保密审查；按要求开展规范性文件清理，"
                "对规范性文件的有效性进行标注。"),
    ("平台建设", "依托县政府门户网站政府信息公开专栏集中发布政府信息，按照统一目录规范栏目设置，"
                "及时更新法定主动公开内容，政务新媒体与网站同步发布。"),
    ("监督考核", "明确分管负责同志和政务公开工作人员，将政务公开纳入年度工作考核，组织工作人员参加全县政务公开业务培训。"),
    ("存在的主要问题", "存在的问题：部分栏目更新不够及时，政策解读形式较为单一。改进措施：建立栏目更新提醒机制，"
                      "丰富图文、视频等解读形式，提升信息发布质量。"),
    ("社会评议", "将政务公开工作纳入全县综合考核，开展社会评议，本年度未发生因政务公开工作需追究责任的情况。"),
    ("工作要点", "按照全县政务公开工作要点落实各项任务，人大代表建议和政协提案办理结果按要求公开。"),
)


def _answer(prompt_line: str) -> str:
    for keyword, text in ANSWERS:
        if keyword in prompt_line:
            return text
    return ANSWERS[-1][1]


def answered(chapters: dict) -> dict:
    """The drafts with every 【请填写…】 prompt replaced by a plausible paragraph."""
    return {key: "\n".join(_answer(line) if line.startswith(PROMPT) else line for line in text.splitlines())
            for key, text in chapters.items()}


def _member(organization, role):
    membership = Membership.objects.filter(organization=organization, role=role).select_related("user").first()
    return membership.user if membership else None


def _publish(report, drafter, publisher, on: dt.date) -> None:
    services.submit(drafter, report)
    report = services.publish(publisher, report, opinion="经审查，不涉及国家秘密，同意公布。", secrecy_checked=True, on=on,
                              render=False)  # DOCX and PDF are rendered at the first download
    # The item that points to the report carries the report's publication day (the demo is set in the past).
    moment = dt.datetime.combine(on, dt.time(10, 0), tzinfo=TZ)
    InformationItem.objects.filter(pk=report.item_id).update(published_at=moment, formed_on=on, state_changed_at=moment)


@transaction.atomic
def load(stdout=None) -> int:
    root = Organization.objects.filter(name=ROOT_NAME).first()
    admin = User.objects.filter(username=SUPERUSER).first()
    if root is None or admin is None:
        return 0
    done = set(AnnualReport.objects.filter(year=YEAR).values_list("organization_id", flat=True))
    units = [org for org in Organization.objects.filter(is_active=True).order_by("sort_order", "id")
             if scope.reports(org)]
    made = published = 0
    # The county's report sums its units' figures: it is made after theirs.
    units.sort(key=lambda org: org.id == root.id)
    for number, organization in enumerate(units):
        if organization.id in done:
            continue
        is_county = organization.id == root.id
        drafter = (User.objects.filter(username=SUPERVISOR).first() if is_county else None) \
            or _member(organization, Role.EDITOR) or admin
        publisher = _member(organization, Role.REVIEWER) or admin
        report = services.create_report(drafter, organization, YEAR)
        services.update_chapters(drafter, report, answered(report.chapters))
        entered = figures(organization)
        if entered:
            services.update_figures(drafter, report, entered)
        made += 1
        if organization.name in UNPUBLISHED:
            continue
        on = COUNTY_PUBLISHED_ON if is_county else LATE.get(organization.name, JANUARY_DAYS[number % len(JANUARY_DAYS)])
        _publish(report, drafter, publisher, on)
        published += 1
    if made and stdout is not None:
        stdout.write(f"年度报告演示数据：{YEAR}年度年报 {made} 份，已公布 {published} 份（逾期公布 {len(LATE)} 份）。")
    return made
