"""Demo data of work plans, loaded by `gongkai load_demo` (gongkai.demo.loader calls `load(stdout)`).

The seed's own 任务分解表 (源政办字〔2020〕66号's annex) becomes the plan of 沂源县人民政府办公室, linked to
the published notice; the units' demo progress disclosures (items titled "…关于2020年上半年…进展及落实情况
的公开") become their progress reports, with the item as evidence, accepted by the 政务公开办 — except the
latest, left for the 政务公开办 to review. Idempotent: nothing is created when the plan exists.
"""

import datetime as dt
import re
import zoneinfo
from collections import defaultdict

from django.db import transaction

from gongkai.accounts.models import Membership, Role, User
from gongkai.organizations.models import Organization
from gongkai.publishing.models import InformationItem
from gongkai.workplan import services
from gongkai.workplan.choices import DeadlineKind, Progress
from gongkai.workplan.choices import Role as ResponsibilityRole
from gongkai.workplan.models import Deadline, Occurrence, Plan, ProgressReport, Responsibility, Task
from gongkai.workplan.tabletext import comparable, parse_table_text

SEED_DOC_NUMBER = "源政办字〔2020〕66号"
ISSUER = "沂源县人民政府办公室"
PLAN_TITLE = "沂源县2020年政务公开工作要点"
SUPERVISOR = "gkb"
ISSUED_ON = dt.date(2020, 8, 10)
PROGRESS_TITLE = re.compile(r"关于(?P<year>\d{4})年(?P<period>第一季度|上半年|第三季度)?(?P<phrase>.+)的公开$")
TZ = zoneinfo.ZoneInfo("Asia/Shanghai")
PLAN_END_AT = dt.datetime(2020, 12, 25, 10, 0, tzinfo=TZ)
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
        task = leaves.get(comparable(match.group("phrase"))) if match and int(match.group("year")) == plan.year \
            else None
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
    for report in created:  # reported the day the disclosure went out
        ProgressReport.objects.filter(pk=report.pk).update(submitted_at=report.evidence.first().item.published_at
                                                           if report.evidence.exists() else PLAN_END_AT)
    return len(created)


# The rest of the story, dated within 2020 as the plan's deadlines go: a requirement with a 限期 deadline is
# reported 已完成 a few days before it, except one in ten still 推进中 at its deadline (late); a recurring or
# continuous requirement is reported 持续推进; one without a deadline is 已完成 (one in ten 推进中); one in
# twelve has no report yet. Every unit that counts for the requirement's progress (its leads, or every
# responsible unit when it has none: progress.leaf_progress) reports — by its 信息员 where the demo has one,
# otherwise entered by the system administrator for the unit (the report names the unit, no reporter). No
# evidence is linked: a unit's demo items are not about these requirements. The 政务公开办 accepts all but the last.
STORY_TEXT = {
    Progress.DONE: "已完成。{phrase}相关信息已在政府信息公开平台集中公开。",
    Progress.IN_PROGRESS: "正在推进。已公开{phrase}的阶段性信息，后续按计划逐项落实并及时公开。",
    Progress.ONGOING: "持续推进，{phrase}相关信息常态化公开，按要求动态更新。",
}
PLAN_END = dt.date(2020, 12, 25)


def _quoted(text: str) -> str:
    """The requirement's first clause in quotes (its own quotation marks dropped, so they always pair);
    「该项任务」 when that clause is too long to quote in a sentence."""
    clause = re.split(r"[，。；：（(]", text, maxsplit=1)[0].replace("“", "").replace("”", "").strip()
    return f"“{clause}”" if 2 <= len(clause) <= 30 else "该项任务"


def _story(task, number: int, deadlines: dict) -> tuple[str | None, dt.date]:
    """(status, report day) of a requirement."""
    if number % 12 == 11:
        return None, PLAN_END
    kinds = {d.kind for d in deadlines.get(task.pk, [])}
    dues = sorted(d.due_on for d in deadlines.get(task.pk, []) if d.due_on)
    if DeadlineKind.ONCE in kinds and dues:
        due = min(max(dues[0], ISSUED_ON + dt.timedelta(days=20)), PLAN_END)
        if number % 10 == 4:
            return Progress.IN_PROGRESS, due
        return Progress.DONE, due - dt.timedelta(days=1 + number % 5)
    if kinds & {DeadlineKind.RECURRING, DeadlineKind.CONTINUOUS, DeadlineKind.EVENT}:
        return Progress.ONGOING, PLAN_END - dt.timedelta(days=number % 20)
    return (Progress.IN_PROGRESS if number % 10 == 4 else Progress.DONE), PLAN_END - dt.timedelta(days=number % 20)


