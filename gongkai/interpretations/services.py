"""政策解读 services: creating and linking interpretations, and the 同步 checks.

同步 (谁起草谁解读; 国办发〔2016〕80号实施细则; 工作要点§4): a policy of a configured kind (catalog template
keys in GONGKAI_INTERPRETATION_REQUIRED_NODES) should be submitted with its interpretation, and the
interpretation must be online within GONGKAI_INTERPRETATION_WORKDAYS working days of the policy. The
reviewer is told at review (`missing_interpretation_warning`); late or missing ones are findings for
the 政务公开办 (`findings`), computed from the stored publication dates, never stored.
"""

import datetime as dt
import re
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import has_perm, organization_ids_with
from gongkai.audit.services import record
from gongkai.core.forms import is_plain_text, plain_text_message
from gongkai.core.params import parse_id
from gongkai.core.services import ActionRefused
from gongkai.interpretations.models import Interpretation, PolicyLink
from gongkai.publishing import services as publishing
from gongkai.publishing.choices import State
from gongkai.publishing.models import InformationItem
from gongkai.publishing.workflow import CORRECTABLE_STATES, EDITABLE_STATES
from gongkai.workdays.calendar import UnknownYearError, WorkdayCalendar
from gongkai.workdays.clocks import interpretation_due
from gongkai.workdays.statute import INTERPRETATION_WORKDAYS

INTERPRETATION_NODE = "plan.interpretation"
META_FIELDS = ("form", "interpreter", "media_url")
MAX_INTERPRETER_CHARS = 100  # Interpretation.interpreter's column


def required_node_keys() -> list[str]:
    return list(getattr(settings, "GONGKAI_INTERPRETATION_REQUIRED_NODES", ["art20.1"]))


def workdays() -> int:
    return int(getattr(settings, "GONGKAI_INTERPRETATION_WORKDAYS", INTERPRETATION_WORKDAYS))


def _require(actor, organization_id: int) -> None:
    if not has_perm(actor, "interpretations.manage", organization_id):
        raise ActionRefused(_("您没有权限执行此操作（仅限本单位有相应岗位的人员）。"))


def policy_candidates(actor):
    """Documents an interpretation of the actor may link: own units' (not deleted) and every public one."""
    own = organization_ids_with(actor, "interpretations.manage")
    return (
        InformationItem.objects.filter(Q(organization_id__in=own) | Q(pk__in=InformationItem.objects.public()))
        .exclude(state=State.DELETED).exclude(interpretation__isnull=False)
        .select_related("organization").order_by("-published_at", "-id")
    )


FIND_LIMIT = 30  # choices shown at once on the staff form: the newest, or those matching the query
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f]")


def find_policies(candidates, query: str = "", chosen=(), limit: int | None = None) -> list[InformationItem]:
    """What the staff form offers (no JavaScript needed): the candidates already chosen (`chosen`: ids as
    posted, anything else ignored), then those with every word of `query` in the title, 文号 or 索引号 (a
    number is also tried as the item's id), newest first; without a query, the newest. Never more than
    `limit` beyond the chosen ones: a county has thousands of public items."""
    ids = [number for number in map(parse_id, chosen) if number is not None]
    kept = list(candidates.filter(pk__in=ids)) if ids else []
    found = candidates.exclude(pk__in=[p.pk for p in kept])
    for word in _UNPRINTABLE.sub(" ", query or "")[:100].split()[:5]:
        match = Q(title__icontains=word) | Q(doc_number__icontains=word) | Q(index_no__icontains=word)
        if parse_id(word) is not None:
            match |= Q(pk=parse_id(word))
        found = found.filter(match)
    return kept + list(found[:limit or FIND_LIMIT])


def _check(actor, meta: dict, policies) -> list:
    policies = list(dict.fromkeys(policies))
    if not policies:
        raise ActionRefused(_("请至少选择一件被解读的政策文件。"))
    allowed = set(policy_candidates(actor).filter(pk__in=[p.pk for p in policies]).values_list("pk", flat=True))
    if any(p.pk not in allowed for p in policies):
        raise ActionRefused(_("所选政策文件不存在、尚未公开或不属于本单位。"))
    form = meta.get("form")
    if form not in Interpretation.Form.values:
        raise ActionRefused(_("请选择解读形式。"))
    interpreter = meta.get("interpreter") or ""
    if not is_plain_text(interpreter):  # shown on the public page after the form and the unit
        raise ActionRefused(plain_text_message(_("解读人")))
    if len(interpreter.strip()) > MAX_INTERPRETER_CHARS:
        raise ActionRefused(_("“解读人”不能超过%(n)d个字。") % {"n": MAX_INTERPRETER_CHARS})
    url = (meta.get("media_url") or "").strip()
    if url and not url.lower().startswith(("http://", "https://")):
        raise ActionRefused(_("视频或发布会地址须以 http:// 或 https:// 开头。"))
    if form in Interpretation.MEDIA_FORMS and not url:
        raise ActionRefused(_("视频解读和新闻发布会须填写视频或发布会地址。"))
    return policies


