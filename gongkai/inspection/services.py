"""Inspection services: run the checks (on demand or on schedule), answer a finding with its 整改, issue a
通报 and publish it, and the read-side data of the dashboards. One function per verb; refusals raise
ActionRefused with a reason in Chinese; every staff action is audited."""

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import has_perm, organization_ids_with
from gongkai.audit.services import record
from gongkai.core.forms import is_plain_text, plain_text_message
from gongkai.core.i18n import in_document_language
from gongkai.core.ranking import competition_ranks, tied_ranks
from gongkai.core.services import ActionRefused
from gongkai.inspection import engine, notices
from gongkai.inspection.models import Finding, FindingEvent, Notice, Run, Score
from gongkai.organizations.tree import descendant_ids

MAX_TEXT = 2000
NOTICE_KEY = "inspection.notice"
RUN_FAILED = "_run"  # the key of Run.errors for a run that failed as a whole
logger = logging.getLogger(__name__)


# --- runs ------------------------------------------------------------------------------------------


# A queued run not finished after this long failed (its task raised): it no longer blocks a new run.
STALE_RUN = dt.timedelta(hours=1)


def running():
    return Run.objects.filter(finished_at__isnull=True, started_at__gte=timezone.now() - STALE_RUN)


def _queue(run: Run) -> None:
    from gongkai.inspection.tasks import run_inspection

    transaction.on_commit(lambda: run_inspection.enqueue(run.pk))


@transaction.atomic
def run_now(actor, request=None) -> Run:
    """Queue a run for the 政务公开办 (the immediate backend runs it once the request's transaction commits)."""
    if not organization_ids_with(actor, "inspection.run"):
        raise ActionRefused(_("只有政务公开办可以发起检查。"))
    if running().filter(trigger=Run.Trigger.MANUAL).exists():
        raise ActionRefused(_("已有一次检查正在进行，请稍后查看结果。"))
    queued = Run.objects.create(trigger=Run.Trigger.MANUAL, checked_on=timezone.localdate(), triggered_by=actor)
    record(actor, "inspection.run", queued, request=request)
    _queue(queued)
    return queued


def run_checks(trigger: str = Run.Trigger.MANUAL, actor=None, today: dt.date | None = None,
               record: Run | None = None) -> Run:
    """Run every available rule now, in this process (the task and `gongkai run_inspection --now` use it).
    A run that fails as a whole (not one rule: the engine records those) is rolled back and kept finished
    with the error under RUN_FAILED, so it blocks no new run and the dashboard says it failed."""
    if record is None:
        record = Run.objects.create(trigger=trigger, checked_on=today or timezone.localdate(), triggered_by=actor)
    try:
        return engine.run(trigger=trigger, actor=actor, today=today, record=record)
    except Exception as exc:
        logger.exception("inspection run %s failed", record.pk)
        record.rules, record.counts = [], {}
        record.errors = {RUN_FAILED: f"{type(exc).__name__}: {exc}"[:500]}
        record.finished_at = timezone.now()
        record.save(update_fields=["rules", "counts", "errors", "finished_at"])
        return record


@transaction.atomic
def enqueue_scheduled_run() -> int:
    """Periodic job (gongkai run_periodic): one scheduled run a day, created when queued so that later calls
    the same day see it. Returns 1 when one was queued."""
    today = timezone.localdate()
    if Run.objects.filter(trigger=Run.Trigger.SCHEDULE, checked_on=today).exists():
        return 0
    _queue(Run.objects.create(trigger=Run.Trigger.SCHEDULE, checked_on=today))
    return 1


def latest_run() -> Run | None:
    """The latest run that completed (a failed run scored nothing)."""
    return (Run.objects.filter(finished_at__isnull=False).exclude(errors__has_key=RUN_FAILED)
            .order_by("-finished_at", "-id").first())


def failed_since(run: Run | None) -> Run | None:
    """The latest run that failed as a whole after `run` (None: after none), for the dashboard to say so."""
    failed = Run.objects.filter(finished_at__isnull=False, errors__has_key=RUN_FAILED)
    if run is not None:
        failed = failed.filter(finished_at__gt=run.finished_at)
    return failed.order_by("-finished_at", "-id").first()


# --- 整改 ------------------------------------------------------------------------------------------


