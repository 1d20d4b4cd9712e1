import pytest

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.organizations.factories import OrganizationFactory


@pytest.fixture
def county(db):
    return OrganizationFactory(name="测试县人民政府")


@pytest.fixture
def supervisor(county):
    return user_with_role(county, Role.SUPERVISOR)


@pytest.fixture
def unit(county):
    from gongkai.catalog.services import ensure_catalog

    organization = OrganizationFactory(parent=county)
    ensure_catalog(organization)
    return organization


@pytest.fixture
def unit_editor(unit):
    return user_with_role(unit, Role.EDITOR)


@pytest.fixture
def unit_reviewer(unit):
    return user_with_role(unit, Role.REVIEWER)
