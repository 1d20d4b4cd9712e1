"""建议提案办理 services: the register (by hand or imported from the congress's list), the 主办 unit's 答复,
the publication of the 复文, and the yearly 办理总体情况 (generated, edited by the unit, published).

Permissions (accounts.permissions): the county office (`proposal.register`, 政务公开办 on the county
government) keeps the register and the county summary; the 主办 unit answers (`proposal.reply`) and its
审核员 or 单位管理员 publishes (`proposal.publish`). Every change is audited.
"""

import datetime as dt
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import has_perm, organization_ids_with
from gongkai.audit.services import record
from gongkai.core import sheets
from gongkai.core.sanitize import html_to_text, sanitize_html
from gongkai.core.services import ActionRefused
from gongkai.organizations.models import Organization
from gongkai.proposals.models import Classification, Kind, Proposal, Summary

MAX_IMPORT_ROWS = 2000
KIND_WORDS = {"人大代表建议": Kind.SUGGESTION, "代表建议": Kind.SUGGESTION, "建议": Kind.SUGGESTION,
              "政协提案": Kind.PROPOSAL, "委员提案": Kind.PROPOSAL, "提案": Kind.PROPOSAL}
# Import columns: header text → field. 「协办单位」「涉及面广」 may be missing.
COLUMNS = {"类别": "kind", "编号": "number", "标题": "title", "代表/委员": "proposers", "提出人": "proposers",
           "主办单位": "lead_unit", "协办单位": "co_units", "交办日期": "assigned_on", "涉及面广": "complex"}
REQUIRED_COLUMNS = ("kind", "number", "title", "proposers", "lead_unit", "assigned_on")
UNIT_SEPARATORS = re.compile(r"[、，,；;\s]+")


def _require(actor, perm: str, organization_id: int | None) -> None:
    if actor is None:  # the demo loader runs as the system
        return
    if not has_perm(actor, perm, organization_id):
        raise ActionRefused(_("您没有权限执行此操作（仅限有相应岗位的人员）。"))


def is_keeper(user) -> bool:
    """Whether the user keeps the register (政务公开办 on the county government: `proposal.register` on the
    units below it)."""
    return bool(organization_ids_with(user, "proposal.register"))


def _require_keeper(actor, lead_unit_ids) -> None:
    if actor is None:
        return
    allowed = organization_ids_with(actor, "proposal.register")
    if not allowed or not set(lead_unit_ids) <= allowed:
        raise ActionRefused(_("建议提案登记册由县政府办公室（政务公开办）维护，您没有该单位的登记权限。"))


def _purge_public(year: int) -> None:
    from gongkai.core import pagecache

    prefix = reverse("proposals:index")
    transaction.on_commit(lambda: pagecache.purge(["/", prefix], [prefix]) if pagecache.enabled() else None)


def _check_values(data: dict) -> dict:
    try:
        year, number = int(data["year"]), int(data["number"])
    except (KeyError, TypeError, ValueError) as exc:
        raise ActionRefused(_("年度和编号须为正整数。")) from exc
    if not (2000 <= year <= 2100) or number < 1:
        raise ActionRefused(_("年度和编号须为正整数。"))
    if data.get("kind") not in Kind.values:
        raise ActionRefused(_("类别须为“人大代表建议”或“政协提案”。"))
    title, proposers = (data.get("title") or "").strip(), (data.get("proposers") or "").strip()
    if not title or not proposers:
        raise ActionRefused(_("请填写标题和代表/委员。"))
    assigned_on = data.get("assigned_on")
    if not isinstance(assigned_on, dt.date):
        raise ActionRefused(_("请填写交办日期。"))
    if assigned_on.year not in (year, year + 1):
        raise ActionRefused(_("交办日期须在该年度内（或次年初）。"))
    lead = data.get("lead_unit")
    if not isinstance(lead, Organization):
        raise ActionRefused(_("请选择主办单位。"))
    co_units = [o for o in data.get("co_units") or [] if o.pk != lead.pk]
    return {"year": year, "kind": data["kind"], "number": number, "title": title[:300], "proposers": proposers[:300],
            "lead_unit": lead, "assigned_on": assigned_on, "complex": bool(data.get("complex")), "co_units": co_units}


def _snapshot(proposal: Proposal) -> dict:
    return {"year": proposal.year, "kind": proposal.kind, "number": proposal.number, "title": proposal.title,
            "proposers": proposal.proposers, "lead_unit": proposal.lead_unit_id,
            "assigned_on": str(proposal.assigned_on), "complex": proposal.complex, "state": proposal.state,
            "classification": proposal.classification, "adopted": proposal.adopted,
            "disclosure": proposal.disclosure, "withheld_reason": proposal.withheld_reason}


