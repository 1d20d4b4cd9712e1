"""Intake and routing: the 第三十一条 receipt date per channel, transfer, 交办, 协助调查, 会商, the 第三十五条
volume flag, and personal data encrypted at rest, masked, and kept out of logs and the audit trail."""

import datetime as dt
import logging

import pytest
from django.db import connection
from django.utils import timezone

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.core import crypto
from gongkai.core.masking import mask_id_number
from gongkai.core.services import ActionRefused
from gongkai.organizations.factories import OrganizationFactory
from gongkai.organizations.models import Organization
from gongkai.requests.choices import State
from gongkai.requests.factories import received_case
from gongkai.requests.models import Assignment, RequestCase, RequestPolicy
from gongkai.requests.services import intake

pytestmark = pytest.mark.django_db

D = dt.date.fromisoformat
APPLICANT = {"applicant_type": "natural_person", "applicant_name": "钱一", "id_number": "11010519491231002X",
             "phone": "13912345678", "info_description": "某镇2019年危房改造名单", "form_wanted": "paper",
             "delivery_wanted": "pickup"}


def test_in_person_and_oral_requests_are_received_the_day_they_are_handed_in(org, editor):
    for channel in ("in_person", "oral"):
        case = intake.register(editor, org, APPLICANT, channel=channel, received_on=D("2020-03-02")).case
        assert case.state == State.ACCEPTED and case.received_on == D("2020-03-02")


def test_a_posted_request_is_received_the_day_it_is_signed_for(org, editor):
    with pytest.raises(ActionRefused, match="签收之日"):
        intake.register(editor, org, APPLICANT, channel="post")
    case = intake.register(editor, org, APPLICANT, channel="post", received_on=D("2020-03-04")).case
    assert case.received_on == D("2020-03-04")


@pytest.mark.parametrize("channel", ["fax", "email", "letter"])
def test_confirmation_channels_wait_until_both_sides_confirm(org, editor, channel):
    case = intake.register(editor, org, APPLICANT, channel=channel).case
    assert case.state == State.PENDING and case.received_on is None
    intake.confirm_receipt(editor, case, timezone.localdate(), "phone", "电话确认申请内容")
    case.refresh_from_db()
    assert case.state == State.ACCEPTED and case.received_on == timezone.localdate()
    assert case.confirmation_method == "phone" and case.confirmation_note == "电话确认申请内容"
    event = case.clock_events.get()
    assert event.kind == "received" and event.recorded_by == editor


def test_a_confirmation_cannot_predate_the_submission_or_be_in_the_future(org, editor):
    case = intake.register(editor, org, APPLICANT, channel="fax").case
    with pytest.raises(ActionRefused, match="不能早于提交日期"):
        intake.confirm_receipt(editor, case, D("2020-01-01"), "phone")
    with pytest.raises(ActionRefused, match="不能晚于今天"):
        intake.confirm_receipt(editor, case, timezone.localdate() + dt.timedelta(days=1), "phone")


def test_another_unit_cannot_register_or_confirm(org, other_org, editor):
    with pytest.raises(ActionRefused):
        intake.register(editor, other_org, APPLICANT, channel="in_person", received_on=D("2020-03-02"))
    case = intake.register(user_with_role(other_org, Role.EDITOR), other_org, APPLICANT, channel="fax").case
    with pytest.raises(ActionRefused):
        intake.confirm_receipt(editor, case, timezone.localdate(), "phone")


def test_a_pending_case_moves_to_the_other_unit_which_confirms_it(org, other_org, editor):
    case = intake.register(editor, org, APPLICANT, channel="fax").case
    intake.transfer(editor, case, other_org, "该信息由县自然资源局制作")
    case.refresh_from_db()
    assert case.organization == other_org and case.state == State.PENDING and case.received_on is None
    assert Assignment.objects.get(case=case).kind == Assignment.Kind.TRANSFER
    with pytest.raises(ActionRefused):
        intake.transfer(editor, case, org, "再转回")  # no longer the editor's unit


