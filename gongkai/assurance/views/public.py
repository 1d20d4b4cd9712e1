"""The public 政务公开负面清单 (/fmqd/)."""

from itertools import groupby

from django.shortcuts import render
from django.views.decorators.http import require_safe

from gongkai.assurance.services.negative import public_entries
from gongkai.core.exemptions import CITATIONS


@require_safe
def negative_list(request):
    entries = list(public_entries().select_related("organization").order_by("basis", "position", "id"))
    order = {value: n for n, value in enumerate(CITATIONS)}
    entries.sort(key=lambda e: (order.get(e.basis, 99), e.position, e.id))
    groups = [(basis, list(rows)) for basis, rows in groupby(entries, key=lambda e: e.get_basis_display())]
    return render(request, "assurance/public/negative_list.html", {"groups": groups, "count": len(entries)})
