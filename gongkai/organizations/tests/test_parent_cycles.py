"""An organization never becomes its own ancestor, whichever path changes its parent: the admin form (through
Organization.clean()), full_clean() in code, and a plain save() from a service, a command or the shell."""

import pytest
from django.core.exceptions import ValidationError

from gongkai.organizations.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

MESSAGE = "上级机构不能是本机构或其下级机构。"


@pytest.fixture
def chain(db):
    top = OrganizationFactory(name="测试县人民政府")
    middle = OrganizationFactory(name="测试县某局", parent=top)
    bottom = OrganizationFactory(name="测试县某局下属中心", parent=middle)
    return top, middle, bottom


def test_full_clean_refuses_the_organization_itself_or_a_descendant_as_parent(chain):
    top, middle, bottom = chain
    for parent in (top, middle, bottom):
        top.parent = parent
        with pytest.raises(ValidationError) as refused:
            top.full_clean()
        assert refused.value.message_dict["parent"] == [MESSAGE]


def test_save_refuses_a_cycle_and_the_tree_stays_as_it_was(chain):
    top, middle, bottom = chain
    top.parent = bottom
    with pytest.raises(ValidationError) as refused:
        top.save()
    assert MESSAGE in refused.value.messages
    top.refresh_from_db()
    assert top.parent_id is None and [o.name for o in bottom.ancestors()] == ["测试县人民政府", "测试县某局"]


def test_moving_a_unit_elsewhere_in_the_tree_is_still_allowed(chain):
    top, middle, bottom = chain
    bottom.parent = top
    bottom.full_clean()
    bottom.save()
    middle.save(update_fields=["name"])  # a save that does not touch the parent skips the walk
    assert bottom.ancestors() == [top]
