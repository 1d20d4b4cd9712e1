import pytest

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.catalog.services import node_by_key


@pytest.fixture
def other_admin(other_org):
    return user_with_role(other_org, Role.ORG_ADMIN)


@pytest.fixture
def notices(org):
    """A built-in node of org (通知公告)."""
    return node_by_key(org, "plan.notices")


@pytest.fixture
def own_node(org, org_admin, notices):
    """A node the unit added itself, below 通知公告."""
    from gongkai.catalog.services import add_node

    return add_node(org_admin, notices, "招聘公告", 30, "本单位招聘信息")
