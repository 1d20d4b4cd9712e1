"""A catalog node's parent is in its own organization and outside its own subtree, whichever path changes it:
the admin form (through CatalogNode.clean()), full_clean() in code, and a plain save()."""

import pytest
from django.core.exceptions import ValidationError

from gongkai.catalog.services import add_node, node_by_key

pytestmark = pytest.mark.django_db


def test_full_clean_and_save_refuse_a_loop_or_another_units_parent(org, org_admin, other_org):
    news = node_by_key(org, "plan.news")
    below = add_node(org_admin, news, "部门动态")
    for parent, message in ((news, "上级栏目不能是本栏目或其下级栏目。"), (below, "上级栏目不能是本栏目或其下级栏目。"),
                            (node_by_key(other_org, "statutory"), "上级栏目须是本机构的栏目。")):
        news.parent = parent
        with pytest.raises(ValidationError) as refused:
            news.full_clean()
        assert refused.value.message_dict["parent"] == [message]
        with pytest.raises(ValidationError):
            news.save()
    news.refresh_from_db()
    assert news.path == "法定主动公开内容/工作动态"


def test_a_node_may_move_within_its_own_catalog(org, org_admin):
    news = node_by_key(org, "plan.news")
    below = add_node(org_admin, news, "部门动态")
    below.parent = node_by_key(org, "plan.notices")
    below.full_clean()
    below.save()
    assert below.path == "法定主动公开内容/通知公告/部门动态"
