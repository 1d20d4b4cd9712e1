"""Standards' shared pieces: the refusals, the permission check, who runs the county's standards, the
public pages to refresh, and a 事项's default values."""

from django.db import transaction

from gongkai.accounts.permissions import has_perm
from gongkai.core import pagecache
from gongkai.core.services import ActionRefused
from gongkai.organizations.models import Organization
from gongkai.standards import rules
from gongkai.standards.choices import Audience, Mode
from gongkai.standards.xlsx import RowProblem

MATTER_FIELDS = ["level1", "level2", "content", "basis", "deadline_text", "subject", "channels", "audience", "mode",
                 "county_level", "township_level"]
ASSIGNMENT_FIELDS = ["domain", "organization", "assigned_on"]


class StandardsRefused(ActionRefused):
    pass


class ImportRefused(StandardsRefused):
    """The import found problems; `problems` lists them by sheet, row and column. Nothing was imported."""

    def __init__(self, reason: str, problems: list[RowProblem]):
        super().__init__(reason)
        self.problems = problems


def require(actor, perm: str, organization_id: int | None, reason: str) -> None:
    if not has_perm(actor, perm, organization_id):
        raise StandardsRefused(reason)


def county_of(actor) -> Organization | None:
    """The top organization on which `actor` holds standards.manage (the county the 政务公开办 runs)."""
    from gongkai.accounts.permissions import organization_ids_with

    ids = organization_ids_with(actor, "standards.manage")
    if not ids:
        return None
    # The top of the subtree: the one whose parent is not itself managed (NULL parents sort differently by database).
    tops = Organization.objects.filter(pk__in=ids).exclude(parent_id__in=ids)
    return tops.order_by("sort_order", "id").first()


def can_manage(actor) -> bool:
    from gongkai.accounts.permissions import organization_ids_with

    return bool(organization_ids_with(actor, "standards.manage"))


def purge_public(organization_ids=()) -> None:
    from django.urls import reverse

    paths = ["/", reverse("standards:index")] + [reverse("standards:unit", args=[pk]) for pk in organization_ids]
    transaction.on_commit(lambda: pagecache.purge(paths, [reverse("standards:index")]))


def matter_defaults(values: dict) -> dict:
    result = {key: values.get(key, "") for key in ("content", "basis", "deadline_text", "subject", "channels")}
    result["audience"] = values.get("audience") or Audience.ALL
    result["mode"] = values.get("mode") or Mode.PROACTIVE
    result["county_level"] = values.get("county_level", True)
    result["township_level"] = values.get("township_level", True)
    result["deadline"] = rules.parse_deadline(result["deadline_text"])
    return result
