"""Adapter: what publishing, interpretations and the gazette did in a year (read-only, through services)."""

import datetime as dt

from django.apps import apps

from gongkai.reports.sources import Activity


def activity(organization_ids, year: int) -> Activity:
    from gongkai.publishing.services import publication_counts

    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    ids = list(organization_ids)
    published = publication_counts(ids, start, end)
    interpretations = gazette_issues = 0
    if apps.is_installed("gongkai.interpretations"):
        from gongkai.interpretations.services import published_count

        interpretations = published_count(ids, start, end)
    if apps.is_installed("gongkai.gazette"):
        from gongkai.gazette.services import issues_published

        gazette_issues = issues_published(ids, start, end)
    return Activity(items_published=published["total"], items_by_node=tuple(published["by_node"]),
                    interpretations=interpretations, gazette_issues=gazette_issues)
