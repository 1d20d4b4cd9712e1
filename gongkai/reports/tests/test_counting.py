"""Table 3 and table 4 counting from neutral records, against tables counted by hand."""

import datetime as dt

from gongkai.reports import checks, compute, formats
from gongkai.reports.sources import CaseRecord, NormativeCounts, RemedyRecord

D = dt.date.fromisoformat
COLUMNS = formats.REQUEST_COLUMNS


def case(received, replied=None, outcome="", applicant="natural_person", fee=0, due=None):
    return CaseRecord(1, D(received), D(replied) if replied else None, outcome, applicant,
                      D(due) if due else None, fee)


def row(natural=0, commercial=0, research=0, public_interest=0, legal=0, other=0):
    cells = [natural, commercial, research, public_interest, legal, other]
    return dict(zip(COLUMNS, [*cells, sum(cells)], strict=True))


def test_cases_crossing_the_year_boundary_2021():
    cases = [
        case("2020-12-20", "2021-01-08", "granted", "natural_person"),  # 上年结转, 办结 in 2021
        case("2020-12-28", None, "", "commercial"),  # open all of 2021: 上年结转 and 结转下年度
        case("2021-03-01", "2021-03-20", "partially_granted", "commercial"),  # 新收 and 办结 in 2021
        case("2021-12-25", "2022-01-10", "withheld_third_party", "research"),  # 新收 in 2021, 办结 in 2022
        case("2020-06-01", "2020-06-20", "granted", "natural_person"),  # all in 2020: not in 2021 at all
        case("2021-05-01", "2021-05-10", "other_unpaid_fee", "legal_services"),
        case("2022-01-03", None, "", "public_interest"),  # received in 2022
    ]
    table = compute.request_table(cases, 2021, formats.FORMAT_2021)
    assert table["new"] == row(commercial=1, research=1, legal=1)
    assert table["carried_over"] == row(natural=1, commercial=1)
    assert table["granted"] == row(natural=1)
    assert table["partially_granted"] == row(commercial=1)
    assert table["other_unpaid_fee"] == row(legal=1)
    assert table["withheld_third_party"] == row()
    assert table["total_processed"] == row(natural=1, commercial=1, legal=1)
    assert table["carried_forward"] == row(commercial=1, research=1)
    # The next year picks up what was carried forward.
    next_year = compute.request_table(cases, 2022, formats.FORMAT_2021)
    assert next_year["carried_over"] == table["carried_forward"]
    assert next_year["withheld_third_party"] == row(research=1)
    assert next_year["new"] == row(public_interest=1)
    assert next_year["carried_forward"] == row(commercial=1, public_interest=1)
    data = {"format": "2021", "year": 2021, "requests": table, "reviews": compute.empty_review_table()}
    assert checks.failures(checks.run(data, None)) == []


# Every one of the 21 outcomes, each with an applicant column, and the row it must land in (by hand).
EVERY_OUTCOME = [
    ("granted", "natural_person"), ("partially_granted", "commercial"), ("withheld_state_secret", "research"),
    ("withheld_prohibited_by_law", "public_interest"), ("withheld_security_stability", "legal_services"),
    ("withheld_third_party", "other_org"), ("withheld_internal_affairs", "natural_person"),
    ("withheld_process_information", "commercial"), ("withheld_enforcement_file", "research"),
    ("withheld_administrative_query", "public_interest"), ("unavailable_not_held", "legal_services"),
    ("unavailable_needs_creation", "other_org"), ("unavailable_unclear", "natural_person"),
    ("not_processed_petition", "commercial"), ("not_processed_repeated", "research"),
    ("not_processed_publication", "public_interest"), ("not_processed_excessive", "legal_services"),
    ("not_processed_confirmation", "other_org"), ("other_no_correction", "natural_person"),
    ("other_unpaid_fee", "commercial"), ("other_other", "research"),
]


def test_every_outcome_row_and_applicant_column_2021():
    cases = [case("2021-02-01", "2021-02-20", outcome, applicant) for outcome, applicant in EVERY_OUTCOME]
    table = compute.request_table(cases, 2021, formats.FORMAT_2021)
    for outcome, applicant in EVERY_OUTCOME:
        assert table[outcome]["total"] == 1 and table[outcome][applicant] == 1, outcome
    # 21 cases over six columns: natural 4, commercial 4, research 4, public interest 3, legal 3, other 3.
    assert table["new"] == row(4, 4, 4, 3, 3, 3)
    assert table["total_processed"] == row(4, 4, 4, 3, 3, 3)
    assert table["carried_forward"] == row()
    assert list(table) == list(formats.request_row_keys(formats.FORMAT_2021))


def test_trial_format_2020_has_one_other_row():
    cases = [case("2020-02-01", "2020-02-20", outcome, applicant) for outcome, applicant in EVERY_OUTCOME]
    table = compute.request_table(cases, 2020, formats.FORMAT_2019)
    assert "other_no_correction" not in table and "other_other" not in table
    assert table["other_processing"] == row(natural=1, commercial=1, research=1)
    assert table["granted"] == row(natural=1)
    assert len(table) == 23  # 一、二, 19 outcome rows, （七）总计, 四
    data = {"format": "2019", "year": 2020, "requests": table, "reviews": compute.empty_review_table()}
    assert checks.failures(checks.run(data, None)) == []


