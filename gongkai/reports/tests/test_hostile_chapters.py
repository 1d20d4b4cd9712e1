"""Hostile narrative text (audit of session 16): a control character pasted into a chapter would be saved and
then break the report's DOCX (a server error on the draft, and on the public download once published); it is
refused on its chapter with a Chinese message, and nothing is saved."""

import pytest
from django.urls import reverse

from gongkai.reports import services
from gongkai.reports.models import AnnualReport
from gongkai.reports.tests.test_reports import FINISHED

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("bad", ["信息处理费\x01", "信息处理费\u202e"])
def test_a_control_character_in_a_chapter_is_refused_and_the_docx_still_builds(client, org, editor, bad):
    report = services.create_report(editor, org, 2021)
    client.force_login(editor)
    client.raise_request_exception = False
    response = client.post(reverse("reports_staff:chapters", args=[report.pk]), {**FINISHED, "other": bad})
    assert response.status_code == 400
    assert "不能包含控制字符" in response.content.decode()
    assert bad not in AnnualReport.objects.get(pk=report.pk).chapters.get("other", "")
    assert client.get(reverse("reports_staff:draft_docx", args=[report.pk])).status_code == 200
