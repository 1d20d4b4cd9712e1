"""更正 of published items (review of auditW): the rule that a correction keeps a published item 主动公开 and in
the catalog must not lock out items that lacked either before it (migrated ones, document-import.md: catalog is
optional), and moving an item from one catalog node to another in one save stays a correction."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.catalog.services import node_by_key
from gongkai.core.services import ActionRefused
from gongkai.publishing import services
from gongkai.publishing.models import InformationItem
from gongkai.publishing.tests.test_workflow_guards import _approved

pytestmark = pytest.mark.django_db


def _form(item, **changes):
    data = {"title": item.title, "formed_on": item.formed_on.isoformat(), "doc_type": item.doc_type,
            "topic": item.topic, "disclosure_mode": item.disclosure_mode, "body": item.body,
            "catalog_nodes": [n.pk for n in item.catalog_nodes.all()]}
    data.update(changes)
    return data


def test_a_migrated_item_without_catalog_node_can_be_corrected(client, org, reviewer):
    """An imported item without `catalog` (optional in document-import.md; the demo's 专题 items) refused every
    更正 with “须至少保留一个目录栏目”: a typo in its title could not be fixed without filing it somewhere."""
    item = services.record_migrated_item(None, org, {"title": "沂源县召开政务公开工作推进会", "formed_on": dt.date(2020, 9, 1)},
                                         [], timezone.now() - dt.timedelta(days=30))
    client.force_login(reviewer)
    response = client.post(reverse("publishing:edit", kwargs={"item_id": item.pk}),
                           _form(item, title="沂源县召开政务公开工作推进会（更正）"))
    assert response.status_code == 302, response.context["form"].errors
    item.refresh_from_db()
    assert item.title == "沂源县召开政务公开工作推进会（更正）" and item.is_public


def test_a_published_item_moves_from_one_catalog_node_to_another_in_one_save(client, org, editor, reviewer):
    item = services.publish(reviewer, _approved(org, editor, reviewer))
    other = node_by_key(org, "plan.notices").parent
    client.force_login(reviewer)
    response = client.post(reverse("publishing:edit", kwargs={"item_id": item.pk}),
                           _form(item, catalog_nodes=[other.pk]))
    assert response.status_code == 302
    assert list(item.catalog_nodes.all()) == [other]


def test_an_item_switched_to_on_request_before_the_rule_can_still_be_corrected(org, editor, reviewer):
    """Such an item is off the site; fixing its title must not force it public (the only way the rule left)."""
    item = services.publish(reviewer, _approved(org, editor, reviewer))
    InformationItem.objects.filter(pk=item.pk).update(disclosure_mode="on_request")
    item = services.update_item(reviewer, item, {"title": "更正后的名称"}, [node_by_key(org, "plan.notices")])
    assert item.title == "更正后的名称" and item.disclosure_mode == "on_request" and not item.is_public
    with pytest.raises(ActionRefused, match="不能改为"):  # and a proactive one still cannot be switched
        services.update_item(reviewer, services.publish(reviewer, _approved(org, editor, reviewer)),
                             {"disclosure_mode": "on_request"}, [node_by_key(org, "plan.notices")])


def test_made_proactive_again_it_needs_a_catalog_node_on_that_field(client, org, editor, reviewer):
    item = services.publish(reviewer, _approved(org, editor, reviewer))
    InformationItem.objects.filter(pk=item.pk).update(disclosure_mode="on_request")
    item.catalog_nodes.clear()
    client.force_login(reviewer)
    url = reverse("publishing:edit", kwargs={"item_id": item.pk})
    response = client.post(url, _form(item, disclosure_mode="proactive", title="改为主动公开"))
    assert response.status_code == 200
    assert "须至少选择一个目录栏目" in str(response.context["form"].errors["catalog_nodes"])
    assert response.context["form"]["title"].value() == "改为主动公开"  # what was typed is kept
    assert InformationItem.objects.get(pk=item.pk).disclosure_mode == "on_request"
    node = node_by_key(org, "plan.notices")
    assert client.post(url, _form(item, disclosure_mode="proactive", catalog_nodes=[node.pk])).status_code == 302
    assert InformationItem.objects.get(pk=item.pk).is_public
