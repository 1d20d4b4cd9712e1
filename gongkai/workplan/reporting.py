"""Progress reports (a responsible unit reports; the 政务公开办 accepts or returns) and overdue occurrences
(flagged once to the unit and the supervisor). Called through `gongkai.workplan.services`."""

import datetime as dt
import hashlib
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import URLValidator
from django.db import transaction
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import has_perm
from gongkai.audit.services import record, snapshot
from gongkai.core.files import save_file
from gongkai.core.services import ActionRefused
from gongkai.core.uploads import check_upload
from gongkai.publishing.models import InformationItem
from gongkai.workplan.checks import plain, unpersonal
from gongkai.workplan.choices import DeadlineKind, EvidenceKind, Progress, ReportState, Role
from gongkai.workplan.models import Evidence, Occurrence, ProgressReport, Responsibility, Task

MAX_REPORT_TEXT = 4000
MAX_EVIDENCE = 10
REPORT_FIELDS = ["task", "organization", "occurrence", "text", "percent", "status", "state", "review_comment"]
_LANGUAGE_PREFIX = re.compile(r"^/(?:en|zh-hans)(?=/)")


def _platform_item(url: str) -> InformationItem | None:
    """The item a link to this platform's item page points at (/xxgk/items/12/), or None. A full address
    counts only on this site's own hosts (ALLOWED_HOSTS, the site profile's host): the same path on another
    site (https://evil.example/xxgk/items/12/) is that site's page, kept as a plain web address."""
    from urllib.parse import urlsplit

    from gongkai.inspection.linkcheck import internal_hosts, is_internal

    parts = urlsplit(url)
    if parts.netloc and (parts.scheme not in ("http", "https") or not is_internal(url, internal_hosts())):
        return None
    path = _LANGUAGE_PREFIX.sub("", parts.path or "")
    if not path.startswith("/"):
        return None
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.view_name in ("portal:item", "portal:item_print"):
        return InformationItem.objects.filter(pk=match.kwargs.get("item_id")).first()
    return None


def _clean_report(task: Task, organization, data: dict) -> dict:
    text = (data.get("text") or "").strip()
    if not text:
        raise ActionRefused(_("请填写进展情况。"))
    if len(text) > MAX_REPORT_TEXT:
        raise ActionRefused(_("进展情况不能超过%(n)d字。") % {"n": MAX_REPORT_TEXT})
    unpersonal(plain(text, _("进展情况")), _("进展情况"))
    status = data.get("status")
    if status not in Progress.values:
        raise ActionRefused(_("请选择状态。"))
    try:
        percent = int(data.get("percent"))
    except (TypeError, ValueError) as exc:
        raise ActionRefused(_("完成进度须为0至100之间的整数。")) from exc
    if not 0 <= percent <= 100:
        raise ActionRefused(_("完成进度须为0至100之间的整数。"))
    if status == Progress.DONE and percent != 100:
        raise ActionRefused(_("状态为“已完成”时，完成进度须为100%。"))
    if status == Progress.NOT_STARTED and percent != 0:
        raise ActionRefused(_("状态为“未开始”时，完成进度须为0%。"))
    occurrence = data.get("occurrence")
    if occurrence is not None and occurrence.deadline.task_id != task.pk:
        raise ActionRefused(_("所选期次不属于该项任务。"))
    if occurrence is not None and occurrence.is_superseded:
        raise ActionRefused(_("所选期次的完成时限已修改，请选择现行的期次。"))
    if occurrence is not None and occurrence.deadline.kind == DeadlineKind.ONCE and status == Progress.ONGOING:
        raise ActionRefused(_("限期完成的任务须报送“推进中”或“已完成”，“持续推进”不能作为按期完成。"))
    return {"text": text, "status": status, "percent": percent, "occurrence": occurrence}


