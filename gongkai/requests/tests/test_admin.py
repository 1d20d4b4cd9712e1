"""The 第三十五条 thresholds are configured once, in the admin, and audited."""

import pytest
from django.urls import reverse

from gongkai.accounts.factories import UserFactory
from gongkai.audit.models import AuditEvent
from gongkai.requests.models import RequestPolicy

pytestmark = pytest.mark.django_db


def test_a_superuser_sets_the_volume_threshold_once(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    url = reverse("admin:requests_requestpolicy_add")
    response = client.post(url, {"volume_window_days": 30, "volume_threshold": 5})
    assert response.status_code == 302
    assert RequestPolicy.current().volume_threshold == 5
    assert AuditEvent.objects.filter(action="admin.add", object_type="requests.requestpolicy").exists()
    assert client.get(url).status_code == 403  # one row only
