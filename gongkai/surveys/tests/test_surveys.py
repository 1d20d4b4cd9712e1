"""征集调查: building and publishing, one answer per person (signed cookie + rate limit), validation of
the answers, and the results as tables with a chart, only after the close date."""

import datetime as dt
import re

import pytest
from django.db import DatabaseError
from django.urls import reverse
from django.utils import timezone

from gongkai.core.services import ActionRefused
from gongkai.participation.tests.conftest import form_data as challenge
from gongkai.requests import spam
from gongkai.surveys import services
from gongkai.surveys.models import Answer, Response, Survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(unit, unit_editor, unit_reviewer):
    today = timezone.localdate()
    survey = services.create_survey(unit_editor, unit, {"title": "课后服务满意度调查", "opens_on": today,
                                                        "closes_on": today + dt.timedelta(days=7),
                                                        "results_public": True})
    services.add_question(unit_editor, survey, "single", "您对课后服务是否满意？", "满意\n基本满意\n不满意")
    services.add_question(unit_editor, survey, "multiple", "希望增加哪些内容？", "体育\n艺术\n阅读")
    services.add_question(unit_editor, survey, "text", "其他意见", required=False)
    services.publish(unit_reviewer, survey)
    return survey


def form_data(survey, single="满意", multiple=("体育", "阅读"), text=""):
    q1, q2, q3 = survey.questions.all()
    data = {f"q{q1.pk}": str(q1.options.get(text=single).pk),
            f"q{q2.pk}": [str(q2.options.get(text=t).pk) for t in multiple]}
    if text:
        data[f"q{q3.pk}"] = text
    return data


def sheet(client, url, survey, **answers) -> dict:
    """A visitor's answer sheet as the page posts it: the answers, the question answered, the page's token."""
    return {**challenge(client, url), **form_data(survey, **answers)}


def test_building_rules(unit, unit_editor, unit_reviewer):
    today = timezone.localdate()
    survey = services.create_survey(unit_editor, unit, {"title": "调查", "opens_on": today, "closes_on": today})
    with pytest.raises(ActionRefused, match="两个选项"):
        services.add_question(unit_editor, survey, "single", "题目", "只有一个")
    with pytest.raises(ActionRefused, match="题目"):
        services.publish(unit_reviewer, survey)
    services.add_question(unit_editor, survey, "text", "意见")
    with pytest.raises(ActionRefused):
        services.publish(unit_editor, survey)
    services.publish(unit_reviewer, survey)
    with pytest.raises(ActionRefused, match="已发布"):
        services.add_question(unit_editor, survey, "text", "再加一题")


def test_the_survey_page_reads_right_in_english(client, survey):
    url = reverse("surveys:detail", kwargs={"survey_id": survey.pk})
    english = client.get("/en" + url).content.decode()
    start, end = survey.opens_on.isoformat(), survey.closes_on.isoformat()
    assert f"Open from {start} to {end}" in english
    assert re.search(r"您对课后服务是否满意？ \(Single[^()]*, required\)</legend>", english)
    assert re.search(r"其他意见 \(Text[^()]*\)</legend>", english, re.IGNORECASE) or "其他意见</label>" in english
    chinese = client.get(url).content.decode()
    assert f"征集时间 {start}至{end}" in chinese and "（单选，必答）" in chinese


def test_a_nul_character_in_an_answer_is_refused_and_nothing_is_saved(client, survey):
    url = reverse("surveys:detail", kwargs={"survey_id": survey.pk})
    response = client.post(url, sheet(client, url, survey, text="好\x00的"))
    assert response.status_code == 400 and "不能包含控制字符" in response.content.decode()
    with pytest.raises(ActionRefused, match="不能包含控制字符"):
        services.submit_response(survey, "voter-1", _querydict(form_data(survey, text="好\x00的")))
    assert not Response.objects.exists()  # no half-saved answer sheet (was: a Response without its answers)
    assert client.post(url, sheet(client, url, survey, text="好的")).status_code == 302  # and the visitor can still answer


def test_an_answer_sheet_is_saved_with_its_answers_or_not_at_all(survey, monkeypatch):
    def failing(*args, **kwargs):
        raise DatabaseError("the database refused an answer")

    monkeypatch.setattr(Answer.objects, "bulk_create", failing)
    with pytest.raises(DatabaseError):
        services.submit_response(survey, "voter-1", _querydict(form_data(survey)))
    assert not Response.objects.exists()  # else this voter could never answer again


