"""Permission-matrix registration (gongkai/workbench/tests/test_permission_matrix.py): a unit's reports in
each state, and the rows another unit must not change."""

import datetime as dt

from gongkai.reports import reading, services
from gongkai.reports.models import AnnualReport


def fillers(unit) -> dict:
    draft = services.create_report(unit.editor, unit.org, 2021)
    submitted = services.submit(unit.editor, services.create_report(unit.editor, unit.org, 2020))
    published = services.create_report(unit.editor, unit.org, 2019)
    # Published without rendering its files (WeasyPrint is slow): the state and frozen data are what matter here.
    AnnualReport.objects.filter(pk=published.pk).update(
        state=AnnualReport.State.PUBLISHED, data=reading.live(published).data, published_on=dt.date(2020, 1, 20))
    return {"annual_report_id": [draft.pk, submitted.pk, published.pk]}


def snapshot(unit) -> dict:
    return {"reports": list(AnnualReport.objects.filter(organization=unit.org).order_by("pk").values())}
