import pytest


@pytest.fixture(autouse=True)
def webhooks_to_loopback(settings):
    """The receivers of these tests listen on loopback, which a production server refuses by default
    (newmedia.destinations); test_webhook_safety turns the switch off again to test that refusal."""
    settings.GONGKAI_WEBHOOK_ALLOW_PRIVATE = True
