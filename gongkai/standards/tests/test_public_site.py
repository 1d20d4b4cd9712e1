"""The public 标准目录 pages (/bzml/) keep to this host's site, like every other public page (docs/portal.md,
「Site scope」): another county's units are neither listed nor shown."""

import datetime as dt

from django.urls import reverse

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.organizations.factories import credit_code_for
from gongkai.organizations.models import Organization
from gongkai.portal.models import SiteProfile
from gongkai.standards import services
from gongkai.standards.models import Domain

ON = dt.date(2020, 9, 1)


def test_another_countys_catalog_is_not_on_this_site(county, client):
    domain = Domain.objects.get(name="义务教育")
    ours = county.orgs["jytyj"]
    services.assign(county.supervisor, domain, [ours], on=ON)
    other_root = Organization.objects.create(name="另一县人民政府", kind=county.orgs["yyx"].kind, sort_order=900,
                                             credit_code=credit_code_for(900001))
    theirs = Organization.objects.create(name="另一县教育局", kind=ours.kind, parent=other_root, sort_order=910,
                                         credit_code=credit_code_for(900002))
    services.assign(user_with_role(other_root, Role.SUPERVISOR, username="other_gkb"), domain, [theirs], on=ON)
    SiteProfile.objects.create(name="沂源县人民政府", root_organization=county.orgs["yyx"])

    index = client.get(reverse("standards:index")).content.decode()
    assert ours.name in index and "另一县教育局" not in index
    assert client.get(reverse("standards:unit", args=[ours.pk])).status_code == 200
    assert client.get(reverse("standards:unit", args=[theirs.pk])).status_code == 404


def test_the_english_unit_catalog_heads_its_matters_matter(county, client):
    """The 事项 column read "Event" in English (another app's catalog translates 事项 so)."""
    from django.utils import translation

    unit = county.orgs["jytyj"]
    services.assign(county.supervisor, Domain.objects.get(name="义务教育"), [unit], on=ON)
    client.force_login(county.supervisor)
    with translation.override("en"):
        url = reverse("standards_staff:unit", args=[unit.pk])
    page = client.get(url).content.decode()
    assert '<th scope="col">Matter</th>' in page and ">Event<" not in page