@transaction.atomic
def rectify(actor, finding: Finding, text: str, request=None) -> Finding:
    """The unit's answer: what it did. The next run confirms it (problem gone) or reopens the finding."""
    finding = Finding.objects.select_for_update().select_related("organization").get(pk=finding.pk)
    if not has_perm(actor, "inspection.rectify", finding.organization_id):
        raise ActionRefused(_("您没有报送整改情况的权限（仅限本单位审核员、单位管理员）。"))
    if finding.state != Finding.State.OPEN:
        raise ActionRefused(_("该问题当前为“%(state)s”，不需要报送整改情况。") % {"state": finding.get_state_display()})
    text = (text or "").strip()
    if not text:
        raise ActionRefused(_("请填写整改情况（做了什么、何时完成）。"))
    if len(text) > MAX_TEXT:
        raise ActionRefused(_("整改情况不能超过%(n)d字。") % {"n": MAX_TEXT})
    if not is_plain_text(text, bidi=False):
        raise ActionRefused(plain_text_message(_("整改情况")))
    finding.state = Finding.State.RECTIFIED
    finding.save(update_fields=["state"])
    FindingEvent.objects.create(finding=finding, kind=FindingEvent.Kind.RECTIFIED, actor=actor, text=text)
    record(actor, "inspection.rectify", finding, organization=finding.organization,
           before={"state": Finding.State.OPEN}, after={"state": finding.state, "text": text}, request=request)
    return finding


# --- 通报 ------------------------------------------------------------------------------------------


def notice_defaults(on: dt.date) -> dict:
    quarter = (on.month - 1) // 3 + 1
    return {
        "title": _("关于%(year)d年第%(q)d季度政务公开检查情况的通报") % {"year": on.year, "q": quarter},
        "intro": _("根据《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）和《中华人民共和国政府信息公开条例》，"
                   "县政务公开办对各单位政务公开工作进行了检查，现将有关情况通报如下。"),
        "requirements": _("各单位要对照问题清单逐项整改，于10个工作日内在政务公开平台“检查指标”中报送整改情况；"
                          "县政务公开办将在下次检查时复核整改情况，整改不到位的继续通报，并纳入年度绩效考核。"),
    }


def notice_issuers(user) -> list:
    """The organizations `user` may issue a 通报 for (发文机关): those with units below them, or the top of the
    user's scope (a 通报 covers the organization and the units below it), the county first."""
    from gongkai.organizations.models import Organization

    scope = organization_ids_with(user, "inspection.notice")
    organizations = list(Organization.objects.filter(pk__in=scope))
    parents = set(Organization.objects.filter(parent_id__in=scope).values_list("parent_id", flat=True))
    issuers = [o for o in organizations if o.pk in parents or o.parent_id not in scope]
    return sorted(issuers, key=lambda o: (o.parent_id is not None, o.sort_order, o.pk))


def notice_scope(actor, organization) -> set[int]:
    """The units a 通报 in `organization`'s name covers: the organization and the units below it, within the
    actor's scope (the 发文机关 reports on its own subtree, never on a sibling's)."""
    return organization_ids_with(actor, "inspection.notice") & descendant_ids([organization.id])


def notice_findings(actor, organization):
    """The open findings a 通报 in `organization`'s name lists: what issue_notice takes and the form counts."""
    return (Finding.objects.exclude(state=Finding.State.RESOLVED)
            .filter(organization_id__in=notice_scope(actor, organization)).select_related("organization")
            .order_by("organization__sort_order", "organization_id", "-severity", "rule", "subject"))


def notice_scores(actor, organization, run: Run | None = None):
    """The scores of the latest run a 通报 in `organization`'s name states in 「总体情况」 (notices.overall): its
    units', 党委工作机关 included (counted apart there)."""
    run = run if run is not None else latest_run()
    if run is None:
        return Score.objects.none()
    return (Score.objects.filter(run=run, organization_id__in=notice_scope(actor, organization))
            .select_related("organization"))


def notice_overall(actor, organization) -> str:
    """「一、总体情况」 as a 通报 issued now would state it (in the document's language), for the form."""
    return in_document_language(notices.overall)(notice_scores(actor, organization))


@dataclass
class NoticeUnit:
    organization: object
    open: int
    rectified: int


def notice_preview(actor, organization) -> list[NoticeUnit]:
    """The units a 通报 in `organization`'s name would list, in its order, with their open and rectified
    findings (the form's preview; the same findings as issue_notice)."""
    counts = (notice_findings(actor, organization).order_by().values("organization_id")
              .annotate(n_open=Count("id", filter=Q(state=Finding.State.OPEN)),
                        n_rectified=Count("id", filter=Q(state=Finding.State.RECTIFIED))))
    by_id = {row["organization_id"]: row for row in counts}
    from gongkai.organizations.models import Organization

    units = Organization.objects.filter(pk__in=by_id).order_by("sort_order", "id")
    return [NoticeUnit(o, by_id[o.pk]["n_open"], by_id[o.pk]["n_rectified"]) for o in units]


