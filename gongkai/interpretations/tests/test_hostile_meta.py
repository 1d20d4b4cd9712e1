"""The 解读人 is shown on the public page: a control character or a bidi override is refused (auditD)."""

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.core.services import ActionRefused
from gongkai.interpretations import services
from gongkai.interpretations.models import Interpretation
from gongkai.regulations.factories import normative_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def policy(org, editor, reviewer):
    return normative_document(org, editor, reviewer).item


def create(org, editor, policy, interpreter):
    return services.create_interpretation(
        editor, org, {"title": "政策解读", "formed_on": dt.date(2020, 9, 1), "body": "<p>主要内容。</p>"},
        {"form": Interpretation.Form.TEXT, "interpreter": interpreter}, [policy])


@pytest.mark.parametrize("interpreter", ["县医保局\x1b[31m局长", "县医保局局长\x07", "\u202e长局局保医县"])
def test_an_interpreter_with_a_control_or_bidi_character_is_refused(org, editor, policy, interpreter):
    with pytest.raises(ActionRefused, match="控制字符"):
        create(org, editor, policy, interpreter)
    assert not Interpretation.objects.exists()
    created = create(org, editor, policy, "县医保局局长")
    with pytest.raises(ActionRefused, match="控制字符"):
        services.update_interpretation(editor, created, {"form": "text", "interpreter": interpreter}, [policy])
    created.refresh_from_db()
    assert created.interpreter == "县医保局局长"


def test_the_staff_form_shows_the_refusal(client, org, editor, policy):
    created = create(org, editor, policy, "县医保局局长")
    client.force_login(editor)
    response = client.post(reverse("interpretations_staff:edit", kwargs={"interpretation_id": created.pk}),
                           {"form": "text", "interpreter": "县医保局\x1b局长", "policies": [policy.pk]})
    assert response.status_code == 200 and "“解读人”不能包含控制字符" in response.content.decode()
