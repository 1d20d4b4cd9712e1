"""政务新媒体: the public matrix, 同步推送 by e-mail and by a signed webhook to a real receiver on loopback,
retries, and the log per item and account."""

import hashlib
import hmac
import io
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import segno
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.core.services import ActionRefused
from gongkai.newmedia import services
from gongkai.newmedia.models import Account, Delivery, Platform
from gongkai.publishing.factories import published_item

pytestmark = pytest.mark.django_db


class Receiver(BaseHTTPRequestHandler):
    """The county's 新媒体管理系统 stand-in: checks nothing, records everything, answers as told."""

    received: list = []
    statuses: list = []

    def do_POST(self):  # noqa: N802
        length = int(self.headers.get("Content-Length", 0))
        type(self).received.append({"headers": dict(self.headers), "body": self.rfile.read(length)})
        status = type(self).statuses.pop(0) if type(self).statuses else 200
        self.send_response(status)
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


@pytest.fixture
def receiver():
    Receiver.received, Receiver.statuses = [], []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Receiver, f"http://127.0.0.1:{server.server_address[1]}/push"
    server.shutdown()
    server.server_close()


def qr_png(text="https://mp.weixin.qq.com/") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    segno.make(text).save(buffer, kind="png", scale=4)
    return SimpleUploadedFile("qr.png", buffer.getvalue(), content_type="image/png")


@pytest.fixture
def account(org, org_admin, receiver):
    _server, url = receiver
    saved, secret = services.save_account(org_admin, {
        "platform": Platform.WECHAT, "name": "沂源发布", "host": org, "operator": org, "status": Account.Status.ACTIVE,
        "operator_email": "xmt@yiyuan.example.cn", "webhook_url": url, "sort_order": 1}, qr_upload=qr_png())
    saved.secret_shown = secret
    return saved


def test_the_matrix_shows_accounts_and_qr_codes_but_never_the_push_settings(client, account):
    page = client.get(reverse("newmedia:matrix")).content.decode()
    assert "沂源发布" in page and "微信公众号" in page and "“沂源发布”微信公众号二维码" in page
    assert "xmt@yiyuan" not in page and "127.0.0.1" not in page
    image = client.get(reverse("newmedia:qr", args=[account.pk]))
    assert image.status_code == 200 and b"".join(image.streaming_content).startswith(b"\x89PNG")
    assert AuditEvent.objects.filter(action="newmedia.create_account").exists()


def _image(kind: str) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("L", (60, 60), 255).save(buffer, format=kind)
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "kind", "content_type"), [("qr.gif", "GIF", "image/gif"),
                                                             ("二维码.JPEG", "JPEG", "image/jpeg")])
def test_a_jpg_or_gif_qr_code_is_served_as_what_it_is(client, org, org_admin, account, name, kind, content_type):
    body = _image(kind)
    services.save_account(org_admin, {"platform": Platform.WECHAT, "name": "沂源发布", "host": org, "operator": org,
                                      "status": Account.Status.ACTIVE, "sort_order": 1}, account=account,
                          qr_upload=SimpleUploadedFile(name, body))
    image = client.get(reverse("newmedia:qr", args=[account.pk]))
    assert image["Content-Type"] == content_type and b"".join(image.streaming_content) == body
    assert image["X-Content-Type-Options"] == "nosniff" and "Content-Security-Policy" in image


def test_a_gif_qr_code_stored_under_the_old_png_name_is_still_served_as_a_gif(client, account):
    # Before JPG and GIF kept their extension every QR code was stored as .png.
    from django.core.files.base import ContentFile

    body = _image("GIF")
    account.qr_image.save("newmedia/qr/old.png", ContentFile(body), save=True)
    image = client.get(reverse("newmedia:qr", args=[account.pk]))
    assert image["Content-Type"] == "image/gif" and b"".join(image.streaming_content) == body


