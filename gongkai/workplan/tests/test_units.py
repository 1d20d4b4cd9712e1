"""Reading 责任单位 cells: units, the lead, township groups, notes, unmatched names."""

from types import SimpleNamespace

import pytest

from gongkai.demo.data.organizations import ALIASES, ORGANIZATIONS, TOWNSHIP
from gongkai.workplan.tabletext import parse_table_text
from gongkai.workplan.tests.test_tabletext import SEED
from gongkai.workplan.units import UnitMatcher

ORGS = [SimpleNamespace(name=s.name, short_name=s.short_name, kind=s.kind) for s in ORGANIZATIONS]
TOWNS = [o for o in ORGS if o.kind == TOWNSHIP]


@pytest.fixture(scope="module")
def matcher():
    return UnitMatcher(ORGS, TOWNS, ALIASES)


def short(orgs) -> list[str]:
    return [o.short_name for o in orgs]


def test_the_first_unit_named_leads(matcher):
    result = matcher.resolve("县文化和旅游局, 县委宣传部等有关部门、有关单位, 各镇（街道）")
    assert short(result.leads) == ["县文化和旅游局"]
    assert short(result.supports) == ["县委宣传部", *short(TOWNS)]
    assert result.note == "有关部门、有关单位" and result.unmatched == []


def test_each_township_is_a_unit_and_leads_when_named_first(matcher):
    result = matcher.resolve("各镇（街道）、沂源经济开发区")
    assert short(result.leads) == short(TOWNS) and len(result.leads) == 12
    assert short(result.supports) == ["沂源经济开发区"]


@pytest.mark.parametrize(("text", "lead", "supports"), [
    # 「各镇（街道）和县X局」: the department leads, the townships (and the zone) support.
    ("各镇(街道)和县农业农村局", "县农业农村局", []),
    ("各镇(街道)和县农业农村局、县科技局", "县农业农村局", ["县科技局"]),
    ("各镇(街道)、沂源经济开发区和县发展改革委、县工业和信息化局", "县发展改革局", ["沂源经济开发区", "县工业和信息化局"]),
    ("各镇（街道）和县委宣传部、县网信办及舆情涉及部门、单位", "县委宣传部", ["县网信办"]),
])
def test_townships_and_a_department_the_department_leads(matcher, text, lead, supports):
    result = matcher.resolve(text)
    assert short(result.leads) == [lead]
    assert set(short(TOWNS)) <= set(short(result.supports))
    assert [s for s in short(result.supports) if s not in short(TOWNS)] == supports


@pytest.mark.parametrize("text", ["各镇（街道）（牵头）和县农业农村局", "牵头单位：各镇（街道）；配合单位：县农业农村局"])
def test_the_text_may_still_make_the_townships_lead(matcher, text):
    result = matcher.resolve(text)
    assert len(result.leads) == 12 and short(result.supports) == ["县农业农村局"]


def test_generic_phrases_stay_a_note(matcher):
    result = matcher.resolve("各镇（街道）和县政府有关部门、有关单位")
    assert len(result.leads) == 12 and result.supports == []
    assert result.note == "县政府有关部门、有关单位"
    result = matcher.resolve("各镇（街道）和《沂源县司法局关于公布县级行政执法主体的通知》所列具有法定行政执法权的县级行政机关")
    assert result.notes == ["《沂源县司法局关于公布县级行政执法主体的通知》所列具有法定行政执法权的县级行政机关"]


def test_aliases_and_parenthesised_names(matcher):
    result = matcher.resolve("县委政研室（改革办）, 县纪委监委机关、县住房城乡建设局（县人民防空办公室）、县人民银行")
    assert [o.name for o in result.leads] == ["中共沂源县委政策研究室"]
    assert [o.name for o in result.supports] == ["中共沂源县纪律检查委员会沂源县监察委员会机关", "沂源县住房和城乡建设局",
                                                 "中国人民银行沂源县支行"]
    assert result.unmatched == []


def test_the_emergency_plan_row_maps_each_category_to_its_units(matcher):
    row = next(r for r in parse_table_text(SEED).rows if r.responsible.startswith("各镇（街道）应急预案："))
    categories = matcher.categories(row.responsible)
    assert [label for label, _units in categories] == [
        "各镇（街道）应急预案", "县总体预案", "县自然灾害类专项预案", "县事故灾害类专项预案", "县公共卫生类专项预案",
        "县社会安全类专项预案"]
    units = {label: matcher.resolve(text) for label, text in categories}
    assert len(units["各镇（街道）应急预案"].leads) == 12
    assert short(units["县总体预案"].leads) == ["县应急局"] and units["县总体预案"].supports == []
    assert short(units["县自然灾害类专项预案"].leads) == ["县应急局"]
    assert short(units["县自然灾害类专项预案"].supports) == ["县综合行政执法局", "市生态环境局沂源分局", "县农业农村局",
                                                   "县自然资源局"]
    assert short(units["县公共卫生类专项预案"].leads) == ["县卫生健康局"]
    assert short(units["县社会安全类专项预案"].leads) == ["县公安局"]
    assert "县信访局" in short(units["县社会安全类专项预案"].supports)
    assert all(not u.unmatched for u in units.values())


def test_a_unit_glued_to_the_next_label_stays_in_its_category(matcher):
    assert matcher.categories("县总体预案：县应急局县公共卫生类专项预案：县卫生健康局、县市场监管局") == [
        ("县总体预案", "县应急局"), ("县公共卫生类专项预案", "县卫生健康局、县市场监管局")]


@pytest.mark.parametrize("text", ["县总体预案：县应急局", "牵头单位：县商务局；配合单位：县财政局", "各镇（街道）和县应急局",
                                  "县应急局、县总体预案：县应急局 县专项预案：县公安局", "县总体预案： 县专项预案：县公安局"])
def test_other_cells_have_no_categories(matcher, text):
    assert matcher.categories(text) == []


def test_labels_inside_a_cell_are_skipped(matcher):
    result = matcher.resolve("各镇（街道）应急预案：各镇（街道） 县总体预案：县应急局 县公共卫生类专项预案：县卫生健康局、县市场监管局")
    assert len(result.leads) == 12
    assert short(result.supports) == ["县应急局", "县卫生健康局", "县市场监管局"]
    assert result.unmatched == []


def test_unknown_names_are_reported_not_invented(matcher):
    result = matcher.resolve("县农业农村局、县气象局、县烟草专卖局等有关单位")
    assert short(result.leads) == ["县农业农村局"] and result.supports == []
    assert result.unmatched == ["县气象局", "县烟草专卖局"]
    unknown_first = matcher.resolve("县气象局、县应急局")
    assert unknown_first.leads == [] and short(unknown_first.supports) == ["县应急局"]


@pytest.mark.parametrize("text", ["县财政局、县商务局（牵头）", "县财政局、县商务局牵头", "牵头单位：县商务局；配合单位：县财政局"])
def test_the_text_may_name_the_lead_explicitly(matcher, text):
    result = matcher.resolve(text)
    assert short(result.leads) == ["县商务局"] and short(result.supports) == ["县财政局"]


def test_every_cell_of_the_seed_resolves(matcher):
    for row in parse_table_text(SEED).rows:
        result = matcher.resolve(row.responsible)
        assert result.unmatched == [], row.responsible
        assert len(result.leads) in (1, 12), row.responsible