def _save_new(values: dict) -> Proposal:
    co_units = values.pop("co_units")
    proposal = Proposal(**values)
    try:
        with transaction.atomic():
            proposal.save()
    except IntegrityError as exc:
        raise ActionRefused(_("%(year)s年%(kind)s第%(number)s号已在登记册中。") % {
            "year": values["year"], "kind": Kind(values["kind"]).label, "number": values["number"]}) from exc
    proposal.co_units.set(co_units)
    return proposal


@transaction.atomic
def register(actor, data: dict, request=None) -> Proposal:
    """Add one 建议/提案 to the register (the county office, from the congress's 交办 list)."""
    values = _check_values(data)
    _require_keeper(actor, [values["lead_unit"].pk])
    proposal = _save_new(values)
    record(actor, "proposal.register", proposal, organization=proposal.lead_unit, after=_snapshot(proposal),
           request=request)
    return proposal


@transaction.atomic
def update_register(actor, proposal: Proposal, data: dict, request=None) -> Proposal:
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    values = _check_values(data)
    _require_keeper(actor, [proposal.lead_unit_id, values["lead_unit"].pk])
    before = _snapshot(proposal)
    co_units = values.pop("co_units")
    for name, value in values.items():
        setattr(proposal, name, value)
    try:
        with transaction.atomic():
            proposal.save()
    except IntegrityError as exc:
        raise ActionRefused(_("该编号已在登记册中。")) from exc
    proposal.co_units.set(co_units)
    record(actor, "proposal.update", proposal, organization=proposal.lead_unit, before=before,
           after=_snapshot(proposal), request=request)
    if proposal.is_public:
        _purge_public(proposal.year)
    return proposal


@transaction.atomic
def reply(actor, proposal: Proposal, data: dict, request=None) -> Proposal:
    """The 主办 unit's 答复: the text, its date, the A/B/C class and whether the suggestions were adopted.
    A reply may be corrected until the 复文 is published."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    _require(actor, "proposal.reply", proposal.lead_unit_id)
    if proposal.is_public:
        raise ActionRefused(_("复文已公开，不能再修改答复。"))
    body = sanitize_html(data.get("reply") or "")
    if not html_to_text(body):
        raise ActionRefused(_("请填写答复内容。"))
    replied_on = data.get("replied_on")
    if not isinstance(replied_on, dt.date):
        raise ActionRefused(_("请填写答复日期。"))
    if replied_on < proposal.assigned_on:
        raise ActionRefused(_("答复日期不能早于交办日期。"))
    if replied_on > timezone.localdate():
        raise ActionRefused(_("答复日期不能晚于今天。"))
    if data.get("classification") not in Classification.values:
        raise ActionRefused(_("请选择办理结果分类（A、B、C类）。"))
    before = _snapshot(proposal)
    proposal.reply, proposal.replied_on = body, replied_on
    proposal.classification, proposal.adopted = data["classification"], bool(data.get("adopted"))
    proposal.state = Proposal.State.REPLIED
    proposal.save()
    record(actor, "proposal.reply", proposal, organization=proposal.lead_unit, before=before,
           after=_snapshot(proposal) | {"replied_on": str(replied_on)}, request=request)
    return proposal


@transaction.atomic
def publish_reply(actor, proposal: Proposal, request=None) -> Proposal:
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    _require(actor, "proposal.publish", proposal.lead_unit_id)
    if proposal.state != Proposal.State.REPLIED:
        raise ActionRefused(_("尚未答复，不能公开复文。"))
    if proposal.is_public:
        raise ActionRefused(_("复文已公开。"))
    before = _snapshot(proposal)
    proposal.disclosure, proposal.withheld_reason = Proposal.Disclosure.PUBLIC, ""
    proposal.published_at = timezone.now()
    proposal.save()
    record(actor, "proposal.publish", proposal, organization=proposal.lead_unit, before=before,
           after=_snapshot(proposal), request=request)
    _purge_public(proposal.year)
    return proposal


@transaction.atomic
def withhold_reply(actor, proposal: Proposal, reason: str, request=None) -> Proposal:
    """Record that the 复文 is not published, and why (shown in the register, never the reply itself)."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    _require(actor, "proposal.publish", proposal.lead_unit_id)
    reason = (reason or "").strip()
    if not reason:
        raise ActionRefused(_("请填写不公开的理由。"))
    was_public = proposal.is_public
    before = _snapshot(proposal)
    proposal.disclosure, proposal.withheld_reason, proposal.published_at = Proposal.Disclosure.WITHHELD, reason[:300], None
    proposal.save()
    record(actor, "proposal.withhold", proposal, organization=proposal.lead_unit, before=before,
           after=_snapshot(proposal), request=request)
    if was_public:
        _purge_public(proposal.year)
    return proposal


