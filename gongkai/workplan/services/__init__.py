"""Work plan services: one function per verb. Each checks permission, changes data in one transaction,
writes the audit log and raises ActionRefused with a reason in Chinese when it refuses.

Other apps, the views and the tests call `gongkai.workplan.services` only; the verbs live in
- `plans.py`: plans, their tasks and the units a task names;
- `importing.py`: the 任务分解表 import;
- `deadlines.py`: deadlines and their occurrences;
- `gongkai.workplan.reporting`: progress reports and overdue flags.
"""

from gongkai.workplan.reporting import flag_overdue, overdue_occurrences, review_report, submit_report
from gongkai.workplan.services.common import MAX_TEXT, require
from gongkai.workplan.services.deadlines import (
    add_deadline,
    clean_deadline,
    confirm_all,
    confirm_deadline,
    delete_deadline,
    recurrence_window,
    sync_occurrences,
)
from gongkai.workplan.services.importing import ImportReport, import_rows
from gongkai.workplan.services.plans import (
    PLAN_FIELDS,
    county_root,
    create_plan,
    default_aliases,
    matcher_for,
    set_units,
    update_plan,
    update_task,
)

__all__ = [
    "MAX_TEXT", "PLAN_FIELDS", "ImportReport", "add_deadline", "clean_deadline", "confirm_all", "confirm_deadline",
    "county_root", "create_plan", "default_aliases", "delete_deadline", "flag_overdue", "import_rows",
    "matcher_for", "overdue_occurrences", "recurrence_window", "require", "review_report", "set_units",
    "submit_report", "sync_occurrences", "update_plan", "update_task",
]
