"""The 形成或变更日期 an item may carry: not after today (information not yet formed cannot be published
by the 条例第二十六条 clock) and not absurdly early (before 1949-10-01 no document of a people's government
was formed). Checked by the item form, the spreadsheet import, the JSONL import and the services, so no
path stores a date the working-day calendar cannot count from."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

EARLIEST_FORMED_ON = dt.date(1949, 10, 1)


def formed_on_problem(day: dt.date | None, label: str | None = None) -> str:
    """The reason `day` cannot be an item's 形成或变更日期 (or a date it is taken from), or ""."""
    if day is None:
        return ""
    label = label or _("形成或变更日期")
    today = timezone.localdate()
    if day > today:
        return _("%(label)s %(day)s 晚于今天（%(today)s），请核对。") % {
            "label": label, "day": day.isoformat(), "today": today.isoformat()}
    if day < EARLIEST_FORMED_ON:
        return _("%(label)s %(day)s 早于 1949年10月1日，请核对。") % {"label": label, "day": day.isoformat()}
    return ""
