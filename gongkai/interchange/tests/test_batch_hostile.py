"""「批量导入」 against a double-click and cells the preview used to pass: an impossible 成文日期, an over-long
内容概述, and the row problems on English pages."""

import pytest
from django.urls import reverse

from gongkai.interchange.tests.test_batch_web import catalog, row, xlsx  # noqa: F401  (fixture)
from gongkai.publishing.models import InformationItem

pytestmark = pytest.mark.django_db


def test_a_double_click_on_import_imports_the_sheet_once(client, catalog, editor):  # noqa: F811
    client.force_login(editor)
    client.post(reverse("interchange:upload"), {"organization": catalog.pk, "sheet": xlsx([row(), row(title="二")])})
    token = client.session["gongkai.batch_import"]
    client.post(reverse("interchange:preview"), {"token": token, "target": "draft"})
    assert InformationItem.objects.count() == 2
    # The second request of a double-click loaded the session before the first one removed the token from it.
    session = client.session
    session["gongkai.batch_import"] = token
    session.save()
    response = client.post(reverse("interchange:preview"), {"token": token, "target": "draft"}, follow=True)
    assert InformationItem.objects.count() == 2
    assert "这份预览已不存在（已导入" in response.content.decode()
    assert "gongkai.batch_import" not in client.session


def test_an_impossible_written_on_date_or_an_over_long_summary_fails_the_row(client, catalog, editor):  # noqa: F811
    client.force_login(editor)
    upload = xlsx([row(title="成文日期", written_on="9999-12-31"), row(title="成文过早", written_on="1900-01-01"),
                   row(title="概述", summary="概" * 5001), row(title="好")])
    client.post(reverse("interchange:upload"), {"organization": catalog.pk, "sheet": upload})
    page = client.get(reverse("interchange:preview")).content.decode()
    assert "1 行可以导入" in page and "3 行有错误" in page
    assert "成文日期 9999-12-31 晚于今天" in page and "成文日期 1900-01-01 早于 1949年10月1日" in page
    assert "内容概述超过 5000 个字" in page


def test_row_problems_name_their_column_in_english_on_english_pages(client, catalog, editor):  # noqa: F811
    client.force_login(editor)
    upload = xlsx([row(title="", formed_on="2020-99-01", doc_type="公文", topic="乱填")])
    client.post("/en/staff/import/", {"organization": catalog.pk, "sheet": upload})
    page = client.get("/en/staff/import/preview/").content.decode()
    assert "The title is missing." in page
    for label in ("形成或变更日期", "文种", "主题分类"):
        assert f"{label} “" not in page and f"{label}“" not in page
