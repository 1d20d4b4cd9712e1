"""Who has published the report of a year, and who is late (条例第四十九条).

A unit's report for year Y is due by 1月31日 of Y+1, the 本级政府 report by 3月31日 (scope.due_date,
from gongkai.workdays.statute). Published on the due day is on time.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Min
from django.utils.translation import gettext_lazy as _

from gongkai.organizations.models import Organization
from gongkai.organizations.services import in_tree_order
from gongkai.reports import formats, scope
from gongkai.reports.models import AnnualReport


@dataclass(frozen=True)
class LateReport:
    """A report not published by its due date (still unpublished, or published late)."""

    organization_id: int
    organization_name: str
    year: int
    due: dt.date
    published_on: dt.date | None
    days_late: int  # calendar days after the due date: to publication, or to `as_of` while unpublished


class Status:
    ON_TIME = "on_time"
    LATE = "late"  # published after the due date
    OVERDUE = "overdue"  # not published and the due date has passed
    OPEN = "open"  # not published, not yet due

    LABELS = {ON_TIME: _("按时公布"), LATE: _("逾期公布"), OVERDUE: _("逾期未公布"), OPEN: _("未到期")}


@dataclass(frozen=True)
class DeadlineRow:
    organization: Organization
    depth: int
    year: int
    due: dt.date
    report: AnnualReport | None
    status: str

    @property
    def status_label(self) -> str:
        return str(Status.LABELS[self.status])


def status(due: dt.date, published_on: dt.date | None, as_of: dt.date) -> str:
    if published_on is not None:
        return Status.ON_TIME if published_on <= due else Status.LATE
    return Status.OVERDUE if as_of > due else Status.OPEN


def _reporting(organization_ids=None):
    organizations = Organization.objects.filter(is_active=True, kind__in=scope.REPORTING_KINDS)
    if organization_ids is not None:
        organizations = organizations.filter(pk__in=list(organization_ids))
    return organizations


def overview(year: int, as_of: dt.date, organization_ids=None) -> list[DeadlineRow]:
    """Every reporting organization (in tree order) with the due date and state of its report for `year`."""
    orgs = list(_reporting(organization_ids))
    reports = {r.organization_id: r for r in AnnualReport.objects.filter(year=year, organization__in=orgs)}
    rows = []
    for organization, depth in in_tree_order(orgs):
        report = reports.get(organization.id)
        due = scope.due_date(organization, year)
        published_on = report.published_on if report and report.is_published else None
        rows.append(DeadlineRow(organization, depth, year, due, report, status(due, published_on, as_of)))
    return rows


def first_kept_years(organization_ids=None) -> dict[int, int]:
    """Each unit's first report year kept on the platform (any report of its own, a draft too; never before
    formats.FIRST_REPORT_YEAR). A unit's year before it is not judged: that report was published elsewhere,
    before the unit used the platform. Per unit: one unit's old report says nothing of another's."""
    reports = AnnualReport.objects.all()
    if organization_ids is not None:
        reports = reports.filter(organization_id__in=organization_ids)
    return {org: max(first, formats.FIRST_REPORT_YEAR)
            for org, first in reports.values_list("organization_id").annotate(first=Min("year"))}


def late_reports(as_of: dt.date, organization_ids=None) -> list[LateReport]:
    """Reports not published by their due date, as of `as_of`, by year then in tree order: for the year
    before `as_of`, those still unpublished after their due date and those published after it; for every
    earlier year from the unit's own first report year on the platform (first_kept_years), those still
    unpublished — the duty to publish does not lapse with the calendar year (条例第四十九条), so such a report
    stays overdue until it is published. An earlier year's report published late is no longer listed here;
    its lateness stays on the deadline page (overview: 逾期公布). Nothing of the latest year is late before
    its due date; a unit with no report on the platform is judged on the latest year only."""
    latest = as_of.year - 1
    firsts = first_kept_years(organization_ids)
    first = min([*firsts.values(), latest])
    late = []
    for year in range(max(first, formats.FIRST_REPORT_YEAR), latest + 1):
        for row in overview(year, as_of, organization_ids):
            if row.status != Status.OVERDUE and not (year == latest and row.status == Status.LATE):
                continue
            if year < latest and year < firsts.get(row.organization.id, latest):
                continue
            published_on = row.report.published_on if row.status == Status.LATE else None
            until = published_on or as_of
            late.append(LateReport(row.organization.id, row.organization.name, year, row.due, published_on,
                                   (until - row.due).days))
    return late
