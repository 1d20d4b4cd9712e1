"""Regenerating a 办理总体情况 draft whose text the unit edited asks first (a confirm step without JavaScript):
keep the edited text and renew the figures, or draft the text anew. Nothing changes until the unit chooses."""

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.proposals import services
from gongkai.proposals.models import Summary
from gongkai.proposals.tests.test_proposals import answer, register

pytestmark = pytest.mark.django_db

EDIT = "<p>本单位高度重视建议办理工作，逐件落实。</p>"


def test_regenerating_an_edited_draft_asks_and_keeps_or_replaces_the_text(client, keeper, unit, unit_editor):
    answer(unit_editor, register(keeper, unit, 1), dt.date(2026, 4, 1), "A")
    summary = services.generate_summary(unit_editor, 2026, unit)
    services.edit_summary(unit_editor, summary, EDIT)
    register(keeper, unit, 2)  # a second proposal since: the figures change
    client.force_login(unit_editor)
    url = reverse("proposals_staff:summary_generate")
    page = client.post(url, {"year": 2026, "organization": str(unit.pk)}).content.decode()
    assert "正文已经修改过，重新生成会覆盖修改后的正文" in page
    assert 'name="edited_text" value="keep"' in page and 'name="edited_text" value="replace"' in page
    summary.refresh_from_db()
    assert summary.body == EDIT and summary.figures["total"] == 1  # nothing changed yet

    response = client.post(url, {"year": 2026, "organization": str(unit.pk), "edited_text": "keep"})
    assert response.status_code == 302
    summary.refresh_from_db()
    assert summary.body == EDIT and summary.figures["total"] == 2

    client.post(url, {"year": 2026, "organization": str(unit.pk), "edited_text": "replace"})
    summary.refresh_from_db()
    assert "本单位高度重视" not in summary.body and "合计2件" in summary.body and not summary.edited
    # an unedited draft regenerates at once, as before
    assert client.post(url, {"year": 2026, "organization": str(unit.pk)}).status_code == 302
    assert Summary.objects.count() == 1


def test_redrafting_never_overwrites_an_edit_saved_after_the_confirm_page_was_shown(client, keeper, unit, unit_editor):
    import re

    summary = services.generate_summary(unit_editor, 2026, unit)
    services.edit_summary(unit_editor, summary, EDIT)
    client.force_login(unit_editor)
    url = reverse("proposals_staff:summary_generate")
    page = client.post(url, {"year": 2026, "organization": str(unit.pk)}).content.decode()
    hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', page))
    later = "<p>本单位高度重视建议办理工作，逐件落实，另附同事补充的办理成效。</p>"
    services.edit_summary(unit_editor, summary, later)  # a colleague saves more text meanwhile
    page = client.post(url, hidden | {"edited_text": "replace"}).content.decode()
    assert "正文在您确认期间又被修改过" in page
    summary.refresh_from_db()
    assert summary.body == later
