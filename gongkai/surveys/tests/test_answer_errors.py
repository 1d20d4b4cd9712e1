"""The public answer form: a POST to a survey not yet open is refused before the rate limit counts it; each
answer that does not fit is shown beside its question (aria-invalid, aria-describedby), with a summary at the
top linking to every question concerned."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.requests import spam
from gongkai.surveys.models import Response, Survey
from gongkai.surveys.tests.test_surveys import sheet
from gongkai.surveys.tests.test_surveys import survey as survey  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def test_posting_to_a_survey_not_yet_open_does_not_count_against_the_rate_limit(client, settings, survey):
    settings.GONGKAI_REQUEST_RATE_LIMITS = {**spam.DEFAULT_LIMITS, "survey": (2, 3600)}
    url = reverse("surveys:detail", kwargs={"survey_id": survey.pk})
    data = sheet(client, url, survey)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    Survey.objects.filter(pk=survey.pk).update(opens_on=tomorrow, closes_on=tomorrow + dt.timedelta(days=7))
    early = []
    for _ in range(3):
        client.cookies.clear()
        early.append(client.post(url, data))
    assert [response.status_code for response in early] == [400, 400, 400]
    Survey.objects.filter(pk=survey.pk).update(opens_on=timezone.localdate())
    codes = []
    for _ in range(2):
        client.cookies.clear()
        codes.append(client.post(url, sheet(client, url, survey)).status_code)
    assert codes == [302, 302] and Response.objects.count() == 2  # the early visits cost nothing
    assert "该调查不在征集期内" in early[0].content.decode()  # and the visitor is told why


def test_each_error_is_shown_by_its_question_with_a_linked_summary(client, survey):
    q1, q2, q3 = survey.questions.all()
    url = reverse("surveys:detail", kwargs={"survey_id": survey.pk})
    data = sheet(client, url, survey)
    data.pop(f"q{q1.pk}")
    data.pop(f"q{q2.pk}")
    data[f"q{q3.pk}"] = "意见\x01"
    page = client.post(url, data).content.decode()
    summary = page[page.index('class="error-summary"'):page.index("</div>", page.index('class="error-summary"'))]
    for question in (q1, q2, q3):
        assert f'href="#q{question.pk}"' in summary
        assert f'<ul class="errorlist" id="q{question.pk}_error">' in page
    assert f'<fieldset class="field has-error" id="q{q1.pk}" tabindex="-1" aria-describedby="q{q1.pk}_error">' in page
    assert "请回答：您对课后服务是否满意？" in page and "请回答：希望增加哪些内容？" in page
    assert f'id="q{q3.pk}" name="q{q3.pk}" rows="4" maxlength="2000" aria-invalid="true" ' \
           f'aria-describedby="q{q3.pk}_error"' in page
    assert "不能包含控制字符" in page.split(f'id="q{q3.pk}_error"')[1].split("</ul>")[0]
    assert not Response.objects.exists()


def test_a_direction_override_in_an_opinion_is_refused_beside_its_question(client, survey):
    """The unit's staff read the opinions in full: a right-to-left override would turn round what they read."""
    from gongkai.core.services import ActionRefused
    from gongkai.surveys import services
    from gongkai.surveys.tests.test_surveys import _querydict, form_data

    q3 = survey.questions.all()[2]
    url = reverse("surveys:detail", kwargs={"survey_id": survey.pk})
    data = sheet(client, url, survey)
    data[f"q{q3.pk}"] = "收费\u202e元005"
    page = client.post(url, data).content.decode()
    assert "不能包含控制字符" in page.split(f'id="q{q3.pk}_error"')[1].split("</ul>")[0]
    with pytest.raises(ActionRefused, match="控制字符"):
        services.submit_response(survey, "voter-1", _querydict(form_data(survey, text="收费\u202e元005")))
    assert not survey.responses.exists()
