"""涉企政策 services: the record of a policy item, finding policies, and the quarterly digest.

Permissions: the record is edited with the item's own permissions (item.edit while the item is a draft
or returned, item.edit_published for a reviewer correcting a published one, e.g. an extended deadline);
a unit's 信息员 compiles the quarter's digest (policies.push), its 审核员 or 单位管理员 reviews and sends it
(policies.send); the 政务公开办 follows every unit's pushes (policies.supervise). Every action is audited.
"""

import datetime as dt

from django.apps import apps
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import has_perm
from gongkai.audit.services import record
from gongkai.core import pagecache
from gongkai.core.forms import CONTROL_CHARS, date_in_range, date_range_message
from gongkai.core.industries import Industry
from gongkai.core.services import ActionRefused
from gongkai.organizations.models import Organization
from gongkai.policies.limits import MAX_MATERIALS, MAX_STEPS, clean_lines
from gongkai.policies.models import Category, Delivery, Digest, DigestEntry, EnterprisePolicy, Size
from gongkai.policies.quarters import Quarter
from gongkai.publishing.models import InformationItem
from gongkai.publishing.workflow import CORRECTABLE_STATES, EDITABLE_STATES

SUBSCRIPTION_KIND = "enterprise_policies"
RECORD_FIELDS = ("conditions", "materials", "procedure", "department", "contact", "starts_on", "ends_on",
                 "industries", "sizes", "category", "delivery", "interpretation_url")


# --- The record ----------------------------------------------------------------------------------


def edit_permission(item: InformationItem) -> str | None:
    if item.state in EDITABLE_STATES:
        return "item.edit"
    if item.state in CORRECTABLE_STATES:
        return "item.edit_published"
    return None


def can_edit(actor, item: InformationItem) -> bool:
    perm = edit_permission(item)
    return perm is not None and has_perm(actor, perm, item.organization_id)


def missing_fields(policy: EnterprisePolicy) -> list[str]:
    """The six fields of 工作要点§2 that are still empty (a 免申即享 policy needs no 申报材料)."""
    missing = []
    if not policy.conditions.strip():
        missing.append(_("申请条件"))
    if not policy.materials and policy.delivery != Delivery.AUTOMATIC:
        missing.append(_("申报材料清单"))
    if not policy.procedure:
        missing.append(_("办理流程"))
    if policy.department_id is None:
        missing.append(_("承办部门"))
    if not policy.contact.strip():
        missing.append(_("联系方式"))
    if policy.starts_on is None or policy.ends_on is None:
        missing.append(_("申报起止时间"))
    return missing


def review_problems(item: InformationItem, today: dt.date | None = None) -> list[str]:
    """publishing's review check (publishing/extensions.py): a policy item goes out with its six fields, and
    not with a 申报截止 already past on the day of the review (`today`, the site's date)."""
    policy = EnterprisePolicy.objects.filter(item_id=item.pk).first()
    if policy is None:
        return []
    problems = []
    missing = missing_fields(policy)
    if missing:
        problems.append(_("涉企政策信息缺少%(fields)s（工作要点§2：公开惠企政策申请条件、申报材料清单、办理流程、"
                          "承办部门、联系方式、起止时间）") % {"fields": "、".join(missing)})
    today = today or timezone.localdate()
    if policy.ends_on is not None and policy.ends_on < today:
        problems.append(_("涉企政策的申报截止日期%(date)s已过，企业已无法申报：请核实申报起止时间，"
                          "延期的请修改截止日期，已结束的请取消涉企政策标注。")
                        % {"date": policy.ends_on.strftime("%Y-%m-%d")})
    return problems


