"""The staff list and detail say what the public pages say (the same includes): 「自 … 起施行」 before the
施行日期, an ended document's end instead of a bare 「有效期至」, no 「待修改」 once it has ended; in English too.
The list filters on the state it shows (尚未施行 apart from 有效), as the public library does."""

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.regulations.factories import normative_document
from gongkai.regulations.models import NormativeDocument

pytestmark = pytest.mark.django_db


@pytest.fixture
def ended(ended):
    """Repealed; marked 待修改 by a 清理 before (a row from before the mark was cleared on ending)."""
    NormativeDocument.objects.filter(pk=ended.pk).update(pending_amendment=True)
    ended.refresh_from_db()
    return ended


def _row(page: str, title: str) -> str:
    start = page.index(f">{title}</a>")
    return page[start:page.index("</tr>", start)]


def _field(page: str, name: str) -> str:
    start = page.index(f"<dt>{name}</dt>")
    return page[start:page.index("</dd>", start)]


def test_the_staff_list_shows_the_public_state(client, editor, ahead, ended, today):
    client.force_login(editor)
    page = client.get(reverse("regulations_staff:list")).content.decode()
    row = _row(page, ahead.title)
    assert "validity-not_yet" in row and "尚未施行" in row
    assert f"自 {ahead.effective_from.isoformat()} 起施行" in row and f"有效期至 {ahead.expires_on.isoformat()}" in row
    row = _row(page, ended.title)
    ended_on = (today - dt.timedelta(days=2)).isoformat()
    assert "已废止" in row and f"自 {ended_on} 起不再有效" in row
    assert "有效期至" not in row and "待修改" not in row
    english = client.get("/en" + reverse("regulations_staff:list")).content.decode()
    row = _row(english, ahead.title)
    assert "Not yet in force" in row and f"In force from {ahead.effective_from.isoformat()}" in row


def test_the_staff_list_filters_on_the_state_it_shows(client, editor, ahead, ended, org, reviewer, today):
    current = normative_document(org, editor, reviewer, title="沂源县城市道路养护管理办法", doc_number="源政办发〔2025〕7号",
                                 promulgated_on=str(today - dt.timedelta(days=60)),
                                 effective_from=str(today - dt.timedelta(days=30)),
                                 expires_on=str(today + dt.timedelta(days=900)))
    client.force_login(editor)
    url = reverse("regulations_staff:list")
    page = client.get(url, {"validity": "not_yet"}).content.decode()
    assert ahead.title in page and current.title not in page and '<option value="not_yet" selected>' in page
    page = client.get(url, {"validity": "valid"}).content.decode()
    assert current.title in page and ahead.title not in page
    library = client.get(reverse("regulations:library"), {"validity": "valid"}).content.decode()
    assert current.title in library and ahead.title not in library
    library = client.get(reverse("regulations:library"), {"validity": "not_yet"}).content.decode()
    assert ahead.title in library and current.title not in library


def test_the_staff_detail_says_what_the_public_page_says(client, editor, ahead, ended, today):
    client.force_login(editor)
    page = client.get(reverse("regulations_staff:detail", kwargs={"document_id": ahead.pk})).content.decode()
    state = _field(page, "有效性")
    assert "尚未施行" in state and f"（自 {ahead.effective_from.isoformat()} 起施行）" in state
    public = client.get(reverse("regulations:detail", kwargs={"document_id": ahead.pk})).content.decode()
    assert f"（自 {ahead.effective_from.isoformat()} 起施行）" in public

    page = client.get(reverse("regulations_staff:detail", kwargs={"document_id": ended.pk})).content.decode()
    ended_on = (today - dt.timedelta(days=2)).isoformat()
    assert f"{ended.expires_on.isoformat()}（原定；自 {ended_on} 起不再有效）" in _field(page, "有效期至")
    state = _field(page, "有效性")
    assert "已废止" in state and f"（自 {ended_on}）" in state and "待修改" not in state
    english = client.get("/en" + reverse("regulations_staff:detail", kwargs={"document_id": ahead.pk})).content.decode()
    assert f"(in force from {ahead.effective_from.isoformat()})" in english
