"""Read-only figures for other apps: the annual report's table 2 (`annual_counts`)."""

import datetime as dt

from django.utils import timezone

from gongkai.publishing.choices import Validity
from gongkai.regulations.models import Event, NormativeDocument


def annual_counts(organization_ids, year: int) -> dict[str, int]:
    """Read-only, for the annual report's table 2 (gongkai.reports): the published 规范性文件 whose lead
    制定机关 (else the publishing organization) is one of `organization_ids`, counted for `year`:
    issued (公布日期 in the year), repealed (废止 or 替代 dated in the year), in_force, published (first
    published on the platform in the year) and published_total (published by 31 December).

    in_force: table 2's 现行有效件数 (shared/spec/annual-report.md, `in_force`; 「截至Y年底现行有效」 in
    reports/narrative.py): in force on 31 December — 施行日期 reached (one taking effect in January is 尚未施行
    then), not ended by then (the dated events) and 有效期至 not before it."""
    from django.db.models import Q

    from gongkai.publishing.models import InformationItem

    ids = list(organization_ids)
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    docs = NormativeDocument.objects.filter(
        Q(issuer_links__position=0, issuer_links__organization_id__in=ids)
        | Q(issuer_links__isnull=True, item__organization_id__in=ids),
        item__in=InformationItem.objects.public(),
    ).distinct()
    counts = {"issued": 0, "repealed": 0, "in_force": 0, "published": 0, "published_total": 0}
    events: dict[int, list[tuple[dt.date, int, str]]] = {}
    for event in Event.objects.filter(document__in=docs, on__lte=end).exclude(validity_after=""):
        events.setdefault(event.document_id, []).append((event.on, event.pk, event.validity_after))
    for doc in docs.select_related("item"):
        published_on = timezone.localtime(doc.item.published_at).date() if doc.item.published_at else None
        counts["issued"] += start <= doc.promulgated_on <= end
        if published_on and published_on <= end:
            counts["published_total"] += 1
            counts["published"] += published_on >= start
        history = sorted(events.get(doc.pk, []))
        counts["repealed"] += any(start <= on <= end and after == Validity.REPEALED for on, _pk, after in history)
        validity_at_end = history[-1][2] if history else Validity.VALID
        counts["in_force"] += (doc.effective_from <= end and doc.expires_on >= end
                               and validity_at_end in (Validity.VALID, Validity.AMENDED))
    return counts