def _set_links(interpretation: Interpretation, policies) -> None:
    interpretation.links.all().delete()
    PolicyLink.objects.bulk_create(
        [PolicyLink(interpretation=interpretation, policy=p, position=n) for n, p in enumerate(policies)]
    )


@transaction.atomic
def create_interpretation(actor, organization, item_data: dict, meta: dict, policies, request=None) -> Interpretation:
    """A draft interpretation item in the 政策解读 column, linked to its policies; it is then submitted,
    reviewed and published like any item (ideally together with its policy)."""
    from gongkai.catalog.services import node_by_key

    _require(actor, organization.id)
    policies = _check(actor, meta, policies)
    node = node_by_key(organization, INTERPRETATION_NODE)
    if node is None:
        raise ActionRefused(_("本单位的公开目录中没有“政策解读”栏目。"))
    item = publishing.create_item(actor, organization, item_data, [node], request=request)
    interpretation = Interpretation.objects.create(item=item, **{f: (meta.get(f) or "").strip() for f in META_FIELDS})
    _set_links(interpretation, policies)
    record(actor, "interpretation.create", interpretation, organization=organization,
           after={"form": interpretation.form, "policies": [p.pk for p in policies]}, request=request)
    return interpretation


def edit_refusal(actor, interpretation: Interpretation) -> str | None:
    """Why `actor` may not change the interpretation's form, media address or linked policies, or None.
    The item's own rule (publishing.update_item): a draft or returned one with item.edit, a published or
    withdrawn one only with item.edit_published (审核员), since the change is live at once without review."""
    item = interpretation.item
    org_id = item.organization_id
    if item.state == State.DELETED:
        return _("已删除的解读不能修改。")
    if not has_perm(actor, "interpretations.manage", org_id):
        return _("您没有权限执行此操作（仅限本单位有相应岗位的人员）。")
    if item.state in EDITABLE_STATES:
        return None if has_perm(actor, "item.edit", org_id) else _("您没有修改该解读的岗位。")
    if item.state in CORRECTABLE_STATES:
        if has_perm(actor, "item.edit_published", org_id):
            return None
        return _("该解读已发布，修改会立即在网站上生效，须由本单位审核员修改；如需调整，请联系审核员。")
    return _("“%(state)s”状态的解读不能修改：送审中的请先由审核员退回。") % {"state": item.get_state_display()}


@transaction.atomic
def update_interpretation(actor, interpretation: Interpretation, meta: dict, policies, request=None) -> Interpretation:
    interpretation = Interpretation.objects.select_for_update().select_related("item").get(pk=interpretation.pk)
    InformationItem.objects.select_for_update().filter(pk=interpretation.item_id).first()
    refusal = edit_refusal(actor, interpretation)
    if refusal:
        raise ActionRefused(refusal)
    before = {"form": interpretation.form, "interpreter": interpretation.interpreter,
              "media_url": interpretation.media_url, "policies": list(interpretation.links.values_list("policy", flat=True))}
    # Links to policies that are no longer candidates (e.g. withdrawn) may stay as they were.
    kept = {p.pk for p in interpretation.policies.all()}
    policies = list(dict.fromkeys(policies))
    new = [p for p in policies if p.pk not in kept]
    _check(actor, meta, new or policies)
    if not policies:
        raise ActionRefused(_("请至少选择一件被解读的政策文件。"))
    for field in META_FIELDS:
        setattr(interpretation, field, (meta.get(field) or "").strip())
    interpretation.save()
    _set_links(interpretation, policies)
    record(actor, "interpretation.update", interpretation, organization=interpretation.item.organization,
           before=before, after={"form": interpretation.form, "interpreter": interpretation.interpreter,
                                 "media_url": interpretation.media_url, "policies": [p.pk for p in policies]},
           request=request)
    return interpretation


