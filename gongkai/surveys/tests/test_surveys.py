"""征集调查: building and publishing, one answer per person (signed cookie + rate limit), validation of
the answers, and the results as tables with a chart, only after the close date."""

import datetime as dt
import re

import pytest
from django.db import DatabaseError
from django.urls import reverse
from django.utils import timezone

from gongkai.core.services import ActionRefused
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
    response = client.post(url, form_data(survey, text="好\x00的"))
    assert response.status_code == 400 and "不能包含控制字符" in response.content.decode()
    with pytest.raises(ActionRefused, match="不能包含控制字符"):
        services.submit_response(survey, "voter-1", _querydict(form_data(survey, text="好\x00的")))
    assert not Response.objects.exists()  # no half-saved answer sheet (was: a Response without its answers)
    assert client.post(url, form_data(survey, text="好的")).status_code == 302  # and the visitor can still answer


def test_an_answer_sheet_is_saved_with_its_answers_or_not_at_all(survey, monkeypatch):
    def failing(*args, **kwargs):
        raise DatabaseError("the database refused an answer")

    monkeypatch.setattr(Answer.objects, "bulk_create", failing)
    with pytest.raises(DatabaseError):
        services.submit_response(survey, "voter-1", _querydict(form_data(survey)))
    assert not Response.objects.exists()  # else this voter could never answer again


def test_one_answer_per_person(client, survey):
    url = reverse("surveys:detail", kwargs={"survey_id": survey.pk})
    assert client.post(url, form_data(survey, text="希望延长时间，电话13712345678")).status_code == 302
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
    assert client.post(url, form_data(survey)).status_code == 302
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
        codes.append(client.post(url, form_data(survey)).status_code)
    assert codes == [302, 302, 400] and Response.objects.count() == 2


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
                           {"kind": "single", "text": "是否满意", "options": "是\n否", "required": "on"})
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