def test_one_answer_per_person(client, survey):
    url = reverse("surveys:detail", kwargs={"survey_id": survey.pk})
    assert client.post(url, sheet(client, url, survey, text="希望延长时间，电话13712345678")).status_code == 302
    assert services.VOTER_COOKIE in client.cookies
    page = client.get(url).content.decode()
    assert "您已经参与过本次调查" in page and "<form" not in page.split("survey-title")[1].split("</article>")[0]
    response = client.post(url, form_data(survey, single="不满意"))
    assert response.status_code == 400 and "每人只能提交一次" in response.content.decode()
    assert Response.objects.count() == 1
    answer_texts = [a.text for a in services.text_answers(survey)]
    assert answer_texts == ["希望延长时间，电话137****5678"]
    # Another browser (no cookie) may answer; a forged cookie is ignored and treated as none.
    client.cookies.clear()
    client.cookies[services.VOTER_COOKIE] = "forged"
    assert client.post(url, sheet(client, url, survey)).status_code == 302
    assert Response.objects.count() == 2


def test_the_same_voter_is_refused_by_the_database_too(survey):
    services.submit_response(survey, "voter-1", _querydict(form_data(survey)))
    with pytest.raises(ActionRefused, match="只能提交一次"):
        services.submit_response(survey, "voter-1", _querydict(form_data(survey)))


def _querydict(data):
    from django.http import QueryDict

    q = QueryDict(mutable=True)
    for key, value in data.items():
        q.setlist(key, value if isinstance(value, list) else [value])
    return q


def test_rate_limit_per_address_when_the_cookie_is_cleared(client, settings, survey):
    settings.GONGKAI_REQUEST_RATE_LIMITS = {**spam.DEFAULT_LIMITS, "survey": (2, 3600)}
    url = reverse("surveys:detail", kwargs={"survey_id": survey.pk})
    codes = []
    for _ in range(3):
        client.cookies.clear()
        codes.append(client.post(url, sheet(client, url, survey)).status_code)
    assert codes == [302, 302, 429] and Response.objects.count() == 2


def test_answers_are_validated(survey):
    q1, q2, _q3 = survey.questions.all()
    with pytest.raises(ActionRefused, match="请回答"):
        services.submit_response(survey, "v", _querydict({f"q{q2.pk}": [str(q2.options.first().pk)]}))
    with pytest.raises(ActionRefused, match="单选题"):
        services.submit_response(survey, "v", _querydict({f"q{q1.pk}": [str(o.pk) for o in q1.options.all()[:2]],
                                                          f"q{q2.pk}": [str(q2.options.first().pk)]}))
    with pytest.raises(ActionRefused, match="选项无效"):
        services.submit_response(survey, "v", _querydict({f"q{q1.pk}": ["999999"], f"q{q2.pk}": ["1"]}))
    assert not Response.objects.exists()


def test_results_only_after_closing_as_tables_and_chart(client, survey):
    for index, (single, multiple) in enumerate([("满意", ("体育", "阅读")), ("满意", ("体育",)), ("不满意", ("艺术",))]):
        services.submit_response(survey, f"v{index}", _querydict(form_data(survey, single, multiple)))
    results_url = reverse("surveys:results", kwargs={"survey_id": survey.pk})
    assert client.get(results_url).status_code == 404
    Survey.objects.filter(pk=survey.pk).update(opens_on=timezone.localdate() - dt.timedelta(days=10),
                                               closes_on=timezone.localdate() - dt.timedelta(days=1))
    total, results = services.results(Survey.objects.get(pk=survey.pk))
    assert total == 3
    assert [(o.text, o.count, o.share) for o in results[0].options] == [
        ("满意", 2, "66.7%"), ("基本满意", 0, "0.0%"), ("不满意", 1, "33.3%")]
    assert [(o.text, o.count, o.share) for o in results[1].options] == [
        ("体育", 2, "66.7%"), ("艺术", 1, "33.3%"), ("阅读", 1, "33.3%")]
    page = client.get(results_url).content.decode()
    assert "共收到答卷3份" in page and "66.7%" in page and 'class="bar-list"' in page and "<table" in page
    post = client.post(reverse("surveys:detail", kwargs={"survey_id": survey.pk}), form_data(survey))
    assert post.status_code == 400 and Response.objects.count() == 3


