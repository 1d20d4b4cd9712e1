"""Whose report counts what, and when it is due (条例第四十九条).

A 县级以上人民政府部门 (and a 乡镇 government, which reports through the county: shared/spec) reports on
itself and publishes before 1月31日. The 本级政府 report of a 县人民政府, compiled by its 政府信息公开工作
主管部门 from the reports the departments submit to it (第四十九条), counts the government itself and every
administrative body below it in the platform's organization tree; it is due before 3月31日.
公共企事业单位 disclose under 第五十五条 and their sectors' rules, not through these reports; 党委工作机关 are
no 行政机关 and publish none (organizations.models.ADMINISTRATIVE_KINDS): a 县政府's report counts none of their
records either.
"""

import datetime as dt

from gongkai.organizations.models import ADMINISTRATIVE_KINDS, Organization
from gongkai.organizations.services import descendant_ids
from gongkai.workdays.statute import annual_report_due

K = Organization.Kind
# The organizations that publish a 政府信息公开工作年度报告 (行政机关).
REPORTING_KINDS = ADMINISTRATIVE_KINDS


def is_government_report(organization: Organization) -> bool:
    """The 本级政府 report: the organization is a 县级以上人民政府 (a 乡镇 is Kind.TOWNSHIP)."""
    return organization.kind == K.PEOPLE_GOVERNMENT


def reports(organization: Organization) -> bool:
    return organization.kind in REPORTING_KINDS


def member_ids(organization: Organization) -> list[int]:
    """The organizations whose records the organization's report counts."""
    if not is_government_report(organization):
        return [organization.id]
    below = descendant_ids([organization.id])
    ids = Organization.objects.filter(pk__in=below, kind__in=REPORTING_KINDS).values_list("pk", flat=True)
    return sorted(set(ids) | {organization.id})


def due_date(organization: Organization, year: int) -> dt.date:
    """The last day to publish the report for `year` (第四十九条: 1月31日, 本级政府 3月31日)."""
    return annual_report_due(year, is_government_report(organization))
