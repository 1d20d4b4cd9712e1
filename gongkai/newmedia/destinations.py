"""Where a webhook may go: never to this server, its cloud's metadata service or the county's own internal
network (unless a deployment says so), and never on to where a redirect points.

- `refusal(url)`: why a webhook URL is refused ("" when it is fine), checked when an account is saved and
  again before each push. A host name is resolved and every address it resolves to is checked: an address
  must be global (`ipaddress.is_global`). Link-local (169.254.0.0/16: cloud metadata), multicast,
  unspecified and reserved addresses are always refused; loopback and private ones only when
  GONGKAI_WEBHOOK_ALLOW_PRIVATE is on (a county whose 新媒体管理系统 is on its intranet; off by default).
- `opener()`: a urllib opener that follows no redirect (a 3xx is a failure: the signature headers are not
  sent on to another host), uses no proxy from the environment, and checks the address it actually
  connected to (a name resolving to another address at send time than at check time is caught too).
"""

import http.client
import ipaddress
import socket
import urllib.request
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _


class DestinationRefused(OSError):
    """The webhook's host is, or resolves to, an address it may not reach."""


def _address_refusal(address: str) -> str:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if ip.is_link_local or ip.is_multicast or ip.is_unspecified or ip.is_reserved:
        return _("推送接口地址指向本机、内网或保留地址，不能使用。")
    if not ip.is_global and not (settings.GONGKAI_WEBHOOK_ALLOW_PRIVATE and (ip.is_private or ip.is_loopback)):
        return _("推送接口地址指向本机、内网或保留地址，不能使用。")
    return ""


def _addresses(host: str, port: int) -> list[str]:
    try:
        return [info[4][0] for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)]
    except (OSError, UnicodeError):
        return []


def refusal(url: str) -> str:
    """Why `url` may not receive webhooks, "" when it may. A host name that does not resolve now passes:
    it may resolve by the time of the push (checked again then), and a push that cannot connect is retried."""
    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    except ValueError:
        return _("推送接口地址格式不正确。")
    if parts.scheme.lower() not in ("https", "http") or not parts.hostname:
        return _("推送接口地址须以 https:// 或 http:// 开头。")
    addresses = _addresses(parts.hostname, port)
    if not addresses:
        return ""
    return next((reason for reason in map(_address_refusal, addresses) if reason), "")


def _check_peer(connection) -> None:
    reason = _address_refusal(connection.sock.getpeername()[0])
    if reason:
        connection.sock.close()
        raise DestinationRefused(reason)


class _CheckedHTTPConnection(http.client.HTTPConnection):
    def connect(self):
        super().connect()
        _check_peer(self)


class _CheckedHTTPSConnection(http.client.HTTPSConnection):
    def connect(self):
        super().connect()  # the TLS handshake is done; nothing of the request has been sent yet
        _check_peer(self)


class _HTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):
        return self.do_open(_CheckedHTTPConnection, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):
        return self.do_open(_CheckedHTTPSConnection, req, context=self._context)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # urllib then raises HTTPError with the 3xx code


def opener() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(urllib.request.ProxyHandler({}), _HTTPHandler(), _HTTPSHandler(),
                                       _NoRedirect())