def test_partially_granted_counts_once_even_with_withheld_parts():
    # A 部分公开 reply (its withheld parts carry 第十五条 reasons) is one case in one row.
    table = compute.request_table([case("2021-04-01", "2021-04-10", "partially_granted", "natural_person")],
                                  2021, formats.FORMAT_2021)
    assert table["partially_granted"] == row(natural=1)
    assert sum(table[key]["total"] for key in formats.outcome_row_keys(formats.FORMAT_2021)) == 1


def test_checks_catch_missing_outcome_unknown_applicant_and_bad_dates():
    cases = [
        case("2021-03-01", "2021-03-05", "", "natural_person"),  # replied without an outcome
        case("2021-03-01", "2021-03-05", "granted", ""),  # no applicant type
        case("2021-01-05", "2020-12-30", "granted", "commercial"),  # reply dated before the receipt
    ]
    table = compute.request_table(cases, 2021, formats.FORMAT_2021)
    data = {"format": "2021", "year": 2021, "requests": table, "reviews": compute.empty_review_table()}
    failed = {c.key: c for c in checks.failures(checks.run(data, None))}
    assert set(failed) == {"outcome_sum", "column_sum", "balance"}
    assert any("自然人" in problem for problem in failed["outcome_sum"].problems)
    assert any("一、本年新收" in problem for problem in failed["column_sum"].problems)


def test_carry_over_check_against_last_years_published_table():
    this_year = compute.request_table([case("2020-12-30", None, "", "natural_person")], 2021, formats.FORMAT_2021)
    data = {"format": "2021", "year": 2021, "requests": this_year, "reviews": compute.empty_review_table()}
    published_2020 = {"requests": {"carried_forward": row(natural=1)}}
    assert checks.failures(checks.run(data, published_2020)) == []
    wrong_2020 = {"requests": {"carried_forward": row(natural=2, commercial=1)}}
    failed = checks.failures(checks.run(data, wrong_2020))
    assert [c.key for c in failed] == ["carry_over"]
    assert "“自然人”列：本年度上年结转1件，2020年度年报结转下年度2件。" in failed[0].problems
    unknown = [c for c in checks.run(data, None) if c.key == "carry_over"][0]
    assert unknown.passed is None and not unknown.failed


def test_reviews_and_litigation():
    def remedy(kind, filed, decided=None, result="pending", litigation_type=""):
        return RemedyRecord(1, kind, litigation_type, D(filed), D(decided) if decided else None, result)

    remedies = [
        remedy("review", "2021-03-01", "2021-05-01", "upheld"),
        remedy("review", "2021-04-01", "2021-06-01", "corrected"),
        remedy("review", "2021-11-01", "2022-02-01", "other"),  # undecided on 31 December: 尚未审结
        remedy("review", "2020-11-01", "2021-01-15", "upheld"),  # carried from 2020, decided in 2021
        remedy("review", "2020-03-01", "2020-05-01", "corrected"),  # all in 2020
        remedy("litigation", "2021-07-01", "2021-09-01", "other", "direct"),
        remedy("litigation", "2021-08-01", None, "pending", "direct"),
        remedy("litigation", "2021-09-01", None, "corrected", "after_review"),  # result without a date
    ]
    table = compute.review_table(remedies, 2021)
    assert table == {
        "administrative_review": {"upheld": 2, "corrected": 1, "other": 0, "pending": 1, "total": 4},
        "litigation_direct": {"upheld": 0, "corrected": 0, "other": 1, "pending": 1, "total": 2},
        "litigation_after_review": {"upheld": 0, "corrected": 1, "other": 0, "pending": 0, "total": 1},
    }
    assert compute.review_table(remedies, 2020)["administrative_review"] == {
        "upheld": 0, "corrected": 1, "other": 0, "pending": 1, "total": 2}


def test_proactive_tables_in_both_formats():
    counts = NormativeCounts(issued=3, repealed=1, in_force=12, published=4, published_total=20)
    entered_2021 = {"licensing": {"decisions": 120}, "penalty": {"decisions": 7}, "fees": {"amount_10k_yuan": "3.5"}}
    assert compute.proactive_table("2021", counts, entered_2021) == {
        "rules": {"issued": 0, "repealed": 0, "in_force": 0},
        "normative_documents": {"issued": 3, "repealed": 1, "in_force": 12},
        "licensing": {"decisions": 120}, "penalty": {"decisions": 7}, "coercion": {"decisions": 0},
        "fees": {"amount_10k_yuan": "3.50"},
    }
    trial = compute.proactive_table("2019", counts, {"licensing": {"previous_items": 40, "change": -2},
                                                     "procurement": {"projects": 5, "amount_10k_yuan": "120.4"}})
    assert trial["normative_documents"] == {"made": 3, "published": 4, "total_published": 20}
    assert trial["licensing"] == {"previous_items": 40, "change": -2, "decisions": 0}
    assert trial["other_services"] == {"previous_items": 0, "change": 0, "decisions": 0}
    assert trial["fees"] == {"previous_items": 0, "change": 0}
    assert trial["procurement"] == {"projects": 5, "amount_10k_yuan": "120.40"}


def test_money_sums_keep_two_places():
    total = compute.sum_entered("2021", [{"fees": {"amount_10k_yuan": "1.10"}}, {"fees": {"amount_10k_yuan": "2.25"}},
                                         {}])
    assert total["fees"] == {"amount_10k_yuan": "3.35"}
    assert total["licensing"] == {"decisions": 0}