@transaction.atomic
def submit_report(actor, task: Task, organization, data: dict, items=(), urls=(), files=(),
                  request=None) -> ProgressReport:
    """A responsible unit's report on one of its requirements, with evidence: items published on the
    platform, web addresses, and files (checked like every upload)."""
    if not has_perm(actor, "workplan.report", organization.id):
        raise ActionRefused(_("您没有为该单位报送进展的权限（仅限本单位信息员、审核员、单位管理员）。"))
    if task.children.exists():
        raise ActionRefused(_("请在具体要求上报送进展；上级任务的进度由下级任务汇总。"))
    if not Responsibility.objects.filter(task=task, organization=organization).exists():
        raise ActionRefused(_("该单位不是这项任务的责任单位，不能报送进展。"))
    values = _clean_report(task, organization, data)
    items, links = list(dict.fromkeys(items)), []
    validate = URLValidator(schemes=["http", "https"])
    for url in [u.strip() for u in urls if u and u.strip()]:
        found = _platform_item(url)
        if found is not None:
            items.append(found)
            continue
        try:
            validate(url)
        except ValidationError as exc:
            raise ActionRefused(_("“%(url)s”不是有效的网址（须以 http:// 或 https:// 开头）。") % {"url": url[:100]}) from exc
        if len(url) > 500:
            raise ActionRefused(_("网址不能超过500个字符。"))
        links.append(url)
    live = set(InformationItem.objects.live().filter(pk__in=[i.pk for i in items]).values_list("pk", flat=True))
    for item in items:
        if item.pk not in live:
            raise ActionRefused(_("《%(title)s》不是已公开的信息，不能作为佐证。") % {"title": item.title[:60]})
    files = [f for f in files if f]
    if len(set(items)) + len(links) + len(files) > MAX_EVIDENCE:
        raise ActionRefused(_("每份进展报告最多附%(n)d项佐证材料。") % {"n": MAX_EVIDENCE})
    checked = []
    for upload in files:
        try:
            checked.append((upload, check_upload(upload)))
        except ValidationError as exc:
            raise ActionRefused(" ".join(exc.messages)) from exc
    report = ProgressReport.objects.create(task=task, organization=organization, submitted_by=actor, **values)
    # Nothing is half-saved: the rows roll back, and the files go with them (gongkai.core.files).
    _add_evidence(report, list(dict.fromkeys(items)), links, checked)
    record(actor, "workplan.submit_report", report, organization=organization,
           after=snapshot(report, REPORT_FIELDS) | {"evidence": report.evidence.count()}, request=request)
    return report


def _add_evidence(report, items, links, checked) -> None:
    position = 0
    for item in items:
        Evidence.objects.create(report=report, kind=EvidenceKind.ITEM, item=item, position=position)
        position += 1
    for url in links:
        Evidence.objects.create(report=report, kind=EvidenceKind.URL, url=url, position=position)
        position += 1
    for upload, info in checked:
        upload.seek(0)
        content = upload.read()
        evidence = Evidence(report=report, kind=EvidenceKind.FILE, original_name=info.name,
                            content_type=info.content_type, size=info.size,
                            sha256=hashlib.sha256(content).hexdigest(), position=position)
        save_file(evidence.file, info.name, ContentFile(content))
        evidence.save()
        position += 1


@transaction.atomic
def review_report(actor, report: ProgressReport, accept: bool, comment: str = "", request=None) -> ProgressReport:
    report = ProgressReport.objects.select_for_update().select_related("task__plan__organization").get(pk=report.pk)
    if not has_perm(actor, "workplan.review", report.task.plan.organization_id):
        raise ActionRefused(_("您没有审核进展报告的权限（仅限政务公开办）。"))
    if report.state != ReportState.SUBMITTED:
        raise ActionRefused(_("该报告已审核（%(state)s），不能重复审核。") % {"state": report.get_state_display()})
    comment = (comment or "").strip()
    if not accept and not comment:
        raise ActionRefused(_("退回时请填写审核意见，说明需要补充或更正的内容。"))
    if len(comment) > 2000:
        raise ActionRefused(_("审核意见不能超过2000字。"))
    plain(comment, _("审核意见"))
    before = snapshot(report, REPORT_FIELDS)
    report.state = ReportState.ACCEPTED if accept else ReportState.RETURNED
    report.review_comment, report.reviewed_by, report.reviewed_at = comment, actor, timezone.now()
    report.save()
    record(actor, "workplan.accept_report" if accept else "workplan.return_report", report,
           organization=report.organization, before=before, after=snapshot(report, REPORT_FIELDS), request=request)
    if not accept:
        from gongkai.workplan.todo import notify_returned

        notify_returned(report)
    return report


