"""A seeded site for the rule tests: a county government, a department and a township whose every column is
filled with fresh information — then the problems each test names, so the findings are exactly known."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.catalog.models import CatalogNode, Section
from gongkai.catalog.services import ensure_catalog, node_by_key
from gongkai.organizations.factories import OrganizationFactory
from gongkai.organizations.models import Organization
from gongkai.portal.models import SiteProfile
from gongkai.publishing.choices import State
from gongkai.publishing.models import InformationItem


@dataclass
class Site:
    government: Organization
    department: Organization
    township: Organization
    supervisor: object

    @property
    def units(self) -> list[Organization]:
        return [self.government, self.department, self.township]

    def node(self, org, key) -> CatalogNode:
        return node_by_key(org, key)


def item(org, nodes, days_ago: float = 1, formed_days_ago: float | None = None, **fields) -> InformationItem:
    """A live item published `days_ago` days ago (straight into the table: the rules read data, not workflow)."""
    published = timezone.now() - dt.timedelta(days=days_ago)
    formed = timezone.localdate(published) - dt.timedelta(days=formed_days_ago or 0) if formed_days_ago is not None \
        else timezone.localdate(published)
    created = InformationItem.objects.create(
        organization=org, title=fields.pop("title", f"{org.name}第{InformationItem.objects.count() + 1}条信息"),
        formed_on=formed, published_at=published, state=State.PUBLISHED, body=fields.pop("body", "<p>正文</p>"),
        **fields)
    created.catalog_nodes.set(nodes)
    return created


def fill(org) -> None:
    """One fresh item in every leaf node (the 指南 is generated, it needs none)."""
    nodes = list(CatalogNode.objects.filter(organization=org))
    parents = {n.parent_id for n in nodes}
    for node in nodes:
        if node.id not in parents and node.section != Section.GUIDE:
            item(org, [node], days_ago=1)


def publish_last_annual_report(org) -> None:
    """条例第四十九条: last year's report, published in time (straight into the reports app's table)."""
    from django.apps import apps

    if not apps.is_installed("gongkai.reports"):
        return
    from gongkai.reports.models import AnnualReport

    year = timezone.localdate().year - 1
    AnnualReport.objects.create(organization=org, year=year, state=AnnualReport.State.PUBLISHED,
                                published_on=dt.date(year + 1, 1, 20))


def build_site(settings) -> Site:
    # 政策解读 are required for 规划信息 only here, so the filled 规范性文件 columns need none.
    settings.GONGKAI_INTERPRETATION_REQUIRED_NODES = ["art20.3"]
    government = OrganizationFactory(kind=Organization.Kind.PEOPLE_GOVERNMENT, name="测试县人民政府", short_name="县政府")
    department = OrganizationFactory(parent=government, name="测试县教育和体育局", short_name="县教体局")
    township = OrganizationFactory(parent=government, kind=Organization.Kind.TOWNSHIP, name="测试县东里镇人民政府",
                                   short_name="东里镇")
    for org in (government, department, township):
        ensure_catalog(org)
        fill(org)
        publish_last_annual_report(org)
    SiteProfile.objects.create(host="", name="测试县人民政府", root_organization=government)
    return Site(government, department, township, user_with_role(government, Role.SUPERVISOR, username="gkb"))


def clear(node) -> None:
    """Empty a node (its items moved out of it)."""
    for linked in node.items.all():
        linked.catalog_nodes.remove(node)
