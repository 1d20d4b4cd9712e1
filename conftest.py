import pytest
from django.utils import translation

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.organizations.factories import OrganizationFactory


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Each test gets its own embedded search index (gongkai/search), never var/search.
    settings.GONGKAI_SEARCH_INDEX_DIR = tmp_path / "search"


@pytest.fixture(autouse=True)
def _fresh_fragments():
    # The fragment cache lives in the process; a rolled-back test's rows must not be served from it.
    from django.core.cache import caches

    caches["fragments"].clear()


@pytest.fixture(autouse=True)
def _default_language(settings):
    # LocaleMiddleware leaves the last request's language active in the thread: a request to /en/
    # must not change the language of reverse() and templates in the tests that follow.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def org(db):
    from gongkai.catalog.services import ensure_catalog

    organization = OrganizationFactory()
    ensure_catalog(organization)
    return organization


@pytest.fixture
def other_org(db):
    from gongkai.catalog.services import ensure_catalog

    organization = OrganizationFactory()
    ensure_catalog(organization)
    return organization


@pytest.fixture
def editor(org):
    return user_with_role(org, Role.EDITOR)


@pytest.fixture
def reviewer(org):
    return user_with_role(org, Role.REVIEWER)


@pytest.fixture
def org_admin(org):
    return user_with_role(org, Role.ORG_ADMIN)
