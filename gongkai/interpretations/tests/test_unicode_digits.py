"""Ids and numbers typed or posted as non-ASCII digits ("²", "①", "١٢") — which str.isdigit() accepts and
int() refuses — give the form back, never a 500 (auditL)."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.core.params import parse_id
from gongkai.gazette.models import GazetteIssue
from gongkai.regulations import campaigns
from gongkai.regulations.factories import normative_document

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.mark.parametrize("text, expected", [("12", 12), (" 7 ", 7), ("²", None), ("①", None), ("١٢", None),
                                             ("0", None), ("-3", None), ("9" * 20, None), ("", None), (None, None)])
def test_parse_id_takes_ascii_digits_only(text, expected):
    assert parse_id(text) == expected


def test_interpretation_form_with_a_superscript_policy_id_or_query(client, org, editor):
    client.force_login(editor)
    url = reverse("interpretations_staff:create")
    assert client.get(url, {"policy": "²"}).status_code == 200
    response = client.post(url, {"find_policies": "1", "policy_query": "²", "policies": ["²", "①"]})
    assert response.status_code == 200


def test_campaign_remove_with_a_superscript_entry_is_not_found(client, org, editor, reviewer):
    docs = [normative_document(org, editor, reviewer, title=t, doc_number=f"源政办发〔2020〕{n}号")
            for n, t in enumerate(["沂源县殡葬管理办法", "沂源县城区养犬管理办法"], start=1)]
    campaign = campaigns.open_campaign(reviewer, org, "2026年规范性文件清理", docs)
    client.force_login(reviewer)
    url = reverse("regulations_staff:campaign_remove", kwargs={"campaign_id": campaign.pk})
    assert client.post(url, {"entry": "²"}).status_code == 404
    assert campaign.entries.count() == 2


def test_gazette_import_with_a_superscript_order_says_so(client, org, reviewer):
    client.force_login(reviewer)
    csv_text = "序号,标题,正文\n²,沂源县人民政府关于公布规范性文件清理结果的通知,经清理，继续有效12件。\n"
    response = client.post(reverse("gazette_staff:import"), {
        "organization": org.pk, "year": 2020, "number": 4, "total_number": 128, "published_on": dt.date(2020, 4, 15),
        "pdf": SimpleUploadedFile("2020-4.pdf", PDF), "secrecy_checked": "on", "opinion": "经审查，同意公开。",
        "contents": SimpleUploadedFile("contents.csv", csv_text.encode())})
    assert response.status_code == 200 and "序号须为正整数" in response.content.decode()
    assert not GazetteIssue.objects.exists()