# --- Reading both sides -------------------------------------------------------------------------


def interpretations_for(policy: InformationItem, public: bool = True) -> list[Interpretation]:
    found = Interpretation.objects.filter(links__policy=policy).select_related("item").exclude(item__state=State.DELETED)
    if public:
        found = found.filter(item__in=InformationItem.objects.live())
    return list(found.order_by("item__published_at", "id"))


def public_url(item: InformationItem) -> str:
    """Where the public reads an item: the 规范性文件库 for normative documents, the item page otherwise."""
    normative = getattr(item, "normative", None)  # the register's reverse one-to-one, when registered
    if normative is not None:
        return reverse("regulations:detail", kwargs={"document_id": normative.pk})
    return reverse("portal:item", kwargs={"item_id": item.pk})


def policies_for(interpretation: Interpretation, public: bool = True) -> list[InformationItem]:
    items = InformationItem.objects.filter(interpretation_links__interpretation=interpretation)
    if public:
        items = items.filter(pk__in=InformationItem.objects.public())
    return list(items.select_related("organization").order_by("interpretation_links__position"))


# --- 同步 ----------------------------------------------------------------------------------------


def requires_interpretation(item: InformationItem) -> bool:
    """A policy in a required column; a 清理结果 notice (regulations: a campaign's result_item), published in
    the 规范性文件 column too, is a list of documents reviewed, not a policy, and needs no interpretation."""
    if InformationItem.objects.filter(pk=item.pk, cleanup_campaign__isnull=False).exists():
        return False
    return item.catalog_nodes.filter(template_key__in=required_node_keys()).exists()


def missing_interpretation_warning(item: InformationItem) -> str | None:
    """What the reviewer of `item` is told when a policy that needs an interpretation has none."""
    if not requires_interpretation(item):
        return None
    if Interpretation.objects.filter(links__policy=item).exclude(item__state=State.DELETED).exists():
        return None
    return _("该文件属于须同步解读的政策文件，但尚未关联政策解读。按照“谁起草谁解读”，解读材料应与文件同步送审、"
             "同步发布；文件发布后%(days)s个工作日内仍无解读的，将列入政务公开办的问题清单。") % {"days": workdays()}


@dataclass(frozen=True)
class Finding:
    policy: InformationItem
    published_on: dt.date
    due: dt.date
    interpretation_on: dt.date | None

    @property
    def missing(self) -> bool:
        return self.interpretation_on is None

    @property
    def label(self) -> str:
        return _("缺少政策解读") if self.missing else _("解读发布滞后")


def findings(organization_ids, today: dt.date | None = None) -> tuple[list[Finding], list[InformationItem]]:
    """Policies published without an interpretation online within N working days: (findings, policies
    whose due date the workday calendar cannot compute yet)."""
    today = today or timezone.localdate()
    days = workdays()
    policies = (
        InformationItem.objects.live()
        .filter(organization_id__in=organization_ids, catalog_nodes__template_key__in=required_node_keys())
        .exclude(interpretation__isnull=False).exclude(cleanup_campaign__isnull=False)  # 清理结果 notices
        .annotate(first=Min("interpretation_links__interpretation__item__published_at",
                            filter=Q(interpretation_links__interpretation__item__state=State.PUBLISHED)))
        .select_related("organization").distinct().order_by("published_at", "id")
    )
    cal = WorkdayCalendar()
    result, unknown = [], []
    for policy in policies:
        published_on = timezone.localdate(policy.published_at)
        try:
            due = interpretation_due(published_on, days, cal)
        except UnknownYearError:
            unknown.append(policy)
            continue
        first = timezone.localdate(policy.first) if policy.first else None
        if first is None and today > due or first is not None and first > due:
            result.append(Finding(policy, published_on, due, first))
    return result, unknown


def published_count(organization_ids, start: dt.date, end: dt.date) -> int:
    """Read-only, for the annual report's narrative (gongkai.reports): interpretations of the organizations
    first published between `start` and `end` inclusive (now published or withdrawn)."""
    return sum(
        1 for published_at in InformationItem.objects.public().filter(
            organization_id__in=list(organization_ids), interpretation__isnull=False, published_at__isnull=False,
        ).values_list("published_at", flat=True)
        if start <= timezone.localdate(published_at) <= end
    )
