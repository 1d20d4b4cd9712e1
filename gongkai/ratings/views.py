"""Public 好差评 figures (/hcp/): per month, each department's counts by level and 好评率 as a table and a
chart drawn from the same numbers, and the 差评 with their 整改 (no personal data)."""

import datetime as dt

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from gongkai.ratings import services
from gongkai.ratings.models import Level


@require_safe
def index(request, year: int | None = None, month: int | None = None):
    months = services.months()
    if year is None:
        chosen = months[0] if months else None
    else:
        try:
            chosen = dt.date(year, month, 1)
        except (ValueError, OverflowError):  # a month past 12, a year past 9999
            raise Http404 from None
        if chosen not in months:
            raise Http404
    rows, county = services.monthly_rows(chosen) if chosen else ([], None)
    return render(request, "ratings/index.html", {
        "months": months, "month": chosen, "rows": rows, "county": county, "levels": Level.choices,
        "bad": list(services.bad_evaluations(chosen)) if chosen else [],
        "chart_rows": [r for r in rows if r.total],
    })
