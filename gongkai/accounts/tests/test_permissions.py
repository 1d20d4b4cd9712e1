import pytest

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.accounts.permissions import has_perm, organization_ids_with
from gongkai.organizations.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def test_supervisor_reaches_the_subtree_only(org, other_org):
    county = OrganizationFactory(kind="government")
    org.parent = county
    org.save()
    supervisor = user_with_role(county, Role.SUPERVISOR)
    assert organization_ids_with(supervisor, "org.supervise") == {county.id, org.id}
    assert has_perm(supervisor, "audit.view", org.id)
    assert not has_perm(supervisor, "audit.view", other_org.id)
    assert not has_perm(supervisor, "org.manage", org.id)
    assert not has_perm(supervisor, "catalog.manage", org.id)


def test_org_admin_manages_own_unit_only(org, other_org, org_admin):
    assert has_perm(org_admin, "org.manage", org.id) and has_perm(org_admin, "catalog.manage", org.id)
    assert not has_perm(org_admin, "org.manage", other_org.id)
    assert not has_perm(org_admin, "org.supervise", org.id)
