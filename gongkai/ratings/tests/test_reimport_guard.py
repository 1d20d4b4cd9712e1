"""Re-imports as a county meets them: a file that only filled in 整改情况 is in the unit's list; an older export
imported after a newer one does not overwrite the newer 整改情况 (reported per row, with the reason); a 差评 whose
text comes back with other line breaks (CSV CR LF, XLSX LF) is the same evaluation."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from gongkai.audit.models import AuditEvent
from gongkai.core.services import ActionRefused
from gongkai.ratings import reimport, services
from gongkai.ratings.models import Evaluation, ImportBatch
from gongkai.ratings.tests.test_ratings import GOOD, HEADER
from gongkai.ratings.tests.test_rectification import BAD_ROW

pytestmark = pytest.mark.django_db

NEW_ROW = "新事项,县教体局,短信,2026-03-09 10:00,满意,,"


def xlsx(lines: list[str], created: dt.datetime | None) -> bytes:
    """An export as the 好差评 system writes it: the CSV lines as cells, the export time as the document's."""
    book = Workbook()
    for line in lines:
        book.active.append(line.split(","))
    book.properties.created = created
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_batch_that_only_filled_in_rectifications_is_in_the_units_list(client, keeper, unit, unit2, unit_editor,
                                                                         other_editor):
    services.import_records(keeper, "三月.csv", GOOD.encode())
    result = services.import_records(keeper, "三月补录.csv", (HEADER + BAD_ROW + "已公布材料清单\n").encode())
    assert (result.created, result.updated) == (0, 1)
    client.force_login(other_editor)  # 交通运输局: its 差评 was rectified by this file
    page = client.get(reverse("ratings_staff:list")).content.decode()
    assert "三月补录.csv" in page
    assert client.get(reverse("ratings_staff:batch", args=[result.batch.pk])).status_code == 200
    client.force_login(unit_editor)  # 教体局: nothing of it in this file
    assert "三月补录.csv" not in client.get(reverse("ratings_staff:list")).content.decode()
    assert client.get(reverse("ratings_staff:batch", args=[result.batch.pk])).status_code == 404


def test_an_older_export_imported_after_a_newer_one_does_not_overwrite_it(client, keeper, unit, unit2, other_editor,
                                                                         unit_editor):
    services.import_records(keeper, "三月.csv", GOOD.encode())
    newer = xlsx([HEADER.strip(), BAD_ROW + "已公布材料清单，一次告知"], dt.datetime(2026, 11, 20, 2, 0))
    assert services.import_records(keeper, "11-20.xlsx", newer).updated == 1
    older = xlsx([HEADER.strip(), BAD_ROW + "正在研究", NEW_ROW], dt.datetime(2026, 11, 10, 2, 0))
    client.force_login(keeper)
    response = client.post(reverse("ratings_staff:import"), {"file": SimpleUploadedFile("11-10.xlsx", older)},
                           follow=True)
    page = response.content.decode()
    assert "1 条差评的整改情况与已导入的不同" in page
    assert "导出时间（2026-11-10 10:00）早于已导入的版本（2026-11-20 10:00），未覆盖" in page
    assert Evaluation.objects.get(complaint="材料要求反复变化").rectification == "已公布材料清单，一次告知"
    batch = ImportBatch.objects.get(filename="11-10.xlsx")
    assert batch.rows == 1 and batch.updated == 0 and [s["line"] for s in batch.skipped] == [2]
    client.force_login(other_editor)  # the rated unit sees the row that was not written, and why
    page = client.get(reverse("ratings_staff:batch", args=[batch.pk])).content.decode()
    assert "早于已导入的版本" in page and "道路运输证" in page
    client.force_login(unit_editor)  # 教体局 sees the batch (its new row), not the other unit's row
    page = client.get(reverse("ratings_staff:batch", args=[batch.pk])).content.decode()
    assert "道路运输证" not in page and "未覆盖的行" not in page
    # The same older file with nothing else in it: refused, and the refusal says which row and why.
    with pytest.raises(ActionRefused, match="第2行：导出时间.*未覆盖"):
        services.import_records(keeper, "11-10b.xlsx", xlsx([HEADER.strip(), BAD_ROW + "正在研究"],
                                                            dt.datetime(2026, 11, 10, 3, 0)))


def test_the_rectification_time_in_the_row_decides_and_a_csv_without_times_never_overwrites(keeper, unit, unit2):
    header = HEADER.strip() + ",整改时间\n"
    services.import_records(keeper, "a.csv", (header + BAD_ROW + "已整改（第二次）,2026-03-20\n").encode())
    result = services.import_records(keeper, "b.csv", (header + BAD_ROW + "已整改（第一次）,2026-03-12 09:00\n"
                                                       + NEW_ROW + ",\n").encode())
    assert result.updated == 0 and "整改时间（2026-03-12 09:00）早于已导入的版本（2026-03-20）" in reimport.describe(result.skipped[0])
    evaluation = Evaluation.objects.get(complaint="材料要求反复变化")
    assert evaluation.rectification == "已整改（第二次）"
    result = services.import_records(keeper, "c.csv", (header + BAD_ROW + "已整改（第三次）,2026-03-25\n").encode())
    assert result.updated == 1
    event = AuditEvent.objects.filter(action="ratings.rectify").latest("id")
    assert "已整改（第三次）" in str(event.changes)
    # A CSV without 整改时间 cannot show it is newer: kept, and the reason says what to import instead.
    with pytest.raises(ActionRefused, match="无法判断是否比已导入的版本新"):
        services.import_records(keeper, "d.csv", (HEADER + BAD_ROW + "旧文本\n").encode())
    assert Evaluation.objects.get(complaint="材料要求反复变化").rectification == "已整改（第三次）"


def test_a_bad_rectification_time_is_a_row_error(keeper, unit, unit2):
    header = HEADER.strip() + ",整改时间\n"
    data = header + BAD_ROW + "已整改,三月底\n" + BAD_ROW.replace("03-06", "03-07") + "已整改,2026-03-01\n"
    result = services.import_records(keeper, "a.csv", data.encode())
    assert [e.split("：")[0] for e in result.errors] == ["第2行", "第3行"]
    assert "整改时间“三月底”" in result.errors[0] and "整改时间早于评价时间" in result.errors[1]


def test_crlf_and_lf_versions_of_one_complaint_are_one_evaluation(keeper, unit, unit2):
    row = '道路运输证,测试县交通运输局,爱山东APP,2026-03-06 08:00,非常不满意,"材料要求反复变化  \r\n窗口说法不一",'
    services.import_records(keeper, "windows.csv", (HEADER + row + "\n").encode())
    book = Workbook()
    book.active.append(HEADER.strip().split(","))
    book.active.append(["道路运输证", "测试县交通运输局", "爱山东APP", "2026-03-06 08:00", "非常不满意",
                        "材料要求反复变化\n窗口说法不一", "已统一材料清单"])
    buffer = io.BytesIO()
    book.save(buffer)
    later = buffer.getvalue()
    result = services.import_records(keeper, "excel.xlsx", later)
    assert (result.created, result.updated) == (0, 1)
    evaluation = Evaluation.objects.get()
    assert evaluation.complaint == "材料要求反复变化\n窗口说法不一" and evaluation.rectification == "已统一材料清单"
