"""The 依申请公开 demo: one case per interesting state for 沂源县 units, idempotent, looked up with the demo code."""

import datetime as dt

import pytest

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.organizations.factories import OrganizationFactory
from gongkai.requests import demo
from gongkai.requests.choices import State
from gongkai.requests.clock import case_clocks
from gongkai.requests.models import RequestCase
from gongkai.requests.services.intake import find_for_applicant

pytestmark = pytest.mark.django_db


@pytest.fixture
def yiyuan():
    for name, prefix in ((demo.OFFICE, "bgs"), (demo.CULTURE, "wlj"), (demo.NANMA, "nmjd")):
        org = OrganizationFactory(name=name)
        user_with_role(org, Role.EDITOR, username=f"{prefix}_xxy")
        user_with_role(org, Role.REVIEWER, username=f"{prefix}_shy")


def test_demo_cases_in_every_state_and_idempotent(yiyuan, capsys):
    import io

    out = io.StringIO()
    demo.load(out)
    states = dict(RequestCase.objects.filter(note__startswith="【演示数据").exclude(note__contains=":2025-")
                  .values_list("note", "state"))
    assert states == {
        "【演示数据:pending】": State.PENDING, "【演示数据:accepted】": State.ACCEPTED,
        "【演示数据:correction】": State.CORRECTION, "【演示数据:correction_lapsed】": State.CORRECTION,
        "【演示数据:third_party】": State.THIRD_PARTY,
        "【演示数据:review】": State.REVIEW, "【演示数据:overdue】": State.PROCESSING, "【演示数据:filed】": State.FILED,
        "【演示数据:letter】": State.PENDING, "【演示数据:withdrawn】": State.WITHDRAWN,
        "【演示数据:transferred】": State.REPLIED,
    }
    assert "演示申请 37 件" in out.getvalue()
    passed = RequestCase.objects.get(transferred_from__note="【演示数据:transferred】")
    assert passed.organization.name == demo.OFFICE and passed.state == State.PENDING
    demo.load(None)
    assert RequestCase.objects.count() == 12 + 26
    # 2025: cases received and answered through the year, two carried over into 2026, a 复议 and a 诉讼.
    from gongkai.requests.services.annual_report import annual_report_cases, annual_report_remedies

    ids = list(RequestCase.objects.values_list("organization_id", flat=True).distinct())
    rows = annual_report_cases(ids, dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert sum(r["count"] for r in rows) == 26
    assert sum(r["count"] for r in rows if r["replied_on"] is None or r["replied_on"].year == 2026) == 2
    assert len(annual_report_remedies(ids, dt.date(2025, 1, 1), dt.date(2025, 12, 31))) == 2
    # The applicant let the 补正 period run out: the case page tells the unit to close it (第三十条).
    lapsed = RequestCase.objects.get(note__contains="correction_lapsed")
    line = next(line for line in case_clocks(lapsed).lines if line.key == "correction_period")
    assert line.state_label == "已届满" and "逾期不补正" in line.lapse_note
    waiting = RequestCase.objects.get(note="【演示数据:correction】")
    assert next(line for line in case_clocks(waiting).lines if line.key == "correction_period").state_label != "已届满"
    case = RequestCase.objects.get(note__contains="filed")
    assert find_for_applicant(case.tracking_number, demo.DEMO_QUERY_CODE) == case
    reply = case.documents.get().document
    assert reply.doc_number.startswith("源政信复〔") and reply.doc_number.endswith("〕1号")


def test_demo_skips_quietly_without_the_county(db):
    demo.load(None)
    assert not RequestCase.objects.exists()
