"""A new organization gets its built-in catalog at once (however it is created: admin, import, demo)."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from gongkai.catalog.services import ensure_catalog
from gongkai.organizations.models import Organization


@receiver(post_save, sender=Organization, dispatch_uid="gongkai_catalog_for_new_organization")
def catalog_for_new_organization(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        ensure_catalog(instance)