def test_replacing_the_qr_code_is_in_the_audit(org, org_admin, account):
    old_name = Account.objects.get(pk=account.pk).qr_image.name
    services.save_account(org_admin, {"platform": Platform.WECHAT, "name": "沂源发布", "host": org, "operator": org,
                                      "status": Account.Status.ACTIVE, "sort_order": 1}, account=account,
                          qr_upload=SimpleUploadedFile("qr.gif", _image("GIF")))
    new_name = Account.objects.get(pk=account.pk).qr_image.name
    event = AuditEvent.objects.filter(action="newmedia.update_account").latest("pk")
    assert event.changes["qr_image"] == [old_name, new_name] and new_name.endswith(".gif")


def test_the_secret_is_shown_once_and_stored_encrypted(account):
    from django.db import connection

    assert len(account.secret_shown) > 30
    with connection.cursor() as cursor:
        cursor.execute("SELECT webhook_secret FROM newmedia_account")
        assert account.secret_shown not in cursor.fetchone()[0]
    assert Account.objects.get().webhook_secret == account.secret_shown


def test_push_sends_a_signed_document_and_an_email(account, receiver, org, editor, reviewer,
                                                   django_capture_on_commit_callbacks):
    server, _url = receiver
    item = published_item(org, editor, reviewer, title="沂源县2020年政务公开工作要点", summary="全文公布")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        deliveries = services.push(editor, item, [account])
    assert {d.channel for d in deliveries} == {"email", "webhook"}
    [hit] = server.received
    body = hit["body"]
    document = json.loads(body)
    assert document["title"] == "沂源县2020年政务公开工作要点" and document["summary"] == "全文公布"
    assert document["url"].endswith(reverse("portal:item", args=[item.pk])) and "cover_image" in document
    headers = {k.lower(): v for k, v in hit["headers"].items()}
    expected = hmac.new(account.secret_shown.encode(), headers["x-gongkai-timestamp"].encode() + b"." + body,
                        hashlib.sha256).hexdigest()
    assert headers["x-gongkai-signature"] == f"sha256={expected}"
    [message] = mail.outbox
    assert message.to == ["xmt@yiyuan.example.cn"] and "沂源县2020年政务公开工作要点" in message.subject
    assert set(Delivery.objects.values_list("status", flat=True)) == {"sent"}
    assert AuditEvent.objects.filter(action="newmedia.push").exists()


def test_a_failing_receiver_is_retried_until_it_answers(account, receiver, org, editor, reviewer,
                                                        django_capture_on_commit_callbacks):
    server, _url = receiver
    server.statuses = [500, 503]
    item = published_item(org, editor, reviewer)
    account.operator_email = ""
    account.save()
    with django_capture_on_commit_callbacks(execute=True):
        [delivery] = services.push(editor, item, [account])
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.RETRYING and delivery.last_error == "推送接口返回错误（HTTP 状态码 500）。"
    import datetime as dt

    from django.utils import timezone

    later = timezone.now() + dt.timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.enqueue_due_retries(later) == 1
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.RETRYING and delivery.attempts == 2
    with django_capture_on_commit_callbacks(execute=True):
        services.enqueue_due_retries(later + dt.timedelta(hours=1))
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT and delivery.attempts == 3 and len(server.received) == 3


def test_only_published_items_and_only_permitted_users(account, org, editor, reviewer, other_org):
    from gongkai.publishing.factories import ItemFactory

    draft = ItemFactory(organization=org)
    with pytest.raises(ActionRefused):
        services.push(editor, draft, [account])
    item = published_item(org, editor, reviewer)
    outsider = user_with_role(other_org, Role.EDITOR)
    with pytest.raises(ActionRefused):
        services.push(outsider, item, [account])


def test_the_item_staff_page_links_to_the_push_page(client, account, org, editor, reviewer):
    item = published_item(org, editor, reviewer)
    client.force_login(editor)
    page = client.get(reverse("publishing:detail", args=[item.pk])).content.decode()
    assert reverse("newmedia_staff:push", args=[item.pk]) in page
    response = client.post(reverse("newmedia_staff:push", args=[item.pk]), {"accounts": [account.pk]}, follow=True)
    assert "推送记录" in response.content.decode() and Delivery.objects.filter(item=item).count() == 2


