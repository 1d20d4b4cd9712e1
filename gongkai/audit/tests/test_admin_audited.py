"""Every Django admin that can change a Gongkai model writes the 操作日志 (AuditedAdminMixin)."""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from gongkai.accounts.factories import UserFactory
from gongkai.audit.admin_mixins import AuditedAdminMixin
from gongkai.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

# Admins of Gongkai models that change data without the mixin, with the reason. None today: the 操作日志
# itself and publishing's look-up admins are read-only, which the walk below checks.
EXCEPTIONS: dict[str, str] = {}


def test_every_admin_that_changes_a_gongkai_model_is_audited():
    request = RequestFactory().get("/admin/")
    request.user = UserFactory(is_superuser=True, is_staff=True)
    unaudited = []
    for model, model_admin in admin.site._registry.items():
        if not model.__module__.startswith("gongkai.") or model_admin.__class__.__name__ in EXCEPTIONS:
            continue
        changes = (model_admin.has_add_permission(request) or model_admin.has_change_permission(request)
                   or model_admin.has_delete_permission(request))
        if changes and not isinstance(model_admin, AuditedAdminMixin):
            unaudited.append(model._meta.label)
    assert unaudited == []


def test_a_holiday_entered_and_a_site_profile_changed_in_the_admin_are_in_the_log(client, org):
    superuser = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(superuser)
    response = client.post(reverse("admin:workdays_dayoverride_add"),
                           {"date": "2027-10-08", "kind": "holiday", "note": "国庆调休"})
    assert response.status_code == 302
    added = AuditEvent.objects.get(action="admin.add", object_type="workdays.dayoverride")
    assert added.actor_id == superuser.pk and added.changes["kind"][1] == "holiday"
    from gongkai.workdays.models import DayOverride

    assert DayOverride.objects.get().created_by == superuser  # the admin's own created_by stays
    from gongkai.portal.models import SiteProfile

    site = SiteProfile.objects.create(name="测试县人民政府", host="example.gov.cn", root_organization=org)
    page = client.get(reverse("admin:portal_siteprofile_change", args=[site.pk]))
    data = {**page.context["adminform"].form.initial, "icp_number": "鲁ICP备12345678号"}
    data = {key: ("" if value is None else value) for key, value in data.items()}
    data["root_organization"] = org.pk
    response = client.post(reverse("admin:portal_siteprofile_change", args=[site.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    changed = AuditEvent.objects.get(action="admin.change", object_type="portal.siteprofile")
    assert changed.changes["icp_number"][1] == "鲁ICP备12345678号"
