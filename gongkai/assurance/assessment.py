"""The 绩效考核 figures of one year, computed from the other apps' data (never stored until published).

Each automatic part gives a unit a rate between 0 and 1:
- 检查指标 (gongkai.inspection): the average of the unit's scores in the year's finished runs, a run with an
  open 单项否决 counted as 0 (inspection.services.year_scores), divided by 100;
- 依申请公开 (gongkai.requests): replies on time / replies due or given in the year (requests.queries.reply_timeliness);
- 年度报告 (gongkai.reports): the report on the year before, published by its 第四十九条 due date in this year:
  按时 1, 逾期公布 0.5, 逾期未公布 0 (reports.deadlines.overview);
- 工作要点 (gongkai.workplan): the average progress percent of the unit's requirements in the year's plans / 100;
- 培训 (this app): sessions organised by the 政务公开办 (the assessing county) that the unit attended in the year
  / the sessions required (at most 1); a unit's own sessions are recorded but do not count (training_counts);
- 标准目录 (gongkai.standards, only when installed and it offers `gongkai.standards.assessment.coverage(year,
  organization_ids) -> {organization id: rate}`).
A part that does not apply to a unit (no cases, no report due, no requirement, no standards data) is left out
and the weights of the others are scaled up: base = 100 × Σ(weight × rate) / Σ(weight of the parts that apply).
The total is the base plus the manual items (加减分, at most ±20 net a unit), between 0 and 100. Ranking: total, then base, then tree order.
"""

import datetime as dt
import importlib
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.apps import apps
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from gongkai.assurance.models import Assessment, Attendance, ManualItem
from gongkai.core.ranking import competition_ranks, tied_ranks
from gongkai.organizations.models import Organization, under_regulation

ONE = Decimal(1)
HALF = Decimal("0.5")
# Product rules (neither the 条例 nor the 工作要点 fixes the 加减分): one item is at most ±20 points, the items of
# a unit add up to at most ±20 (services.assessment.add_manual_item refuses more), and a total never leaves
# 0–100, the scale every part is converted to.
MANUAL_ITEM_LIMIT = Decimal(20)
MANUAL_NET_LIMIT = Decimal(20)
MAX_TOTAL = Decimal(100)
PARTS = [
    ("inspection", _("检查指标得分")), ("requests", _("依申请公开按期答复")), ("reports", _("年度报告按时公布")),
    ("workplan", _("工作要点任务推进")), ("training", _("参加政务公开培训")), ("standards", _("标准目录覆盖")),
]


def q(value: Decimal, places: str = "0.1") -> Decimal:
    return Decimal(value).quantize(Decimal(places), rounding=ROUND_HALF_UP)


def rate_percent(rate) -> str:
    """A part's rate (0 to 1, stored as text in a published ranking) as people read it: 「71%」, 「87.5%」."""
    percent = q(Decimal(str(rate)) * 100)
    return f"{percent.normalize():f}%" if percent != percent.to_integral_value() else f"{int(percent)}%"


@dataclass
class Part:
    key: str
    label: str
    weight: int
    rate: Decimal | None  # None: does not apply to the unit
    detail: str

    @property
    def points(self) -> Decimal | None:
        return None if self.rate is None else q(self.rate * self.weight)


@dataclass
class Sheet:
    organization: Organization
    parts: list[Part]
    manual: list = field(default_factory=list)
    rank: int = 0

    @property
    def applicable_weight(self) -> int:
        return sum(p.weight for p in self.parts if p.rate is not None)

    @property
    def base(self) -> Decimal:
        weight = self.applicable_weight
        if not weight:
            return Decimal(0)
        return q(sum((p.rate * p.weight for p in self.parts if p.rate is not None), Decimal(0)) * 100 / weight)

    @property
    def manual_points(self) -> Decimal:
        return sum((Decimal(m.points) for m in self.manual), Decimal(0))

    @property
    def total(self) -> Decimal:
        return min(MAX_TOTAL, max(Decimal(0), q(self.base + self.manual_points)))

    def as_dict(self) -> dict:
        return {"organization_id": self.organization.pk, "organization": self.organization.display_name,
                "rank": self.rank, "base": str(self.base), "manual": str(self.manual_points), "total": str(self.total),
                "parts": [{"key": p.key, "label": str(p.label), "weight": p.weight,
                           "rate": None if p.rate is None else str(p.rate), "points": None if p.points is None
                           else str(p.points), "detail": p.detail} for p in self.parts],
                "manual_items": [{"points": str(m.points), "reason": m.reason} for m in self.manual]}


def assessed_units(assessment: Assessment) -> list[Organization]:
    from gongkai.organizations.tree import descendant_ids

    ids = descendant_ids([assessment.organization_id]) - {assessment.organization_id}
    # A 党委工作机关 is outside the 条例 (organizations.is_under_regulation): not assessed in the county's
    # 政务公开 work.
    return list(under_regulation(Organization.objects.filter(pk__in=ids, is_active=True)).order_by("sort_order", "id"))


def training_counts(year: int, organization_ids, organizer_id: int) -> dict[int, int]:
    """Sessions in `year` organised by the 政务公开办 (`organizer_id`, the assessing county) with at least one
    attendee of the unit. 工作要点 三(三) asks the 政务公开办 to organise training 分级分类; a session a unit
    records for itself is its own record, not evidence the county scores: a unit could otherwise raise its own
    score by recording sessions for its own people."""
    rows = (Attendance.objects.filter(session__held_on__year=year, session__organization_id=organizer_id,
                                      organization_id__in=list(organization_ids))
            .values("organization_id").annotate(n=Count("session_id", distinct=True)))
    return {row["organization_id"]: row["n"] for row in rows}


