"""A deactivated unit (Organization.is_active False) drafts and publishes no more; the 政务公开办 still
reads its archive; the pages' `{% may %}` tag answers as the views do."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.accounts.permissions import has_perm, is_staff_user, organization_ids_with
from gongkai.catalog.services import node_by_key
from gongkai.core.services import ActionRefused
from gongkai.organizations.factories import OrganizationFactory
from gongkai.publishing import services
from gongkai.publishing.factories import ItemFactory

pytestmark = pytest.mark.django_db


def may(user, perm, on) -> str:
    request = RequestFactory().get("/")
    request.user = user
    return Template('{% load accounts_tags %}{% may perm on=on as ok %}{{ ok }}').render(
        Context({"request": request, "perm": perm, "on": on}))


@pytest.fixture
def county(org):
    government = OrganizationFactory(kind="government")
    org.parent = government
    org.save()
    return government


def deactivate(org):
    org.is_active = False
    org.save()


def test_a_deactivated_units_staff_neither_draft_nor_publish(client, org, editor, reviewer):
    item = ItemFactory(organization=org, created_by=editor)
    item.catalog_nodes.set([node_by_key(org, "plan.notices")])
    services.submit(editor, item)
    deactivate(org)
    editor, reviewer = type(editor).objects.get(pk=editor.pk), type(reviewer).objects.get(pk=reviewer.pk)
    for perm in ("item.create", "item.edit", "item.review", "item.publish", "item.view"):
        assert not has_perm(reviewer, perm, org.id) and may(reviewer, perm, org.id) == "False"
    assert organization_ids_with(editor, "item.create") == set() and not is_staff_user(editor)
    with pytest.raises(ActionRefused):
        services.create_item(editor, org, {"title": "新信息", "formed_on": "2020-08-10", "body": "<p>正文</p>"})
    with pytest.raises(ActionRefused):
        services.approve(reviewer, item, "同意公开。", secrecy_checked=True)
    client.force_login(editor)
    assert client.get(reverse("publishing:create")).status_code == 403


def test_the_county_office_reads_a_deactivated_units_archive_and_acts_on_it_no_more(client, org, county, editor):
    supervisor = user_with_role(county, Role.SUPERVISOR)
    item = ItemFactory(organization=org, created_by=editor)
    deactivate(org)
    for perm in ("item.view", "audit.view", "request.view", "org.supervise"):
        assert has_perm(supervisor, perm, org.id) and org.id in organization_ids_with(supervisor, perm)
        assert may(supervisor, perm, org.id) == "True"
    for perm in ("inspection.run", "standards.manage", "item.publish"):
        assert not has_perm(supervisor, perm, org.id) and org.id not in organization_ids_with(supervisor, perm)
        assert may(supervisor, perm, org.id) == "False"
    # Its open requests and messages can still be handed on: their statutory periods keep running.
    for perm in ("request.assign", "message.dispatch"):
        assert has_perm(supervisor, perm, org.id) and org.id in organization_ids_with(supervisor, perm)
        assert may(supervisor, perm, org.id) == "True"
    assert has_perm(supervisor, "request.assign", county.id)  # the rest of the county is untouched
    client.force_login(supervisor)
    assert client.get(reverse("publishing:detail", args=[item.pk])).status_code == 200