# --- Import of the congress's list ---------------------------------------------------------------------------


@dataclass
class ImportResult:
    created: int = 0
    errors: list[str] = None


def _unit_index() -> dict[str, Organization]:
    index = {}
    for org in Organization.objects.all():
        index.setdefault(org.name, org)
        if org.short_name:
            index.setdefault(org.short_name, org)
    return index


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _parse_date(text: str) -> dt.date | None:
    text = text.strip().replace("/", "-").replace(".", "-")
    match = re.fullmatch(r"(\d{4})[-年](\d{1,2})[-月](\d{1,2})日?", text)
    if not match:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def read_rows(filename: str, data: bytes) -> list[list]:
    try:
        if filename.lower().endswith(".csv"):
            return sheets.read_csv(data, max_rows=MAX_IMPORT_ROWS + 1, max_columns=16)
        return sheets.read_xlsx(data, max_rows=MAX_IMPORT_ROWS + 1, max_columns=16)
    except sheets.SheetError as exc:
        raise ActionRefused(str(exc)) from exc


@transaction.atomic
def import_register(actor, year: int, filename: str, data: bytes, request=None) -> ImportResult:
    """The congress's (or CPPCC's) 交办 list as XLSX/CSV: all rows or none. Any bad row refuses the whole
    file, and every bad row is reported with its line number in the sheet."""
    if actor is not None and not is_keeper(actor):
        raise ActionRefused(_("建议提案登记册由县政府办公室（政务公开办）维护。"))
    allowed = organization_ids_with(actor, "proposal.register") if actor is not None else None
    rows = read_rows(filename, data)
    if not rows:
        raise ActionRefused(_("表格是空的。"))
    header = [_cell(v) for v in rows[0]]
    positions = {}
    for index, name in enumerate(header):
        if name in COLUMNS and COLUMNS[name] not in positions:
            positions[COLUMNS[name]] = index
    missing = [name for name in REQUIRED_COLUMNS if name not in positions]
    if missing:
        labels = {v: k for k, v in reversed(COLUMNS.items())}
        raise ActionRefused(_("表头缺少列：%(cols)s。") % {"cols": "、".join(labels[m] for m in missing)})
    units = _unit_index()
    errors, values_list, seen = [], [], set()
    for line, row in enumerate(rows[1:], start=2):
        cells = {field: _cell(row[i]) if i < len(row) else "" for field, i in positions.items()}
        if not any(cells.values()):
            continue
        problems = []
        kind = KIND_WORDS.get(cells["kind"])
        if kind is None:
            problems.append(_("类别“%(v)s”应为“人大代表建议”或“政协提案”") % {"v": cells["kind"]})
        number = int(cells["number"]) if cells["number"].isdigit() and int(cells["number"]) > 0 else None
        if number is None:
            problems.append(_("编号须为正整数"))
        assigned_on = _parse_date(cells["assigned_on"])
        if assigned_on is None:
            problems.append(_("交办日期“%(v)s”应形如 %(year)s-03-15") % {"v": cells["assigned_on"], "year": year})
        lead = units.get(cells["lead_unit"])
        if lead is None:
            problems.append(_("没有名为“%(v)s”的主办单位") % {"v": cells["lead_unit"]})
        elif allowed is not None and lead.pk not in allowed:
            problems.append(_("“%(v)s”不在您的登记范围内") % {"v": cells["lead_unit"]})
        co_units = []
        for name in filter(None, UNIT_SEPARATORS.split(cells.get("co_units", ""))):
            if name not in units:
                problems.append(_("没有名为“%(v)s”的协办单位") % {"v": name})
            else:
                co_units.append(units[name])
        if not cells["title"] or not cells["proposers"]:
            problems.append(_("标题和代表/委员不能为空"))
        if kind and number and (kind, number) in seen:
            problems.append(_("编号与本表前面的行重复"))
        elif kind and number and Proposal.objects.filter(year=year, kind=kind, number=number).exists():
            problems.append(_("%(kind)s第%(n)s号已在登记册中") % {"kind": Kind(kind).label, "n": number})
        if problems:
            errors.append(_("第%(line)d行：%(problems)s。") % {"line": line, "problems": "；".join(problems)})
            continue
        seen.add((kind, number))
        values_list.append({"year": year, "kind": kind, "number": number, "title": cells["title"],
                            "proposers": cells["proposers"], "lead_unit": lead, "co_units": co_units,
                            "assigned_on": assigned_on, "complex": cells.get("complex", "") in ("是", "1", "Y", "y")})
    if errors:
        return ImportResult(0, errors)
    if not values_list:
        raise ActionRefused(_("表格中没有数据行。"))
    created = []
    for values in values_list:
        try:
            created.append(_save_new(_check_values(values)))
        except ActionRefused as exc:
            transaction.set_rollback(True)
            return ImportResult(0, [str(exc)])
    record(actor, "proposal.import", None, organization=None, object_type="proposals.import",
           object_repr=_("%(year)s年建议提案交办清单（%(n)d件）") % {"year": year, "n": len(created)},
           after={"year": year, "count": len(created), "file": filename[:100]}, request=request)
    return ImportResult(len(created), [])


