"""The 清单 tests' `unit`: an organization with an editor and a reviewer (helpers: helpers.py)."""

import pytest

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role


@pytest.fixture
def unit(org):
    return {"org": org, "editor": user_with_role(org, Role.EDITOR), "reviewer": user_with_role(org, Role.REVIEWER)}