def test_every_item_page_has_an_accessible_qr_code_of_its_own_address(client, org, editor, reviewer):
    from gongkai.portal.views.items import share_qr_svg

    item = published_item(org, editor, reviewer)
    path = reverse("portal:item", args=[item.pk])
    page = client.get(path).content.decode()
    assert share_qr_svg(f"http://testserver{path}") in page  # the code of exactly this address
    assert '<svg role="img" aria-label="本页二维码"' in page and "<title>本页二维码</title>" in page


def test_the_last_error_is_shown_in_the_readers_language(client, account, receiver, org, editor, reviewer,
                                                        django_capture_on_commit_callbacks):
    server, _url = receiver
    server.statuses = [502]
    item = published_item(org, editor, reviewer)
    account.operator_email = ""
    account.save()
    with django_capture_on_commit_callbacks(execute=True):
        [delivery] = services.push(editor, item, [account])
    delivery.refresh_from_db()
    assert delivery.last_error == "推送接口返回错误（HTTP 状态码 502）。"  # the record, in the site's language
    client.force_login(editor)
    path = reverse("newmedia_staff:push", args=[item.pk])
    assert "推送接口返回错误（HTTP 状态码 502）。" in client.get(path).content.decode()
    english = client.get("/en" + path).content.decode()
    assert "推送接口" not in english and "HTTP status 502" in english


def test_an_item_goes_only_to_accounts_of_its_unit_or_the_government_above_it(client, org, editor, reviewer,
                                                                                  org_admin, receiver):
    """Any unit's 信息员 could push to any active account in the county, another department's own account (and
    its webhook) included."""
    from gongkai.organizations.factories import OrganizationFactory

    county = OrganizationFactory()
    org.parent = county
    org.save()
    neighbour = OrganizationFactory(parent=county)
    _server, url = receiver

    def account(name, host):
        return Account.objects.create(platform=Platform.WECHAT, name=name, host=host, operator=host,
                                      status=Account.Status.ACTIVE, operator_email="xmt@yiyuan.example.cn")

    own, county_wide, foreign = account("本局发布", org), account("沂源发布", county), account("邻局发布", neighbour)
    item = published_item(org, editor, reviewer)
    assert set(services.push_accounts(item)) == {own, county_wide}
    with pytest.raises(ActionRefused) as refused:
        services.push(editor, item, [own, foreign])
    assert refused.value.reason == "“邻局发布（微信公众号）”不是本单位或上级政府主办、运营的政务新媒体账号，不能推送本单位的信息。"
    assert not Delivery.objects.exists()
    client.force_login(editor)
    page = client.get(reverse("newmedia_staff:push", args=[item.pk])).content.decode()
    assert "沂源发布" in page and "本局发布" in page and "邻局发布" not in page
    response = client.post(reverse("newmedia_staff:push", args=[item.pk]), {"accounts": [foreign.pk]})
    assert response.status_code == 400 and not Delivery.objects.exists()


def test_an_account_the_county_only_runs_for_another_department_is_not_the_items(client, org, editor, reviewer,
                                                                                 receiver):
    """push_accounts took an account run (运维) by a government above the item's unit as the unit's own: a
    department's account operated by the county (集约化) was open to every department's items."""
    from gongkai.organizations.factories import OrganizationFactory

    county = OrganizationFactory()
    org.parent = county
    org.save()
    neighbour = OrganizationFactory(parent=county)
    theirs = Account.objects.create(platform=Platform.WECHAT, name="邻局发布", host=neighbour, operator=county,
                                    status=Account.Status.ACTIVE, operator_email="xmt@yiyuan.example.cn")
    run_by_us = Account.objects.create(platform=Platform.WEIBO, name="代运维号", host=neighbour, operator=org,
                                       status=Account.Status.ACTIVE, operator_email="xmt@yiyuan.example.cn")
    item = published_item(org, editor, reviewer)
    assert set(services.push_accounts(item)) == {run_by_us}
    with pytest.raises(ActionRefused):
        services.push(editor, item, [theirs])
    client.force_login(editor)
    assert "邻局发布" not in client.get(reverse("newmedia_staff:push", args=[item.pk])).content.decode()
    assert not Delivery.objects.exists()
