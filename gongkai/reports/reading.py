"""Reading a report: its figures (live while a draft, frozen once published), checks, history, content.

No writes here; the verbs are in services.py.
"""

import datetime as dt
from dataclasses import dataclass

from gongkai.organizations.models import Organization
from gongkai.reports import checks, compute, content, formats, narrative, scope
from gongkai.reports.models import AnnualReport

HISTORY_YEARS = 10


@dataclass
class Computed:
    data: dict
    figures: compute.Figures


def entered_total(organization: Organization, year: int, own: dict) -> dict:
    """Table-2 figures the units entered; for the 本级政府 report, those of every member's report added up
    (the government's own figures are its report's `entered`)."""
    fmt = formats.format_for(year)
    if not scope.is_government_report(organization):
        return compute.sum_entered(fmt, [own])
    others = (AnnualReport.objects.filter(organization_id__in=scope.member_ids(organization), year=year)
              .exclude(organization=organization).values_list("entered", flat=True))
    return compute.sum_entered(fmt, [own, *others])


def compute_for(organization: Organization, year: int, own_entered: dict | None = None,
                with_activity: bool = True) -> Computed:
    """The live figures of the organization's report for `year` from the platform's records."""
    gathered = compute.gather(scope.member_ids(organization), year, with_activity=with_activity)
    data = compute.report_data(organization.credit_code, year, gathered.cases, gathered.remedies,
                               gathered.normative, entered_total(organization, year, own_entered or {}))
    return Computed(data, compute.figures(gathered.cases, year, gathered.normative, gathered.activity,
                                                    gathered.punctuality))


def live(report: AnnualReport, with_activity: bool = False) -> Computed:
    return compute_for(report.organization, report.year, report.entered, with_activity=with_activity)


def data_of(report: AnnualReport) -> dict:
    """What the report says now: frozen when published, computed while a draft."""
    return report.data if report.is_published and report.data else live(report).data


def published(organization_id: int, year: int) -> AnnualReport | None:
    return (AnnualReport.objects.filter(organization_id=organization_id, year=year,
                                        state=AnnualReport.State.PUBLISHED)
            .select_related("organization").first())


def previous_data(organization: Organization, year: int) -> dict | None:
    report = published(organization.id, year - 1)
    return report.data if report else None


def member_mismatches(organization: Organization, year: int, data: dict) -> list[str] | None:
    """For the 本级政府 report: the members whose published table 3 no longer matches their records."""
    if not scope.is_government_report(organization):
        return None
    problems = []
    reports = AnnualReport.objects.filter(organization_id__in=scope.member_ids(organization), year=year,
                                          state=AnnualReport.State.PUBLISHED).exclude(organization=organization)
    for member in reports.select_related("organization"):
        now = compute_for(member.organization, year, member.entered, with_activity=False).data
        if member.data and now["requests"] != member.data["requests"]:
            problems.append(f"{member.organization.name}：已公布年报的表三与当前申请记录不一致。")
    return problems


def run_checks(report: AnnualReport, data: dict | None = None) -> list[checks.Check]:
    data = data or data_of(report)
    return checks.run(data, previous_data(report.organization, report.year), report.chapters,
                      member_mismatches(report.organization, report.year, data))


def check_dicts(results: list[checks.Check]) -> list[dict]:
    return [{"key": c.key, "label": str(c.label), "passed": c.passed, "problems": c.problems, "note": c.note,
             "blocking": c.blocking} for c in results]


def content_of(report: AnnualReport, data: dict | None = None) -> content.Content:
    data = data or data_of(report)
    return content.build(report.organization.name, report.year, data, report.chapters,
                         scope.is_government_report(report.organization),
                         date=report.published_on, draft=not report.is_published)


def draft_chapters(organization: Organization, year: int, computed: Computed) -> dict[str, str]:
    return narrative.drafts(organization, year, computed.data, computed.figures,
                            scope.is_government_report(organization))


# --- History (the chart) ---------------------------------------------------------------------------------


@dataclass
class YearPoint:
    year: int
    new: int
    processed: int
    carried_forward: int
    groups: list[tuple[str, int]]
    published: bool


def history(organization: Organization, year: int, data: dict, is_published: bool) -> list[YearPoint]:
    """Request numbers and outcomes of the organization's published reports up to `year` (and `data` for
    `year` itself), oldest first."""
    earlier = (AnnualReport.objects.filter(organization=organization, state=AnnualReport.State.PUBLISHED,
                                           year__lt=year, year__gte=year - HISTORY_YEARS + 1)
               .order_by("year").values_list("year", "data"))
    points = [(y, d, True) for y, d in earlier if d] + [(year, data, is_published)]
    return [YearPoint(y, d["requests"]["new"]["total"], d["requests"]["total_processed"]["total"],
                      d["requests"]["carried_forward"]["total"], narrative.outcome_groups(d["requests"]), p)
            for y, d, p in points]


def default_year(today: dt.date) -> int:
    """The report year being prepared: last year (reports are due early in the following year)."""
    return today.year - 1
