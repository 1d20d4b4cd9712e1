import pytest

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.organizations.factories import OrganizationFactory
from gongkai.organizations.models import Organization


@pytest.fixture
def county(org):
    county = OrganizationFactory(kind=Organization.Kind.PEOPLE_GOVERNMENT, name="测试县人民政府")
    org.parent = county
    org.save()
    return county


@pytest.fixture
def supervisor(county):
    return user_with_role(county, Role.SUPERVISOR)


@pytest.fixture
def other_admin(other_org):
    return user_with_role(other_org, Role.ORG_ADMIN)
