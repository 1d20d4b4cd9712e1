"""Search's staff URL kwargs for the permission matrix: a synonym group (the dictionary is the site's:
no unit role may change it, only the 政务公开办)."""

from gongkai.search.models import SynonymGroup


def fillers(unit) -> dict[str, list[int]]:
    group = SynonymGroup.objects.create(words=f"{unit.org.name}简称 {unit.org.name}全称")
    return {"group_id": [group.pk]}


def snapshot(unit) -> dict:
    return {"synonym_groups": list(SynonymGroup.objects.order_by("pk").values("pk", "words", "note"))}
