"""A webhook over HTTPS to a pinned address (destinations.connect_checked) still speaks TLS to the URL's host
name: the server name sent (SNI) is the host name, and the certificate is verified for it — a certificate
for another name is refused even though the address is the one the name resolved to."""

import datetime as dt
import ssl
import threading
from http.server import ThreadingHTTPServer

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from gongkai.newmedia import services
from gongkai.newmedia.models import Delivery
from gongkai.newmedia.tests.test_webhook_safety import Handler, _push, values
from gongkai.publishing.factories import published_item

pytestmark = pytest.mark.django_db
HOST = "hooks.example.cn"


def self_signed(tmp_path, name: str):
    """(certificate file, key file) of a self-signed certificate for `name`, trusted as its own CA."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    certificate = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
                   .public_key(key.public_key()).serial_number(x509.random_serial_number())
                   .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=1))
                   .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
                   .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
                   .sign(key, hashes.SHA256()))
    cert_file, key_file = tmp_path / f"{name}.crt", tmp_path / f"{name}.key"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_file, key_file


@pytest.fixture
def tls_listener(tmp_path, monkeypatch):
    """An HTTPS server on 127.0.0.1 with a certificate for `name`; the client trusts that certificate.
    Yields (start(name) -> port, the server names the clients sent)."""
    server_names, servers = [], []

    def start(name: str) -> int:
        cert_file, key_file = self_signed(tmp_path, name)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert_file, key_file)
        context.sni_callback = lambda sock, server_name, ctx: server_names.append(server_name)
        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.socket = context.wrap_socket(server.socket, server_side=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        monkeypatch.setattr(ssl, "_create_default_https_context",
                            lambda: ssl.create_default_context(cafile=str(cert_file)))
        return server.server_address[1]

    Handler.hits, Handler.hosts = [], []
    yield start, server_names
    for server in servers:
        server.shutdown()
        server.server_close()


def test_the_tls_handshake_names_and_verifies_the_host_name_not_the_pinned_address(
        settings, org, org_admin, editor, reviewer, dns, tls_listener, django_capture_on_commit_callbacks):
    settings.GONGKAI_WEBHOOK_ALLOW_PRIVATE = True
    dns[HOST] = "127.0.0.1"
    start, server_names = tls_listener
    port = start(HOST)
    account, _secret = services.save_account(org_admin, values(org, webhook_url=f"https://{HOST}:{port}/push"))
    delivery = _push(editor, published_item(org, editor, reviewer), account, django_capture_on_commit_callbacks)
    assert delivery.status == Delivery.Status.SENT, delivery.last_error
    assert server_names == [HOST] and Handler.hosts == [f"{HOST}:{port}"]


def test_a_certificate_for_another_name_is_refused(settings, org, org_admin, editor, reviewer, dns, tls_listener,
                                                  django_capture_on_commit_callbacks):
    settings.GONGKAI_WEBHOOK_ALLOW_PRIVATE = True
    dns[HOST] = "127.0.0.1"
    start, _server_names = tls_listener
    port = start("other.example.cn")
    account, _secret = services.save_account(org_admin, values(org, webhook_url=f"https://{HOST}:{port}/push"))
    delivery = _push(editor, published_item(org, editor, reviewer), account, django_capture_on_commit_callbacks)
    assert delivery.status == Delivery.Status.RETRYING
    assert delivery.last_error == "与推送接口建立 HTTPS 加密连接失败（证书无效或不受信任）。"
    assert Handler.hits == []
