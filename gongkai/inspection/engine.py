"""One inspection run: every available rule over every active unit, hits turned into findings, findings
followed from run to run, and a score per unit.

Reconciling (docs/inspection.md has the diagram):
- a new problem (unit, rule, subject) → a finding 待整改 (FOUND);
- found again → still open; if it was 已整改待复核 → reopened (REOPENED: 整改未到位);
- a resolved finding found again → reopened (REOPENED: 问题再次出现);
- not found any more → resolved: CONFIRMED when the unit had answered with its 整改, RESOLVED otherwise.
A rule that fails is recorded in the run and its findings are left as they were.
"""

import datetime as dt
import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from gongkai.core.i18n import in_document_language
from gongkai.inspection.models import Finding, FindingEvent, Run, Score, Severity
from gongkai.inspection.rules import AGGREGATES, active_rules
from gongkai.inspection.rules.base import Context, Hit
from gongkai.inspection.scoring import score
from gongkai.inspection.wording import Text, text

logger = logging.getLogger(__name__)
K = FindingEvent.Kind
S = Finding.State


def inspected_organization_ids() -> set[int]:
    from gongkai.organizations.models import Organization

    return set(Organization.objects.filter(is_active=True).values_list("pk", flat=True))


@transaction.atomic
@in_document_language  # findings are records: `title` is said in the site's language, `title_message` in any
def run(trigger: str = Run.Trigger.MANUAL, actor=None, today: dt.date | None = None, rules=None,
        organization_ids=None, record: Run | None = None) -> Run:
    """Run the rules; `record` is a run queued earlier (services.run_now, enqueue_scheduled_run)."""
    today = today or (record.checked_on if record else timezone.localdate())
    organization_ids = set(organization_ids) if organization_ids is not None else inspected_organization_ids()
    if record is None:
        record = Run.objects.create(trigger=trigger, checked_on=today, triggered_by=actor)
    context = Context(today=today, organization_ids=organization_ids)
    rules = active_rules() if rules is None else rules
    hits: dict[str, list[Hit]] = {}
    for rule in rules:
        try:
            with transaction.atomic():
                hits[rule.code] = list(rule.check(context))
        except Exception as exc:  # one failing rule must not stop the others
            logger.exception("inspection rule %s failed", rule.code)
            record.errors[rule.code] = f"{type(exc).__name__}: {exc}"[:500]
    for aggregate in AGGREGATES:
        if all(code in hits for code in aggregate.counts):
            hits[aggregate.code] = aggregate.aggregate(hits)
    definitions = {rule.code: rule for rule in [*rules, *AGGREGATES]}
    counts = _reconcile(record, hits, definitions, organization_ids)
    _score(record, organization_ids)
    record.rules = sorted(hits)
    record.counts = counts | {"open": Finding.objects.filter(organization_id__in=organization_ids)
                              .exclude(state=S.RESOLVED).count()}
    record.finished_at = timezone.now()
    record.save()
    return record


def _reconcile(record: Run, hits: dict[str, list[Hit]], definitions: dict, organization_ids: set[int]) -> dict:
    now = timezone.now()
    counts = {"new": 0, "reopened": 0, "resolved": 0, "confirmed": 0}
    existing = {(f.organization_id, f.rule, f.subject): f
                for f in Finding.objects.filter(rule__in=list(hits), organization_id__in=organization_ids)}
    seen = set()
    for code, rule_hits in hits.items():
        rule = definitions[code]
        for hit in rule_hits:
            key = (hit.organization_id, code, hit.subject[:200])
            if key in seen:
                continue
            seen.add(key)
            severity = rule.severity if hit.severity is None else hit.severity
            points = rule.points if hit.points is None else hit.points
            message = hit.title.as_json() if isinstance(hit.title, Text) else {}
            title = str(hit.title)[:300]
            values = {"title": title, "title_message": message, "evidence": hit.evidence, "severity": severity,
                      "points": points if severity != Severity.VETO else 0, "indicator": rule.indicator,
                      "last_seen_at": now, "last_seen_run": record}
            finding = existing.get(key)
            if finding is None:
                finding = Finding.objects.create(organization_id=hit.organization_id, rule=code, subject=key[2],
                                                 first_seen_at=now, first_seen_run=record, **values)
                FindingEvent.objects.create(finding=finding, kind=K.FOUND, run=record, text=title, text_message=message)
                counts["new"] += 1
                continue
            reopen = finding.state != S.OPEN
            if reopen:
                why = text(gettext_noop("整改后复检，问题仍然存在。") if finding.state == S.RECTIFIED
                           else gettext_noop("问题再次出现。"))
                FindingEvent.objects.create(finding=finding, kind=K.REOPENED, run=record, text=str(why),
                                            text_message=why.as_json())
                values.update(state=S.OPEN, resolved_at=None, reopened_count=finding.reopened_count + 1)
                counts["reopened"] += 1
            Finding.objects.filter(pk=finding.pk).update(**values)
    for key, finding in existing.items():
        if key in seen or finding.state == S.RESOLVED:
            continue
        confirmed = finding.state == S.RECTIFIED
        Finding.objects.filter(pk=finding.pk).update(state=S.RESOLVED, resolved_at=now)
        FindingEvent.objects.create(finding=finding, kind=K.CONFIRMED if confirmed else K.RESOLVED, run=record)
        counts["confirmed" if confirmed else "resolved"] += 1
    return counts


def _score(record: Run, organization_ids: set[int]) -> None:
    open_findings: dict[int, list[Finding]] = {org_id: [] for org_id in organization_ids}
    for finding in Finding.objects.filter(organization_id__in=organization_ids).exclude(state=S.RESOLVED):
        open_findings[finding.organization_id].append(finding)
    Score.objects.bulk_create([
        Score(run=record, organization_id=org_id, score=result.score, deductions=result.deductions,
              vetoed=result.vetoed, qualified=result.qualified, findings=result.findings)
        for org_id, findings in open_findings.items() for result in [score(findings)]
    ])
