"""The public progress lookup (申请编号 + 查询码) takes one path whatever was wrong: the typed code is compared
with hmac.compare_digest against a stored digest, or against a dummy of the same length when the number is
unknown or its case has no code (an imported one) — and the answer is one sentence either way."""

import datetime as dt
import hmac

import pytest
from django.urls import reverse

from gongkai.requests import spam
from gongkai.requests.choices import State
from gongkai.requests.factories import TEST_QUERY_CODE, received_case
from gongkai.requests.models import RequestCase
from gongkai.requests.services.intake import find_for_applicant

pytestmark = pytest.mark.django_db
LOOKUP = reverse("requests_public:lookup")
WRONG = "申请编号或查询码不正确。"


@pytest.fixture(autouse=True)
def _no_limits(settings, monkeypatch):
    monkeypatch.setattr(spam, "allow", lambda request, bucket: True)


@pytest.fixture
def compared(monkeypatch):
    """(length of the computed digest, length of what it was compared with) for every compare_digest."""
    calls = []
    real = hmac.compare_digest

    def spy(a, b):
        calls.append((len(a), len(b)))
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", spy)
    return calls


def test_an_unknown_number_and_a_wrong_code_take_the_same_path(client, org, compared):
    case = received_case(org, dt.date(2020, 3, 2), state=State.PROCESSING)
    assert find_for_applicant("SQ-2099-999999", TEST_QUERY_CODE) is None
    assert find_for_applicant(case.tracking_number, "WRNG-WRNG-WRNG") is None
    assert compared == [(64, 64), (64, 64)]
    answers = [client.post(LOOKUP, {"tracking_number": number, "query_code": code})
               for number, code in (("SQ-2099-999999", TEST_QUERY_CODE), (case.tracking_number, "WRNG-WRNG-WRNG"))]
    assert [a.status_code for a in answers] == [400, 400]
    assert all(WRONG in a.content.decode() for a in answers)
    assert find_for_applicant(case.tracking_number, TEST_QUERY_CODE) == case


def test_a_case_without_a_code_is_compared_with_the_dummy(org, compared):
    case = received_case(org, dt.date(2020, 3, 2), state=State.PROCESSING)
    RequestCase.objects.filter(pk=case.pk).update(query_code_digest="")  # e.g. entered from the old 台账
    assert find_for_applicant(case.tracking_number, "") is None
    assert find_for_applicant(case.tracking_number, TEST_QUERY_CODE) is None
    assert compared == [(64, 64), (64, 64)]
