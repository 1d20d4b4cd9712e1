"""建议提案办理: the due date, the register and its import, the reply and its publication, the yearly
summary figures (checked by hand), the public pages, the API and search."""

import datetime as dt
import io
import json

import pytest
from django.urls import reverse
from openpyxl import Workbook

from gongkai.audit.models import AuditEvent
from gongkai.core.services import ActionRefused
from gongkai.proposals import services
from gongkai.proposals.models import Proposal, Summary, add_months

pytestmark = pytest.mark.django_db


def register(keeper, lead, number, kind="suggestion", assigned=dt.date(2026, 3, 20), **extra):
    return services.register(keeper, {"year": 2026, "kind": kind, "number": number, "title": f"关于第{number}件事的建议",
                                      "proposers": "张某某等3名代表", "lead_unit": lead, "assigned_on": assigned, **extra})


def answer(user, proposal, day, classification, adopted=False):
    return services.reply(user, proposal, {"reply": f"<p>关于{proposal.title}的答复。</p>", "replied_on": day,
                                           "classification": classification, "adopted": adopted})


def test_due_date_is_three_months_from_assignment_or_six_when_complex(keeper, unit):
    assert add_months(dt.date(2026, 3, 31), 3) == dt.date(2026, 6, 30)  # June has no 31st
    assert add_months(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)
    assert register(keeper, unit, 1, assigned=dt.date(2026, 3, 31)).due_on == dt.date(2026, 6, 30)
    assert register(keeper, unit, 2, assigned=dt.date(2026, 3, 31), complex=True).due_on == dt.date(2026, 9, 30)


def test_only_the_register_keeper_registers_and_numbers_are_unique(keeper, unit, unit_editor):
    with pytest.raises(ActionRefused):
        register(unit_editor, unit, 1)
    register(keeper, unit, 1)
    with pytest.raises(ActionRefused, match="已在登记册中"):
        register(keeper, unit, 1)
    register(keeper, unit, 1, kind="proposal")  # 政协提案 have their own numbers
    assert AuditEvent.objects.filter(action="proposal.register").count() == 2


def test_pages_state_the_reply_period_the_due_date_is_computed_with(client, monkeypatch, keeper, unit):
    from gongkai.workdays import statute

    monkeypatch.setattr(statute, "PROPOSAL_REPLY_MONTHS", 5)  # a province whose 办法 allows five months
    monkeypatch.setattr(statute, "PROPOSAL_COMPLEX_REPLY_MONTHS", 8)
    plain, complex_ = register(keeper, unit, 1), register(keeper, unit, 2, complex=True)
    assert (plain.due_on, complex_.due_on) == (dt.date(2026, 8, 20), dt.date(2026, 11, 20))
    client.force_login(keeper)
    page = client.get(reverse("proposals_staff:detail", kwargs={"proposal_id": plain.pk})).content.decode()
    assert "2026-08-20（自交办之日起5个月）" in page and "3个月" not in page
    page = client.get(reverse("proposals_staff:detail", kwargs={"proposal_id": complex_.pk})).content.decode()
    assert "2026-11-20（涉及面广、处理难度大，自交办之日起8个月）" in page and "6个月" not in page
    form = client.get(reverse("proposals_staff:create")).content.decode()
    assert "答复期限由5个月延长为8个月" in form and "6个月" not in form


def test_the_api_describes_the_reply_period_of_the_constants(client):
    from gongkai.workdays import statute

    schema = json.dumps(client.get("/api/v1/openapi.json").json(), ensure_ascii=False)
    assert f"自交办之日起{statute.PROPOSAL_REPLY_MONTHS}个月，涉及面广、处理难度大的{statute.PROPOSAL_COMPLEX_REPLY_MONTHS}个月" in schema