def _validate(data: dict, current_department_id: int | None = None) -> dict:
    clean = {
        "conditions": (data.get("conditions") or "").strip(),
        "materials": clean_lines(data.get("materials"), _("申报材料清单"), MAX_MATERIALS),
        "procedure": clean_lines(data.get("procedure"), _("办理流程"), MAX_STEPS),
        "department": data.get("department"),
        "contact": (data.get("contact") or "").strip(),
        "starts_on": data.get("starts_on"),
        "ends_on": data.get("ends_on"),
        "industries": list(dict.fromkeys(data.get("industries") or ())),
        "sizes": list(dict.fromkeys(data.get("sizes") or ())),
        "category": data.get("category") or "other",
        "delivery": data.get("delivery") or Delivery.APPLY,
        "interpretation_url": (data.get("interpretation_url") or "").strip(),
    }
    if clean["department"] is not None and not isinstance(clean["department"], Organization):
        raise ActionRefused(_("承办部门无效。"))
    department = clean["department"]
    if department is not None and not department.is_active and department.pk != current_department_id:
        raise ActionRefused(_("“%(name)s”已停用，不能选为承办部门。") % {"name": department.name})
    for field in ("conditions", "contact"):
        if CONTROL_CHARS.search(clean[field]):
            raise ActionRefused(_("涉企政策信息不能包含控制字符，请只填写文字。"))
    for field in ("starts_on", "ends_on"):
        if not date_in_range(clean[field]):
            raise ActionRefused(date_range_message())
    if clean["starts_on"] and clean["ends_on"] and clean["ends_on"] < clean["starts_on"]:
        raise ActionRefused(_("申报截止日期不能早于开始日期。"))
    if any(code not in Industry.values for code in clean["industries"]):
        raise ActionRefused(_("适用行业须为国民经济行业分类（GB/T 4754-2017）的门类。"))
    if any(code not in Size.values for code in clean["sizes"]):
        raise ActionRefused(_("适用企业规模无效。"))
    if clean["delivery"] not in Delivery.values:
        raise ActionRefused(_("兑现方式无效。"))
    if clean["category"] not in Category.values:
        raise ActionRefused(_("政策类别无效。"))
    url = clean["interpretation_url"]
    if url and not url.lower().startswith(("http://", "https://", "/")):
        raise ActionRefused(_("政策解读链接须以 http:// 或 https:// 开头。"))
    return clean


def _snapshot(policy: EnterprisePolicy) -> dict:
    values = {field: getattr(policy, field) for field in RECORD_FIELDS if field != "department"}
    values["department"] = policy.department_id
    for field in ("starts_on", "ends_on"):
        values[field] = values[field].isoformat() if values[field] else None
    return values


def purge_public_pages() -> None:
    """The finder, its pages and the home panel show every policy: refreshed after the commit."""
    if not pagecache.enabled():
        return
    from django.urls import reverse

    transaction.on_commit(lambda: pagecache.purge(["/"], [reverse("policies:finder")]))


@transaction.atomic
def save_policy(actor, item: InformationItem, data: dict, request=None) -> EnterprisePolicy:
    """Create or change the 涉企政策 record of `item` (fields may stay empty until review)."""
    item = InformationItem.objects.select_for_update().get(pk=item.pk)
    if not can_edit(actor, item):
        if edit_permission(item) is None:
            raise ActionRefused(_("“%(state)s”状态的信息不能修改涉企政策信息：送审中的请先由审核员退回。")
                                % {"state": item.get_state_display()})
        raise ActionRefused(_("您没有权限执行此操作（仅限本单位有相应岗位的人员）。"))
    policy = EnterprisePolicy.objects.filter(item=item).first()
    clean = _validate(data, policy.department_id if policy is not None else None)
    created = policy is None
    before = {} if created else _snapshot(policy)
    policy = policy or EnterprisePolicy(item=item)
    for field, value in clean.items():
        setattr(policy, field, value)
    policy.save()
    record(actor, "policy.create" if created else "policy.update", policy, organization=item.organization,
           before=before, after=_snapshot(policy), request=request)
    purge_public_pages()
    return policy


@transaction.atomic
def remove_policy(actor, policy: EnterprisePolicy, request=None) -> None:
    """An item marked as a 涉企政策 by mistake: only while it is still a draft, and never once pushed."""
    policy = EnterprisePolicy.objects.select_for_update().select_related("item__organization").get(pk=policy.pk)
    item = policy.item
    if item.state not in EDITABLE_STATES or not has_perm(actor, "item.edit", item.organization_id):
        raise ActionRefused(_("只有草稿或被退回的信息才能取消涉企政策标注。"))
    if DigestEntry.objects.filter(policy=policy).exists():
        raise ActionRefused(_("该政策已列入季度推送，不能取消标注。"))
    before = _snapshot(policy)
    policy.delete()
    record(actor, "policy.remove", item, organization=item.organization, before=before, after={}, request=request)
    purge_public_pages()


# --- Finding -------------------------------------------------------------------------------------


def public_policies(items=None):
    """Records of public items (live ones by default: published and not withdrawn)."""
    items = InformationItem.objects.live() if items is None else items
    return EnterprisePolicy.objects.filter(item__in=items).select_related("item__organization", "department")


def filter_policies(policies, *, industry: str = "", size: str = "", category: str = "", unit: int | None = None,
                    open_on: dt.date | None = None, keyword: str = ""):
    """The finder's and the API's filters. A policy that names no industry (or size) applies to all."""
    if industry:
        policies = policies.filter(Q(industries_code="") | Q(industries_code__contains=f",{industry},"))
    if size:
        policies = policies.filter(Q(sizes_code="") | Q(sizes_code__contains=f",{size},"))
    if category:
        policies = policies.filter(category=category)
    if unit:
        policies = policies.filter(Q(department_id=unit) | Q(item__organization_id=unit))
    if open_on:
        policies = policies.open_on(open_on)  # models.PolicyQuerySet: dates and 有效性, as EnterprisePolicy.status
    for term in keyword.split()[:5]:
        policies = policies.filter(Q(item__title__icontains=term) | Q(conditions__icontains=term)
                                   | Q(item__doc_number__icontains=term) | Q(item__summary__icontains=term))
    return policies


