"""gazette.services.issues_published: published issues of a period."""

import datetime as dt

import pytest

from gongkai.gazette import services
from gongkai.gazette.models import GazetteIssue

pytestmark = pytest.mark.django_db


def test_counts_published_issues_of_the_period(org, other_org):
    def issue(number, on, state=GazetteIssue.State.PUBLISHED, organization=org):
        return GazetteIssue.objects.create(organization=organization, year=on.year, number=number,
                                           total_number=100 + number, published_on=on, state=state)

    issue(1, dt.date(2020, 1, 15))
    issue(2, dt.date(2020, 12, 31))
    issue(3, dt.date(2020, 6, 1), state=GazetteIssue.State.DRAFT)
    issue(4, dt.date(2021, 1, 1))
    issue(5, dt.date(2020, 3, 1), organization=other_org)
    withdrawn = issue(6, dt.date(2020, 7, 1))
    assert services.issues_published([org.id], dt.date(2020, 1, 1), dt.date(2020, 12, 31)) == 3
    # A withdrawn issue is not counted as published (annual report), nor in the archive's years.
    GazetteIssue.objects.filter(pk=withdrawn.pk).update(state=GazetteIssue.State.WITHDRAWN)
    assert services.issues_published([org.id], dt.date(2020, 1, 1), dt.date(2020, 12, 31)) == 2
    assert services.issues_published([org.id, other_org.id], dt.date(2020, 1, 1), dt.date(2020, 12, 31)) == 3
    assert dict(services.years()) == {2021: 1, 2020: 3}
