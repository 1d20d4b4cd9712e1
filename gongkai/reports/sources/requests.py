"""Adapter: 依申请公开 cases and remedies of gongkai.requests as neutral records (read-only, through its
services: gongkai.requests.services.annual_report)."""

import datetime as dt

from django.apps import apps

from gongkai.reports.sources import CaseRecord, Punctuality, RemedyRecord

APP = "gongkai.requests"


def available() -> bool:
    return apps.is_installed(APP)


def cases(organization_ids, start: dt.date, end: dt.date) -> list[CaseRecord]:
    """Cases of the organizations that table 3 of the period [start, end] counts: received by `end` and
    not replied before `start`."""
    if not available():
        return []
    from gongkai.requests.services.annual_report import annual_report_cases

    return [CaseRecord(**case) for case in annual_report_cases(organization_ids, start, end)]


def punctuality(organization_ids, start: dt.date, end: dt.date) -> Punctuality:
    """How many of the cases replied in [start, end] met their recomputed 答复期限."""
    if not available():
        return Punctuality()
    from gongkai.requests.services.annual_report import annual_report_punctuality

    return Punctuality(**annual_report_punctuality(organization_ids, start, end))


def remedies(organization_ids, start: dt.date, end: dt.date) -> list[RemedyRecord]:
    """行政复议 and 行政诉讼 about the organizations' cases filed by `end` and not decided before `start`."""
    if not available():
        return []
    from gongkai.requests.services.annual_report import annual_report_remedies

    return [RemedyRecord(**remedy) for remedy in annual_report_remedies(organization_ids, start, end)]
