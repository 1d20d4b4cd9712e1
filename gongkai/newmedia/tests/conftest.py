import socket

import pytest

from gongkai.newmedia import destinations


@pytest.fixture(autouse=True)
def webhooks_to_loopback(settings):
    """The receivers of these tests listen on loopback, which a production server refuses by default
    (newmedia.destinations); test_webhook_safety turns the switch off again to test that refusal."""
    settings.GONGKAI_WEBHOOK_ALLOW_PRIVATE = True


@pytest.fixture
def dns(monkeypatch):
    """A resolver under the test's control: {host: address}; literal addresses resolve to themselves."""
    table = {}
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        return real(table.get(host, host), port, *args, **kwargs)

    monkeypatch.setattr(destinations.socket, "getaddrinfo", getaddrinfo)
    return table