# A 定期 requirement (每季度) is reported period by period: each unit files its report on each period of 2020
# a few days before it ends — one files its 第3季度 report late, one has not filed its 第4季度 report yet
# (overdue), as in a county in reasonable standing.
PLAN_END_OF_YEAR = dt.date(2020, 12, 31)
PERIOD_LATE, PERIOD_MISSING = 4, 9  # (the unit's place among the requirement's units)
PERIOD_TEXT = "{label}：{phrase}按要求推进，本期相关信息已在政府信息公开平台公开。"


def _period_reports(task, unit, actor, anonymous: bool, place: int, status, occurrences) -> list:
    made = []
    for index, occurrence in enumerate(occurrences):
        last = index == len(occurrences) - 1
        if last and place == PERIOD_MISSING:
            continue
        late = index == 0 and place == PERIOD_LATE
        day = occurrence.due_on + dt.timedelta(days=12) if late else \
            min(occurrence.due_on, PLAN_END) - dt.timedelta(days=1 + place % 4)
        done = status == Progress.DONE
        report = services.submit_report(actor, task, unit, {
            "text": PERIOD_TEXT.format(label=occurrence.label, phrase=_quoted(task.text)),
            "percent": 100 if done else 60, "status": Progress.DONE if done else Progress.ONGOING,
            "occurrence": occurrence})
        if anonymous:
            ProgressReport.objects.filter(pk=report.pk).update(submitted_by=None)
        made.append((report, day))
    return made


def _dated(report, day: dt.date, hour: int = 10) -> None:
    moment = dt.datetime.combine(day, dt.time(hour, 0), tzinfo=TZ)
    ProgressReport.objects.filter(pk=report.pk).update(submitted_at=moment)


def _story_reports(plan: Plan, supervisor) -> int:
    admin = User.objects.filter(is_superuser=True).order_by("id").first()
    editors = {m.organization_id: m.user for m in Membership.objects.filter(role=Role.EDITOR).select_related("user")}
    reported = set(ProgressReport.objects.filter(task__plan=plan).values_list("task_id", "organization_id"))
    leaves = list(Task.objects.filter(plan=plan, children__isnull=True).order_by("position", "id"))
    responsibilities = defaultdict(list)
    for resp in Responsibility.objects.filter(task__plan=plan).order_by("position", "id").select_related("organization"):
        responsibilities[resp.task_id].append(resp)
    deadlines = defaultdict(list)
    for deadline in Deadline.objects.filter(task__plan=plan):
        deadlines[deadline.task_id].append(deadline)
    occurrences = defaultdict(list)
    for occurrence in Occurrence.objects.filter(deadline__task__plan=plan, deadline__kind=DeadlineKind.RECURRING,
                                                due_on__lte=PLAN_END_OF_YEAR).order_by("due_on"):
        occurrences[occurrence.deadline.task_id].append(occurrence)
    created = []
    for number, task in enumerate(leaves):
        status, day = _story(task, number, deadlines)
        resps = responsibilities.get(task.pk, [])
        counted = [r.organization for r in resps if r.role == ResponsibilityRole.LEAD] or [r.organization for r in resps]
        if status is None:
            continue
        for place, unit in enumerate(counted):
            actor = editors.get(unit.id) or admin
            if actor is None or (task.pk, unit.id) in reported:  # (no superuser: only units with staff report)
                continue
            percent = 100 if status == Progress.DONE else 60 if status == Progress.ONGOING else \
                40 + (number * 9 + place * 7) % 46
            report = services.submit_report(
                actor, task, unit, {"text": STORY_TEXT[status].format(phrase=_quoted(task.text)), "percent": percent,
                                    "status": status})
            if unit.id not in editors:
                ProgressReport.objects.filter(pk=report.pk).update(submitted_by=None)
            created.append((report, day))
            created += _period_reports(task, unit, actor, unit.id not in editors, place, status,
                                      occurrences.get(task.pk, []))
    for report, day in created[:-1]:
        services.review_report(supervisor, report, accept=True, comment="已核实，予以采纳。")
        ProgressReport.objects.filter(pk=report.pk).update(
            reviewed_at=dt.datetime.combine(day + dt.timedelta(days=2), dt.time(15, 0), tzinfo=TZ))
    for report, day in created:
        _dated(report, day)
    return len(created)
