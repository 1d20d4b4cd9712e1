import re

import pytest

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.organizations.factories import OrganizationFactory


@pytest.fixture(autouse=True)
def _no_wait(settings):
    settings.GONGKAI_REQUEST_MIN_FILL_SECONDS = 0


@pytest.fixture
def org(db):
    return OrganizationFactory(name="测试县住房和城乡建设局")


@pytest.fixture
def editor(org):
    return user_with_role(org, Role.EDITOR)


@pytest.fixture
def reviewer(org):
    return user_with_role(org, Role.REVIEWER)


@pytest.fixture
def other_unit(db):
    return OrganizationFactory(name="测试县交通运输局")


@pytest.fixture
def outsider(other_unit):
    return user_with_role(other_unit, Role.REVIEWER)


def answer(html: str) -> str:
    question = re.search(r"验证题：</strong>(\S)(加|减)(\S)等于几", html)
    digits = "零一二三四五六七八九"
    a, b = digits.index(question.group(1)), digits.index(question.group(3))
    return str(a + b if question.group(2) == "加" else a - b)


def form_data(client, url, **fields) -> dict:
    html = client.get(url).content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', html).group(1)
    return {"challenge_answer": answer(html), "form_token": token, "website": "", **fields}


def staff_token(client, url, **fields) -> dict:
    """`fields` with the single-use token of the staff form at `url` (a new consultation, hearing, event, meeting)."""
    html = client.get(url).content.decode()
    return {"form_token": re.search(r'name="form_token" value="([^"]+)"', html).group(1), **fields}
