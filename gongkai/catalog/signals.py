"""A new organization gets its built-in catalog at once (however it is created: admin, import, demo); an
organization whose kind changes gets the catalog of its new kind (organizations.events.kind_changed, sent by
every save that changes the kind: catalog.kinds.follow_kind)."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from gongkai.catalog.kinds import follow_kind
from gongkai.catalog.services import ensure_catalog
from gongkai.organizations.events import kind_changed
from gongkai.organizations.models import Organization


@receiver(post_save, sender=Organization, dispatch_uid="gongkai_catalog_for_new_organization")
def catalog_for_new_organization(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        ensure_catalog(instance)


@receiver(kind_changed, sender=Organization, dispatch_uid="gongkai_catalog_follows_kind")
def catalog_follows_kind(sender, organization, previous_kind, actor=None, request=None, **kwargs) -> str:
    """The staff's note on what changed in the catalog ("" when nothing did)."""
    return follow_kind(organization, previous_kind=previous_kind, actor=actor, request=request).note()
