"""Control characters and personal numbers in what the 建议提案 column publishes: the register's 标题 and
代表/委员 refuse both, a 复文 and a 总体情况 refuse control characters and resident ID numbers, and the
public page and the feed mask any number (a 复文's contact mobile) and drop characters XML cannot hold."""

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.core.services import ActionRefused
from gongkai.proposals import services
from gongkai.proposals.models import Proposal, Summary

pytestmark = pytest.mark.django_db


def register(keeper, unit, number=1, **extra):
    return services.register(keeper, {"year": 2026, "kind": "suggestion", "number": number, "title": "关于道路的建议",
                                      "proposers": "张某某等3名代表", "lead_unit": unit,
                                      "assigned_on": dt.date(2026, 3, 20), **extra})


def reply_data(text):
    return {"reply": text, "replied_on": dt.date(2026, 4, 1), "classification": "A"}


@pytest.mark.parametrize("text", ["<p>已答复\x1b[31m，谢谢\x07</p>", "<p>已答复&#27;</p>", "<p><abbr title='a\x07'>已答复</abbr></p>"])
def test_a_reply_with_a_control_character_is_refused(keeper, unit, unit_editor, text):
    proposal = register(keeper, unit)
    with pytest.raises(ActionRefused, match="控制字符"):
        services.reply(unit_editor, proposal, reply_data(text))
    proposal.refresh_from_db()
    assert proposal.reply == "" and proposal.state != Proposal.State.REPLIED


def test_a_summary_with_a_control_character_is_refused(keeper, unit, unit_editor):
    summary = services.generate_summary(unit_editor, 2026, unit)
    with pytest.raises(ActionRefused, match="控制字符"):
        services.edit_summary(unit_editor, summary, "<p>总体情况\x1b</p>")
    with pytest.raises(ActionRefused, match="身份证"):
        services.edit_summary(unit_editor, summary, "<p>代表370323199001011234</p>")
    assert "\x1b" not in Summary.objects.get(pk=summary.pk).body


def test_a_reply_with_an_id_number_is_refused_and_a_mobile_is_masked_when_published(
        client, keeper, unit, unit_editor, unit_reviewer):
    proposal = register(keeper, unit)
    with pytest.raises(ActionRefused, match="身份证"):
        services.reply(unit_editor, proposal, reply_data("<p>经核实，张三（370323199001011234）已补助。</p>"))
    services.reply(unit_editor, proposal, reply_data("<p>已办理。联系人：李四，电话：0533-3241234，13812345678。</p>"))
    services.publish_reply(unit_reviewer, proposal)
    page = client.get(reverse("proposals:reply", kwargs={"proposal_id": proposal.pk})).content.decode()
    assert "0533-3241234" in page and "138****5678" in page and "13812345678" not in page
    feed = client.get(reverse("proposals:feed")).content.decode()
    assert "138****5678" in feed and "13812345678" not in feed
    assert services.search_replies(["13812345678"]) == []


@pytest.mark.parametrize("proposers", ["张三（身份证370323199001011234）", "张三（电话13812345678）",
                                       "张三（电话 138 1234 5678）"])
def test_the_register_refuses_personal_numbers_in_published_fields(keeper, unit, proposers):
    with pytest.raises(ActionRefused, match="身份证号码|手机号码"):
        register(keeper, unit, proposers=proposers)
    with pytest.raises(ActionRefused, match="身份证号码|手机号码"):
        register(keeper, unit, title=f"关于{proposers}的建议")
    assert not Proposal.objects.exists()
    register(keeper, unit, proposers="张三（县人大代表，联系电话0533-3241234）")  # a landline is public


def test_rows_stored_before_the_checks_neither_break_the_feed_nor_show_numbers(
        client, keeper, unit, unit_editor, unit_reviewer):
    proposal = register(keeper, unit)
    services.reply(unit_editor, proposal, reply_data("<p>已办理。</p>"))
    services.publish_reply(unit_reviewer, proposal)
    Proposal.objects.filter(pk=proposal.pk).update(
        title="关于道路\x1b的建议", proposers="张三（身份证370323199001011234，电话13812345678）",
        reply="<p>已办理\x1b[31m，谢谢\x07。</p>")
    feed = client.get(reverse("proposals:feed"))
    assert feed.status_code == 200 and b"\x1b" not in feed.content and b"\x07" not in feed.content
    page = client.get(reverse("proposals:reply", kwargs={"proposal_id": proposal.pk}))
    body = page.content.decode()
    assert "\x1b" not in body and "\x07" not in body
    assert "3703**********1234" in body and "138****5678" in body and "370323199001011234" not in body


@pytest.mark.parametrize(("word", "complex_"), [("是", True), ("√", True), ("TRUE", True), ("y", True),
                                                 ("否", False), ("×", False), ("0", False), ("", False)])
def test_import_reads_the_documented_yes_and_no_words(keeper, unit, word, complex_):
    from gongkai.proposals.tests.test_proposals import HEADER, row, xlsx

    result = services.import_register(keeper, 2026, "清单.xlsx", xlsx([HEADER, row(1) + [word]]))
    assert result.created == 1 and Proposal.objects.get().complex is complex_


@pytest.mark.parametrize("word", ["涉及", "2", "是的"])
def test_import_refuses_another_word_for_complex_with_its_row(keeper, unit, word):
    from gongkai.proposals.tests.test_proposals import HEADER, row, xlsx

    result = services.import_register(keeper, 2026, "清单.xlsx", xlsx([HEADER, row(1, ) + ["是"], row(2) + [word]]))
    assert result.created == 0 and len(result.errors) == 1
    assert result.errors[0].startswith("第3行") and "涉及面广" in result.errors[0]


def test_a_future_assignment_date_is_refused(keeper, unit):
    from django.utils import timezone

    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ActionRefused, match="交办日期不能晚于今天"):
        services.register(keeper, {"year": tomorrow.year, "kind": "suggestion", "number": 1, "title": "关于道路的建议",
                                   "proposers": "张某某", "lead_unit": unit, "assigned_on": tomorrow})
    assert not Proposal.objects.exists()