def test_drafts_are_not_public_and_staff_isolation(client, unit, unit_editor, other_editor):
    today = timezone.localdate()
    draft = services.create_survey(unit_editor, unit, {"title": "草稿调查", "opens_on": today, "closes_on": today})
    assert client.get(reverse("surveys:detail", kwargs={"survey_id": draft.pk})).status_code == 404
    client.force_login(other_editor)
    assert client.get(reverse("surveys_staff:detail", kwargs={"survey_id": draft.pk})).status_code == 404
    client.force_login(unit_editor)
    response = client.post(reverse("surveys_staff:question_add", kwargs={"survey_id": draft.pk}),
                           {"kind": "single", "text": "是否满意", "options": "是\n否", "required": "on",
                            "form_token": spam.new_staff_token()})
    assert response.status_code == 302 and draft.questions.count() == 1


def test_a_survey_published_shows_on_the_next_home_page_of_a_reader(client, survey, unit, unit_editor,
                                                                    unit_reviewer):
    from gongkai.core.preferences import COOKIE_NAME

    client.cookies[COOKIE_NAME] = "l"  # a page Django renders, with the home panels from the fragment cache
    home = client.get(reverse("portal:home")).content.decode()
    assert "课后服务满意度调查" in home
    today = timezone.localdate()
    second = services.create_survey(unit_editor, unit, {"title": "老年食堂就餐需求调查", "opens_on": today,
                                                        "closes_on": today + dt.timedelta(days=7)})
    services.add_question(unit_editor, second, "text", "您的意见")
    assert "老年食堂就餐需求调查" not in client.get(reverse("portal:home")).content.decode()  # a draft
    services.publish(unit_reviewer, second)
    assert "老年食堂就餐需求调查" in client.get(reverse("portal:home")).content.decode()


@pytest.mark.parametrize(("opens_on", "closes_on"), [("0001-01-01", "2026-06-30"), ("2026-06-01", "9999-12-31")])
def test_a_survey_from_year_1_or_to_9999_is_refused_next_to_the_field(client, unit, unit_editor, opens_on,
                                                                       closes_on):
    client.force_login(unit_editor)
    response = client.post(reverse("surveys_staff:create"), {
        "organization": unit.pk, "title": "满意度调查", "opens_on": opens_on, "closes_on": closes_on})
    page = response.content.decode()
    assert response.status_code == 200 and not Survey.objects.exists()
    assert "日期须在2000-01-01至2100-12-31之间" in page
    with pytest.raises(ActionRefused, match="2000-01-01"):
        services.create_survey(unit_editor, unit, {"title": "满意度调查", "opens_on": dt.date.fromisoformat(opens_on),
                                                   "closes_on": dt.date.fromisoformat(closes_on)})


def _fields(survey, **changes) -> dict:
    return {name: getattr(survey, name) for name in ("title", "description", "opens_on", "closes_on",
                                                     "results_public")} | changes


def test_a_published_survey_is_changed_only_by_the_reviewer_and_the_editor_sees_no_edit_link(
        client, survey, unit_editor, unit_reviewer):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    with pytest.raises(ActionRefused, match="审核员"):  # was: closed at once, results public, no review
        services.update_survey(unit_editor, survey, _fields(survey, opens_on=yesterday - dt.timedelta(days=1),
                                                            closes_on=yesterday))
    survey.refresh_from_db()
    assert survey.closes_on > yesterday and not survey.results_shown
    edit = reverse("surveys_staff:edit", kwargs={"survey_id": survey.pk})
    client.force_login(unit_editor)
    assert edit not in client.get(reverse("surveys_staff:detail", kwargs={"survey_id": survey.pk})).content.decode()
    assert client.post(edit, {"title": "改"}).status_code == 403
    client.force_login(unit_reviewer)
    assert edit in client.get(reverse("surveys_staff:detail", kwargs={"survey_id": survey.pk})).content.decode()
    assert services.update_survey(unit_reviewer, survey, _fields(survey, title="新标题")).title == "新标题"
    with pytest.raises(ActionRefused):
        services.update_survey(None, survey, _fields(survey, title="无人修改"))


