"""The 重大行政决策事项目录: XLSX round trip, adjustments with history, execution and 后评估, the public page."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from gongkai.core.services import ActionRefused
from gongkai.participation import catalog as services
from gongkai.participation.factories import DecisionCatalogFactory, DecisionEntryFactory
from gongkai.participation.models import DecisionEntry, PublishState

pytestmark = pytest.mark.django_db


def _xlsx(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(services.HEADER)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_import_then_export_round_trips(org, editor):
    catalog = DecisionCatalogFactory(organization=org)
    rows = [
        [1, "城区供热价格调整", "县住房城乡建设局", "《山东省城市供热条例》", "2026年11月", "是", "是", "拟决策", ""],
        [2, "中心城区停车设施专项规划", "县自然资源局", "", "2026年8月", "否", "是", "已调整", "与市级规划衔接"],
    ]
    assert services.import_xlsx(editor, catalog, _xlsx(rows)) == (2, 0)
    services.save_entry(editor, catalog, {"number": 3, "title": "=1+1 公式样的名称", "lead_unit": "县发展改革局"})
    exported = services.export_xlsx(catalog)
    sheet = load_workbook(io.BytesIO(exported)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == services.HEADER
    assert values[1] == [1, "城区供热价格调整", "县住房城乡建设局", "《山东省城市供热条例》", "2026年11月", "是", "是", "拟决策", None]
    assert values[2][7:] == ["已调整", "与市级规划衔接"]
    assert sheet["B4"].data_type == "s" and sheet["B4"].value == "=1+1 公式样的名称"  # a formula-like title stays text
    # The exported file imports again unchanged.
    assert services.import_xlsx(editor, catalog, exported) == (0, 0)


def test_a_bad_row_imports_nothing_and_names_the_row(org, editor):
    catalog = DecisionCatalogFactory(organization=org)
    rows = [[1, "事项一", "县发展改革局", "", "", "是", "是", "拟决策", ""],
            [2, "事项二", "县发展改革局", "", "", "也许", "是", "拟决策", ""]]
    with pytest.raises(ActionRefused, match="第3行"):
        services.import_xlsx(editor, catalog, _xlsx(rows))
    rows[1][5] = "否"
    rows[1][7] = "已终止"
    with pytest.raises(ActionRefused, match="须说明原因"):
        services.import_xlsx(editor, catalog, _xlsx(rows))
    assert not catalog.entries.exists()
    with pytest.raises(ActionRefused, match="无法读取"):
        services.import_xlsx(editor, catalog, b"not a spreadsheet")


def test_adjustments_keep_their_history_on_the_public_page(client, org, editor, reviewer):
    catalog = DecisionCatalogFactory(organization=org)
    entry = services.save_entry(editor, catalog, {"number": 1, "title": "公交一体化方案", "lead_unit": "县交通运输局",
                                                  "planned_time": "2026年9月", "status": "planned"})
    with pytest.raises(ActionRefused, match="须说明原因"):
        services.save_entry(editor, catalog, {"number": 1, "title": "公交一体化方案", "lead_unit": "县交通运输局",
                                              "planned_time": "2027年3月", "status": "adjusted"}, entry=entry)
    services.save_entry(editor, catalog, {"number": 1, "title": "公交一体化方案", "lead_unit": "县交通运输局",
                                          "planned_time": "2027年3月", "status": "adjusted",
                                          "status_reason": "与市级规划衔接"}, entry=entry)
    services.publish_catalog(reviewer, catalog)
    page = client.get(reverse("participation:catalog", kwargs={"org_id": org.pk, "year": 2026})).content.decode()
    assert "调整记录" in page and "2026年9月" in page and "2027年3月" in page and "与市级规划衔接" in page
    assert "重大行政决策事项标准" in page


def test_a_draft_catalog_is_not_public(client, org):
    DecisionCatalogFactory(organization=org)
    assert client.get(reverse("participation:catalog", kwargs={"org_id": org.pk, "year": 2026})).status_code == 404


def test_execution_and_evaluation_are_published(client, org, editor, reviewer):
    entry = DecisionEntryFactory(catalog__organization=org, catalog__state=PublishState.PUBLISHED,
                                 status=DecisionEntry.Status.DECIDED)
    services.add_update(editor, entry, dt.date(2026, 10, 1), "已完成一期工程。")
    with pytest.raises(ActionRefused):
        services.evaluate(editor, entry, dt.date(2026, 11, 1), "效果良好", "<p>报告</p>")
    services.evaluate(reviewer, entry, dt.date(2026, 11, 1), "效果良好，建议继续实施", "<p>评估报告正文</p>")
    page = client.get(reverse("participation:catalog", kwargs={"org_id": org.pk, "year": 2026})).content.decode()
    assert "已完成一期工程。" in page and "效果良好，建议继续实施" in page and "已完成后评估 1 项" in page


def test_the_catalog_export_and_import_views_are_staff_only_and_isolated(client, org, editor, outsider):
    catalog = DecisionCatalogFactory(organization=org)
    url = reverse("participation_staff:catalog_export", kwargs={"decision_catalog_id": catalog.pk})
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")


def test_an_entry_with_a_control_character_is_refused_by_the_service(org, editor):
    """The form refused it, the service (the XLSX import's path) stored it and the public page showed ▯."""
    catalog = DecisionCatalogFactory(organization=org)
    with pytest.raises(ActionRefused, match="不能包含控制字符"):
        services.save_entry(editor, catalog, {"number": 1, "title": "事项\x1b一", "lead_unit": "县发展改革局"})
    with pytest.raises(ActionRefused, match="不能包含控制字符"):
        services.save_entry(editor, catalog, {"number": 1, "title": "事项一", "lead_unit": "县发展改革局",
                                              "basis": "依据\x08"})
    assert not catalog.entries.exists()
