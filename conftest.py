import pytest
from django.conf import settings as django_settings
from django.utils import translation

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.organizations.factories import OrganizationFactory


@pytest.fixture(scope="session", autouse=True)
def _flush_by_delete_on_postgresql():
    """After each transactional test (browser tests, transaction=True) Django's flush empties every table.
    On PostgreSQL it does so with one TRUNCATE of all ~160 tables, which replaces every table's and index's
    files and took about 5 s per test; DELETE of the same tables, in the same transaction, leaves the
    same empty tables in about 0.2 s. Foreign keys are DEFERRABLE INITIALLY DEFERRED (Django's default
    on PostgreSQL), so the order of the DELETEs does not matter. A flush asking for more than emptying
    (sequences reset, CASCADE) keeps Django's TRUNCATE."""
    if django_settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        yield
        return
    from django.db.backends.postgresql.operations import DatabaseOperations

    truncate = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade:
            return truncate(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        return ["SET CONSTRAINTS ALL DEFERRED;"] + [
            f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(self.quote_name(table))};" for table in tables]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(DatabaseOperations, "sql_flush", sql_flush)
        yield


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Each test gets its own embedded search index (gongkai/search), never var/search.
    settings.GONGKAI_SEARCH_INDEX_DIR = tmp_path / "search"


@pytest.fixture(autouse=True)
def _fresh_fragments():
    # The fragment cache lives in the process; a rolled-back test's rows must not be served from it.
    from gongkai.portal import fragments

    fragments.forget()


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