@transaction.atomic
def issue_notice(actor, organization, data: dict, findings=None, request=None) -> Notice:
    """A 通报 of `findings` (default: notice_findings, every open finding of `organization` and the units below
    it), numbered and rendered as DOCX and PDF by gongkai.letters."""
    from gongkai.letters.services import check_prefix, default_prefix, issue

    if not has_perm(actor, "inspection.notice", organization.id):
        raise ActionRefused(_("只有政务公开办可以发布通报。"))
    title = (data.get("title") or "").strip()
    intro = (data.get("intro") or "").strip()
    requirements = (data.get("requirements") or "").strip()
    if not title or not intro or not requirements:
        raise ActionRefused(_("请填写通报的标题、导语和整改要求。"))
    if len(title) > 200 or len(intro) > MAX_TEXT or len(requirements) > MAX_TEXT:
        raise ActionRefused(_("标题不超过200字，导语和整改要求各不超过%(n)d字。") % {"n": MAX_TEXT})
    if not all(is_plain_text(text) for text in (title, intro, requirements)):  # a 公文 (DOCX XML) cannot hold them
        raise ActionRefused(plain_text_message())
    prefix = (data.get("prefix") or "").strip()
    prefix = check_prefix(prefix) if prefix else default_prefix(organization, "通")
    scope = notice_scope(actor, organization)
    if findings is None:
        findings = notice_findings(actor, organization)
    findings = list(findings.select_related("organization").order_by(
        "organization__sort_order", "organization_id", "-severity", "rule", "subject"))
    if any(f.organization_id not in scope for f in findings):
        raise ActionRefused(_("只能通报本级及下级单位的问题。"))
    if not findings:
        raise ActionRefused(_("没有待整改的问题，无需通报。"))
    run = latest_run()
    notice = Notice.objects.create(organization=organization, title=title, intro=intro, requirements=requirements,
                                   run=run, issued_by=actor)
    notice.findings.set(findings)
    scores = notice_scores(actor, organization, run) if run else []
    on = timezone.localdate()
    letter = notices.build_letter(notice, findings, scores, on)
    notice.document = issue(actor, organization, NOTICE_KEY, letter, prefix, request=request, object_for_audit=notice)
    notice.save(update_fields=["document"])
    FindingEvent.objects.bulk_create([
        FindingEvent(finding=f, kind=FindingEvent.Kind.NOTIFIED, actor=actor, text=notice.document.doc_number)
        for f in findings])
    record(actor, "inspection.issue_notice", notice, organization=organization,
           after={"doc_number": notice.document.doc_number, "findings": len(findings)}, request=request)
    return notice


def notice_file_refusal(user, notice: Notice) -> str:
    """Why `user` may not have the 通报's DOCX and PDF ('' when they may; the caller has checked that they may
    see the 通报). A 通报 lists its issuer's subtree and goes to every unit in it; one marked lists_other_units
    (issued before that rule) is served only to whoever may see every finding it lists."""
    if not notice.lists_other_units:
        return ""
    visible = organization_ids_with(user, "inspection.view")
    if not notice.findings.exclude(organization_id__in=visible).exists():
        return ""
    return _("该通报在通报范围限于发文机关及其下级单位之前生成，文件中含有其他单位的问题，不提供下载；"
             "本单位的问题见通报页面，如需文件请联系政务公开办重新生成通报。")


@transaction.atomic
def publish_notice(actor, notice: Notice, request=None):
    """Put the 通报 into the publishing workflow: a draft item in the issuer's 通知公告 with the PDF attached,
    submitted for review (保密审查 and publication stay with the unit's 审核员)."""
    from gongkai.catalog.services import node_by_key
    from gongkai.publishing import services as publishing

    notice = Notice.objects.select_for_update(of=("self",)).select_related("organization", "document").get(pk=notice.pk)
    if not has_perm(actor, "inspection.notice", notice.organization_id):
        raise ActionRefused(_("只有政务公开办可以公开通报。"))
    if notice.item_id:
        raise ActionRefused(_("该通报已生成公开信息。"))
    if notice.lists_other_units:
        raise ActionRefused(_("该通报在通报范围限于发文机关及其下级单位之前生成，文件中含有发文机关及其下级以外单位的问题，"
                              "不能以发文机关名义公开；请重新生成通报。"))
    if not has_perm(actor, "item.create", notice.organization_id):
        raise ActionRefused(_("您在%(org)s没有信息员岗位，不能生成公开信息；可下载通报后由该单位信息员发布。") % {
            "org": notice.organization.name})
    node = node_by_key(notice.organization, "plan.notices")
    if node is None:
        raise ActionRefused(_("发文机关的公开目录中没有“通知公告”栏目。"))
    from gongkai.letters.render import Letter

    letter = Letter.from_dict(notice.document.content)
    item = publishing.create_item(actor, notice.organization, {
        "title": notice.title, "doc_number": notice.document.doc_number, "formed_on": notice.document.issued_on,
        "written_on": notice.document.issued_on, "body": notices.body_html(letter), "keywords": "政务公开 检查 通报",
    }, [node], request=request)
    pdf = notice.document.pdf.open("rb").read()
    publishing.add_attachment(actor, item, SimpleUploadedFile(notice.document.filename("pdf"), pdf,
                                                              content_type="application/pdf"), request=request)
    item = publishing.submit(actor, item, request=request)
    notice.item = item
    notice.save(update_fields=["item"])
    return item


