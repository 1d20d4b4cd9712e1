"""The English consultation page reads participation's own words: the comment form read "Opinion" and
"Submit opinion" (requests' 「意见」), its closing date "To date" (the audit filter's 「截止日期」)."""

import pytest
from django.urls import reverse
from django.utils import translation

from gongkai.participation.factories import ConsultationFactory

pytestmark = pytest.mark.django_db


def test_the_english_comment_form_says_comment(client, org):
    consultation = ConsultationFactory(organization=org)
    with translation.override("en"):
        page = client.get(reverse("participation:consultation", kwargs={"consultation_id": consultation.pk}))
    html = page.content.decode()
    assert '<button type="submit">Submit comment</button>' in html
    assert ">Comment</label>" in html or ">Comment<" in html
    assert "Opinion" not in html and "To date" not in html
