"""Where a webhook may go: never to this server, its cloud's metadata service or the county's own internal
network (unless a deployment says so), and never on to where a redirect points.

- `refusal(url)`: why a webhook URL is refused ("" when it is fine), checked when an account is saved and
  again before each push. A host name is resolved and every address it resolves to is checked: an address
  must be global (`ipaddress.is_global`). Link-local (169.254.0.0/16: cloud metadata), multicast,
  unspecified and reserved addresses are always refused; loopback and private ones only when
  GONGKAI_WEBHOOK_ALLOW_PRIVATE is on (a county whose 新媒体管理系统 is on its intranet; off by default).
- `opener()`: a urllib opener that follows no redirect (a 3xx is a failure: the signature headers are not
  sent on to another host), uses no proxy from the environment, and connects only to checked addresses:
  the host name is resolved once, every address it resolves to is checked as above before any packet goes
  out, and the connection is made to those very addresses (`connect_checked`). A name that resolves to an
  internal address at send time (DNS rebinding after the check at saving) gets no TCP connection and no
  TLS ClientHello. The Host header, the TLS server name (SNI) and the certificate check stay the URL's
  host name: only the resolution is pinned.
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


def _resolve(host: str, port: int) -> list[tuple]:
    """getaddrinfo's answers for a TCP connection to `host` ([] when the name does not resolve)."""
    try:
        return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return []


def _addresses(host: str, port: int) -> list[str]:
    return [info[4][0] for info in _resolve(host, port)]


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


def connect_checked(address: tuple[str, int], timeout=socket._GLOBAL_DEFAULT_TIMEOUT, source_address=None):
    """http.client's `create_connection`, pinned: resolve the host once, refuse (DestinationRefused, before
    connecting anywhere) when any address it resolves to may not be reached, then connect to those checked
    addresses in the resolver's order."""
    host, port = address
    answers = _resolve(host, port)
    if not answers:
        raise socket.gaierror(socket.EAI_NONAME, "the host name does not resolve")
    addresses = list(dict.fromkeys(info[4][0] for info in answers))
    reason = next((reason for reason in map(_address_refusal, addresses) if reason), "")
    if reason:
        raise DestinationRefused(reason)
    error = None
    for ip in addresses:  # a literal address: create_connection does no DNS lookup for it
        try:
            return socket.create_connection((ip, port), timeout, source_address)
        except OSError as exc:
            error = exc
    raise error


class _CheckedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = connect_checked  # HTTPConnection.connect calls it with (host, port)


class _CheckedHTTPSConnection(http.client.HTTPSConnection):
    """Connects through connect_checked; the TLS handshake that follows (HTTPSConnection.connect) names and
    verifies `self.host`, the URL's host name, not the address."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = connect_checked


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