# --- dashboards ------------------------------------------------------------------------------------


@dataclass
class TrendPoint:
    run: Run
    average: float
    qualified: int
    total: int
    open_findings: int


def ranked_ids(organization_ids) -> set[int]:
    """The units of `organization_ids` the county ranks: those the 条例 reaches. A 党委工作机关 is outside it
    (organizations.is_under_regulation) and not assessed in the county's 政务公开 work (assurance's
    assessed_units): it is checked and scored, shown apart, never ranked nor counted in the county's averages."""
    from gongkai.organizations.models import Organization, under_regulation

    return set(under_regulation(Organization.objects.filter(pk__in=list(organization_ids)))
               .values_list("pk", flat=True))


def trend(organization_ids, runs: int = 12) -> list[TrendPoint]:
    recent = list(Run.objects.filter(finished_at__isnull=False).order_by("-finished_at", "-id")[:runs])
    by_run = defaultdict(list)
    for s in Score.objects.filter(run__in=recent, organization_id__in=ranked_ids(organization_ids)):
        by_run[s.run_id].append(s)
    points = []
    for run in reversed(recent):
        scores = by_run.get(run.pk, [])
        if scores:
            points.append(TrendPoint(run, round(sum(float(s.score) for s in scores) / len(scores), 1),
                                     sum(s.qualified for s in scores), len(scores), sum(s.findings for s in scores)))
    return points


def ranking(run: Run | None, organization_ids) -> list[Score]:
    """The scores of `run` of the ranked units among `organization_ids` (ranked_ids), ranked."""
    if run is None:
        return []
    scores = list(Score.objects.filter(run=run, organization_id__in=ranked_ids(organization_ids))
                  .select_related("organization")
                  .order_by("-qualified", "-score", "organization__sort_order", "organization_id"))
    # 合格 first, then the score: units equal on both share a rank (并列); the unit order only lists them.
    ranks = competition_ranks([(s.qualified, s.score) for s in scores])
    shared = tied_ranks(ranks)
    for score, rank in zip(scores, ranks, strict=True):
        score.rank, score.tied = rank, rank in shared
    return scores


def unranked(run: Run | None, organization_ids) -> list[Score]:
    """The scores of `run` of the units among `organization_ids` the county does not rank (党委工作机关)."""
    if run is None:
        return []
    ranked = ranked_ids(organization_ids)
    return list(Score.objects.filter(run=run, organization_id__in=[i for i in organization_ids if i not in ranked])
                .select_related("organization").order_by("organization__sort_order", "organization_id"))


def unit_history(organization_id: int, runs: int = 12) -> list[Score]:
    return list(reversed(Score.objects.filter(organization_id=organization_id, run__finished_at__isnull=False)
                         .select_related("run").order_by("-run__finished_at", "-run_id")[:runs]))


@dataclass
class YearScore:
    runs: int
    average: Decimal  # the plain average of the unit's scores in the year's runs
    vetoed_runs: int  # runs in which the unit had an open 单项否决

    @property
    def effective(self) -> Decimal:
        """The average with every vetoed run counted as 0 (the 绩效考核's reading of a 单项否决)."""
        if not self.runs:
            return Decimal(0)
        return (self.average * self.runs - self.vetoed_total) / self.runs

    vetoed_total: Decimal = Decimal(0)  # the scores of the vetoed runs, summed


def year_scores(year: int, organization_ids) -> dict[int, YearScore]:
    """For the 绩效考核 (gongkai.assurance): each unit's scores over the finished runs checked in `year`."""
    rows = (Score.objects.filter(run__finished_at__isnull=False, run__checked_on__year=year,
                                 organization_id__in=list(organization_ids))
            .values("organization_id").annotate(n_runs=Count("id"), score_sum=Sum("score"),
                                                n_vetoed=Count("id", filter=Q(vetoed=True)),
                                                vetoed_sum=Sum("score", filter=Q(vetoed=True))))
    return {row["organization_id"]: YearScore(row["n_runs"], (Decimal(row["score_sum"]) / row["n_runs"]),
                                              row["n_vetoed"], Decimal(row["vetoed_sum"] or 0))
            for row in rows}
