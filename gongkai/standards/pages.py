"""Purging the stored public pages of the standard catalogs (gongkai.core.pagecache) when an item in one
of a unit's standard-catalog nodes changes: the unit's /bzml/ page shows when each 事项 was last published."""

from django.urls import NoReverseMatch, reverse

from gongkai.core import pagecache


def item_changed(sender, item_id, verb, **kwargs) -> None:
    from gongkai.standards.models import UnitMatter

    organization_ids = set(UnitMatter.objects.filter(node__items__id=item_id)
                           .values_list("assignment__organization_id", flat=True))
    if not organization_ids:
        return
    try:
        paths = [reverse("standards:index")] + [reverse("standards:unit", args=[pk]) for pk in organization_ids]
    except NoReverseMatch:
        return
    pagecache.purge(paths)