def test_a_pending_transfer_is_audited_under_the_agency_it_left_and_the_one_it_reached(org, other_org, editor):
    case = intake.register(editor, org, APPLICANT, channel="fax").case
    intake.transfer(editor, case, other_org, "该信息由县自然资源局制作")
    out = AuditEvent.objects.get(action="request.transfer")
    arrived = AuditEvent.objects.get(action="request.transfer_in")
    assert out.organization == org and out.note == "该信息由县自然资源局制作"
    assert arrived.organization == other_org and arrived.note == f"{org.name}：该信息由县自然资源局制作"
    assert out.object_id == arrived.object_id == str(case.pk)


def test_transfer_is_refused_once_handling_began(org, other_org, editor):
    case = received_case(org, D("2020-03-02"), state=State.PROCESSING)
    with pytest.raises(ActionRefused, match="不能转送"):
        intake.transfer(editor, case, other_org, "不属于本机关")


def test_the_county_office_hands_a_case_to_a_unit_and_asks_another_to_investigate(county, supervisor):
    unit_a, unit_b = OrganizationFactory(parent=county), OrganizationFactory(parent=county)
    case = received_case(county, D("2020-03-02"))
    intake.assign(supervisor, case, unit_a, "请县文旅局具体办理，3日内报送初步意见")
    case.refresh_from_db()
    assert case.organization == unit_a and case.received_on == D("2020-03-02")  # the clock keeps running
    assistance = intake.ask_assistance(supervisor, case, unit_b, "请核实该项目的审批情况")
    with pytest.raises(ActionRefused):
        intake.answer_assistance(user_with_role(unit_a, Role.EDITOR), assistance, "不是我们")
    intake.answer_assistance(user_with_role(unit_b, Role.EDITOR), assistance, "已于2019年5月批准，见附件")
    assistance.refresh_from_db()
    assert assistance.response.startswith("已于") and assistance.responded_at


def test_only_the_county_office_assigns(org, other_org, editor):
    case = received_case(org, D("2020-03-02"))
    with pytest.raises(ActionRefused, match="政务公开办"):
        intake.assign(editor, case, other_org, "请办理")


PARTY_REFUSAL = "是党委工作机关，不适用《政府信息公开条例》，不受理政府信息公开申请。"


def test_no_path_gives_a_party_office_an_application(county, supervisor, org, editor):
    """A 党委工作机关 is outside the 条例 (organizations.OUTSIDE_REGULATION_KINDS): the public form, staff
    registration, 转送 and 交办 all refuse to give it a case (intake.takes_requests), in Chinese."""
    org.parent = county
    org.save()
    party = OrganizationFactory(kind=Organization.Kind.PARTY, name="中共测试县委宣传部", parent=county)
    assert not intake.takes_requests(party) and intake.takes_requests(org)
    with pytest.raises(ActionRefused, match=PARTY_REFUSAL):
        intake.submit_online(party, APPLICANT)
    with pytest.raises(ActionRefused, match=PARTY_REFUSAL):
        intake.register(user_with_role(party, Role.EDITOR), party, APPLICANT, channel="post",
                        received_on=D("2020-03-02"))
    case = received_case(org, D("2020-03-02"))
    with pytest.raises(ActionRefused, match=PARTY_REFUSAL):
        intake.transfer(editor, case, party, "该信息由县委宣传部制作")
    with pytest.raises(ActionRefused, match=PARTY_REFUSAL):
        intake.assign(supervisor, case, party, "请办理")
    case.refresh_from_db()
    assert case.organization == org and not case.assignments.exists()
    assert not RequestCase.objects.filter(organization=party).exists()


