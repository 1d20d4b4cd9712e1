"""Subscriptions record the site they were made on (several counties hosted on one platform, a site profile
each), so that a subscription reaches only what its site shows.

Existing rows did not record it; they are given the site they most likely came from:

- a unit (`unit`, a 涉企政策 unit), a catalog column (`catalog_node`) or a saved search filtered on a unit
  (`org`) or column (`node`): the site whose organizations include that unit (when sites nest, a province
  over its counties, the one whose root is nearest the unit — the county's own site);
- everything else (a whole kind, a 主题分类, a search without such a filter), and a unit no site shows: the
  default site (the profile with an empty host name, else the first one). Before this change such a
  subscription reached every site's items; from now on it reaches the default site's.
- Without any site profile (a single-site install) the site stays empty: such a subscription reaches every
  organization, as that one site shows every organization.
"""

import django.db.models.deletion
from django.db import migrations, models


def _as_id(value):
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None


def record_sites(apps, schema_editor):
    SiteProfile = apps.get_model("portal", "SiteProfile")
    Subscription = apps.get_model("subscriptions", "Subscription")
    Organization = apps.get_model("organizations", "Organization")
    CatalogNode = apps.get_model("catalog", "CatalogNode")

    profiles = list(SiteProfile.objects.order_by("id"))
    if not profiles:
        return
    default = next((p for p in profiles if p.host == ""), profiles[0])
    site_by_root = {}
    for profile in profiles:  # a root shared by two hosts: the default site, else the first profile
        if profile.root_organization_id not in site_by_root or profile.pk == default.pk:
            site_by_root[profile.root_organization_id] = profile
    parents = dict(Organization.objects.values_list("id", "parent_id"))
    node_orgs = dict(CatalogNode.objects.values_list("id", "organization_id"))

    def site_of(organization_id):
        """The nearest site at or above the organization (None: no site shows it)."""
        seen = set()
        while organization_id is not None and organization_id not in seen:
            if organization_id in site_by_root:
                return site_by_root[organization_id]
            seen.add(organization_id)
            organization_id = parents.get(organization_id)
        return None

    for subscription in Subscription.objects.filter(site__isnull=True).iterator():
        query = subscription.query if isinstance(subscription.query, dict) else {}
        organization_id = None
        if subscription.kind in ("unit", "enterprise_policies") and subscription.key:
            organization_id = _as_id(subscription.key)
        elif subscription.kind == "catalog_node" and subscription.key:
            organization_id = node_orgs.get(_as_id(subscription.key))
        elif query.get("org"):
            organization_id = _as_id(query["org"])
        elif query.get("node"):
            organization_id = node_orgs.get(_as_id(query["node"]))
        site = site_of(organization_id) if organization_id in parents else None
        Subscription.objects.filter(pk=subscription.pk).update(site=site or default)


class Migration(migrations.Migration):

    dependencies = [
        ("catalog", "0002_node_publication_rule"),
        ("organizations", "0003_party_kind"),
        ("portal", "0003_data_use_statement"),
        ("subscriptions", "0003_field_verbose_names"),
    ]

    operations = [
        migrations.AddField(
            model_name="subscription",
            name="site",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT,
                                    related_name="+", to="portal.siteprofile", verbose_name="订阅网站"),
        ),
        migrations.RunPython(record_sites, migrations.RunPython.noop),
    ]
