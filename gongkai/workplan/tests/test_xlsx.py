"""任务分解表 as XLSX: the export merges cells like units do, and the import reads it (or a hand-made one) back."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from gongkai.workplan import services, xlsx
from gongkai.workplan.models import Task
from gongkai.workplan.tests.county import seed_plan, seed_table
from gongkai.workplan.views_common import deadline_cell

pytestmark = pytest.mark.django_db


def exported(plan) -> bytes:
    tasks = list(Task.objects.filter(plan=plan).prefetch_related("deadlines"))
    return xlsx.export_plan(plan, tasks, deadline_cell)


def test_the_seed_round_trips_through_xlsx(county):
    plan, _report = seed_plan(county)
    data = exported(plan)
    sheet = load_workbook(io.BytesIO(data)).active
    assert [sheet.cell(2, c).value for c in (1, 3, 6, 7)] == ["工作任务", "具体要求", "责任单位", "完成时限"]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert "A2:B2" in merged and "C2:E2" in merged  # headers over their columns
    # The 应急预案 row's six categories are requirements of their own (units.UnitMatcher.categories).
    categories = services.matcher_for(plan).categories
    expected = []
    for row in seed_table().rows:
        expected += [(row.path + (label,), units) for label, units in categories(row.responsible)] or [
            (row.path, row.responsible)]
    first = sum(1 for path, _units in expected if path[0] == "进一步拓展公开广度和深度")
    assert first == 56 and "A3:A58" in merged  # 进一步拓展公开广度和深度 over its 56 requirements
    rows, levels = xlsx.read_table(io.BytesIO(data))
    assert levels == 2
    assert [(r.path, r.responsible) for r in rows] == expected
    # The 完成时限 column carries what was read from the text.
    business = next(r for r in rows if r.path[-1].startswith("做好深化“一窗受理"))
    assert business.deadline == "每季度（待确认）；2020年7月31日前（待确认）"


def test_a_plan_imported_from_its_own_export_has_the_same_tree(county):
    plan, _report = seed_plan(county)
    rows, levels = xlsx.read_table(io.BytesIO(exported(plan)))
    copy = services.create_plan(county.supervisor, county.orgs["bgs"], {"title": "副本", "year": 2020,
                                                                         "task_levels": levels})
    report = services.import_rows(county.supervisor, copy, rows)
    assert report.unmatched == {} and report.requirements == 78
    original = list(Task.objects.filter(plan=plan).values_list("text", "responsibility_text"))
    assert list(Task.objects.filter(plan=copy).values_list("text", "responsibility_text")) == original


def test_a_hand_made_table_with_blanks_instead_of_merges(county):
    book = Workbook()
    sheet = book.active
    sheet.append(["沂源县2021年政务公开工作任务分解表"])
    sheet.append(["工作任务", "具体要求", None, "责任单位", "完成时限"])
    sheet.merge_cells("B2:C2")
    sheet.append(["一、决策公开", "重大行政决策目录", "公布目录", "县政府办公室", "2021年3月底前"])
    sheet.append([None, None, "公开意见采纳情况", "县司法局", "持续推进"])
    sheet.append([None, "开放日活动", None, "各镇（街道）", "每季度"])
    sheet.merge_cells("B5:C5")
    sheet.append(["二、平台建设", "网站改版", None, "县大数据发展服务中心、县气象局", "6月30日前"])
    buffer = io.BytesIO()
    book.save(buffer)
    rows, levels = xlsx.read_table(io.BytesIO(buffer.getvalue()))
    assert levels == 1
    assert [(r.path, r.deadline) for r in rows] == [
        (("一、决策公开", "重大行政决策目录", "公布目录"), "2021年3月底前"),
        (("一、决策公开", "重大行政决策目录", "公开意见采纳情况"), "持续推进"),
        (("一、决策公开", "开放日活动"), "每季度"),
        (("二、平台建设", "网站改版"), "6月30日前"),
    ]
    plan = services.create_plan(county.supervisor, county.orgs["bgs"], {"title": "2021年要点", "year": 2021})
    report = services.import_rows(county.supervisor, plan, rows)
    assert list(report.unmatched) == ["县气象局"]
    catalog = Task.objects.get(plan=plan, text="公布目录")
    (deadline,) = catalog.deadlines.all()
    # A 完成时限 column states the deadline: it is confirmed by the import, its occurrence exists.
    assert deadline.is_confirmed and deadline.occurrences.get().due_on.isoformat() == "2021-03-31"


@pytest.mark.parametrize(("content", "message"), [
    (b"not a spreadsheet", "无法读取"),
    (None, "没有找到表头"),
])
def test_unreadable_tables_are_refused_with_a_reason(content, message):
    if content is None:
        book = Workbook()
        book.active.append(["序号", "事项", "单位"])
        buffer = io.BytesIO()
        book.save(buffer)
        content = buffer.getvalue()
    with pytest.raises(xlsx.TableError, match=message):
        xlsx.read_table(io.BytesIO(content))


def test_a_task_typed_as_a_formula_is_exported_as_text(county):
    """Issue #19 item 2: a requirement or 责任单位 starting with "=" must not become a live formula."""
    plan, _report = seed_plan(county)
    attack = '=HYPERLINK("http://evil.example/","点此")'
    leaf = Task.objects.filter(plan=plan, children__isnull=True).order_by("id").first()
    Task.objects.filter(pk=leaf.pk).update(text=attack, responsibility_text="@县政府办")
    sheet = load_workbook(io.BytesIO(exported(plan))).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert {cell.value for cell in cells if cell.data_type == "s"} >= {attack, "@县政府办"}


def test_a_table_over_the_row_limit_is_refused_after_a_streamed_look(monkeypatch):
    """Issue #19 item 3: the sheet is not loaded whole before its row limit is checked."""
    from openpyxl.worksheet._reader import WorkSheetParser

    from gongkai.core.tests.test_sheets import big_xlsx

    monkeypatch.setattr(xlsx, "MAX_ROWS", 40)
    parsed = []
    original = WorkSheetParser.parse_row
    monkeypatch.setattr(WorkSheetParser, "parse_row", lambda self, row: parsed.append(1) or original(self, row))
    with pytest.raises(xlsx.TableError, match="表格超过40行"):
        xlsx.read_table(io.BytesIO(big_xlsx(3000)))
    assert len(parsed) < 100
