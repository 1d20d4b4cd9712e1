"""Standard catalog services: loading the 26 领域, importing a province's or city's catalog (XLSX), the
政务公开办's assignment of domains to units (creating the catalog nodes through gongkai.catalog), a unit's
own 事项 and its 不适用 marks, and coverage (which 事项 have current published items within their 时限).

Permissions: standards.manage (政务公开办, on the county government and every unit below it) loads,
imports and assigns; standards.adjust (单位管理员) adds a unit's own 事项 and marks 事项 不适用; every
staff role reads its own unit's (standards.view). Every change is audited.

The verbs live in one module per concern; this package exports them, so callers keep writing
`from gongkai.standards import services` and `services.assign(...)`:

- common.py: the refusals, the permission check, county_of / can_manage, page purges, a 事项's defaults;
- loading.py: load_builtin, import_catalog;
- assignment.py: assign, unassign, townships (and the catalog nodes an assignment keeps in step);
- adjusting.py: add_own_matter, mark_not_applicable, mark_applicable;
- coverage.py: judge, unit_catalog, coverage_on, coverage_by_unit, overdue_matters and their counts.
"""

from gongkai.standards.services.adjusting import add_own_matter, mark_applicable, mark_not_applicable
from gongkai.standards.services.assignment import assign, townships, unassign
from gongkai.standards.services.common import (
    ASSIGNMENT_FIELDS,
    MATTER_FIELDS,
    ImportRefused,
    StandardsRefused,
    can_manage,
    county_of,
)
from gongkai.standards.services.coverage import (
    Counts,
    MatterCoverage,
    UnitCoverage,
    as_of,
    coverage_by_unit,
    coverage_on,
    judge,
    overdue_matters,
    unit_catalog,
    unit_matters_of,
)
from gongkai.standards.services.loading import import_catalog, load_builtin

__all__ = [
    "ASSIGNMENT_FIELDS", "MATTER_FIELDS", "Counts", "ImportRefused", "MatterCoverage", "StandardsRefused",
    "UnitCoverage", "add_own_matter", "as_of", "assign", "can_manage", "county_of", "coverage_by_unit", "coverage_on",
    "import_catalog", "judge", "load_builtin", "mark_applicable", "mark_not_applicable", "overdue_matters",
    "townships", "unassign", "unit_catalog", "unit_matters_of",
]
