"""The 任务分解表 import: a plan's task tree created from table rows, its 责任单位 matched to the county's
units and its deadlines read from a 完成时限 column or the requirements' words (`ImportReport` says what was
done and what was not)."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.audit.services import record
from gongkai.core.forms import CONTROL_CHARS
from gongkai.core.services import ActionRefused
from gongkai.workplan.choices import DeadlineKind, DeadlineSource
from gongkai.workplan.deadlines import ParsedDeadline, read_deadlines
from gongkai.workplan.models import Deadline, Plan, Responsibility, Task
from gongkai.workplan.services.common import MAX_TEXT, require
from gongkai.workplan.services.deadlines import clean_deadline, recurrence_window, sync_occurrences
from gongkai.workplan.services.plans import matcher_for, set_units
from gongkai.workplan.tabletext import TableRow
from gongkai.workplan.units import UnitMatcher


@dataclass
class ImportReport:
    tasks: int = 0
    requirements: int = 0
    responsibilities: int = 0
    deadlines: int = 0  # proposed from the requirements' words, to be confirmed
    explicit_deadlines: int = 0  # stated in a 完成时限 column
    unmatched: dict[str, list[str]] = field(default_factory=dict)  # name → texts of the rows naming it
    notes: list[str] = field(default_factory=list)
    # (row, words, reason): deadlines written but not set — unreadable, or refused as a hand entry would be.
    unset_deadlines: list[tuple[int, str, str]] = field(default_factory=list)

    def summary(self) -> str:
        from gongkai.core import i18n

        parts = [_("导入工作任务 %(tasks)d 项（其中具体要求 %(leaves)d 项），责任单位 %(units)d 个次，从任务文字识别"
                   "完成时限 %(deadlines)d 个（待政务公开办确认），按“完成时限”栏设定 %(explicit)d 个。") % {
            "tasks": self.tasks, "leaves": self.requirements, "units": self.responsibilities,
            "deadlines": self.deadlines, "explicit": self.explicit_deadlines}]
        if self.unmatched:
            parts.append(_("未能匹配到本县机构的单位名称（未新建机构，请核对）：%(names)s。") % {
                "names": "、".join(self.unmatched)})
        else:
            parts.append(_("全部责任单位均已匹配到本县机构。"))
        if self.unset_deadlines:
            parts.append(_("以下完成时限未能设定，相关任务不会提示逾期，请在任务页面手工设定：%(items)s。") % {
                "items": i18n.semicolon().join(
                    _("第%(n)d行“%(words)s”（%(reason)s）") % {"n": n, "words": words, "reason": reason.rstrip("。.")}
                    for n, words, reason in dict.fromkeys(self.unset_deadlines))})
        # Sentences: nothing between them in Chinese, a space in English.
        return i18n.word_space().join(parts)


def _deadline_from(task: Task, parsed: ParsedDeadline, source: str, plan: Plan, actor=None) -> Deadline:
    starts, ends = recurrence_window(plan)
    deadline = Deadline.objects.create(
        task=task, kind=parsed.kind, due_on=parsed.due_on, period=parsed.period,
        starts_on=starts if parsed.kind == DeadlineKind.RECURRING else None,
        ends_on=ends if parsed.kind == DeadlineKind.RECURRING else None,
        event_days=parsed.event_days, event_label=parsed.event_label, event_day_kind=parsed.event_day_kind,
        phrase=parsed.phrase[:100], source=source,
        confirmed_at=timezone.now() if source != DeadlineSource.PARSED else None,
        confirmed_by=actor if source != DeadlineSource.PARSED else None,
    )
    if deadline.is_confirmed:
        sync_occurrences(deadline)
    return deadline


def _split_categories(rows: list[TableRow], matcher: UnitMatcher) -> list[tuple[TableRow, str, int]]:
    """Each row with the requirement text its deadlines are read from. A row whose 责任单位 assigns units
    per category (the 应急预案 row: 县总体预案：县应急局 县自然灾害类专项预案：…) becomes one requirement per
    category below the row's requirement, each with the units written after its label."""
    result = []
    for number, row in enumerate(rows, start=1):  # the row's number in the table, for messages
        categories = matcher.categories(row.responsible) if row.responsible else []
        if not categories:
            result.append((row, row.path[-1], number))
        for label, units in categories:
            result.append((TableRow(row.path + (label,), units, row.shares_responsible, row.deadline), row.path[-1],
                           number))
    return result


