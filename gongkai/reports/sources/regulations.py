"""Adapter: 规范性文件 counts of gongkai.regulations (read-only, through its services)."""

from django.apps import apps

from gongkai.reports.sources import NormativeCounts


def normative_counts(organization_ids, year: int) -> NormativeCounts:
    if not apps.is_installed("gongkai.regulations"):
        return NormativeCounts()
    from gongkai.regulations.services import annual_counts

    return NormativeCounts(**annual_counts(organization_ids, year))
