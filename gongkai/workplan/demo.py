"""Demo data of work plans, loaded by `gongkai load_demo` (gongkai.demo.loader calls `load(stdout)`).

The seed's own 任务分解表 (源政办字〔2020〕66号's annex) becomes the plan of 沂源县人民政府办公室, linked to
the published notice; the units' demo progress disclosures (items titled "…关于2020年上半年…进展及落实情况
的公开") become their progress reports, with the item as evidence, accepted by the 政务公开办 — except the
latest, left for the 政务公开办 to review. Idempotent: nothing is created when the plan exists.
"""

import datetime as dt
import re
from collections import defaultdict

from django.db import transaction

from gongkai.accounts.models import Membership, Role, User
from gongkai.organizations.models import Organization
from gongkai.publishing.models import InformationItem
from gongkai.workplan import services
from gongkai.workplan.choices import Progress
from gongkai.workplan.choices import Role as ResponsibilityRole
from gongkai.workplan.models import Plan, ProgressReport, Responsibility, Task
from gongkai.workplan.tabletext import comparable, parse_table_text

SEED_DOC_NUMBER = "源政办字〔2020〕66号"
ISSUER = "沂源县人民政府办公室"
PLAN_TITLE = "沂源县2020年政务公开工作要点"
SUPERVISOR = "gkb"
ISSUED_ON = dt.date(2020, 8, 10)
PROGRESS_TITLE = re.compile(r"关于(?P<year>\d{4})年(?P<period>第一季度|上半年|第三季度)?(?P<phrase>.+)的公开$")
PERIOD_PERCENT = {"第一季度": 25, "上半年": 50, "第三季度": 75, None: 100}


def seed_text() -> str:
    from gongkai.demo.seed import seed_text as packaged

    return packaged()


def _write(stdout, text: str) -> None:
    if stdout is not None:
        stdout.write(text)


@transaction.atomic
def load(stdout=None) -> Plan | None:
    issuer = Organization.objects.filter(name=ISSUER).first()
    supervisor = User.objects.filter(username=SUPERVISOR).first()
    if issuer is None or supervisor is None:
        _write(stdout, "工作要点演示数据：缺少沂源县人民政府办公室或政务公开办用户，未导入。")
        return None
    if Plan.objects.filter(organization=issuer, doc_number=SEED_DOC_NUMBER).exists():
        return None
    item = InformationItem.objects.live().filter(doc_number=SEED_DOC_NUMBER).first()
    plan = services.create_plan(supervisor, issuer, {
        "title": PLAN_TITLE, "doc_number": SEED_DOC_NUMBER, "year": 2020, "issued_on": ISSUED_ON, "item": item,
        "task_levels": 2, "is_public": True,
    })
    table = parse_table_text(seed_text())
    plan.task_levels = table.task_levels
    plan.save(update_fields=["task_levels"])
    report = services.import_rows(supervisor, plan, table.rows)
    confirmed = services.confirm_all(supervisor, plan)
    reports = _progress_reports(plan, supervisor)
    reports += _story_reports(plan, supervisor)
    _write(stdout, f"工作要点演示数据：{report.summary()} 已确认完成时限 {confirmed} 个；进展报告 {reports} 份。"
                   f"分页重复的行已跳过 {len(table.skipped)} 行。")
    return plan


def _progress_reports(plan: Plan, supervisor) -> int:
    """Reports of the units that have demo staff, from their published progress disclosures."""
    leaves = {comparable(t.text): t for t in Task.objects.filter(plan=plan, children__isnull=True)}
    editors = {m.organization_id: m.user for m in Membership.objects.filter(role=Role.EDITOR).select_related("user")}
    created = []
    items = InformationItem.objects.live().filter(organization_id__in=editors).order_by("published_at", "id")
    for item in items:
        match = PROGRESS_TITLE.search(item.title)
        task = leaves.get(comparable(match.group("phrase"))) if match else None
        if task is None or not Responsibility.objects.filter(task=task, organization_id=item.organization_id).exists():
            continue
        percent = PERIOD_PERCENT[match.group("period")]
        status = Progress.DONE if percent == 100 else Progress.IN_PROGRESS
        period = f"{match.group('year')}年{match.group('period') or ''}"
        report = services.submit_report(
            editors[item.organization_id], task, item.organization,
            {"text": f"{period}已在政府信息公开平台公开{match.group('phrase')}，详见佐证信息。",
             "percent": percent, "status": status},
            items=[item],
        )
        created.append(report)
    for report in created[:-1]:
        services.review_report(supervisor, report, accept=True, comment="已核实，予以采纳。")
    return len(created)


# The rest of the story: the requirements in their order, three in ten 已完成, five in ten 推进中 (40–85 %),
# one in ten 持续推进 (a recurring task) and one in ten without a report yet (those past their 完成时限 show as
# overdue). Every unit that counts for the requirement's progress (its leads, or every responsible unit when it
# has none: progress.leaf_progress) reports, unless it has already — by the system administrator where the demo
# has no staff for it — with its latest published item as evidence; the 政务公开办 accepts all but the last.
STORY = ("done", "done", "done", "in_progress", "in_progress", "in_progress", "in_progress", "in_progress",
         "ongoing", None)
STORY_TEXT = {
    Progress.DONE: "已完成。{phrase}相关信息已在政府信息公开平台集中公开，详见佐证信息。",
    Progress.IN_PROGRESS: "正在推进。已公开{phrase}的阶段性信息，后续按计划逐项落实并及时公开。",
    Progress.ONGOING: "按月持续推进，{phrase}相关信息常态化公开，按要求动态更新。",
}


def _story_reports(plan: Plan, supervisor) -> int:
    admin = User.objects.filter(is_superuser=True).order_by("id").first()
    editors = {m.organization_id: m.user for m in Membership.objects.filter(role=Role.EDITOR).select_related("user")}
    reported = set(ProgressReport.objects.filter(task__plan=plan).values_list("task_id", "organization_id"))
    leaves = list(Task.objects.filter(plan=plan, children__isnull=True).order_by("position", "id"))
    responsibilities = defaultdict(list)
    for resp in Responsibility.objects.filter(task__plan=plan).order_by("position", "id").select_related("organization"):
        responsibilities[resp.task_id].append(resp)
    evidence_of = {}
    created = []
    for number, task in enumerate(leaves):
        status = STORY[number % len(STORY)]
        resps = responsibilities.get(task.pk, [])
        counted = [r.organization for r in resps if r.role == ResponsibilityRole.LEAD] or [r.organization for r in resps]
        if status is None:
            continue
        for place, unit in enumerate(counted):
            actor = editors.get(unit.id) or admin
            if actor is None or (task.pk, unit.id) in reported:  # (no superuser: only units with staff report)
                continue
            if unit.id not in evidence_of:
                evidence_of[unit.id] = (InformationItem.objects.live().filter(organization=unit)
                                        .order_by("-published_at", "-id").first())
            evidence = evidence_of[unit.id]
            percent = 100 if status == Progress.DONE else 60 if status == Progress.ONGOING else \
                40 + (number * 9 + place * 7) % 46
            phrase = task.text[:40].rstrip("，。；、")
            created.append(services.submit_report(
                actor, task, unit, {"text": STORY_TEXT[status].format(phrase=f"“{phrase}”"), "percent": percent,
                                    "status": status},
                items=[evidence] if evidence else [],
            ))
    for report in created[:-1]:
        services.review_report(supervisor, report, accept=True, comment="已核实，予以采纳。")
    return len(created)
