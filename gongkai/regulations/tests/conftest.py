"""Documents in each public state, dated from today: shared by the state tests (public pages, staff pages,
search and the open API)."""

import datetime as dt

import pytest
from django.utils import timezone

from gongkai.regulations import services
from gongkai.regulations.factories import normative_document


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def ahead(org, editor, reviewer, today):
    return normative_document(org, editor, reviewer, title="沂源县农村公路养护办法", doc_number="源政办发〔2026〕3号",
                              promulgated_on=str(today - dt.timedelta(days=3)),
                              effective_from=str(today + dt.timedelta(days=30)),
                              expires_on=str(today + dt.timedelta(days=900)))


@pytest.fixture
def in_force(org, editor, reviewer, today):
    return normative_document(org, editor, reviewer, title="沂源县城市道路养护管理办法", doc_number="源政办发〔2025〕7号",
                              promulgated_on=str(today - dt.timedelta(days=60)),
                              effective_from=str(today - dt.timedelta(days=30)),
                              expires_on=str(today + dt.timedelta(days=900)))


@pytest.fixture
def ended(org, editor, reviewer, today):
    old = normative_document(org, editor, reviewer, title="沂源县城区养犬管理办法", doc_number="源政办发〔2024〕1号",
                             promulgated_on=str(today - dt.timedelta(days=400)),
                             effective_from=str(today - dt.timedelta(days=400)),
                             expires_on=str(today + dt.timedelta(days=900)))
    newer = normative_document(org, editor, reviewer, title="沂源县人民政府关于废止《沂源县城区养犬管理办法》的决定",
                               doc_number="源政发〔2026〕9号", promulgated_on=str(today - dt.timedelta(days=5)),
                               effective_from=str(today - dt.timedelta(days=5)),
                               expires_on=str(today + dt.timedelta(days=900)))
    services.repeal(reviewer, newer, old, effective_on=today - dt.timedelta(days=2))
    old.refresh_from_db()
    return old
