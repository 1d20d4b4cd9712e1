"""The client's address, the one key of every per-address limit (login lockout, public forms, open API).

Behind a reverse proxy every request comes from the proxy: REMOTE_ADDR is the proxy's address and the
visitor's is in the X-Forwarded-For header the proxy appends. Anyone can send that header, so it is read
only when the request comes from a proxy the site is configured to trust (GONGKAI_TRUSTED_PROXIES, a
list of addresses and networks; empty by default = the header is ignored).

The header is then read from the right, the way nginx's realip module does with `real_ip_recursive on`:
each hop that is itself a trusted proxy is skipped and the first one that is not is the client. Entries
to the left of it were written by the client and are never believed. Addresses are parsed and compared
by the standard library's `ipaddress`; a malformed entry ends the walk at the last trusted hop.

(django-ipware's trusted-proxy list matches positions inside the header, not the address the request
really came from, so a visitor who talks to the site directly could forge a "trusted" chain with it.)
"""

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

FORWARDED_HEADER = "HTTP_X_FORWARDED_FOR"
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(entries) -> tuple[Network, ...]:
    """'10.0.0.1', '10.0.0.0/8' or '::1' → networks; anything else is a configuration error."""
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(str(entry).strip(), strict=False))
        except ValueError as exc:
            raise ImproperlyConfigured(
                f"GONGKAI_TRUSTED_PROXIES: {entry!r} is not an IP address or network (e.g. 10.0.0.5, 10.0.0.0/24)"
            ) from exc
    return tuple(networks)


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return parse_networks(entries)


def _address(text: str):
    text = (text or "").strip()
    if text.startswith("[") and "]" in text:  # "[2001:db8::1]:443"
        text = text[1:text.index("]")]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    return address.ipv4_mapped or address if address.version == 6 else address


def _trusted(address, networks) -> bool:
    return address is not None and any(address.version == net.version and address in net for net in networks)


def client_ip(request) -> str:
    """The visitor's address as text: REMOTE_ADDR, or the forwarded address when REMOTE_ADDR is a trusted proxy."""
    remote_text = request.META.get("REMOTE_ADDR", "") or ""
    networks = _networks(tuple(getattr(settings, "GONGKAI_TRUSTED_PROXIES", ())))
    remote = _address(remote_text)
    if not _trusted(remote, networks):
        return str(remote) if remote is not None else remote_text
    client = remote
    for hop in reversed(request.META.get(FORWARDED_HEADER, "").split(",")):
        address = _address(hop)
        if address is None:
            break
        client = address
        if not _trusted(address, networks):
            break
    return str(client)
