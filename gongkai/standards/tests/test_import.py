import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.standards import services, xlsx
from gongkai.standards.choices import Audience, Deadline, Mode
from gongkai.standards.models import Domain, Matter
from gongkai.standards.tests.fixtures import city_catalog

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def names():
    return Domain.objects.values_list("name", flat=True)


def test_the_26_domains_are_shipped_each_with_its_matters(county):
    assert Domain.objects.count() == 26
    assert set(names()) >= {"重大建设项目", "公共资源交易", "财政预决算", "生态环境", "义务教育", "保障性住房"}
    for domain in Domain.objects.all():
        assert domain.matters.filter(organization=None).exists(), domain.name
    budget = Matter.objects.get(domain__name="财政预决算", level2="部门预算")
    assert budget.deadline == Deadline.BUDGET and "预算法" in budget.basis
    assert services.load_builtin() == (0, 0)  # idempotent


def test_reading_merged_cells_two_header_rows_and_checklists(county):
    parsed = xlsx.read_catalog(city_catalog(), names())
    assert not parsed.problems
    tables = {t.domain_name: t for t in parsed.tables}
    assert set(tables) == {"义务教育", "公共资源交易", "财政预决算"}
    education = tables["义务教育"].rows
    # 一级事项 merged down over three rows reaches each of them.
    assert [(r["level1"], r["level2"]) for r in education] == [
        ("招生管理", "招生政策"), ("招生管理", "招生计划"), ("招生管理", "招生范围"), ("校园安全", "校园安全制度")]
    assert education[0]["channels"] == "政府网站、两微一端、公开查阅点"
    assert education[0]["township_level"] is True and education[0]["county_level"] is True
    assert education[3]["audience"] == Audience.BOTH and education[3]["mode"] == Mode.BOTH
    assert tables["公共资源交易"].rows[1]["township_level"] is False


def test_import_creates_and_updates_matters_of_every_domain(county, client):
    existing = Matter.objects.get(domain__name="义务教育", level1="招生管理", level2="招生政策")
    before = Matter.objects.count()
    client.force_login(county.supervisor)
    response = client.post(reverse("standards_staff:import"), {
        "table": SimpleUploadedFile("淄博市标准目录.xlsx", city_catalog(), content_type=XLSX)})
    assert response.status_code == 302
    existing.refresh_from_db()
    assert existing.content == "各校招生工作实施方案；随迁子女入学办法"  # updated from the file
    new = Matter.objects.get(domain__name="义务教育", level2="校园安全制度")
    assert new.deadline == Deadline.ANNUAL and new.subject == "各学校"
    assert Matter.objects.get(domain__name="公共资源交易", level2="中标结果公示").deadline_text.startswith("信息形成")
    assert Matter.objects.count() == before + 1  # only 校园安全制度 is new; the others are shipped
    assert AuditEvent.objects.filter(action="standards.import").exists()


def test_a_file_with_problems_imports_nothing_and_names_sheet_row_and_column(county, client):
    before = list(Matter.objects.order_by("pk").values_list("pk", "content"))
    client.force_login(county.supervisor)
    response = client.post(reverse("standards_staff:import"), {
        "table": SimpleUploadedFile("有误.xlsx", city_catalog(broken=True), content_type=XLSX)})
    assert response.status_code == 200
    page = response.content.decode()
    assert "未导入任何事项" in page
    assert "“财政预决算”表第4行“一级事项”列：一级事项不能为空。" in page
    assert "无法确定该表所属领域" in page
    assert list(Matter.objects.order_by("pk").values_list("pk", "content")) == before


def _changed_catalog(change) -> bytes:
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(city_catalog()))
    change(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize("sheet", [0, -1])
def test_a_value_far_to_the_right_refuses_the_file_before_it_is_read(county, sheet):
    """One cell at column 16000 used to make every row be read 16000 cells wide (minutes, a gigabyte)."""
    data = _changed_catalog(lambda book: setattr(book.worksheets[sheet].cell(2, 16000), "value", "x"))
    with pytest.raises(xlsx.CatalogFileError, match="有内容超出第40列（WQJ列）"):
        xlsx.read_catalog(data, names())


def test_a_formatted_empty_cell_far_to_the_right_is_not_read(county):
    from openpyxl.styles import Font

    data = _changed_catalog(lambda book: setattr(book.worksheets[0].cell(2, 16000), "font", Font(bold=True)))
    parsed = xlsx.read_catalog(data, names())
    assert not parsed.problems and len(parsed.tables) == 3


def test_the_import_time_limit_applies_to_every_sheet(county, settings):
    settings.GONGKAI_IMPORT_SECONDS = 0
    with pytest.raises(xlsx.CatalogFileError, match="读取表格用时过长"):
        xlsx.read_catalog(city_catalog(), names())


def test_formulas_and_error_values_on_any_sheet_are_problems_by_sheet_row_and_column(county, client):
    def change(book):
        book["财政预决算"]["D5"] = "=D4"
        book["财政预决算"]["E4"] = "#REF!"
        book["财政预决算"]["E4"].data_type = "e"

    client.force_login(county.supervisor)
    response = client.post(reverse("standards_staff:import"), {
        "table": SimpleUploadedFile("公式.xlsx", _changed_catalog(change), content_type=XLSX)})
    page = response.content.decode()
    assert "未导入任何事项" in page
    assert "“财政预决算”表第5行“D”列：含公式，请粘贴为数值后再导入。" in page
    assert "“财政预决算”表第4行“E”列：是错误值（#REF!），请改正后再导入。" in page


def test_export_has_the_published_shape_and_reads_back(county):
    domain = Domain.objects.get(name="义务教育")
    data = xlsx.export_catalog([(domain, list(domain.matters.all()))])
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    assert sheet["A1"].value == "义务教育领域基层政务公开标准目录"
    assert any(str(r) .startswith("B4:B") for r in sheet.merged_cells.ranges)  # 一级事项 merged down
    parsed = xlsx.read_catalog(data, names())
    assert not parsed.problems
    assert [(r["level1"], r["level2"]) for r in parsed.tables[0].rows] == [
        (m.level1, m.level2) for m in domain.matters.all()]


def test_only_the_county_office_imports(county, client):
    editor = user_with_role(county.orgs["czj"], Role.ORG_ADMIN)
    client.force_login(editor)
    response = client.post(reverse("standards_staff:import"), {
        "table": SimpleUploadedFile("a.xlsx", city_catalog(), content_type=XLSX)})
    assert response.status_code == 403


@pytest.mark.parametrize("text, kind", [
    ("信息形成或者变更之日起20个工作日内", Deadline.WORKDAYS), ("本级预算批准后20日内", Deadline.BUDGET),
    ("部门预算、决算批复后20日内", Deadline.BUDGET), ("每季度", Deadline.QUARTERLY), ("每年3月底前", Deadline.ANNUAL),
    ("按月更新", Deadline.MONTHLY), ("实时", Deadline.WORKDAYS),
])
def test_deadline_text_is_read(text, kind):
    from gongkai.standards.rules import parse_deadline

    assert parse_deadline(text) == kind
