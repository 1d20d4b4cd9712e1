from dataclasses import dataclass

import pytest

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.catalog.services import ensure_catalog, node_by_key
from gongkai.organizations.factories import OrganizationFactory
from gongkai.organizations.models import Organization


@dataclass
class County:
    government: Organization
    department: Organization
    township: Organization
    supervisor: object
    dept_editor: object
    dept_reviewer: object
    dept_admin: object
    town_editor: object
    town_reviewer: object
    town_admin: object

    def node(self, org, key="plan.notices"):
        return node_by_key(org, key)


@pytest.fixture
def county(db):
    government = OrganizationFactory(kind=Organization.Kind.PEOPLE_GOVERNMENT, name="测试县人民政府",
                                     short_name="县政府", sort_order=1)
    department = OrganizationFactory(parent=government, name="测试县教育和体育局", short_name="县教体局", sort_order=2)
    township = OrganizationFactory(parent=government, kind=Organization.Kind.TOWNSHIP, name="测试县东里镇人民政府",
                                   short_name="东里镇", sort_order=3)
    for org in (government, department, township):
        ensure_catalog(org)
    return County(government, department, township, user_with_role(government, Role.SUPERVISOR),
                  user_with_role(department, Role.EDITOR), user_with_role(department, Role.REVIEWER),
                  user_with_role(department, Role.ORG_ADMIN), user_with_role(township, Role.EDITOR),
                  user_with_role(township, Role.REVIEWER), user_with_role(township, Role.ORG_ADMIN))
