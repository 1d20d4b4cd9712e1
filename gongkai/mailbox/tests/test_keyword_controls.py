"""The mailbox's keyword filter and its writing suggestions drop control characters, as search's q does."""

import pytest
from django.urls import reverse

from gongkai.mailbox.forms import PublicFilter


def test_the_list_keyword_keeps_its_text_without_control_characters():
    form = PublicFilter({"q": "噪音\x00扰民\x1b"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["q"] == "噪音扰民"


@pytest.mark.django_db
def test_writing_suggestions_drop_control_characters(client, monkeypatch):
    from gongkai.mailbox import views_public

    seen = []
    monkeypatch.setattr(views_public.queries, "suggestions",
                        lambda text, org: seen.append(text) or {"faqs": [], "messages": []})
    response = client.get(reverse("mailbox:suggest"), {"q": "噪音\x00扰民"})
    assert response.status_code == 200 and seen == ["噪音扰民"]
