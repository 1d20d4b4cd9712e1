"""A unit's 台账 of 2021, imported with the requests app's `import_ledger`, gives the table it counts by hand."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from gongkai.organizations.factories import OrganizationFactory
from gongkai.reports.tests.helpers import row

pytestmark = pytest.mark.django_db
LEDGER = Path(__file__).parent / "fixtures" / "ledger-2021.csv"

# Counted by hand from fixtures/ledger-2021.csv (15 rows; 张一 and 甲旅游公司 received in 2020, 钱六 replied in
# 2022, 孙七 still open, 周八 all in 2020, 吴九 received in 2022).
EXPECTED_2021 = {
    "new": row(natural=5, commercial=2, research=1, public_interest=1, legal=1, other=1),
    "carried_over": row(natural=1, commercial=1),
    "granted": row(natural=2),
    "partially_granted": row(natural=1, commercial=1),
    "withheld_state_secret": row(research=1),
    "withheld_security_stability": row(natural=1),
    "unavailable_not_held": row(public_interest=1),
    "not_processed_repeated": row(legal=1),
    "other_no_correction": row(other=1),
    "other_unpaid_fee": row(commercial=1),
    "total_processed": row(natural=4, commercial=2, research=1, public_interest=1, legal=1, other=1),
    "carried_forward": row(natural=2, commercial=1),
}
EXPECTED_REVIEWS_2021 = {
    "administrative_review": {"upheld": 1, "corrected": 1, "other": 0, "pending": 0, "total": 2},
    "litigation_direct": {"upheld": 0, "corrected": 0, "other": 0, "pending": 1, "total": 1},
    "litigation_after_review": {"upheld": 1, "corrected": 0, "other": 0, "pending": 0, "total": 1},
}


def test_imported_ledger_gives_the_hand_counted_table(tmp_path):
    org = OrganizationFactory(name="沂源县文化和旅游局")
    call_command("import_ledger", str(LEDGER))
    out = tmp_path / "report.json"
    call_command("annual_report", "--org", org.credit_code, "--year", "2021", "--format", "json", "-o", str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    requests = data["requests"]
    for key, cells in requests.items():
        assert cells == EXPECTED_2021.get(key, row()), key
    assert data["reviews"] == EXPECTED_REVIEWS_2021
    assert data["organization"] == org.credit_code and data["format"] == "2021"
    # 2020 (trial format), by hand: 张一, 甲旅游公司 and 周八 received; 周八 answered; two carried into 2021.
    call_command("annual_report", "--org", org.name, "--year", "2020", "--format", "json", "-o", str(out))
    trial = json.loads(out.read_text(encoding="utf-8"))
    assert trial["format"] == "2019"
    assert trial["requests"]["new"] == row(natural=2, commercial=1)
    assert trial["requests"]["granted"] == trial["requests"]["total_processed"] == row(natural=1)
    assert trial["requests"]["carried_forward"] == EXPECTED_2021["carried_over"]
