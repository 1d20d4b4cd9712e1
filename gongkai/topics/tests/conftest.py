import pytest

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.catalog.services import ensure_catalog
from gongkai.workplan.tests.county import build_county


@pytest.fixture
def county(db):
    return build_county()


@pytest.fixture
def unit(county):
    """文旅局 with its catalog, an editor (信息员) and a reviewer (审核员)."""
    org = county.orgs["wlj"]
    ensure_catalog(org)
    return {"org": org, "editor": user_with_role(org, Role.EDITOR), "reviewer": user_with_role(org, Role.REVIEWER)}
