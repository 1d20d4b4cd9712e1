"""An XLSX's creation time counts as its export time only when it can be one: a system that fills a template
keeps the template's creation time in every export, so two exports of different ages carry the same time, one
from before the evaluations they hold. Such a time does not let an older export overwrite a newer 整改情况."""

import datetime as dt

import pytest
from django.utils import timezone

from gongkai.ratings import reimport, services
from gongkai.ratings.models import Evaluation, ImportBatch
from gongkai.ratings.tests.test_ratings import GOOD, HEADER
from gongkai.ratings.tests.test_rectification import BAD_ROW
from gongkai.ratings.tests.test_reimport_guard import xlsx

pytestmark = pytest.mark.django_db
TEMPLATE_CREATED = dt.datetime(2025, 6, 1, 2, 0)  # the template's, before the 评价时间 (2026-03) in the file


def _rectification() -> str:
    return Evaluation.objects.get(complaint="材料要求反复变化").rectification


def test_a_template_creation_time_before_the_evaluations_is_no_export_time(keeper, unit, unit2):
    services.import_records(keeper, "三月.csv", GOOD.encode())
    newer = xlsx([HEADER.strip(), BAD_ROW + "已公布材料清单，一次告知"], TEMPLATE_CREATED)
    assert services.import_records(keeper, "11-20.xlsx", newer).updated == 1
    older = xlsx([HEADER.strip(), BAD_ROW + "正在研究", "新事项,县教体局,短信,2026-03-09 10:00,满意,,"],
                 TEMPLATE_CREATED)
    result = services.import_records(keeper, "11-10.xlsx", older)
    assert (result.created, result.updated) == (1, 0)
    # The reason is the true one: an XLSX whose creation time is a template's, not 「CSV 不带导出时间」.
    reason = reimport.describe(result.skipped[0])
    assert "CSV" not in reason and reason.startswith("无法判断是否比已导入的版本新，未覆盖：文件的创建时间（2025-06-01 10:00）"
                                                     "早于表中最晚的评价或整改时间（2026-03-09 10:00），是模板的时间而非导出时间，"
                                                     "该行也没有整改时间；")
    assert _rectification() == "已公布材料清单，一次告知"
    assert ImportBatch.objects.get(filename="11-20.xlsx").exported_at is None  # the batch page: 文件未带导出时间


def test_two_exports_with_the_same_creation_time_do_not_decide_by_it(keeper, unit, unit2):
    services.import_records(keeper, "三月.csv", GOOD.encode())
    created = dt.datetime(2026, 11, 20, 2, 0)
    services.import_records(keeper, "a.xlsx", xlsx([HEADER.strip(), BAD_ROW + "已公布材料清单"], created))
    with pytest.raises(services.ActionRefused, match="无法判断是否比已导入的版本新"):
        services.import_records(keeper, "b.xlsx", xlsx([HEADER.strip(), BAD_ROW + "正在研究"], created))
    assert _rectification() == "已公布材料清单"
    # A later export still replaces it.
    later = xlsx([HEADER.strip(), BAD_ROW + "已公布材料清单，一次告知"], created + dt.timedelta(days=1))
    assert services.import_records(keeper, "c.xlsx", later).updated == 1
    assert _rectification() == "已公布材料清单，一次告知"


def test_a_forged_future_creation_time_does_not_let_an_older_export_win(keeper, unit, unit2):
    services.import_records(keeper, "三月.csv", GOOD.encode())
    services.import_records(keeper, "11-20.xlsx", xlsx([HEADER.strip(), BAD_ROW + "已公布材料清单"],
                                                       dt.datetime(2026, 11, 20, 2, 0)))
    forged = (timezone.now() + dt.timedelta(days=365)).replace(tzinfo=None)
    with pytest.raises(services.ActionRefused, match="无法判断是否比已导入的版本新"):
        services.import_records(keeper, "old.xlsx", xlsx([HEADER.strip(), BAD_ROW + "正在研究"], forged))
    assert _rectification() == "已公布材料清单"
