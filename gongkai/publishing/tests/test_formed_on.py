"""The 形成或变更日期: refused when it is later than today or absurdly early (form, services), and an
impossible date already stored never breaks a staff page (the lag shows a problem instead)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.core.services import ActionRefused
from gongkai.organizations.factories import OrganizationFactory
from gongkai.publishing import services
from gongkai.publishing.factories import published_item
from gongkai.publishing.models import InformationItem
from gongkai.publishing.tests.test_views import form_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("formed_on, reason", [("9999-12-31", "晚于今天"), ("1900-01-01", "早于 1949年10月1日")])
def test_editor_form_refuses_an_impossible_formed_on(client, org, editor, formed_on, reason):
    client.force_login(editor)
    response = client.post(reverse("publishing:create"), form_data(org, formed_on=formed_on))
    assert response.status_code == 200
    assert reason in str(response.context["form"].errors["formed_on"])
    assert not InformationItem.objects.exists()


def test_tomorrow_is_refused_today_is_accepted(org, editor):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ActionRefused, match="晚于今天"):
        services.create_item(editor, org, {"title": "通知", "formed_on": tomorrow, "body": "<p>正文</p>"})
    item = services.create_item(editor, org, {"title": "通知", "formed_on": timezone.localdate(), "body": "<p>正文</p>"})
    with pytest.raises(ActionRefused, match="晚于今天"):
        services.update_item(editor, item, {"formed_on": dt.date(9999, 12, 31)})


def test_a_stored_impossible_formed_on_breaks_no_page(client, org, editor, reviewer):
    county = OrganizationFactory(kind="government")
    org.parent = county
    org.save()
    supervisor = user_with_role(county, Role.SUPERVISOR)
    item = published_item(org, editor, reviewer)
    # A row stored before the check (or by hand): published a year ago, formed on the last day there is.
    InformationItem.objects.filter(pk=item.pk).update(
        formed_on=dt.date(9999, 12, 31), published_at=timezone.now() - dt.timedelta(days=365))
    for user in (editor, reviewer, supervisor):
        client.force_login(user)
        detail = client.get(reverse("publishing:detail", args=[item.pk]))
        assert detail.status_code == 200
        assert "9999-12-31" in detail.content.decode()
        assert client.get(reverse("workbench:home")).status_code == 200
