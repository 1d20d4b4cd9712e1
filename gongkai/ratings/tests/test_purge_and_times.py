"""An import refreshes the stored /hcp/ and home pages in every language; a date-only 整改时间 is the end of its
day; a row not written says the true reason when the file has no usable export time."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from gongkai.ratings import reimport, services
from gongkai.ratings.models import Evaluation
from gongkai.ratings.tests.test_ratings import GOOD, HEADER
from gongkai.ratings.tests.test_rectification import BAD_ROW
from gongkai.ratings.tests.test_reimport_guard import xlsx

pytestmark = pytest.mark.django_db
WITH_TIME = HEADER.strip() + ",整改时间\n"


def _rectification() -> str:
    return Evaluation.objects.get(complaint="材料要求反复变化").rectification


def test_an_import_removes_the_stored_pages_in_every_language(client, keeper, unit, unit2, settings, tmp_path,
                                                             django_capture_on_commit_callbacks):
    """/en/hcp/ and /en/ kept last month's 好评率 after an import until the 600 s sweep (only / and /hcp/ were
    purged), and an import made from the English workbench purged /en/hcp/ but not /hcp/."""
    settings.GONGKAI_PAGE_CACHE_DIR = str(tmp_path / "pages")
    services.import_records(keeper, "三月.csv", GOOD.encode())
    pages = ["/", "/hcp/", "/hcp/2026/3/", "/en/", "/en/hcp/", "/en/hcp/2026/3/"]

    def stored():
        return {path for path in pages
                if (tmp_path / "pages" / "testserver" / path.lstrip("/") / "index.html").is_file()}

    for day, language in ((10, "zh-hans"), (11, "en")):
        for path in pages:
            assert client.get(path).status_code == 200, path
        assert stored() == set(pages)
        with django_capture_on_commit_callbacks(execute=True), translation.override(language):
            services.import_records(keeper, f"{language}.csv",
                                    (HEADER + f"新事项,县教体局,短信,2026-03-{day} 10:00,满意,,\n").encode())
        assert stored() == set(), language


def test_a_date_only_rectification_time_is_the_end_of_its_day(keeper, unit, unit2):
    """A 整改 recorded as 2026-03-20 was read as 00:00 that day: earlier than a version exported at 10:00 that
    day, so it was never written (「无法判断」). It is the end of its day now, shown as the date."""
    services.import_records(keeper, "三月.csv", GOOD.encode())
    morning = xlsx([HEADER.strip(), BAD_ROW + "正在研究"], dt.datetime(2026, 3, 20, 2, 0))  # 10:00 in 沂源
    assert services.import_records(keeper, "0320.xlsx", morning).updated == 1
    result = services.import_records(keeper, "整改.csv", (WITH_TIME + BAD_ROW + "已统一材料清单,2026-03-20\n").encode())
    assert result.updated == 1 and _rectification() == "已统一材料清单"
    stored = Evaluation.objects.get(complaint="材料要求反复变化").rectified_at
    assert timezone.localtime(stored).date() == dt.date(2026, 3, 20) and timezone.localtime(stored).hour == 23
    # A version timed earlier that day is older, and the refusal shows the stored one as the date it was given.
    with pytest.raises(services.ActionRefused, match=r"整改时间（2026-03-20 09:00）早于已导入的版本（2026-03-20）"):
        services.import_records(keeper, "早.csv", (WITH_TIME + BAD_ROW + "正在研究,2026-03-20 09:00\n").encode())


def test_a_date_only_rectification_time_of_today_is_not_in_the_future(keeper, unit, unit2):
    today = timezone.localdate().isoformat()
    services.import_records(keeper, "三月.csv", GOOD.encode())
    result = services.import_records(keeper, "今天.csv", (WITH_TIME + BAD_ROW + f"已统一材料清单,{today}\n").encode())
    assert not result.errors and result.updated == 1
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    result = services.import_records(keeper, "明天.csv", (WITH_TIME + BAD_ROW + f"另一个,{tomorrow}\n").encode())
    assert result.errors and "整改时间晚于现在" in result.errors[0]


def test_an_xlsx_exported_today_with_a_rectification_dated_today_keeps_its_export_time(keeper, unit, unit2):
    """The end of today is after the export: the export time is checked against the day's start."""
    services.import_records(keeper, "三月.csv", GOOD.encode())
    today = timezone.localdate().isoformat()
    created = (timezone.now() - dt.timedelta(minutes=1)).astimezone(dt.UTC).replace(tzinfo=None, microsecond=0)
    if timezone.localtime(timezone.now() - dt.timedelta(minutes=1)).date() != timezone.localdate():
        created = created + dt.timedelta(minutes=1)
    data = xlsx([WITH_TIME.strip(), BAD_ROW + f"已统一材料清单,{today}"], created)
    result = services.import_records(keeper, "今天.xlsx", data)
    assert result.batch.exported_at is not None