def public_url(item: InformationItem) -> str:
    """Where the public reads the policy's text: the 规范性文件库 for normative documents, else the item page."""
    from django.urls import reverse

    normative = getattr(item, "normative", None)  # regulations' reverse one-to-one, when installed
    if normative is not None:
        return reverse("regulations:detail", kwargs={"document_id": normative.pk})
    return reverse("portal:item", kwargs={"item_id": item.pk})


# --- The quarterly digest ------------------------------------------------------------------------


def unit_policies(organization_id: int):
    """A unit's enterprise policies for its push: the ones it issued (a policy handled by another 承办部门 is
    pushed once, by its issuer)."""
    return public_policies().filter(item__organization_id=organization_id)


def _in_digest(policy: EnterprisePolicy, quarter: Quarter, on: dt.date) -> str | None:
    """The digest section of a policy for `quarter`'s push on day `on` (compiled or sent), or None.

    New: published during the quarter (by the site's date). Still open: published before it, and on the
    day of the push not 已截止 (EnterprisePolicy.status: the deadline not passed, not 已废止 or 已失效). A
    repealed or expired policy is pushed in neither section."""
    if policy.repealed():
        return None
    published_on = timezone.localdate(policy.item.published_at)
    if quarter.first_day <= published_on <= quarter.last_day:
        return DigestEntry.Section.NEW
    if published_on < quarter.first_day and policy.status(on) != "closed":
        return DigestEntry.Section.OPEN
    return None


def quarter_contents(organization_id: int, quarter: Quarter, on: dt.date | None = None) -> tuple[list, list]:
    """(new, still open) policies of the unit for the quarter's digest pushed on `on` (default today)."""
    on = on or timezone.localdate()
    new, still_open = [], []
    for policy in unit_policies(organization_id).order_by("item__published_at", "id"):
        section = _in_digest(policy, quarter, on)
        if section == DigestEntry.Section.NEW:
            new.append(policy)
        elif section == DigestEntry.Section.OPEN:
            still_open.append(policy)
    return new, still_open


def digest_industries(policies) -> list[str] | None:
    """The 门类 a digest's policies apply to; None when one of them applies to every industry."""
    letters = set()
    for policy in policies:
        if not policy.industries:
            return None
        letters.update(policy.industries)
    return sorted(letters)


def _require(actor, perm: str, organization_id: int) -> None:
    if not has_perm(actor, perm, organization_id):
        raise ActionRefused(_("您没有权限执行此操作（仅限本单位有相应岗位的人员）。"))


def _fill(digest: Digest, quarter: Quarter, on: dt.date | None = None) -> int:
    new, still_open = quarter_contents(digest.organization_id, quarter, on)
    digest.entries.all().delete()
    entries = [DigestEntry(digest=digest, policy=p, section=DigestEntry.Section.NEW, position=n)
               for n, p in enumerate(new)]
    entries += [DigestEntry(digest=digest, policy=p, section=DigestEntry.Section.OPEN, position=len(new) + n)
                for n, p in enumerate(still_open)]
    DigestEntry.objects.bulk_create(entries)
    return len(entries)


@transaction.atomic
def compile_digest(actor, organization, quarter: Quarter, note: str = "", request=None,
                   today: dt.date | None = None) -> Digest:
    """梳理: the unit's digest of `quarter`, made (or made again while unsent) from its policies now."""
    _require(actor, "policies.push", organization.id)
    today = today or timezone.localdate()
    if quarter.first_day > today:
        raise ActionRefused(_("该季度尚未开始，不能整理推送。"))
    digest = Digest.objects.select_for_update().filter(organization=organization, year=quarter.year,
                                                       quarter=quarter.number).first()
    if digest is not None and digest.state == Digest.State.SENT:
        raise ActionRefused(_("%(period)s的推送已于%(at)s发送，不能重新整理。")
                            % {"period": quarter.label, "at": timezone.localtime(digest.sent_at).strftime("%Y-%m-%d")})
    created = digest is None
    if created:
        digest = Digest.objects.create(organization=organization, year=quarter.year, quarter=quarter.number,
                                       note=(note or "").strip(), created_by=actor)
    elif note:
        digest.note = note.strip()
        digest.save(update_fields=["note"])
    count = _fill(digest, quarter, today)
    record(actor, "policy_digest.compile", digest, organization=organization,
           after={"period": quarter.label, "policies": count, "note": digest.note}, request=request)
    return digest