# --- Figures and the 办理总体情况 ------------------------------------------------------------------------------


def percent(part: int, whole: int) -> str:
    if not whole:
        return "0"
    value = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{value.normalize():f}" if value == value.to_integral() else f"{value:f}"


def figures(year: int, organization: Organization | None, today: dt.date | None = None) -> dict:
    """The numbers of a unit's (主办) or the county's proposals of `year`. Shares are of the replied ones."""
    today = today or timezone.localdate()
    proposals = Proposal.objects.filter(year=year)
    co_handled = 0
    if organization is not None:
        co_handled = proposals.filter(co_units=organization).exclude(lead_unit=organization).count()
        proposals = proposals.filter(lead_unit=organization)
    rows = list(proposals)
    replied = [p for p in rows if p.state == Proposal.State.REPLIED]
    result = {
        "total": len(rows),
        "suggestions": sum(p.kind == Kind.SUGGESTION for p in rows),
        "proposals": sum(p.kind == Kind.PROPOSAL for p in rows),
        "co_handled": co_handled,
        "replied": len(replied),
        "on_time": sum(bool(p.on_time) for p in replied),
        "overdue_open": sum(p.overdue_on(today) for p in rows),
        "adopted": sum(p.adopted for p in replied),
        "published": sum(p.is_public for p in rows),
    }
    for letter in Classification.values:
        result[letter] = sum(p.classification == letter for p in replied)
        result[f"{letter}_share"] = percent(result[letter], len(replied))
    result["on_time_share"] = percent(result["on_time"], len(replied))
    result["adopted_share"] = percent(result["adopted"], len(replied))
    return result


def summary_text(year: int, organization: Organization | None, numbers: dict) -> str:
    who = _("本单位") if organization is not None else _("全县各承办单位")
    paragraphs = [
        _("%(year)s年，%(who)s共主办人大代表建议%(s)d件、政协提案%(p)d件，合计%(t)d件。") % {
            "year": year, "who": who, "s": numbers["suggestions"], "p": numbers["proposals"], "t": numbers["total"]},
        _("已答复%(r)d件，其中按期答复%(o)d件（占%(os)s%%）。") % {
            "r": numbers["replied"], "o": numbers["on_time"], "os": numbers["on_time_share"]},
        _("从办理结果看，所提问题已解决或基本解决的（A类）%(a)d件，占%(as)s%%；正在解决或列入计划解决的（B类）%(b)d件，"
          "占%(bs)s%%；因条件限制暂时不能解决的（C类）%(c)d件，占%(cs)s%%。") % {
            "a": numbers["A"], "as": numbers["A_share"], "b": numbers["B"], "bs": numbers["B_share"],
            "c": numbers["C"], "cs": numbers["C_share"]},
        _("代表、委员的意见建议被吸收采纳%(n)d件，占已答复件数的%(s)s%%。") % {
            "n": numbers["adopted"], "s": numbers["adopted_share"]},
    ]
    if organization is not None and numbers["co_handled"]:
        paragraphs.insert(1, _("另协办建议提案%(n)d件。") % {"n": numbers["co_handled"]})
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)


def can_publish_summary(user, organization_id: int | None) -> bool:
    """The county's summary: the register keeper; a unit's: its 审核员 or 单位管理员."""
    if organization_id is None:
        return is_keeper(user)
    return has_perm(user, "proposal.publish", organization_id)


def can_edit_summary(user, organization_id: int | None) -> bool:
    if organization_id is None:
        return is_keeper(user)
    return has_perm(user, "proposal.reply", organization_id) or has_perm(user, "proposal.publish", organization_id)