def test_a_deliberation_collects_invited_opinions(org, other_org, editor):
    case = received_case(org, D("2020-03-02"), state=State.PROCESSING)
    legal = user_with_role(other_org, Role.REVIEWER, full_name="法制办审核员")
    outsider = user_with_role(other_org, Role.EDITOR)
    deliberation = intake.open_deliberation(editor, case, "是否属于过程性信息？", [legal])
    intake.add_opinion(legal, deliberation, "属于过程性信息，但最终结论应当公开")
    with pytest.raises(ActionRefused, match="不是该会商的参加人员"):
        intake.add_opinion(outsider, deliberation, "我也来说两句")
    intake.close_deliberation(editor, deliberation, "结论部分公开")
    with pytest.raises(ActionRefused):
        intake.add_opinion(legal, deliberation, "补充")
    assert [o.text for o in deliberation.opinions.all()] == ["属于过程性信息，但最终结论应当公开"]


def test_applicants_over_the_volume_threshold_are_flagged(org):
    RequestPolicy.objects.create(volume_window_days=30, volume_threshold=2)
    flags = [intake.submit_online(org, APPLICANT).case.volume_flagged for _ in range(3)]
    assert flags == [False, False, True]
    other = intake.submit_online(org, {**APPLICANT, "id_number": "370323199001011234"}).case
    assert not other.volume_flagged


def test_id_and_phone_numbers_are_encrypted_at_rest_and_masked(org):
    case = intake.submit_online(org, APPLICANT).case
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number, phone FROM requests_requestcase WHERE id = %s", [case.pk])
        raw_id, raw_phone = cursor.fetchone()
    assert "11010519491231002X" not in raw_id and "13912345678" not in raw_phone
    assert crypto.decrypt(raw_id) == "11010519491231002X"
    fresh = RequestCase.objects.get(pk=case.pk)
    assert fresh.id_number == "11010519491231002X"
    assert fresh.masked_id_number == "1101**********002X" and fresh.masked_phone == "139****5678"
    assert mask_id_number("370323199001011234") == "3703**********1234"


def test_personal_numbers_stay_out_of_the_audit_log_and_logs(org, caplog):
    case = intake.submit_online(org, APPLICANT).case
    for event in AuditEvent.objects.filter(object_id=str(case.pk)):
        assert "11010519491231002X" not in str(event.changes) and "13912345678" not in str(event.changes)
    from gongkai.core.logging import RedactPersonalDataFilter

    logger = logging.getLogger("gongkai.test")
    logger.addFilter(RedactPersonalDataFilter())
    with caplog.at_level(logging.WARNING, logger="gongkai.test"):
        logger.warning("applicant %s %s", case.id_number, case.phone)
    assert "11010519491231002X" not in caplog.text and "13912345678" not in caplog.text


def test_a_wrong_field_key_is_reported_clearly(settings):
    from django.core.exceptions import ImproperlyConfigured

    token = crypto.encrypt("370323199001011234")
    settings.GONGKAI_FIELD_KEYS = ["not-a-fernet-key"]
    with pytest.raises(ImproperlyConfigured, match="GONGKAI_FIELD_KEY"):
        crypto.decrypt(token)


def test_key_rotation_keeps_old_values_readable(settings):
    from cryptography.fernet import Fernet

    old = list(settings.GONGKAI_FIELD_KEYS)
    token = crypto.encrypt("13912345678")
    settings.GONGKAI_FIELD_KEYS = [Fernet.generate_key().decode(), *old]
    assert crypto.decrypt(token) == "13912345678"
    assert crypto.decrypt(crypto.encrypt("x")) == "x"


def test_the_anti_spam_question_is_answerable_in_the_reader_language():
    import re

    from django.utils import translation

    from gongkai.requests import spam

    question, _token = spam.new_challenge()
    assert question.endswith("等于几？") and not re.search(r"\d", question)
    with translation.override("en"):
        question, _token = spam.new_challenge()
    assert re.fullmatch(r"What is \d (plus|minus) \d\?", question)