def test_the_lead_unit_replies_other_units_cannot(keeper, unit, unit_editor, other_editor):
    proposal = register(keeper, unit, 1)
    with pytest.raises(ActionRefused):
        answer(other_editor, proposal, dt.date(2026, 5, 1), "A")
    with pytest.raises(ActionRefused, match="分类"):
        answer(unit_editor, proposal, dt.date(2026, 5, 1), "")
    with pytest.raises(ActionRefused, match="早于交办日期"):
        answer(unit_editor, proposal, dt.date(2026, 3, 1), "A")
    proposal = answer(unit_editor, proposal, dt.date(2026, 5, 1), "B")
    assert proposal.state == Proposal.State.REPLIED and proposal.on_time


def test_summary_figures_checked_by_hand(keeper, unit, unit2, unit_editor, other_editor):
    # 教体局 leads 5 (3 建议, 2 提案) and helps with 1 of 交通运输局's.
    p1 = register(keeper, unit, 1)  # due 2026-06-20
    p2 = register(keeper, unit, 2)
    p3 = register(keeper, unit, 3)
    p4 = register(keeper, unit, 1, kind="proposal")
    register(keeper, unit, 2, kind="proposal")  # not answered
    helped = register(keeper, unit2, 4, co_units=[unit])
    answer(unit_editor, p1, dt.date(2026, 6, 20), "A", adopted=True)  # on the last day: on time
    answer(unit_editor, p2, dt.date(2026, 6, 21), "A", adopted=True)  # one day late
    answer(unit_editor, p3, dt.date(2026, 5, 10), "B")
    answer(unit_editor, p4, dt.date(2026, 4, 30), "C")
    answer(other_editor, helped, dt.date(2026, 4, 1), "A")
    figures = services.figures(2026, unit, today=dt.date(2026, 7, 1))
    assert figures == {
        "total": 5, "suggestions": 3, "proposals": 2, "co_handled": 1, "replied": 4, "on_time": 3,
        "overdue_open": 1, "adopted": 2, "published": 0,
        "A": 2, "A_share": "50", "B": 1, "B_share": "25", "C": 1, "C_share": "25",
        "on_time_share": "75", "adopted_share": "50",
    }
    county = services.figures(2026, None, today=dt.date(2026, 7, 1))
    assert (county["total"], county["replied"], county["on_time"], county["A"], county["A_share"]) == (6, 5, 4, 3, "60")
    text = services.summary_text(2026, unit, figures)
    assert "主办人大代表建议3件、政协提案2件，合计5件" in text and "另协办建议提案1件" in text
    assert "按期答复3件（占75%）" in text and "（A类）2件，占50%" in text


def test_a_third_of_replies_is_rounded_half_up():
    assert services.percent(1, 3) == "33.3" and services.percent(2, 3) == "66.7" and services.percent(0, 0) == "0"


def test_the_unit_edits_its_summary_and_its_reviewer_publishes_it(client, keeper, unit, unit_editor, unit_reviewer):
    answer(unit_editor, register(keeper, unit, 1), dt.date(2026, 4, 1), "A")
    summary = services.generate_summary(unit_editor, 2026, unit)
    services.edit_summary(unit_editor, summary, "<p>本单位高度重视建议办理工作。</p>" + summary.body)
    with pytest.raises(ActionRefused):
        services.publish_summary(unit_editor, summary)
    url = reverse("proposals:summary", kwargs={"year": 2026, "org_id": unit.pk})
    assert client.get(url).status_code == 404
    services.publish_summary(unit_reviewer, summary)
    page = client.get(url).content.decode()
    assert "本单位高度重视建议办理工作" in page and "按期答复" in page
    with pytest.raises(ActionRefused):
        services.edit_summary(unit_editor, Summary.objects.get(), "<p>改</p>")
    with pytest.raises(ActionRefused):  # only the keeper writes the county's
        services.generate_summary(unit_editor, 2026, None)
    assert services.generate_summary(keeper, 2026, None).figures["total"] == 1