@transaction.atomic
def generate_summary(actor, year: int, organization: Organization | None, request=None) -> Summary:
    """Create (or, while a draft, regenerate) the year's summary with today's figures and a drafted text."""
    organization_id = organization.pk if organization is not None else None
    if actor is not None and not can_edit_summary(actor, organization_id):
        raise ActionRefused(_("您没有权限执行此操作（仅限有相应岗位的人员）。"))
    numbers = figures(year, organization)
    summary = Summary.objects.select_for_update().filter(year=year, organization=organization).order_by("pk").first()
    if summary is not None and summary.state == Summary.State.PUBLISHED:
        raise ActionRefused(_("总体情况已公开，不能重新生成。"))
    if summary is None:
        summary = Summary(year=year, organization=organization)
    summary.figures, summary.body = numbers, summary_text(year, organization, numbers)
    summary.save()
    record(actor, "proposal.summary_generate", summary, organization=organization, after=numbers, request=request)
    return summary


@transaction.atomic
def edit_summary(actor, summary: Summary, body: str, request=None) -> Summary:
    summary = Summary.objects.select_for_update().get(pk=summary.pk)
    if actor is not None and not can_edit_summary(actor, summary.organization_id):
        raise ActionRefused(_("您没有权限执行此操作（仅限有相应岗位的人员）。"))
    if summary.state == Summary.State.PUBLISHED:
        raise ActionRefused(_("总体情况已公开，不能修改。"))
    body = sanitize_html(body or "")
    if not html_to_text(body):
        raise ActionRefused(_("请填写正文。"))
    before = {"body": html_to_text(summary.body)}
    summary.body = body
    summary.save()
    record(actor, "proposal.summary_edit", summary, organization=summary.organization, before=before,
           after={"body": html_to_text(body)}, request=request)
    return summary


@transaction.atomic
def publish_summary(actor, summary: Summary, request=None) -> Summary:
    summary = Summary.objects.select_for_update().get(pk=summary.pk)
    if actor is not None and not can_publish_summary(actor, summary.organization_id):
        raise ActionRefused(_("您没有权限执行此操作（仅限有相应岗位的人员）。"))
    if summary.state == Summary.State.PUBLISHED:
        raise ActionRefused(_("总体情况已公开。"))
    summary.state, summary.published_at = Summary.State.PUBLISHED, timezone.now()
    summary.save()
    record(actor, "proposal.summary_publish", summary, organization=summary.organization,
           before={"state": Summary.State.DRAFT}, after={"state": summary.state}, request=request)
    _purge_public(summary.year)
    return summary


# --- Reading ---------------------------------------------------------------------------------------------------


def visible_proposals(user):
    """The proposals a staff user may open: the register keeper's all; a unit's those it leads or helps."""
    org_ids = organization_ids_with(user, "proposal.view") | organization_ids_with(user, "proposal.register")
    return Proposal.objects.filter(Q(lead_unit_id__in=org_ids) | Q(co_units__in=org_ids)).distinct()


def public_replies():
    return Proposal.objects.filter(state=Proposal.State.REPLIED, disclosure=Proposal.Disclosure.PUBLIC)


def years() -> list[int]:
    found = set(Proposal.objects.values_list("year", flat=True).distinct())
    found |= set(Summary.objects.filter(state=Summary.State.PUBLISHED).values_list("year", flat=True))
    return sorted(found, reverse=True)


@dataclass(frozen=True)
class SearchableReply:
    title: str
    url: str
    published_on: dt.date
    label: str
    unit: str


def search_replies(terms: list[str], organization_ids=None, limit: int = 10) -> list[SearchableReply]:
    """Published 复文 whose title or reply contains every term (search/extra.py)."""
    terms = [t for t in terms if t]
    if not terms:
        return []
    found = public_replies()
    if organization_ids is not None:
        found = found.filter(lead_unit_id__in=list(organization_ids))
    for term in terms:
        found = found.filter(Q(title__icontains=term) | Q(reply__icontains=term))
    results = []
    for proposal in found.select_related("lead_unit").order_by("-published_at")[: limit * 3]:
        text = f"{proposal.title} {html_to_text(proposal.reply)}".lower()
        if all(term.lower() in text for term in terms):
            results.append(SearchableReply(
                title=proposal.title, url=reverse("proposals:reply", kwargs={"proposal_id": proposal.pk}),
                published_on=timezone.localdate(proposal.published_at), label=str(proposal.label),
                unit=proposal.lead_unit.name))
        if len(results) >= limit:
            break
    return results
