"""Notices: e-mail to files in embedded mode, SMS through a real HTTP receiver on loopback, a log of
every attempt, retries through the task queue, and no address in the log."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core import mail

from gongkai.notifications import addresses, services, sms
from gongkai.notifications.models import Channel, Notice

pytestmark = pytest.mark.django_db(transaction=False)

ADDRESSES = {("1", "email"): "zhangsan@example.com", ("1", "sms"): "13812345678", ("2", "email"): "li@example.com"}
MESSAGE = services.Message("test.accepted", "您的申请已受理", "您的政府信息公开申请已受理。", "您的申请已受理。")


@pytest.fixture(autouse=True)
def resolver():
    addresses.register("test.case", lambda subject_id, channel: ADDRESSES.get((subject_id, channel), ""))


class Receiver(BaseHTTPRequestHandler):
    """A 短信平台 stand-in: records what it receives; answers with the status it is told to."""

    received: list = []
    status = 200
    answer = b'{"code": "OK"}'

    def do_POST(self):  # noqa: N802 (http.server's name)
        length = int(self.headers.get("Content-Length", 0))
        type(self).received.append({"path": self.path, "headers": dict(self.headers),
                                    "body": self.rfile.read(length).decode("utf-8")})
        self.send_response(type(self).status)
        self.end_headers()
        self.wfile.write(type(self).answer)

    def log_message(self, *args):
        pass


@pytest.fixture
def gateway(settings):
    Receiver.received, Receiver.status, Receiver.answer = [], 200, b'{"code": "OK"}'
    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.GONGKAI_SMS_BACKEND = "http"
    settings.GONGKAI_SMS_HTTP_URL = f"http://127.0.0.1:{server.server_address[1]}/send?to=$phone"
    settings.GONGKAI_SMS_HTTP_BODY = '{"mobile": "$phone", "content": "$message", "sign": "$signature"}'
    settings.GONGKAI_SMS_HTTP_HEADERS = {"X-Api-Key": "k-123"}
    settings.GONGKAI_SMS_HTTP_SUCCESS = '"OK"'
    settings.GONGKAI_SMS_SIGNATURE = "【沂源县政务公开】"
    yield Receiver
    server.shutdown()
    server.server_close()


def _notify(subject_id="1", **kwargs):
    return services.notify(organization=None, subject_type="test.case", subject_id=subject_id, message=MESSAGE,
                           **kwargs)


def test_email_and_sms_are_sent_through_the_queue_and_logged_masked(gateway, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notices = _notify()
    assert [(n.channel, n.recipient_masked) for n in notices] == [("email", "z***@example.com"),
                                                                  ("sms", "138****5678")]
    assert {n.status for n in Notice.objects.all()} == {Notice.Status.SENT}
    assert mail.outbox[0].to == ["zhangsan@example.com"] and mail.outbox[0].subject == "您的申请已受理"
    (request,) = gateway.received
    body = json.loads(request["body"])
    assert body == {"mobile": "13812345678", "content": "【沂源县政务公开】您的申请已受理。", "sign": "【沂源县政务公开】"}
    assert request["path"] == "/send?to=13812345678" and request["headers"]["X-Api-Key"] == "k-123"
    assert "13812345678" not in json.dumps(list(Notice.objects.values()), default=str)


def test_a_failing_gateway_is_retried_until_it_answers(gateway, django_capture_on_commit_callbacks):
    gateway.status = 502
    with django_capture_on_commit_callbacks(execute=True):
        (notice,) = _notify(channels=(Channel.SMS,))
    notice.refresh_from_db()
    assert notice.status == Notice.Status.RETRYING and notice.attempts == 1 and notice.last_error == "SmsError: HTTP 502"
    assert services.enqueue_due_retries() == 0  # not due yet
    gateway.status = 200
    later = notice.next_attempt_at
    assert services.enqueue_due_retries(now=later) == 1
    notice.refresh_from_db()
    assert notice.status == Notice.Status.SENT and notice.attempts == 2 and len(gateway.received) == 2


def test_an_answer_without_the_success_marker_is_a_failure_and_retries_end(gateway, django_capture_on_commit_callbacks):
    gateway.answer = b'{"code": "DENIED"}'
    with django_capture_on_commit_callbacks(execute=True):
        (notice,) = _notify(channels=(Channel.SMS,))
    for _attempt in range(services.MAX_ATTEMPTS - 1):
        services.deliver(notice.pk)
    notice.refresh_from_db()
    assert notice.status == Notice.Status.FAILED and notice.attempts == services.MAX_ATTEMPTS
    assert "success marker" in notice.last_error and "13812345678" not in notice.last_error


def test_nobody_without_an_address_is_notified_and_the_log_gateway_sends_nothing(settings, caplog):
    settings.GONGKAI_SMS_BACKEND = "log"
    assert [n.channel for n in _notify(subject_id="2")] == ["email"]
    with caplog.at_level("INFO", logger="gongkai.notifications"):
        sms.gateway().send("13812345678", "测试")
    assert "138****5678" in caplog.text and "13812345678" not in caplog.text


def test_embedded_mode_writes_mail_to_files_under_var():
    from django.conf import settings as real

    from gongkai import settings as defaults

    assert defaults.EMAIL_BACKEND == "django.core.mail.backends.filebased.EmailBackend" or real.DEBUG is False
    assert str(defaults.EMAIL_FILE_PATH).endswith("mail") and defaults.VAR_DIR in defaults.EMAIL_FILE_PATH.parents


class RefusingBackend:
    """An SMTP server that refuses the recipient, echoing the address as mail servers do (lower case)."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        import smtplib

        address = messages[0].to[0]
        raise smtplib.SMTPRecipientsRefused({address: (550, f"5.1.1 <{address.lower()}>: Recipient address rejected")})


def test_a_refused_address_never_reaches_the_log_whatever_its_case(settings, django_capture_on_commit_callbacks):
    ADDRESSES[("3", "email")] = "ZhangSan@Example.com"  # as the applicant typed it
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        (notice,) = _notify(subject_id="3", channels=(Channel.EMAIL,))
    notice.refresh_from_db()
    assert notice.status == Notice.Status.RETRYING and "Recipient address rejected" in notice.last_error
    assert "zhangsan" not in notice.last_error.lower()
