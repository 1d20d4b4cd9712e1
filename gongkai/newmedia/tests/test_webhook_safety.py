"""Hostile input to the register and to 同步推送: webhooks to internal addresses (SSRF), redirects, raw
exception text, control and bidi characters, double submits, credentials in the audit, races."""

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db.models.query import QuerySet
from django.urls import reverse

from gongkai.audit.models import AuditEvent
from gongkai.core.services import ActionRefused
from gongkai.newmedia import destinations, services
from gongkai.newmedia.models import Account, Delivery, Platform
from gongkai.publishing.factories import published_item

pytestmark = pytest.mark.django_db
PUBLIC_ADDRESS = "1.1.1.1"  # a global address (no connection is made to it: the resolver is replaced below)


class Handler(BaseHTTPRequestHandler):
    hits: list = []
    hosts: list = []
    location = ""

    def do_POST(self):  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        type(self).hits.append(self.path)
        type(self).hosts.append(self.headers.get("Host"))
        if self.path.startswith("/redirect"):
            self.send_response(302)
            self.send_header("Location", type(self).location)
        else:
            self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def listener():
    Handler.hits, Handler.hosts = [], []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def values(org, **changes):
    return {"platform": Platform.WECHAT, "name": "沂源发布", "host": org, "operator": org,
            "status": Account.Status.ACTIVE, "sort_order": 1} | changes


@pytest.mark.parametrize("url", ["http://127.0.0.1:1/", "http://localhost:8000/", "http://169.254.169.254/latest/",
                                 "http://10.0.0.5/push", "http://192.168.1.1/", "http://[::1]/", "http://0.0.0.0/",
                                 "http://224.0.0.1/", "http://[::ffff:127.0.0.1]/", "http://hooks.example.cn/"])
def test_internal_addresses_are_refused_when_saved(settings, org, org_admin, dns, url):
    settings.GONGKAI_WEBHOOK_ALLOW_PRIVATE = False
    dns["hooks.example.cn"] = "10.1.2.3"
    with pytest.raises(ActionRefused, match="本机、内网或保留地址"):
        services.save_account(org_admin, values(org, webhook_url=url))
    assert not Account.objects.exists()


def test_an_intranet_deployment_may_allow_private_addresses_but_never_link_local(settings, org, org_admin, dns):
    dns["hooks.example.cn"] = PUBLIC_ADDRESS
    settings.GONGKAI_WEBHOOK_ALLOW_PRIVATE = False
    services.save_account(org_admin, values(org, name="公网", webhook_url="https://hooks.example.cn/push"))
    settings.GONGKAI_WEBHOOK_ALLOW_PRIVATE = True
    services.save_account(org_admin, values(org, name="内网", webhook_url="http://10.0.0.5/push"))
    with pytest.raises(ActionRefused, match="本机、内网或保留地址"):
        services.save_account(org_admin, values(org, name="元数据", webhook_url="http://169.254.169.254/"))


def _push(editor, item, account, capture):
    with capture(execute=True):
        [delivery] = services.push(editor, item, [account])
    delivery.refresh_from_db()
    return delivery


def test_a_name_resolving_to_an_internal_address_at_push_time_is_refused(
        settings, org, org_admin, editor, reviewer, dns, listener, django_capture_on_commit_callbacks):
    settings.GONGKAI_WEBHOOK_ALLOW_PRIVATE = False
    dns["hooks.example.cn"] = PUBLIC_ADDRESS
    port = listener.rsplit(":", 1)[1]
    account, _secret = services.save_account(org_admin, values(org, webhook_url=f"http://hooks.example.cn:{port}/"))
    dns["hooks.example.cn"] = "127.0.0.1"  # rebound after the check
    delivery = _push(editor, published_item(org, editor, reviewer), account, django_capture_on_commit_callbacks)
    assert delivery.status == Delivery.Status.FAILED and "本机、内网或保留地址" in delivery.last_error
    assert Handler.hits == []


