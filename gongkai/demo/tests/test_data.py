"""The demo's data modules, read without a database: the seed's units, credit codes, the seed body."""

import re
from pathlib import Path

import pytest
from stdnum.cn import uscc

from gongkai.core.sanitize import sanitize_html
from gongkai.demo.data.organizations import (
    ALIASES,
    BY_NAME,
    GENERIC_PHRASES,
    ORGANIZATIONS,
    TOWNSHIP,
    credit_code,
    match_unit_names,
    organization_code,
)
from gongkai.demo.seed import SEED_PATH, annex_rows, full_width, seed_body_html, seed_text

SHARED_SEED = Path("/work/shared/seed/yiyuan-2020-work-plan.txt")


def responsible_cells(text: str) -> list[str]:
    """The 责任单位 column, read straight from the text (independently of gongkai.demo.seed):
    in every table row it is the last non-empty cell, when that cell names a unit or 各镇（街道）."""
    lines = text.split("政务公开工作任务分解表", 1)[1].split("\n注：", 1)[0].splitlines()
    cells = []
    for line in lines:
        filled = [c.strip() for c in line.split("\t") if c.strip()]
        if len(filled) >= 2 and filled[-1] != "责任单位" and filled[-1].startswith(("各镇", "县", "市")):
            cells.append(filled[-1])
    return cells


def test_the_packaged_seed_is_the_customers_document():
    if SHARED_SEED.exists():
        assert SEED_PATH.read_bytes() == SHARED_SEED.read_bytes()
    assert "源政办字〔2020〕66号" in SEED_PATH.read_text(encoding="utf-8")


def test_citizens_read_the_seed_with_chinese_punctuation_and_without_the_originals_slip():
    raw = SEED_PATH.read_text(encoding="utf-8")
    assert "监管规则 and 标准" in raw and "提内涵, 聚力" in raw and "各镇(街道)" in raw  # the customer's text
    text = seed_text()
    assert "向市场主体全面公开监管规则和标准" in text and " and " not in text
    assert "围绕强基础、提内涵，聚力打造" in text and "县文化和旅游局，县委宣传部等" in text
    assert "各镇（街道）" in text and "(" not in text and ")" not in text
    assert not re.search(r"[\u4e00-\u9fff] *[,;:]|[,;:] *[\u4e00-\u9fff]", text)
    assert text.count("\t") == raw.count("\t") and text.count("\n") == raw.count("\n")  # the annex's cells
    assert full_width("时间(2020年)为10:00, ok (a)") == "时间（2020年）为10:00, ok (a)"  # only Chinese text
    assert "县文化和旅游局，县委宣传部等有关部门、有关单位，各镇（街道）" in seed_body_html()


def test_every_unit_in_the_seeds_responsible_column_resolves_to_a_demo_organization():
    cells = responsible_cells(SEED_PATH.read_text(encoding="utf-8"))
    assert len(cells) >= 60
    named = set()
    for cell in cells:
        names, leftover = match_unit_names(cell)
        assert leftover == "", f"unknown unit in {cell!r}: {leftover!r}"
        assert all(name in BY_NAME for name in names)
        named.update(names)
    # Spot checks of spellings that differ from the official names.
    assert {"沂源县发展和改革局", "沂源县住房和城乡建设局", "中共沂源县委政策研究室", "中国人民银行沂源县支行",
            "淄博市医疗保障局沂源分局", "沂源县残疾人联合会", "沂源经济开发区管理委员会"} <= named


def test_the_seeds_two_spellings_of_the_development_and_reform_bureau_are_one_unit():
    assert ALIASES["县发展改革委"] == ALIASES["县发展改革局"] == "沂源县发展和改革局"
    names, leftover = match_unit_names("各镇(街道)、沂源经济开发区和县发展改革委、县发展改革局")
    assert names == ["沂源经济开发区管理委员会", "沂源县发展和改革局"] and leftover == ""


def test_an_unknown_unit_is_reported_not_swallowed():
    names, leftover = match_unit_names("县文化和旅游局、县气象局等有关部门、有关单位")
    assert names == ["沂源县文化和旅游局"]
    assert leftover == "县气象局"


def test_generic_phrases_name_no_unit():
    for phrase in GENERIC_PHRASES:
        assert match_unit_names(phrase) == ([], "")


def test_all_twelve_towns_and_streets():
    towns = [spec.short_name for spec in ORGANIZATIONS if spec.kind == TOWNSHIP]
    assert towns == ["南麻街道", "历山街道", "悦庄镇", "东里镇", "西里镇", "大张庄镇", "中庄镇", "张家坡镇",
                     "燕崖镇", "石桥镇", "鲁村镇", "南鲁山镇"]


def test_credit_codes_are_valid_unique_and_stable():
    codes = [credit_code(spec) for spec in ORGANIZATIONS]
    assert all(uscc.is_valid(code) for code in codes)
    assert all(code[2:8] == "370323" for code in codes)
    assert len(set(codes)) == len(codes)
    assert len({spec.serial for spec in ORGANIZATIONS}) == len(ORGANIZATIONS)
    assert credit_code(ORGANIZATIONS[0]) == credit_code(ORGANIZATIONS[0])


@pytest.mark.parametrize("serial", [1, 430001, 430112, 99999999])
def test_organization_code_check_character_follows_gb_11714(serial):
    code = organization_code(serial)
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(c) * w for c, w in zip(code[:8], weights, strict=True)) + (10 if code[8] == "X" else int(code[8]))
    assert len(code) == 9 and total % 11 == 0


def test_the_seed_body_keeps_its_structure_and_survives_sanitizing():
    body = seed_body_html()
    assert sanitize_html(body).count("<tr>") == body.count("<tr>") == len(annex_rows()) + 1
    assert "<h2>沂源县2020年政务公开工作要点</h2>" in body
    assert "<h3>一、总体要求</h3>" in body
    # Page breaks of the PDF text are joined again.
    assert "做好深化“一窗受理·一次办好”改革" in body
    assert "2020年是贯彻落实" in body and "2020 年" not in body
    assert "抄送：县委各部门" in body


def test_load_demo_refuses_a_production_configured_site(settings):
    import pytest
    from django.core.management import CommandError, call_command

    settings.HTTPS = True
    with pytest.raises(CommandError, match="演示"):
        call_command("load_demo")


@pytest.mark.django_db
def test_no_planned_title_says_work_twice():
    """A unit whose subject is 「人才工作」 publishes 「…人才工作的通知」, not 「…人才工作工作的通知」."""
    from gongkai.demo.items import plan_items
    from gongkai.workdays.calendar import WorkdayCalendar

    titles = [spec.title for spec in plan_items(WorkdayCalendar())]
    assert titles and not [t for t in titles if "工作工作" in t]