@pytest.mark.parametrize(("name", "reason"), [
    ("旧.csv", "CSV 文件不带导出时间"),
    ("旧.xlsx", "文件的创建时间（2025-06-01 10:00）早于表中最晚的评价或整改时间（2026-03-06 08:00），是模板的时间而非导出时间"),
])
def test_a_row_not_written_says_why_the_file_cannot_be_ordered(client, keeper, unit, unit2, name, reason):
    """Every such row said 「文件没有导出时间（CSV 不带导出时间）」, an XLSX whose creation time was dropped too."""
    services.import_records(keeper, "三月.csv", GOOD.encode())
    services.import_records(keeper, "补录.csv", (HEADER + BAD_ROW + "已统一材料清单\n").encode())
    rows = [HEADER.strip(), BAD_ROW + "正在研究"]
    data = ("\n".join(rows) + "\n").encode() if name.endswith(".csv") else xlsx(rows, dt.datetime(2025, 6, 1, 2, 0))
    with pytest.raises(services.ActionRefused) as refused:
        services.import_records(keeper, name, data)
    assert f"无法判断是否比已导入的版本新，未覆盖：{reason}，该行也没有整改时间；" in refused.value.reason
    if name.endswith(".xlsx"):
        assert "CSV" not in refused.value.reason


def test_a_newer_export_wins_even_when_its_rectification_time_is_older_than_the_stored_import(keeper, unit, unit2):
    """The row's 整改时间 is before the stored version was imported, but the file was exported after it: the file
    holds the system's later state, so its 整改情况 is the newer one."""
    services.import_records(keeper, "三月.csv", GOOD.encode())
    services.import_records(keeper, "补录.csv", (HEADER + BAD_ROW + "正在研究\n").encode())
    created = (timezone.now() + dt.timedelta(minutes=1)).astimezone(dt.UTC).replace(tzinfo=None, microsecond=0)
    data = xlsx([WITH_TIME.strip(), BAD_ROW + "已统一材料清单,2026-03-20 09:00"], created)
    assert services.import_records(keeper, "新导出.xlsx", data).updated == 1
    assert _rectification() == "已统一材料清单"


def test_an_old_skipped_row_without_the_reasons_is_worded_without_guessing():
    entry = {"outcome": reimport.UNKNOWN, "new": "", "old": ""}
    assert "CSV" not in reimport.describe(entry) and "无法判断是否比已导入的版本新" in reimport.describe(entry)


def test_the_batch_page_says_why_an_xlsx_has_no_export_time(client, keeper, unit, unit2):
    from django.urls import reverse

    services.import_records(keeper, "三月.csv", GOOD.encode())
    result = services.import_records(keeper, "模板.xlsx", xlsx([HEADER.strip(), "新事项,县教体局,短信,2026-03-09 10:00,满意,,"],
                                                             dt.datetime(2025, 6, 1, 2, 0)))
    client.force_login(keeper)
    page = client.get(reverse("ratings_staff:batch", args=[result.batch.pk])).content.decode()
    assert "文件未带导出时间" not in page and "早于表中的评价和整改时间" in page


def test_a_file_exported_later_the_same_day_as_a_date_only_rectification_is_not_older(keeper, unit, unit2):
    """A 整改 imported from a CSV as 2026-03-20 (stored as the end of that day) made every file exported on the 20th
    「导出时间（2026-03-20 15:00）早于已导入的版本（2026-03-20）」, although that file was exported after the CSV had been
    imported (10:00) and so holds the later 整改情况. The 整改 can have taken place from the day's start on."""
    services.import_records(keeper, "三月.csv", GOOD.encode())
    services.import_records(keeper, "整改.csv", (WITH_TIME + BAD_ROW + "正在研究,2026-03-20\n").encode())
    batch = Evaluation.objects.get(complaint="材料要求反复变化").rectification_batch
    type(batch).objects.filter(pk=batch.pk).update(
        imported_at=timezone.make_aware(dt.datetime(2026, 3, 20, 10, 0)))
    afternoon = xlsx([HEADER.strip(), BAD_ROW + "已统一材料清单"], dt.datetime(2026, 3, 20, 7, 0))  # 15:00 in 沂源
    assert services.import_records(keeper, "0320.xlsx", afternoon).updated == 1
    assert _rectification() == "已统一材料清单"
    # A file exported before the CSV was imported still cannot be ordered: kept, with the reason.
    services.import_records(keeper, "整改2.csv", (WITH_TIME + BAD_ROW + "正在研究,2026-03-21\n").encode())
    batch = Evaluation.objects.get(complaint="材料要求反复变化").rectification_batch
    type(batch).objects.filter(pk=batch.pk).update(
        imported_at=timezone.make_aware(dt.datetime(2026, 3, 21, 10, 0)))
    morning = xlsx([HEADER.strip(), BAD_ROW + "已统一材料清单"], dt.datetime(2026, 3, 21, 0, 30))  # 08:30 in 沂源
    with pytest.raises(services.ActionRefused, match="无法判断"):
        services.import_records(keeper, "0321.xlsx", morning)
    assert _rectification() == "正在研究"