@pytest.fixture
def bare_listener():
    """A TCP socket that listens and never accepts: a connection made to it waits in its accept queue."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    yield server
    server.close()


def _connections_waiting(server) -> int:
    server.setblocking(False)
    count = 0
    while True:
        try:
            connection, _address = server.accept()
        except BlockingIOError:
            return count
        connection.close()
        count += 1


def test_a_name_rebound_to_an_internal_address_after_the_check_gets_no_connection(
        settings, org, org_admin, editor, reviewer, dns, bare_listener, monkeypatch,
        django_capture_on_commit_callbacks):
    """DNS rebinding: the check saw a global address (here: the check is told so), the name now resolves to
    loopback. The address is checked on the very resolution the connection uses, before connecting: no
    TCP connection (let alone a TLS ClientHello or the signed request) reaches the internal host."""
    settings.GONGKAI_WEBHOOK_ALLOW_PRIVATE = False
    dns["hooks.example.cn"] = PUBLIC_ADDRESS
    port = bare_listener.getsockname()[1]
    account, _secret = services.save_account(org_admin, values(org, webhook_url=f"http://hooks.example.cn:{port}/"))
    monkeypatch.setattr(destinations, "refusal", lambda url: "")  # the check before the push saw it global
    dns["hooks.example.cn"] = "127.0.0.1"
    delivery = _push(editor, published_item(org, editor, reviewer), account, django_capture_on_commit_callbacks)
    assert delivery.status == Delivery.Status.FAILED and "本机、内网或保留地址" in delivery.last_error
    assert _connections_waiting(bare_listener) == 0


def test_a_name_with_one_internal_address_among_global_ones_is_refused_before_connecting(
        settings, dns, bare_listener, monkeypatch):
    settings.GONGKAI_WEBHOOK_ALLOW_PRIVATE = False
    port = bare_listener.getsockname()[1]
    real = socket.getaddrinfo

    def two_answers(host, port, *args, **kwargs):
        if host == "hooks.example.cn":
            return real("127.0.0.1", port, *args, **kwargs) + real(PUBLIC_ADDRESS, port, *args, **kwargs)
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(destinations.socket, "getaddrinfo", two_answers)
    with pytest.raises(destinations.DestinationRefused):
        destinations.connect_checked(("hooks.example.cn", port), timeout=5)
    assert _connections_waiting(bare_listener) == 0


def test_the_pinned_connection_keeps_the_host_name_in_the_host_header(
        settings, org, org_admin, editor, reviewer, dns, listener, django_capture_on_commit_callbacks):
    settings.GONGKAI_WEBHOOK_ALLOW_PRIVATE = True  # an intranet 新媒体管理系统
    dns["hooks.example.cn"] = "127.0.0.1"
    port = listener.rsplit(":", 1)[1]
    account, _secret = services.save_account(org_admin, values(org, webhook_url=f"http://hooks.example.cn:{port}/push"))
    delivery = _push(editor, published_item(org, editor, reviewer), account, django_capture_on_commit_callbacks)
    assert delivery.status == Delivery.Status.SENT
    assert Handler.hits == ["/push"] and Handler.hosts == [f"hooks.example.cn:{port}"]


def test_a_redirect_is_not_followed_and_is_a_failure(org, org_admin, editor, reviewer, listener,
                                                     django_capture_on_commit_callbacks):
    Handler.location = listener + "/elsewhere"
    account, _secret = services.save_account(org_admin, values(org, webhook_url=listener + "/redirect"))
    delivery = _push(editor, published_item(org, editor, reviewer), account, django_capture_on_commit_callbacks)
    assert Handler.hits == ["/redirect"]  # never /elsewhere
    assert delivery.status == Delivery.Status.FAILED and delivery.sent_at is None
    assert delivery.last_error == "推送接口要求跳转（HTTP 状态码 302），未跟随跳转，请核对推送接口地址。"


def test_a_connection_failure_reads_in_chinese_without_internals(client, org, org_admin, editor, reviewer,
                                                                 django_capture_on_commit_callbacks):
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()
    account, _secret = services.save_account(org_admin, values(org, webhook_url=f"http://127.0.0.1:{port}/"))
    item = published_item(org, editor, reviewer)
    delivery = _push(editor, item, account, django_capture_on_commit_callbacks)
    assert delivery.status == Delivery.Status.RETRYING and delivery.last_error == "无法连接推送接口。"
    client.force_login(editor)
    page = client.get(reverse("newmedia_staff:push", args=[item.pk])).content.decode()
    assert "无法连接推送接口。" in page and "Errno" not in page and "URLError" not in page


@pytest.mark.parametrize("name", ["沂源发布\x01", "沂源\x1b[2J发布", "沂源\u202e布发", "\u2067沂源发布"])
def test_control_and_bidi_characters_are_refused(client, org, org_admin, name):
    with pytest.raises(ActionRefused, match="控制字符"):
        services.save_account(org_admin, values(org, name=name))
    client.force_login(org_admin)
    response = client.post(reverse("newmedia_staff:create"), {
        "platform": Platform.WECHAT, "name": name, "host": org.pk, "operator": org.pk, "status": "active",
        "description": name, "sort_order": 1})
    assert response.status_code == 400 and "“账号名称”不能包含控制字符" in response.content.decode()
    assert not Account.objects.exists()


def test_a_second_push_of_the_same_item_needs_a_confirmation(client, org, org_admin, editor, reviewer):
    account, _secret = services.save_account(org_admin, values(org, operator_email="xmt@example.cn"))
    item = published_item(org, editor, reviewer)
    services.push(editor, item, [account])
    with pytest.raises(ActionRefused, match="已推送到“沂源发布”"):
        services.push(editor, item, [account])
    client.force_login(editor)
    response = client.post(reverse("newmedia_staff:push", args=[item.pk]), {"accounts": [account.pk]})
    assert "重新推送" in response.content.decode() and Delivery.objects.count() == 1
    client.post(reverse("newmedia_staff:push", args=[item.pk]), {"accounts": [account.pk], "again": "on"})
    assert Delivery.objects.count() == 2


def test_the_audit_masks_credentials_in_the_webhook_url(org, org_admin, dns):
    dns["hooks.example.cn"] = PUBLIC_ADDRESS
    services.save_account(org_admin, values(org, webhook_url="https://bot:pa55@hooks.example.cn:8443/push?token=s3cr3t"))
    event = AuditEvent.objects.get(action="newmedia.create_account")
    text = str(event.changes)
    assert "s3cr3t" not in text and "pa55" not in text and "hooks.example.cn:8443/push" in text


def test_a_qr_code_of_another_type_gets_a_qr_message(org, org_admin):
    from django.core.files.uploadedfile import SimpleUploadedFile

    svg = SimpleUploadedFile("qr.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", content_type="image/svg+xml")
    with pytest.raises(ActionRefused, match="二维码请上传不超过2 MB的PNG、JPG或GIF图片"):
        services.save_account(org_admin, values(org), qr_upload=svg)


def test_a_concurrent_account_of_the_same_name_is_a_refusal(org, org_admin, monkeypatch):
    services.save_account(org_admin, values(org))
    real_exists = QuerySet.exists
    monkeypatch.setattr(QuerySet, "exists", lambda qs: False if qs.model is Account else real_exists(qs))
    with pytest.raises(ActionRefused, match="同名账号"):
        services.save_account(org_admin, values(org))
