"""A small county for app tests: the 县政府, two of its departments, the 政务公开办 keeper and unit staff.

Apps import the fixtures they use into their tests/conftest.py:

    from gongkai.accounts.testing import county, unit, unit_editor  # noqa: F401
"""

import pytest

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.organizations.factories import OrganizationFactory
from gongkai.organizations.models import Organization


@pytest.fixture
def county(db):
    return OrganizationFactory(name="测试县人民政府", short_name="县政府", kind=Organization.Kind.PEOPLE_GOVERNMENT)


@pytest.fixture
def unit(county):
    return OrganizationFactory(name="测试县教育和体育局", short_name="县教体局", parent=county)


@pytest.fixture
def unit2(county):
    return OrganizationFactory(name="测试县交通运输局", short_name="县交通运输局", parent=county)


@pytest.fixture
def keeper(county):
    return user_with_role(county, Role.SUPERVISOR)


@pytest.fixture
def unit_editor(unit):
    return user_with_role(unit, Role.EDITOR)


@pytest.fixture
def unit_reviewer(unit):
    return user_with_role(unit, Role.REVIEWER)


@pytest.fixture
def other_editor(unit2):
    return user_with_role(unit2, Role.EDITOR)
