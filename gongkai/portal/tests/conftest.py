import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _plain_http(settings):
    # The test client speaks plain HTTP; production settings would redirect it to HTTPS.
    settings.SECURE_SSL_REDIRECT = False


@pytest.fixture(autouse=True)
def _default_language(settings):
    # LocaleMiddleware leaves the last request's language active in the thread; a request to /en/
    # must not change the language of reverse() and templates in the tests that follow.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