def standards_coverage(year: int, organization_ids) -> dict[int, Decimal] | None:
    """标准目录 coverage from gongkai.standards, or None when that app (or its assessment hook) is absent."""
    if not apps.is_installed("gongkai.standards"):
        return None
    try:
        module = importlib.import_module("gongkai.standards.assessment")
    except ModuleNotFoundError:
        return None
    coverage = getattr(module, "coverage", None)
    if coverage is None:
        return None
    return {org_id: min(ONE, max(Decimal(0), Decimal(str(rate))))
            for org_id, rate in coverage(year, list(organization_ids)).items()}


def compute(assessment: Assessment, today: dt.date | None = None) -> list[Sheet]:
    from gongkai.inspection.services import year_scores
    from gongkai.reports.deadlines import Status, overview
    from gongkai.requests.queries import reply_timeliness
    from gongkai.workplan.progress import unit_year_progress

    year = assessment.year
    today = today or dt.date.today()
    as_of = min(today, dt.date(year, 12, 31))
    units = assessed_units(assessment)
    ids = [u.pk for u in units]
    scores = year_scores(year, ids)
    timeliness = reply_timeliness(year, ids, today)
    reports = {row.organization.pk: row for row in overview(year - 1, as_of, ids)}
    progress = unit_year_progress(year, ids)
    trained = training_counts(year, ids, assessment.organization_id)
    standards = standards_coverage(year, ids)
    manual: dict[int, list] = {}
    for item in ManualItem.objects.filter(assessment=assessment):
        manual.setdefault(item.organization_id, []).append(item)
    report_rate = {Status.ON_TIME: ONE, Status.LATE: HALF, Status.OVERDUE: Decimal(0)}
    sheets = []
    for unit in units:
        parts = []
        score = scores.get(unit.pk)
        parts.append(Part("inspection", PARTS[0][1], assessment.weight_inspection,
                          q(score.effective / 100, "0.0001") if score else None,
                          str(_("%(runs)d次检查，平均%(avg)s分，%(veto)d次单项否决") % {
                              "runs": score.runs, "avg": q(score.average), "veto": score.vetoed_runs})
                          if score else str(_("本年度无检查记录"))))
        cases = timeliness.get(unit.pk)
        parts.append(Part("requests", PARTS[1][1], assessment.weight_requests,
                          q(Decimal(cases.on_time) / cases.cases, "0.0001") if cases else None,
                          str(_("%(n)d件中按期答复%(ok)d件") % {"n": cases.cases, "ok": cases.on_time}) if cases
                          else str(_("本年度无依申请公开答复"))))
        report = reports.get(unit.pk)
        applies = report is not None and report.status in report_rate
        parts.append(Part("reports", PARTS[2][1], assessment.weight_reports,
                          report_rate[report.status] if applies else None,
                          str(_("%(year)d年度报告：%(status)s") % {"year": year - 1, "status": report.status_label})
                          if report else str(_("无需公布年度报告"))))
        tasks = progress.get(unit.pk)
        parts.append(Part("workplan", PARTS[3][1], assessment.weight_workplan,
                          q(Decimal(tasks[1]) / 100, "0.0001") if tasks else None,
                          str(_("承担%(n)d项任务，平均进度%(p)d%%") % {"n": tasks[0], "p": tasks[1]}) if tasks
                          else str(_("本年度未承担工作要点任务"))))
        count = trained.get(unit.pk, 0)
        parts.append(Part("training", PARTS[4][1], assessment.weight_training,
                          q(min(ONE, Decimal(count) / assessment.training_required), "0.0001"),
                          str(_("参加政务公开办组织的培训%(n)d次（应参加%(req)d次）") % {"n": count, "req": assessment.training_required})))
        if standards is not None:
            rate = standards.get(unit.pk)
            parts.append(Part("standards", PARTS[5][1], assessment.weight_standards, rate,
                              str(_("覆盖率%(p)s%%") % {"p": q(rate * 100)}) if rate is not None
                              else str(_("无标准目录数据"))))
        sheets.append(Sheet(unit, parts, manual.get(unit.pk, [])))
    ranked = sorted(sheets, key=lambda s: (-s.total, -s.base))
    for sheet, rank in zip(ranked, competition_ranks([s.total for s in ranked]), strict=True):
        sheet.rank = rank
    return ranked


def ranked_rows(rows: list[dict]) -> list[dict]:
    """The stored or computed ranking (Sheet.as_dict rows) with `rank` by competition ranking and `tied` set: a
    ranking published before ties shared a rank stored 1, 2, 3 for equal totals, and is read the same way."""
    rows = sorted(rows, key=lambda row: -Decimal(row["total"]))  # stable: the stored order within a tie stays
    ranks = competition_ranks([Decimal(row["total"]) for row in rows])
    shared = tied_ranks(ranks)
    return [{**row, "rank": rank, "tied": rank in shared, "parts": _labelled(row.get("parts", []))}
            for row, rank in zip(rows, ranks, strict=True)]


def _labelled(parts: list[dict]) -> list[dict]:
    """A published ranking stores each part's label in the language it was published in: shown in the
    reader's, by the part's key (a part no longer defined keeps its stored label)."""
    labels = dict(PARTS)
    return [{**part, "label": str(labels.get(part.get("key"), part.get("label", "")))} for part in parts]