def test_published_reply_is_public_and_a_withheld_one_shows_only_its_reason(client, keeper, unit, unit_editor,
                                                                           unit_reviewer):
    public = answer(unit_editor, register(keeper, unit, 1), dt.date(2026, 4, 1), "A")
    withheld = answer(unit_editor, register(keeper, unit, 2), dt.date(2026, 4, 2), "C")
    url = reverse("proposals:reply", kwargs={"proposal_id": public.pk})
    assert client.get(url).status_code == 404
    services.publish_reply(unit_reviewer, public)
    services.withhold_reply(unit_reviewer, withheld, "答复内容涉及个人隐私")
    page = client.get(url).content.decode()
    assert "关于第1件事的建议的答复" in page and "张某某等3名代表" in page
    assert client.get(reverse("proposals:reply", kwargs={"proposal_id": withheld.pk})).status_code == 404
    index = client.get(reverse("proposals:year", kwargs={"year": 2026})).content.decode()
    assert "答复内容涉及个人隐私" in index and "关于第2件事的建议的答复" not in index
    with pytest.raises(ActionRefused, match="已公开"):
        answer(unit_editor, public, dt.date(2026, 4, 3), "B")


def xlsx(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


HEADER = ["类别", "编号", "标题", "代表/委员", "主办单位", "协办单位", "交办日期", "涉及面广"]


def test_import_of_the_congress_list(keeper, unit, unit2):
    data = xlsx([HEADER, ["人大代表建议", 1, "关于改善学校周边交通的建议", "李某某", "测试县教育和体育局", "县交通运输局", "2026-03-20", ""],
                 ["政协提案", 7, "关于农村公路养护的提案", "王某某", "县交通运输局", "", dt.datetime(2026, 3, 25), "是"]])
    result = services.import_register(keeper, 2026, "清单.xlsx", data)
    assert result.created == 2 and not result.errors
    first = Proposal.objects.get(kind="suggestion", number=1)
    assert list(first.co_units.all()) == [unit2] and first.lead_unit == unit
    assert Proposal.objects.get(kind="proposal", number=7).due_on == dt.date(2026, 9, 25)


def test_import_refuses_the_whole_file_and_names_each_bad_line(keeper, unit):
    register(keeper, unit, 3)
    data = xlsx([HEADER, ["人大代表建议", 1, "好的一行", "李某某", "测试县教育和体育局", "", "2026-03-20"],
                 ["议案", "x", "", "", "不存在的局", "", "3月20日"],
                 ["人大代表建议", 3, "已登记的编号", "赵某", "测试县教育和体育局", "", "2026-03-20"],
                 ["人大代表建议", 1, "本表重复", "李某某", "测试县教育和体育局", "", "2026-03-20"]])
    result = services.import_register(keeper, 2026, "清单.xlsx", data)
    assert result.created == 0
    assert [e.split("：")[0] for e in result.errors] == ["第3行", "第4行", "第5行"]
    assert "不存在的局" in result.errors[0] and "交办日期" in result.errors[0]
    assert Proposal.objects.count() == 1


def row(number, title="标题", proposers="李某某", assigned="2026-03-20"):
    return ["人大代表建议", number, title, proposers, "测试县教育和体育局", "", assigned]


@pytest.mark.parametrize("number", ["²", "３", "3000000000", "9" * 30, "100000", "0"])
def test_import_takes_numbers_the_hand_form_takes_and_names_the_line_otherwise(keeper, unit, number):
    result = services.import_register(keeper, 2026, "清单.xlsx", xlsx([HEADER, row(1), row(number)]))
    assert result.created == 0 and result.errors == ["第3行：编号须为1至99999的整数。"]
    assert services.import_register(keeper, 2026, "清单.xlsx", xlsx([HEADER, row("99999")])).created == 1


@pytest.mark.parametrize("bad", ["\x1b", "\x07"])
def test_import_refuses_control_characters_in_a_cell(keeper, unit, bad):
    csv = ",".join(HEADER) + f"\n人大代表建议,1,标题,李某{bad}某,测试县教育和体育局,,2026-03-20,\n"
    result = services.import_register(keeper, 2026, "清单.csv", csv.encode())
    assert result.created == 0 and result.errors == ["第2行：“代表/委员”不能包含控制字符。"]
    assert not Proposal.objects.exists()


def test_a_csv_with_a_nul_is_refused_by_the_shared_reader_naming_the_row(keeper, unit):
    csv = ",".join(HEADER) + "\n人大代表建议,1,标题,李某\x00某,测试县教育和体育局,,2026-03-20,\n"
    with pytest.raises(ActionRefused, match="CSV 文件第2行含有空字符"):
        services.import_register(keeper, 2026, "清单.csv", csv.encode())
    assert not Proposal.objects.exists()


def test_import_refuses_a_title_with_a_bidi_override_as_the_register_form_does(keeper, unit):
    """The hand form refuses 「关于\u202e…」 (core.forms); the import wrote it, published reordered."""
    with pytest.raises(ActionRefused, match="第2行「标题」：含有看不见的文字方向控制字符"):
        services.import_register(keeper, 2026, "清单.xlsx", xlsx([HEADER, row(1, title="关于加快\u202e设建路公")]))
    assert not Proposal.objects.exists()


def test_import_refuses_a_title_too_long_rather_than_cutting_it(keeper, unit):
    result = services.import_register(keeper, 2026, "清单.xlsx", xlsx([HEADER, row(1, title="长" * 301)]))
    assert result.created == 0 and result.errors == ["第2行：“标题”不能超过300个字（现有301个字）。"]
    assert not Proposal.objects.exists()


def test_import_names_every_line_whose_assignment_date_is_outside_the_year(keeper, unit):
    data = xlsx([HEADER, row(1), row(2, assigned="2030-03-01"), row(3), row(4, assigned="2024-12-01")])
    result = services.import_register(keeper, 2026, "清单.xlsx", data)
    assert result.created == 0 and result.errors == ["第3行：交办日期须在该年度内（或次年初）。",
                                                     "第5行：交办日期须在该年度内（或次年初）。"]


def test_a_correction_cannot_move_the_assignment_after_the_reply(keeper, unit, unit_editor):
    proposal = answer(unit_editor, register(keeper, unit, 1, assigned=dt.date(2026, 3, 1)), dt.date(2026, 4, 1), "A")
    values = {"year": 2026, "kind": "suggestion", "number": 1, "title": "改过的标题", "proposers": "张某某",
              "lead_unit": unit}
    with pytest.raises(ActionRefused, match="交办日期不能晚于答复日期（2026-04-01）"):
        services.update_register(keeper, proposal, values | {"assigned_on": dt.date(2026, 4, 2)})
    proposal.refresh_from_db()
    assert proposal.assigned_on == dt.date(2026, 3, 1) and proposal.title != "改过的标题"
    assert services.update_register(keeper, proposal, values | {"assigned_on": dt.date(2026, 4, 1)}).title == "改过的标题"


def test_a_reply_not_yet_given_cannot_be_withheld(keeper, unit, unit_reviewer):
    proposal = register(keeper, unit, 1)
    with pytest.raises(ActionRefused, match="尚未答复"):
        services.withhold_reply(unit_reviewer, proposal, "涉及个人隐私")
    proposal.refresh_from_db()
    assert proposal.disclosure == Proposal.Disclosure.UNDECIDED and not proposal.withheld_reason


def test_import_form_shows_line_errors(client, keeper, unit):
    client.force_login(keeper)
    data = xlsx([HEADER, ["人大代表建议", 1, "标题", "李某某", "没有的单位", "", "2026-03-20"]])
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(reverse("proposals_staff:import"), {"year": 2026, "file": SimpleUploadedFile("a.xlsx", data)})
    assert "第2行" in response.content.decode() and not Proposal.objects.exists()


def test_api_lists_the_register_with_reply_links_only_for_published_replies(client, keeper, unit, unit2, unit_editor,
                                                                           unit_reviewer):
    public = answer(unit_editor, register(keeper, unit, 1, co_units=[unit2]), dt.date(2026, 4, 1), "A")
    services.publish_reply(unit_reviewer, public)
    answer(unit_editor, register(keeper, unit, 2), dt.date(2026, 4, 1), "B")
    register(keeper, unit, 1, kind="proposal")
    body = client.get("/api/v1/proposals", {"year": 2026, "kind": "suggestion"}).json()
    assert body["count"] == 2
    first, second = body["results"]
    assert first["number"] == 1 and first["classification"] == "A" and first["reply_url"].endswith(
        reverse("proposals:reply", kwargs={"proposal_id": public.pk}))
    assert first["co_units"] == [{"id": unit2.pk, "name": unit2.name}] and first["lead_unit"]["name"] == unit.name
    assert second["reply_url"] is None and "proposers" not in first
    assert client.get("/api/v1/proposals", {"kind": "nonsense"}).status_code == 400
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/proposals" in schema["paths"]


def test_search_finds_published_replies_only(keeper, unit, unit_editor, unit_reviewer):
    public = answer(unit_editor, register(keeper, unit, 1), dt.date(2026, 4, 1), "A")
    answer(unit_editor, register(keeper, unit, 2), dt.date(2026, 4, 1), "A")
    assert services.search_replies(["答复"]) == []
    services.publish_reply(unit_reviewer, public)
    assert [r.title for r in services.search_replies(["答复"])] == [public.title]


def test_staff_pages_keep_to_the_units(client, keeper, unit, unit_editor, other_editor):
    proposal = register(keeper, unit, 1)
    url = reverse("proposals_staff:detail", kwargs={"proposal_id": proposal.pk})
    client.force_login(other_editor)
    assert client.get(url).status_code == 404
    client.force_login(unit_editor)
    page = client.get(url).content.decode()
    assert "2026-06-20" in page and "填写答复" in page
    response = client.post(reverse("proposals_staff:reply", kwargs={"proposal_id": proposal.pk}), {
        "reply": "<p>已答复</p><script>x</script>", "replied_on": "2026-04-01", "classification": "A"})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == "replied" and "<script>" not in proposal.reply
    client.force_login(keeper)
    late = register(keeper, unit, 2, assigned=dt.date(2026, 1, 10))  # due 2026-04-10, never answered
    page = client.get(reverse("proposals_staff:list"), {"year": 2026}).content.decode()
    assert "有1件已超过答复期限仍未答复" in page and "已逾期" in page and late.title in page


def test_feed_lists_published_replies(client, keeper, unit, unit_editor, unit_reviewer):
    public = answer(unit_editor, register(keeper, unit, 1), dt.date(2026, 4, 1), "A")
    answer(unit_editor, register(keeper, unit, 2), dt.date(2026, 4, 1), "A")
    services.publish_reply(unit_reviewer, public)
    body = client.get(reverse("proposals:feed")).content.decode()
    assert "关于第1件事的建议" in body and "关于第2件事的建议" not in body and "张某某" not in body


def test_todo_home_panel_and_search_page(client, keeper, unit, unit_editor, unit_reviewer):
    waiting = register(keeper, unit, 1)
    public = answer(unit_editor, register(keeper, unit, 2), dt.date(2026, 4, 1), "A")
    client.force_login(unit_editor)
    home = client.get(reverse("workbench:home")).content.decode()
    assert "待答复的建议提案" in home and waiting.title in home and "待决定是否公开的复文" in home
    services.publish_reply(unit_reviewer, public)
    client.logout()
    assert public.title in client.get(reverse("portal:home")).content.decode()
    page = client.get(reverse("search:results"), {"q": "第2件事"}).content.decode()
    assert "建议提案复文" in page and reverse("proposals:reply", kwargs={"proposal_id": public.pk}) in page


def test_a_reply_published_shows_on_the_next_home_page_of_a_reader(client, keeper, unit, unit_editor, unit_reviewer):
    from gongkai.core.preferences import COOKIE_NAME

    client.cookies[COOKIE_NAME] = "l"  # a page Django renders, with the home panels from the fragment cache
    first = answer(unit_editor, register(keeper, unit, 1), dt.date(2026, 4, 1), "A")
    services.publish_reply(unit_reviewer, first)
    second = answer(unit_editor, register(keeper, unit, 2), dt.date(2026, 4, 2), "A")
    home = client.get(reverse("portal:home")).content.decode()
    assert first.title in home and second.title not in home
    services.publish_reply(unit_reviewer, second)
    assert second.title in client.get(reverse("portal:home")).content.decode()
