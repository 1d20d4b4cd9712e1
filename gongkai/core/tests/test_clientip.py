"""The client's address: from the proxy's header only when the request comes from a trusted proxy."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from gongkai.core.clientip import client_ip, parse_networks

PROXY = "10.0.0.2"
VISITOR = "203.0.113.7"


def _request(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.GONGKAI_TRUSTED_PROXIES = []
    assert client_ip(_request(PROXY, VISITOR)) == PROXY


def test_a_trusted_proxy_gives_the_visitor_address(settings):
    settings.GONGKAI_TRUSTED_PROXIES = ["10.0.0.0/24"]
    assert client_ip(_request(PROXY, VISITOR)) == VISITOR
    assert client_ip(_request("10.0.0.9", f"198.51.100.1, {VISITOR}")) == VISITOR  # the left part is the client's word


def test_a_visitor_talking_directly_cannot_forge_the_header(settings):
    settings.GONGKAI_TRUSTED_PROXIES = ["10.0.0.0/24"]
    assert client_ip(_request(VISITOR, "198.51.100.1")) == VISITOR
    assert client_ip(_request(VISITOR, "198.51.100.1, 10.0.0.5")) == VISITOR


def test_chains_of_trusted_proxies_are_walked_from_the_right(settings):
    settings.GONGKAI_TRUSTED_PROXIES = ["10.0.0.2", "172.16.0.0/12", "2001:db8::/32"]
    assert client_ip(_request(PROXY, f"1.1.1.1, {VISITOR}, 172.16.5.5")) == VISITOR
    assert client_ip(_request(PROXY, "2001:db8::9, 2001:db8::1")) == "2001:db8::9"
    assert client_ip(_request(PROXY, "[2001:db8:1::1]:443")) == "2001:db8:1::1"


def test_a_malformed_or_missing_header_falls_back_to_the_last_trusted_hop(settings):
    settings.GONGKAI_TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_ip(_request(PROXY)) == PROXY
    assert client_ip(_request(PROXY, "not-an-address")) == PROXY
    assert client_ip(_request(PROXY, f"{VISITOR}, 10.1.1.1, junk")) == PROXY
    assert client_ip(_request("::ffff:10.0.0.2", VISITOR)) == VISITOR  # IPv4-mapped peer


def test_a_typo_in_the_setting_is_a_configuration_error():
    with pytest.raises(ImproperlyConfigured):
        parse_networks(["10.0.0.0/33"])
    assert len(parse_networks(["10.0.0.1", "10.0.0.0/8", "::1"])) == 3