@transaction.atomic
def update_note(actor, digest: Digest, note: str, request=None) -> Digest:
    digest = Digest.objects.select_for_update().get(pk=digest.pk)
    _require(actor, "policies.push", digest.organization_id)
    if digest.state != Digest.State.DRAFT:
        raise ActionRefused(_("已发送的推送不能修改。"))
    before = {"note": digest.note}
    digest.note = (note or "").strip()
    digest.save(update_fields=["note"])
    record(actor, "policy_digest.update", digest, organization=digest.organization, before=before,
           after={"note": digest.note}, request=request)
    return digest


def digest_policies(digest: Digest) -> tuple[list, list]:
    """(new, still open) of a compiled digest, leaving out policies withdrawn, deleted, repealed or expired
    since, and from 仍在申报期内 those 已截止 on the day it was sent (a draft: today, the day it would go)."""
    live = InformationItem.objects.live()
    entries = (digest.entries.filter(policy__item__in=live)
               .select_related("policy__item__organization", "policy__department"))
    on = timezone.localdate(digest.sent_at) if digest.sent_at else timezone.localdate()
    new = [e.policy for e in entries if e.section == DigestEntry.Section.NEW and not e.policy.repealed()]
    still_open = [e.policy for e in entries if e.section == DigestEntry.Section.OPEN
                  and e.policy.status(on) != "closed"]
    return new, still_open


def subscriptions_available() -> bool:
    return apps.is_installed("gongkai.subscriptions")


@transaction.atomic
def send_digest(actor, digest: Digest, *, url: str, request=None) -> Digest:
    """集中推送: the reviewed digest goes to the enterprises subscribed to the unit (or to all units) whose
    industries match, as an HTML e-mail with the PDF attached; recorded once, never sent twice."""
    from gongkai.policies import digests

    digest = Digest.objects.select_for_update().select_related("organization").get(pk=digest.pk)
    _require(actor, "policies.send", digest.organization_id)
    if digest.state != Digest.State.DRAFT:
        raise ActionRefused(_("该推送已经发送过。"))
    new, still_open = digest_policies(digest)
    if not new and not still_open:
        raise ActionRefused(_("推送中没有可发送的涉企政策（政策可能已撤回），请重新整理。"))
    industries = digest_industries([*new, *still_open])
    recipients = None
    if subscriptions_available():
        from gongkai.subscriptions import services as subscriptions

        message = digests.message(digest, new, still_open, url)
        recipients = subscriptions.announce(
            SUBSCRIPTION_KIND, str(digest.organization_id), subject=message.subject, text=message.text,
            html=message.html, url=url, industries=industries,
            attachments=[(message.pdf_name, message.pdf, "application/pdf")],
            organization=digest.organization_id)  # only the subscribers of the sites that show the unit
    digest.state = Digest.State.SENT
    digest.sent_by = actor
    digest.sent_at = timezone.now()
    digest.recipients = recipients
    digest.industries_code = ",".join(industries) if industries else ""
    digest.save()
    record(actor, "policy_digest.send", digest, organization=digest.organization,
           after={"period": digest.period_label, "policies": len(new) + len(still_open),
                  "recipients": recipients, "industries": industries or "all"}, request=request)
    purge_public_pages()
    return digest


# --- Who pushed ----------------------------------------------------------------------------------


def expected_units(quarter: Quarter, organization_ids=None, on: dt.date | None = None) -> dict[int, int]:
    """{organization id: how many policies its digest of `quarter` would hold if pushed on `on` (default
    today)}, for units with any: the same rule as compile_digest, so a unit is never owed an empty push."""
    on = on or timezone.localdate()
    policies = public_policies()
    if organization_ids is not None:
        policies = policies.filter(item__organization_id__in=list(organization_ids))
    counts: dict[int, int] = {}
    for policy in policies:
        if _in_digest(policy, quarter, on) is not None:
            counts[policy.item.organization_id] = counts.get(policy.item.organization_id, 0) + 1
    return counts


def missing_pushes(quarter: Quarter, organization_ids=None) -> dict[int, int]:
    """Units that had policies to push in `quarter` and sent no digest for it: {id: policies}."""
    expected = expected_units(quarter, organization_ids)
    sent = set(Digest.objects.filter(year=quarter.year, quarter=quarter.number, state=Digest.State.SENT,
                                     organization_id__in=list(expected)).values_list("organization_id", flat=True))
    return {org_id: count for org_id, count in expected.items() if org_id not in sent}
