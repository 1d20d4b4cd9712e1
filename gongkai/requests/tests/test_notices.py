"""The applicant is told at 受理, 补正告知, 延期, 征求第三方意见 and 答复, by e-mail and SMS, each notice
logged on the case; the status page speaks the applicant's stages, not the office's."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from gongkai.notifications.models import Notice
from gongkai.requests.choices import State
from gongkai.requests.factories import TEST_QUERY_CODE, received_case
from gongkai.requests.public_state import PublicState, public_state
from gongkai.requests.services import filing, handling, intake, interruptions, replies
from gongkai.requests.tests.test_intake import APPLICANT

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)
    return run


def test_each_stage_sends_email_and_sms_logged_on_the_case(org, editor, reviewer, on_commit, client):
    data = {**APPLICANT, "email": "qian@example.cn"}
    case = on_commit(intake.register, editor, org, data, channel="in_person", received_on=D("2020-03-02")).case
    on_commit(handling.start_handling, editor, case)
    on_commit(handling.extend, editor, case, 5, "王主任", D("2020-03-03"), "需要调取档案")
    on_commit(handling.consult, editor, case, "agency", "县财政局", "共同制作", D("2020-03-04"))
    on_commit(handling.consult, editor, case, "third_party", "某公司", "报价", D("2020-03-05"))
    notices = Notice.objects.filter(subject_id=str(case.pk))
    assert [n.topic for n in notices if n.channel == "email"] == [
        "requests.accepted", "requests.extended", "requests.third_party"]  # an agency consult is internal
    assert all(n.status == Notice.Status.SENT for n in notices)
    assert {n.recipient_masked for n in notices} == {"q***@example.cn", "139****5678"}
    accepted = next(m for m in mail.outbox if m.subject == "政府信息公开申请已受理")
    assert accepted.to == ["qian@example.cn"] and case.tracking_number in accepted.body
    assert "收到申请之日为2020年3月2日" in accepted.body
    client.force_login(editor)
    page = client.get(reverse("requests:detail", kwargs={"case_id": case.pk})).content.decode()
    assert "政府信息公开申请正在征求第三方意见" in page and "<td data-label=\"接收人\">139****5678</td>" in page


def test_correction_and_reply_notices_name_the_letters(org, editor, reviewer, on_commit):
    case = received_case(org, D("2020-03-02"), state=State.ACCEPTED)
    on_commit(handling.request_correction, editor, case, "请写明文件名称", 5, D("2020-03-03"))
    sms, email = (Notice.objects.get(topic="requests.correction", channel=c) for c in ("sms", "email"))
    assert "补正告知书（" in email.body and "需要补正" in sms.body and len(sms.body) <= 70
    on_commit(handling.receive_correction, editor, case, D("2020-03-05"))
    on_commit(replies.draft_reply, editor, case, {"outcome": "予以公开", "reply_content": "见附件。"})
    on_commit(replies.approve_reply, reviewer, case, D("2020-03-10"))
    assert Notice.objects.filter(topic="requests.replied", status=Notice.Status.SENT).count() == 2


def test_the_status_page_shows_the_applicants_stage(org, editor, reviewer, client):
    case = received_case(org, D("2020-03-02"), state=State.PROCESSING)
    assert public_state(case) == PublicState.ACCEPTED
    handling.extend(editor, case, 5, "王主任", D("2020-03-05"), "需要调取档案")
    assert public_state(case) == PublicState.EXTENDED
    replies.draft_reply(editor, case, {"outcome": "予以公开", "reply_content": "见附件。"})
    assert public_state(case) == PublicState.EXTENDED  # 答复待审 is the office's business
    replies.approve_reply(reviewer, case, D("2020-03-10"))
    replies.deliver(editor, case, "email", D("2020-03-11"))
    filing.file_case(editor, case)
    case.refresh_from_db()
    assert case.state == State.FILED and public_state(case) == PublicState.REPLIED
    client.post(reverse("requests_public:lookup"), {"tracking_number": case.tracking_number,
                                                    "query_code": TEST_QUERY_CODE})
    page = client.get(reverse("requests_public:case")).content.decode()
    assert '<td id="case-state">已答复</td>' in page and "已备案" not in page
    correction = received_case(org, D("2020-03-02"), state=State.ACCEPTED)
    handling.request_correction(editor, correction, "请写明文件名称", 5, D("2020-03-03"))
    correction.refresh_from_db()
    assert public_state(correction) == PublicState.CORRECTION and str(PublicState.CORRECTION.label) == "待补正"


def test_a_withdrawn_case_says_withdrawn_not_answered_even_once_filed(org, editor, client):
    case = received_case(org, D("2020-03-02"), state=State.PROCESSING)
    interruptions.withdraw(editor, case, D("2020-03-10"), "申请人书面撤回申请")
    case.refresh_from_db()
    assert public_state(case) == PublicState.WITHDRAWN and str(PublicState.WITHDRAWN.label) == "已撤回"
    client.post(reverse("requests_public:lookup"), {"tracking_number": case.tracking_number,
                                                    "query_code": TEST_QUERY_CODE})
    page = client.get(reverse("requests_public:case")).content.decode()
    assert '<td id="case-state">已撤回</td>' in page
    assert "撤回日期</th><td>2020-03-10</td>" in page and "<td>申请人撤回</td>" in page
    assert "答复日期" not in page and "已答复" not in page and "其他处理-其他" not in page
    filing.file_case(editor, case)
    case.refresh_from_db()
    assert case.state == State.FILED and public_state(case) == PublicState.WITHDRAWN
    assert case.outcome == "其他处理-其他"  # the annual report still counts it as 其他处理


def test_a_filed_abandoned_case_stays_ended(org, editor):
    case = received_case(org, D("2020-03-02"), state=State.PROCESSING)
    handling.request_correction(editor, case, "请写明文件名称", 5, D("2020-03-03"))
    handling.abandon(editor, case, "其他处理-申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                     D("2020-03-11"))
    case.refresh_from_db()
    assert public_state(case) == PublicState.ENDED
    replies.deliver(editor, case, "email", D("2020-03-12"))
    filing.file_case(editor, case)
    case.refresh_from_db()
    assert case.state == State.FILED and public_state(case) == PublicState.ENDED
