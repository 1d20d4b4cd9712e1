"""Inspection's staff URL kwargs for the permission matrix: a finding of unit B, a 通报 naming it."""

from django.utils import timezone

from gongkai.inspection.models import Finding, Notice, Run, Severity


def fillers(unit) -> dict[str, list[int]]:
    run = Run.objects.create(trigger=Run.Trigger.MANUAL, checked_on=timezone.localdate(), finished_at=timezone.now())
    now = timezone.now()
    finding = Finding.objects.create(
        organization=unit.org, rule="empty_nodes", indicator="empty_columns", subject=f"node:{unit.nodes[0].pk}",
        title=f"{unit.org.name}空白栏目", severity=Severity.DEDUCT, points=2, first_seen_at=now, first_seen_run=run,
        last_seen_at=now, last_seen_run=run)
    notice = Notice.objects.create(organization=unit.org, title=f"{unit.org.name}通报", intro="导语",
                                   requirements="整改要求", run=run)
    notice.findings.set([finding])
    return {"finding_id": [finding.pk], "notice_id": [notice.pk]}


def snapshot(unit) -> dict:
    return {
        "findings": list(Finding.objects.filter(organization=unit.org).order_by("pk").values()),
        "notices": list(Notice.objects.filter(organization=unit.org).order_by("pk").values()),
    }