# --- overdue occurrences ---------------------------------------------------------------------------


@dataclass
class OverdueOccurrence:
    occurrence: Occurrence
    task: Task
    pending: list  # organizations (counted units) that have not reported it done

    @property
    def days(self) -> int:
        return (timezone.localdate() - self.occurrence.due_on).days


def _satisfied(occurrence: Occurrence, report: ProgressReport) -> bool:
    """Whether an accepted report settles the occurrence. A 限期 deadline is met only when the unit reports
    it 已完成 (on that deadline, or on the task as a whole); a 定期 period also by 持续推进 on that period
    (the recurring work goes on: each period is reported as it passes)."""
    if report.state != ReportState.ACCEPTED:
        return False
    if occurrence.deadline.kind == DeadlineKind.ONCE:
        return report.status == Progress.DONE and (
            report.occurrence_id is None or report.occurrence.deadline_id == occurrence.deadline_id)
    return report.status in (Progress.DONE, Progress.ONGOING) and report.occurrence_id == occurrence.pk


def overdue_occurrences(today: dt.date | None = None, organization_ids=None, plan=None) -> list[OverdueOccurrence]:
    """Occurrences past their due date that a counted unit (the leads, or every responsible unit when
    there is no lead) has not settled in an accepted report (`_satisfied`); superseded ones are skipped. `organization_ids` keeps those
    pending for one of these units."""
    today = today or timezone.localdate()
    occurrences = (Occurrence.objects.filter(due_on__lt=today, deadline__confirmed_at__isnull=False)
                   .select_related("deadline__task__plan").order_by("due_on", "id"))
    if plan is not None:
        occurrences = occurrences.filter(deadline__task__plan=plan)
    # A corrected deadline's former dates are kept for the reports made against them, but are no longer due.
    occurrences = [o for o in occurrences if not o.is_superseded]
    task_ids = {o.deadline.task_id for o in occurrences}
    units: dict[int, list] = {}
    for resp in Responsibility.objects.filter(task_id__in=task_ids).select_related("organization"):
        units.setdefault(resp.task_id, []).append(resp)
    reports: dict[int, list[ProgressReport]] = {}
    for report in (ProgressReport.objects.filter(task_id__in=task_ids, state=ReportState.ACCEPTED)
                   .select_related("occurrence")):
        reports.setdefault(report.task_id, []).append(report)
    result = []
    for occurrence in occurrences:
        task = occurrence.deadline.task
        responsible = units.get(task.id, [])
        counted = [r.organization for r in responsible if r.role == Role.LEAD] or [r.organization for r in responsible]
        done = {r.organization_id for r in reports.get(task.id, []) if _satisfied(occurrence, r)}
        pending = [org for org in counted if org.pk not in done]
        if organization_ids is not None:
            pending = [org for org in pending if org.pk in organization_ids]
        if pending:
            result.append(OverdueOccurrence(occurrence, task, pending))
    return result


def flag_overdue(today: dt.date | None = None) -> int:
    """Periodic job: flag each newly overdue occurrence once (audit log, e-mail to the pending units'
    staff and the 政务公开办). Returns the number flagged."""
    from gongkai.workplan.tasks import send_overdue_notice

    flagged = 0
    for entry in overdue_occurrences(today):
        if entry.occurrence.flagged_at is not None:
            continue
        with transaction.atomic():
            updated = Occurrence.objects.filter(pk=entry.occurrence.pk, flagged_at__isnull=True).update(
                flagged_at=timezone.now())
            if not updated:
                continue
            for org in entry.pending:
                record(None, "workplan.overdue", entry.task, organization=org,
                       note=_("“%(task)s”%(label)s的任务已逾期（到期日%(due)s）。") % {
                           "task": entry.task.text[:40], "label": entry.occurrence.display_label,
                           "due": entry.occurrence.due_on.isoformat()})
            args = (entry.occurrence.pk, (today or timezone.localdate()).isoformat())
            transaction.on_commit(lambda args=args: send_overdue_notice.enqueue(*args))
        flagged += 1
    return flagged
