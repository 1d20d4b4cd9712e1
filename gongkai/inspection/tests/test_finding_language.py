"""A finding's title is shown in the language of whoever reads it, whichever language the run that found it
was started from (inspection.wording); a finding stored before titles were kept that way shows its stored title."""

import pytest
from django.urls import reverse
from django.utils import translation

from gongkai.inspection import engine
from gongkai.inspection.models import Finding, FindingEvent
from gongkai.inspection.tests.site import clear
from gongkai.inspection.wording import joined, label, rendered_or, text

pytestmark = pytest.mark.django_db

CHINESE = "栏目没有已公开的信息（空白栏目）"
ENGLISH = "has no published information (empty section)"


def _page(client, name, language, **kwargs) -> str:
    with translation.override(language):
        url = reverse(name, kwargs=kwargs)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def found_in_english(site):
    clear(site.node(site.township, "art20.7"))
    with translation.override("en"):
        engine.run()
    return Finding.objects.get(rule="empty_nodes")


def test_a_finding_found_while_english_is_active_reads_chinese_to_chinese_staff_and_english_on_en(
        client, site, found_in_english):
    finding = found_in_english
    client.force_login(site.supervisor)
    chinese = _page(client, "inspection:finding", "zh-hans", finding_id=finding.pk)
    assert CHINESE in chinese and ENGLISH not in chinese
    english = _page(client, "inspection:finding", "en", finding_id=finding.pk)
    assert ENGLISH in english and CHINESE not in english  # the heading and the 发现问题 event alike
    unit = _page(client, "inspection:unit", "en", org_id=site.township.pk)
    assert ENGLISH in unit and CHINESE not in unit
    assert CHINESE in _page(client, "inspection:unit", "zh-hans", org_id=site.township.pk)


def test_the_reason_a_finding_reopened_is_shown_in_the_readers_language(client, site, found_in_english):
    finding = found_in_english
    Finding.objects.filter(pk=finding.pk).update(state=Finding.State.RECTIFIED)
    with translation.override("en"):
        engine.run()  # still empty: reopened
    assert FindingEvent.objects.filter(finding=finding, kind=FindingEvent.Kind.REOPENED).exists()
    client.force_login(site.supervisor)
    assert "整改后复检，问题仍然存在。" in _page(client, "inspection:finding", "zh-hans", finding_id=finding.pk)
    assert "the problem is still there" in _page(client, "inspection:finding", "en", finding_id=finding.pk)


def test_a_finding_stored_before_titles_were_kept_by_message_shows_its_stored_title(client, site, found_in_english):
    finding = found_in_english
    Finding.objects.filter(pk=finding.pk).update(title_message={}, title="“某栏目”栏目没有已公开的信息（空白栏目）。")
    FindingEvent.objects.filter(finding=finding).update(text_message={})
    client.force_login(site.supervisor)
    english = _page(client, "inspection:finding", "en", finding_id=finding.pk)
    assert "“某栏目”栏目没有已公开的信息（空白栏目）。" in english


def test_nested_phrases_labels_and_lists_follow_the_reader():
    stored = text("《%(title)s》：%(problems)s。", title="某通知", problems=joined(
        [text("“%(found)s”应为“%(right)s”", found="甲", right="乙"),
         text("“%(found)s”应为“%(right)s”", found="丙", right="丁")], "semicolon")).as_json()
    assert rendered_or(stored, "") == "《某通知》：“甲”应为“乙”；“丙”应为“丁”。"
    with translation.override("en"):
        assert rendered_or(stored, "") == "“某通知”: “甲” should be “乙”; “丙” should be “丁”."
    guide = text("政府信息公开指南缺少：%(fields)s。", fields=joined([label("办公地址"), label("传真号码")])).as_json()
    assert rendered_or(guide, "") == "政府信息公开指南缺少：办公地址、传真号码。"
    with translation.override("en"):
        english = rendered_or(guide, "")
    assert english.startswith("The disclosure guide is missing: ") and "办公地址" not in english


def test_a_translation_that_no_longer_fits_its_parameters_falls_back_to_the_stored_title():
    assert rendered_or({"msgid": "政府信息公开指南缺少：%(fields)s。", "params": {"other": 1}}, "旧标题") == "旧标题"
