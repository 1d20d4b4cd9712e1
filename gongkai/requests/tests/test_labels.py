"""Labels are stored as codes and translated when shown: an English session leaves no English in a
case's history, and a Chinese one none in an English reader's view."""

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.utils import translation

from gongkai.audit.models import AuditEvent
from gongkai.requests.choices import State
from gongkai.requests.factories import received_case
from gongkai.requests.models import ClockEvent
from gongkai.requests.services import handling, intake
from gongkai.requests.tests.test_intake import APPLICANT

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


def test_an_english_session_stores_codes_and_chinese_notes(org, editor):
    with translation.override("en"):
        case = intake.register(editor, org, APPLICANT, channel="in_person", received_on=D("2020-03-02")).case
        case.state = State.PROCESSING
        case.save()
        handling.consult(editor, case, "third_party", "某公司", "报价是否同意公开", D("2020-03-04"))
    received = case.clock_events.get(kind=ClockEvent.Kind.RECEIVED)
    consultation = case.clock_events.get(kind=ClockEvent.Kind.CONSULTATION)
    assert received.label == "in_person" and consultation.label == "某公司"
    assert received.label_display == "当面" and consultation.label_display == "征求第三方意见：某公司"
    with translation.override("en"):
        assert received.label_display == "In person"
        assert consultation.label_display == "Consulting a third party: 某公司"
    notes = list(AuditEvent.objects.filter(object_id=str(case.pk)).values_list("action", "note"))
    assert ("request.register", "当面") in notes and ("request.consult", "征求第三方意见：某公司") in notes


def test_labels_saved_translated_are_turned_into_codes(org):
    case = received_case(org, D("2020-03-02"))
    events = [ClockEvent.objects.create(case=case, kind=ClockEvent.Kind.RECEIVED, on=D("2020-03-02"), label="Online"),
              ClockEvent.objects.create(case=case, kind=ClockEvent.Kind.RECEIVED, on=D("2020-03-02"), label="邮寄"),
              ClockEvent.objects.create(case=case, kind=ClockEvent.Kind.CONSULTATION, on=D("2020-03-03"),
                                        label="征求其他机关意见：县财政局"),
              ClockEvent.objects.create(case=case, kind=ClockEvent.Kind.FEE, on=D("2020-03-04"),
                                        label="Waiting for the processing fee")]
    migration = importlib.import_module("gongkai.requests.migrations.0007_clock_event_labels_as_codes")
    migration.forwards(apps, None)
    assert [ClockEvent.objects.get(pk=e.pk).label for e in events] == ["online", "post", "县财政局", ""]
    assert ClockEvent.objects.get(pk=events[3].pk).label_display == "等待缴纳信息处理费"


def test_submitted_the_state_and_submit_the_button_are_two_words_in_english():
    from gongkai.audit.labels import action_label
    from gongkai.publishing.choices import State as ItemState

    with translation.override("en"):
        assert str(ItemState.SUBMITTED.label) == "Submitted for review"
        assert translation.pgettext("button", "送审") == "Submit for review"
        assert action_label("item.submit") == "Submitted for review"
    assert str(ItemState.SUBMITTED.label) == "送审"
