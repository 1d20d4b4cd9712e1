"""Staff forms of 征集调查 used twice by a double-click or a resent POST (auditD): a survey has no delete, so a
second draft would stay in the list for good; a question would be asked twice. Each form carries a single-use
token (requests.spam): the second POST does nothing and says so, a forged or stale token does nothing."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.requests import spam
from gongkai.surveys import services
from gongkai.surveys.models import Survey

pytestmark = pytest.mark.django_db


def token_of(page: str) -> str:
    return re.search(r'name="form_token" value="([^"]+)"', page).group(1)


def test_a_double_clicked_new_survey_is_created_once(client, unit, unit_editor):
    client.force_login(unit_editor)
    page = client.get(reverse("surveys_staff:create")).content.decode()
    assert "Form token" not in page and "form_token" in page  # a hidden field, not a labelled box
    today = timezone.localdate().isoformat()
    data = {"organization": unit.pk, "title": "满意度调查", "opens_on": today, "closes_on": today,
            "form_token": token_of(page)}
    first = client.post(reverse("surveys_staff:create"), data)
    second = client.post(reverse("surveys_staff:create"), data, follow=True)
    assert first.status_code == 302 and Survey.objects.count() == 1
    assert "已经新建过" in second.content.decode()


def test_a_forged_token_creates_nothing_and_the_form_comes_back_with_a_new_one(client, unit, unit_editor):
    client.force_login(unit_editor)
    today = timezone.localdate().isoformat()
    response = client.post(reverse("surveys_staff:create"), {
        "organization": unit.pk, "title": "满意度调查", "opens_on": today, "closes_on": today, "form_token": "forged"})
    page = response.content.decode()
    assert response.status_code == 200 and not Survey.objects.exists()
    assert "表单已失效" in page and token_of(page) != "forged" and "满意度调查" in page


def test_a_double_clicked_question_is_added_once(client, unit, unit_editor):
    today = timezone.localdate()
    draft = services.create_survey(unit_editor, unit, {"title": "草稿调查", "opens_on": today, "closes_on": today})
    client.force_login(unit_editor)
    url = reverse("surveys_staff:question_add", kwargs={"survey_id": draft.pk})
    page = client.get(reverse("surveys_staff:detail", kwargs={"survey_id": draft.pk})).content.decode()
    data = {"kind": "single", "text": "是否满意", "options": "是\n否", "required": "on", "form_token": token_of(page)}
    assert client.post(url, data).status_code == 302
    second = client.post(url, data, follow=True).content.decode()
    assert draft.questions.count() == 1 and "已经添加过" in second
    refused = client.post(url, data | {"form_token": spam.new_staff_token(), "options": "只有一个"}, follow=True)
    assert "至少要有两个选项" in refused.content.decode() and draft.questions.count() == 1


def test_an_over_long_description_is_refused_next_to_the_field(client, unit, unit_editor):
    """Not a double click, but the same form (auditD): the 说明 had no bound (a pasted document of any size)."""
    from gongkai.core.services import ActionRefused

    client.force_login(unit_editor)
    page = client.get(reverse("surveys_staff:create")).content.decode()
    today = timezone.localdate().isoformat()
    response = client.post(reverse("surveys_staff:create"), {
        "organization": unit.pk, "title": "满意度调查", "description": "说" * 2001, "opens_on": today,
        "closes_on": today, "form_token": token_of(page)})
    assert response.status_code == 200 and not Survey.objects.exists()
    assert 'id="id_description_error"' in response.content.decode()
    with pytest.raises(ActionRefused, match="2000"):
        services.create_survey(unit_editor, unit, {"title": "满意度调查", "description": "说" * 2001,
                                                   "opens_on": timezone.localdate(), "closes_on": timezone.localdate()})


def test_the_english_challenge_question_is_separated_from_its_label(client, unit, unit_editor, unit_reviewer):
    """「Verification question:What is 6 plus 7?」 ran together on the English page (auditD)."""
    from django.utils import translation

    today = timezone.localdate()
    survey = services.create_survey(unit_editor, unit, {"title": "调查", "opens_on": today, "closes_on": today})
    services.add_question(unit_editor, survey, "text", "您的意见")
    services.publish(unit_reviewer, survey)
    with translation.override("en"):
        page = client.get(reverse("surveys:detail", kwargs={"survey_id": survey.pk})).content.decode()
    label = re.search(r'<p id="challenge-question"><strong>([^<]*)</strong>', page).group(1)
    assert label.endswith(": ")
    with translation.override("zh-hans"):
        page = client.get(reverse("surveys:detail", kwargs={"survey_id": survey.pk})).content.decode()
    assert '<p id="challenge-question"><strong>验证题：</strong>' in page