@transaction.atomic
def import_rows(actor, plan: Plan, rows: list[TableRow], request=None) -> ImportReport:
    """Create the plan's task tree from table rows (every row is a path ending in its requirement; a row
    that assigns units per category ends in one requirement per category).

    Only into a plan without tasks: a table is imported once; a corrected table goes into a new plan."""
    require(actor, "workplan.manage", plan.organization_id)
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.tasks.exists():
        raise ActionRefused(_("该工作要点已有任务分解表，不能重复导入；如需更正，请新建工作要点后导入。"))
    rows = [row for row in rows if row.path]
    if not rows:
        raise ActionRefused(_("没有读到任何任务行，请检查表格（须有“工作任务”“具体要求”“责任单位”列）。"))
    matcher = matcher_for(plan)
    report = ImportReport()
    nodes: dict[tuple[str, ...], Task] = {}
    position = 0
    for number, row in enumerate(rows, start=1):
        if any(CONTROL_CHARS.search(text or "") for text in (*row.path, row.responsible, row.deadline)):
            raise ActionRefused(_("第%(n)d行含有控制字符，请在表格中删除后重新导入。") % {"n": number})
    for row, words, number in _split_categories(rows, matcher):
        for depth in range(len(row.path)):
            key = row.path[:depth + 1]
            if key in nodes:
                continue
            text = key[-1].strip()[:MAX_TEXT]
            if not text:
                raise ActionRefused(_("第%(n)d行有空白的任务内容。") % {"n": number})
            position += 10
            nodes[key] = Task.objects.create(plan=plan, parent=nodes.get(key[:-1]), position=position, text=text)
            report.tasks += 1
        leaf = nodes[row.path]
        if row.responsible:
            for name in set_units(leaf, matcher, row.responsible):
                report.unmatched.setdefault(name, []).append(leaf.text[:40])
            report.notes.extend(n for n in leaf.responsibility_note.split("、") if n and n not in report.notes)
        leaf.deadline_text = row.deadline.strip()[:200]
        leaf.save()
        # A 完成时限 column states the deadline; otherwise the requirement's words are read.
        if row.deadline.strip():
            (found, unreadable), source, by = read_deadlines(row.deadline, plan.year), DeadlineSource.EXPLICIT, actor
        else:
            (found, unreadable), source, by = read_deadlines(words, plan.year), DeadlineSource.PARSED, None
        report.unset_deadlines += [(number, words, _("无法识别的日期或天数")) for words in unreadable]
        for parsed in found:
            try:  # the rule of a deadline entered by hand (the plan's year, 1 to 365 days)
                clean_deadline(_as_data(parsed, plan), plan)
            except ActionRefused as refused:
                report.unset_deadlines.append((number, parsed.phrase, refused.reason))
                continue
            _deadline_from(leaf, parsed, source, plan, by)
            if source == DeadlineSource.EXPLICIT:
                report.explicit_deadlines += 1
            else:
                report.deadlines += 1
    leaves = {t.pk for t in nodes.values()} - {t.parent_id for t in nodes.values()}
    report.requirements = len(leaves)
    report.responsibilities = Responsibility.objects.filter(task__plan=plan).count()
    record(actor, "workplan.import", plan, organization=plan.organization, note=report.summary(), request=request)
    return report


def _as_data(parsed: ParsedDeadline, plan: Plan) -> dict:
    """A parsed deadline as the fields of a hand entry, for clean_deadline (a recurring one over its window)."""
    starts_on, ends_on = recurrence_window(plan)
    return {"kind": parsed.kind, "due_on": parsed.due_on, "period": parsed.period, "starts_on": starts_on,
            "ends_on": ends_on, "event_days": parsed.event_days, "event_label": parsed.event_label,
            "event_day_kind": parsed.event_day_kind}
