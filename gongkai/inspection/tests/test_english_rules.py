"""Rule titles and broken-link reasons follow the reader's language; the findings a run stores stay in the
site's language (they are records) whichever language the run was started from."""

import pytest
from django.utils import translation

from gongkai.inspection import engine
from gongkai.inspection.models import Finding
from gongkai.inspection.rules.links import BrokenLinks, reason_text
from gongkai.inspection.tests.site import clear

pytestmark = pytest.mark.django_db


def test_rule_titles_and_link_reasons_are_english_for_an_english_reader():
    with translation.override("en"):
        assert reason_text("not_found") == "page does not exist"
        assert "链接" not in str(BrokenLinks.title)
    assert reason_text("not_found") == "页面不存在"


def test_a_run_started_from_an_english_page_records_its_findings_in_chinese(site):
    clear(site.node(site.township, "art20.7"))
    with translation.override("en"):
        engine.run()
    assert "空白" in Finding.objects.get(rule="empty_nodes").title
