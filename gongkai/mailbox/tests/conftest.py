import pytest

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.organizations.factories import OrganizationFactory


@pytest.fixture
def county(db):
    from gongkai.organizations.models import Organization

    return OrganizationFactory(name="测试县人民政府", kind=Organization.Kind.PEOPLE_GOVERNMENT, sort_order=1)


@pytest.fixture
def supervisor(county):
    """The 政务公开办: supervises every unit below the county government."""
    return user_with_role(county, Role.SUPERVISOR)


@pytest.fixture
def unit(county):
    return OrganizationFactory(parent=county, name="测试县教育和体育局", short_name="县教体局")


@pytest.fixture
def other_unit(county):
    return OrganizationFactory(parent=county, name="测试县住房和城乡建设局")


@pytest.fixture
def editor(unit):
    return user_with_role(unit, Role.EDITOR, email="editor@example.cn")


@pytest.fixture
def reviewer(unit):
    return user_with_role(unit, Role.REVIEWER)


@pytest.fixture
def other_editor(other_unit):
    return user_with_role(other_unit, Role.EDITOR)


@pytest.fixture
def form_data():
    return {"kind": "consult", "subject": "城区小学招生划片", "content": "孩子今年上一年级，招生划片范围什么时候公布？",
            "name": "李四", "contact": "13953398765", "may_publish": True}