def test_once_answered_the_wording_stays_and_the_survey_does_not_close_early(survey, unit_reviewer):
    services.submit_response(survey, "voter-1", _querydict(form_data(survey)))
    today = timezone.localdate()
    for changes, reason in (({"title": "另一个调查"}, "标题和说明"), ({"description": "新的说明"}, "标题和说明"),
                            ({"closes_on": today - dt.timedelta(days=1), "opens_on": today - dt.timedelta(days=2)},
                             "截止日期"), ({"opens_on": today + dt.timedelta(days=1)}, "开始日期")):
        with pytest.raises(ActionRefused, match=reason):
            services.update_survey(unit_reviewer, survey, _fields(survey, **changes))
    longer = services.update_survey(unit_reviewer, survey, _fields(survey, closes_on=today + dt.timedelta(days=30)))
    assert longer.closes_on == today + dt.timedelta(days=30)
    assert services.update_survey(unit_reviewer, survey, _fields(survey, closes_on=today)).closes_on == today


def test_control_characters_are_refused_in_the_survey_and_the_feed_survives_old_ones(client, unit, unit_editor,
                                                                                      survey):
    today = timezone.localdate()
    with pytest.raises(ActionRefused, match="控制字符"):
        services.create_survey(unit_editor, unit, {"title": "调查\x1b", "opens_on": today, "closes_on": today})
    with pytest.raises(ActionRefused, match="控制字符"):
        services.create_survey(unit_editor, unit, {"title": "调查", "description": "说明\x00", "opens_on": today,
                                                   "closes_on": today})
    draft = services.create_survey(unit_editor, unit, {"title": "调查", "opens_on": today, "closes_on": today})
    with pytest.raises(ActionRefused, match="控制字符"):
        services.add_question(unit_editor, draft, "text", "题目\x07")
    with pytest.raises(ActionRefused, match="控制字符"):  # \x0b would have split the line and vanished
        services.add_question(unit_editor, draft, "single", "题目", "是\x0b否")
    with pytest.raises(ActionRefused, match="200"):  # was: cut to 200 characters without a word
        services.add_question(unit_editor, draft, "single", "题目", "是" * 201 + "\n否")
    assert not draft.questions.exists()
    Survey.objects.filter(pk=survey.pk).update(title="旧\x1b标题", description="旧\x0c说明")
    response = client.get(reverse("surveys:feed"))
    assert response.status_code == 200 and "旧标题" in response.content.decode()


def test_answer_sheets_carry_a_question_and_a_single_use_token(client, settings, survey):
    url = reverse("surveys:detail", kwargs={"survey_id": survey.pk})
    page = client.get(url).content.decode()
    assert "验证题" in page and 'name="form_token"' in page
    without = client.post(url, form_data(survey))  # the ballot-stuffing script: no question answered
    assert without.status_code == 400 and not Response.objects.exists()
    data = sheet(client, url, survey)
    wrong = client.post(url, {**data, "challenge_answer": str(int(data["challenge_answer"]) + 1)})
    assert wrong.status_code == 400 and "答案不正确" in wrong.content.decode()
    assert client.post(url, data).status_code == 302
    client.cookies.clear()  # the same sheet posted again without the cookie: refused, stored once
    again = client.post(url, data)
    assert again.status_code == 409 and "已经提交过" in again.content.decode()
    assert Response.objects.count() == 1


def test_a_citizens_mistakes_do_not_use_up_the_rate_limit(client, settings, survey):
    settings.GONGKAI_REQUEST_RATE_LIMITS = {**spam.DEFAULT_LIMITS, "survey": (1, 3600)}
    url = reverse("surveys:detail", kwargs={"survey_id": survey.pk})
    q1, q2, _q3 = survey.questions.all()
    for _ in range(3):  # a required question left out, three times
        data = {**sheet(client, url, survey)}
        del data[f"q{q1.pk}"]
        assert client.post(url, data).status_code == 400
    assert client.post(url, sheet(client, url, survey)).status_code == 302
    assert Response.objects.count() == 1


def test_a_number_written_in_groups_is_masked_in_an_answer_and_in_answers_given_before(survey):
    """A text answer is stored masked; one given before numbers in groups, with em dashes or zero-width
    characters were read as numbers kept them, and migration 0003 masks them again."""
    import importlib

    from django.apps import apps

    services.submit_response(survey, "v1", _querydict(form_data(survey, text="请联系我139—1234—5678，身份证370323 19900101 1234")))
    answer = Answer.objects.exclude(text="").get()
    assert answer.text == "请联系我139******5678，身份证3703************1234"
    Answer.objects.filter(pk=answer.pk).update(text="请联系我138\u200b1234\u200b5678")
    importlib.import_module("gongkai.surveys.migrations.0003_remask_written_forms").remask(apps, None)
    assert Answer.objects.get(pk=answer.pk).text == "请联系我138\u200b****\u200b5678"
