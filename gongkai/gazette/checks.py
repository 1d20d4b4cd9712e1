"""System check: GONGKAI_GAZETTE_ORGANIZATIONS must name existing organizations.

The setting replaces the default publishers (services.publisher_ids); a mistyped 统一社会信用代码 or name
would silently leave no unit able to create, import or publish the 政府公报. Run by `check` and at the
start of every management command that runs checks (runserver, migrate). Skipped when the setting is empty,
when the organizations table does not exist yet or cannot be read (a fresh database before `migrate`), and
when no organization has been entered yet."""

from django.conf import settings
from django.core import checks
from django.db import DatabaseError, transaction
from django.db.models import Q

SETTING = "GONGKAI_GAZETTE_ORGANIZATIONS"


def configured_names() -> list[str]:
    return [n.strip() for n in getattr(settings, SETTING, None) or [] if n and n.strip()]


@checks.register()
def gazette_organizations_exist(app_configs, **kwargs):
    names = configured_names()
    if not names:
        return []
    from gongkai.organizations.models import Organization

    try:
        with transaction.atomic():  # a savepoint: a failed query does not break a surrounding transaction
            if not Organization.objects.exists():
                return []
            found = list(Organization.objects.filter(Q(credit_code__in=names) | Q(name__in=names))
                         .values_list("credit_code", "name"))
    except DatabaseError:  # no table yet (before migrate), or no database at all: nothing to compare with
        return []
    known = {value for pair in found for value in pair}
    unknown = [n for n in names if n not in known]
    if not unknown:
        return []
    listed = ", ".join(unknown)
    hint = (f"Give each unit's 统一社会信用代码 or its full name exactly as on the organizations page, "
            f"comma-separated, or leave {SETTING} empty for the default (the top-level organizations and their "
            "direct …政府办公室). See docs/configuration.md.")
    if len(unknown) == len(names):
        # A warning, not an error: an error would stop every management command that runs checks (the
        # periodic tasks, the task worker, migrate) over a setting only the gazette reads.
        return [checks.Warning(f"{SETTING} names no existing organization ({listed}): no unit can create, "
                               "import or publish the 政府公报.", hint=hint, id="gongkai.gazette.W002")]
    return [checks.Warning(f"{SETTING} names organizations that do not exist ({listed}); only the others can "
                           "publish the 政府公报.", hint=hint, id="gongkai.gazette.W001")]
