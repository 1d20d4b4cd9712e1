"""Object-level permissions: the one rule every staff view and service asks.

A user acts for an organization through a Membership. Unit roles (信息员, 审核员, 单位管理员) act on
their own organization only. County roles sit on the county government and reach every organization
below it: 政务公开办 reads everything there (it supervises, it does not edit units' items);
大数据中心 reads what is filed with it.

Permissions are named verbs; PERMISSIONS maps each to the roles that hold it on an organization.
Later apps add their verbs here, beside the ones they extend.

A deactivated organization (Organization.is_active False) acts no more: memberships held on it count
for nothing, and on it nobody holds a permission but the reading ones (READ_PERMISSIONS), which the
政务公开办 keeps through its county role so the unit's archive can still be read. Superusers keep all.
"""

from django.core.exceptions import PermissionDenied

from gongkai.accounts.models import Membership, Role
from gongkai.organizations.tree import descendant_ids

PERMISSIONS: dict[str, frozenset[str]] = {
    # publishing
    "item.view": frozenset({Role.EDITOR, Role.REVIEWER, Role.ORG_ADMIN, Role.SUPERVISOR}),
    "item.create": frozenset({Role.EDITOR, Role.REVIEWER, Role.ORG_ADMIN}),
    "item.edit": frozenset({Role.EDITOR, Role.REVIEWER, Role.ORG_ADMIN}),
    "item.submit": frozenset({Role.EDITOR, Role.REVIEWER, Role.ORG_ADMIN}),
    "item.review": frozenset({Role.REVIEWER}),
    "item.publish": frozenset({Role.REVIEWER}),
    "item.edit_published": frozenset({Role.REVIEWER}),
    "item.withdraw": frozenset({Role.REVIEWER, Role.ORG_ADMIN}),
    "item.delete": frozenset({Role.REVIEWER, Role.ORG_ADMIN}),
    # organization, catalog, audit
    "org.view": frozenset({Role.EDITOR, Role.REVIEWER, Role.ORG_ADMIN, Role.SUPERVISOR, Role.FILING_CENTER}),
    "org.manage": frozenset({Role.ORG_ADMIN}),
    "org.supervise": frozenset({Role.SUPERVISOR}),
    "catalog.manage": frozenset({Role.ORG_ADMIN}),
    "audit.view": frozenset({Role.ORG_ADMIN, Role.SUPERVISOR}),
    "account.unlock": frozenset({Role.ORG_ADMIN, Role.SUPERVISOR}),  # login lockouts (accounts.lockout)
    "account.reset_password": frozenset({Role.ORG_ADMIN, Role.SUPERVISOR}),  # temporary passwords (accounts.passwords)
    "account.manage": frozenset({Role.ORG_ADMIN}),  # create, deactivate, reactivate a unit's accounts (accounts.staffing)
    # 依申请公开 (gongkai.requests): the handling unit works its cases; 政务公开办 reads every case below it,
    # hands cases to units (交办) and asks units to help investigate (协助调查); 大数据中心 receives 备案.
    "request.view": frozenset({Role.EDITOR, Role.REVIEWER, Role.ORG_ADMIN, Role.SUPERVISOR}),
    "request.handle": frozenset({Role.EDITOR, Role.REVIEWER, Role.ORG_ADMIN}),
    "request.review": frozenset({Role.REVIEWER}),
    "request.view_personal": frozenset({Role.EDITOR, Role.REVIEWER, Role.ORG_ADMIN}),
    "request.assign": frozenset({Role.SUPERVISOR}),
    "request.import": frozenset({Role.EDITOR, Role.REVIEWER, Role.ORG_ADMIN}),
    "request.filings": frozenset({Role.FILING_CENTER, Role.SUPERVISOR}),
    "request.receive_filing": frozenset({Role.FILING_CENTER}),
    # 文书 (gongkai.letters): a unit's own wording and 发文字号 代字.
    "letter.templates": frozenset({Role.ORG_ADMIN}),
    # regulations (规范性文件), interpretations (政策解读), gazette (政府公报)
    "regulations.view": frozenset({Role.EDITOR, Role.REVIEWER, Role.ORG_ADMIN, Role.SUPERVISOR}),
    "regulations.manage": frozenset({Role.EDITOR, Role.REVIEWER, Role.ORG_ADMIN}),
    "regulations.change_validity": frozenset({Role.REVIEWER, Role.ORG_ADMIN}),
    "regulations.cleanup": frozenset({Role.REVIEWER, Role.ORG_ADMIN}),
    "interpretations.manage": frozenset({Role.EDITOR, Role.REVIEWER, Role.ORG_ADMIN}),
    "interpretations.findings": frozenset({Role.ORG_ADMIN, Role.SUPERVISOR}),
    "gazette.manage": frozenset({Role.EDITOR, Role.REVIEWER, Role.ORG_ADMIN}),
    "gazette.publish": frozenset({Role.REVIEWER, Role.ORG_ADMIN}),
    # 公众参与 (gongkai.participation): a unit runs its own consultations, hearings, events and decision
    # catalog; its 审核员 or 单位管理员 moderates comments and publishes; 政务公开办 reads everything below it.
    "participation.view": frozenset({Role.EDITOR, Role.REVIEWER, Role.ORG_ADMIN, Role.SUPERVISOR}),
    "participation.manage": frozenset({Role.EDITOR, Role.REVIEWER, Role.ORG_ADMIN}),
    "participation.publish": frozenset({Role.REVIEWER, Role.ORG_ADMIN}),
    "participation.view_personal": frozenset({Role.EDITOR, Role.REVIEWER, Role.ORG_ADMIN}),
    # 政府信息公开工作年度报告 (gongkai.reports): a unit drafts its own report, its 审核员 publishes it; the
    # 政务公开办 reads every report below it and follows the 第四十九条 deadlines.
    "report.view": frozenset({Role.EDITOR, Role.REVIEWER, Role.ORG_ADMIN, Role.SUPERVISOR}),
    "report.edit": frozenset({Role.EDITOR, Role.REVIEWER, Role.ORG_ADMIN}),
    "report.publish": frozenset({Role.REVIEWER}),
    "report.deadlines": frozenset({Role.SUPERVISOR}),
    # 工作要点 and 任务分解表 (gongkai.workplan): the 政务公开办 keeps the plans and accepts or returns progress
    # reports; a responsible unit reports progress on its own requirements.
    "workplan.view": frozenset({Role.EDITOR, Role.REVIEWER, Role.ORG_ADMIN, Role.SUPERVISOR}),
    "workplan.manage": frozenset({Role.SUPERVISOR}),
    "workplan.review": frozenset({Role.SUPERVISOR}),
    "workplan.report": frozenset({Role.EDITOR, Role.REVIEWER, Role.ORG_ADMIN}),
    # 检查指标 (gongkai.inspection): the 政务公开办 runs the checks and issues 通报; a unit reads its own
    # findings and answers them with its 整改.
    "inspection.view": frozenset({Role.EDITOR, Role.REVIEWER, Role.ORG_ADMIN, Role.SUPERVISOR}),
    "inspection.run": frozenset({Role.SUPERVISOR}),
    "inspection.notice": frozenset({Role.SUPERVISOR}),
    "inspection.rectify": frozenset({Role.REVIEWER, Role.ORG_ADMIN}),
    # 政务新媒体 (gongkai.newmedia): a unit keeps the register of the accounts it hosts (the 政务公开办 all of
    # them); whoever may publish a unit's items may push them to the accounts (同步推送).
    "newmedia.manage": frozenset({Role.REVIEWER, Role.ORG_ADMIN, Role.SUPERVISOR}),
    "newmedia.push": frozenset({Role.EDITOR, Role.REVIEWER, Role.ORG_ADMIN}),
    # 涉企政策 (gongkai.policies): the record of a policy item is edited with the item's own permissions; a
    # unit compiles its quarterly digest, its 审核员 or 单位管理员 reviews and sends it; the 政务公开办 follows
    # which units pushed in which quarter.
    "policies.push": frozenset({Role.EDITOR, Role.REVIEWER, Role.ORG_ADMIN}),
    "policies.send": frozenset({Role.REVIEWER, Role.ORG_ADMIN}),
    "policies.supervise": frozenset({Role.SUPERVISOR}),
    # 政民互动 留言 (gongkai.mailbox): the addressed unit handles and replies; the 政务公开办 reads every message
    # below it, accepts, routes (交办), transfers and declines; a 审核员 approves replies where two-step
    # replies are on (MailboxPolicy); the 政务公开办 sets the reply periods.
    "message.view": frozenset({Role.EDITOR, Role.REVIEWER, Role.ORG_ADMIN, Role.SUPERVISOR}),
    "message.handle": frozenset({Role.EDITOR, Role.REVIEWER, Role.ORG_ADMIN}),
    # The writer's name, contact and attachments: the handling unit only (docs/mailbox.md); the 政务公开办 sees
    # them for a message at its own organization (县长信箱, mailbox.services.may_see_personal), else masked.
    "message.view_personal": frozenset({Role.EDITOR, Role.REVIEWER, Role.ORG_ADMIN}),
    "message.dispatch": frozenset({Role.SUPERVISOR}),
    "message.approve": frozenset({Role.REVIEWER, Role.SUPERVISOR}),
    "message.faq": frozenset({Role.EDITOR, Role.REVIEWER, Role.ORG_ADMIN, Role.SUPERVISOR}),
    "message.settings": frozenset({Role.SUPERVISOR}),
    # 政民互动 (gongkai.interviews, gongkai.surveys): a unit runs its own 在线访谈 and 征集调查; its 审核员 or
    # 单位管理员 publishes them and moderates the public's questions.
    "interaction.manage": frozenset({Role.EDITOR, Role.REVIEWER, Role.ORG_ADMIN}),
    "interaction.publish": frozenset({Role.REVIEWER, Role.ORG_ADMIN}),
    # 建议提案办理 (gongkai.proposals): the county office (政务公开办) keeps the register and the county summary;
    # the 主办 unit writes the 答复, its 审核员 or 单位管理员 publishes the 复文 and the unit's summary.
    "proposal.view": frozenset({Role.EDITOR, Role.REVIEWER, Role.ORG_ADMIN, Role.SUPERVISOR}),
    "proposal.register": frozenset({Role.SUPERVISOR}),
    "proposal.reply": frozenset({Role.EDITOR, Role.REVIEWER, Role.ORG_ADMIN}),
    "proposal.publish": frozenset({Role.REVIEWER, Role.ORG_ADMIN}),
    # 政务服务"好差评" (gongkai.ratings): the county office imports the evaluation records; units read theirs.
    "ratings.view": frozenset({Role.EDITOR, Role.REVIEWER, Role.ORG_ADMIN, Role.SUPERVISOR}),
    "ratings.import": frozenset({Role.SUPERVISOR}),
    # 基层政务公开标准目录 (gongkai.standards): the 政务公开办 keeps the 26 领域 standard, imports catalogs and
    # assigns 领域 to units; a 单位管理员 adds the unit's own 事项 and marks 事项 不适用.
    "standards.view": frozenset({Role.EDITOR, Role.REVIEWER, Role.ORG_ADMIN, Role.SUPERVISOR}),
    "standards.manage": frozenset({Role.SUPERVISOR}),
    "standards.adjust": frozenset({Role.ORG_ADMIN}),
    # 专题 (gongkai.topics): the 政务公开办 defines 专题 and reviews 稿件; units submit their items.
    "topics.manage": frozenset({Role.SUPERVISOR}),
    "topics.submit": frozenset({Role.EDITOR, Role.REVIEWER, Role.ORG_ADMIN}),
    # 清单 (gongkai.lists): a unit keeps its own lists (权责清单, 证明事项清单 …) and their versions; its
    # 审核员 approves a version for publication; the 政务公开办 reads every unit's lists below it.
    "lists.view": frozenset({Role.EDITOR, Role.REVIEWER, Role.ORG_ADMIN, Role.SUPERVISOR}),
    "lists.edit": frozenset({Role.EDITOR, Role.REVIEWER, Role.ORG_ADMIN}),
    "lists.review": frozenset({Role.REVIEWER}),
    # 保障措施 (gongkai.assurance): the 政务公开办 keeps the 回头看 checklist and campaigns, the 绩效考核, the
    # 负面清单 and the 严重错误 lists; units answer their self-check and see their own 考核 sheet; training
    # sessions are recorded by the 政务公开办 (县级) and by a unit's administrator (部门、乡镇).
    "assurance.view": frozenset({Role.EDITOR, Role.REVIEWER, Role.ORG_ADMIN, Role.SUPERVISOR}),
    "assurance.manage": frozenset({Role.SUPERVISOR}),
    "assurance.answer": frozenset({Role.EDITOR, Role.REVIEWER, Role.ORG_ADMIN}),
    "assurance.submit": frozenset({Role.REVIEWER, Role.ORG_ADMIN}),
    "assurance.training": frozenset({Role.ORG_ADMIN, Role.SUPERVISOR}),
    # search: the site's synonym dictionary (政务公开办, on the county government)
    "search.synonyms": frozenset({Role.SUPERVISOR}),
}

# What may still be done on a deactivated organization: reading (by the county roles reaching it), and
# handing its open requests and messages on to the unit that took over its duties — their statutory
# periods keep running (条例第三十三条), so the 政务公开办 must be able to move them; the receiving unit
# must be active (the services check it).
READ_PERMISSIONS = frozenset(p for p in PERMISSIONS if p.endswith((".view", ".view_personal"))) | {"org.supervise"}
HAND_ON_PERMISSIONS = frozenset({"request.assign", "message.dispatch"})
KEPT_ON_INACTIVE = READ_PERMISSIONS | HAND_ON_PERMISSIONS

# Roles whose membership on an organization also covers every organization below it.
SUBTREE_ROLES = frozenset({Role.SUPERVISOR, Role.FILING_CENTER})


class PermissionDeniedWithReason(PermissionDenied):
    pass


def _memberships(user) -> list[tuple[int, str]]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cache = getattr(user, "_gongkai_memberships", None)
    if cache is None:
        cache = list(Membership.objects.filter(user=user, organization__is_active=True)
                     .values_list("organization_id", "role"))
        user._gongkai_memberships = cache
    return cache


def roles_by_organization(user) -> dict[int, set[str]]:
    """Effective roles per organization id, county roles spread over their subtrees."""
    cache = getattr(user, "_gongkai_roles", None)
    if cache is not None:
        return cache
    result: dict[int, set[str]] = {}
    for org_id, role in _memberships(user):
        targets = descendant_ids([org_id]) if role in SUBTREE_ROLES else {org_id}
        for target in targets:
            result.setdefault(target, set()).add(role)
    if getattr(user, "is_authenticated", False):
        user._gongkai_roles = result
    return result


def _inactive_ids(user) -> set[int]:
    """Ids of the deactivated organizations among those the user's roles reach (cached with the roles)."""
    roles = roles_by_organization(user)
    cache = getattr(user, "_gongkai_inactive", None)
    if cache is None or cache[0] is not roles:
        from gongkai.organizations.models import Organization

        ids = set(Organization.objects.filter(id__in=list(roles), is_active=False).values_list("id", flat=True)
                  ) if roles else set()
        cache = (roles, ids)
        if getattr(user, "is_authenticated", False):
            user._gongkai_inactive = cache
    return cache[1]


def has_perm(user, perm: str, organization_id: int | None) -> bool:
    if perm not in PERMISSIONS:
        raise KeyError(f"unknown permission {perm!r}")
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if organization_id is None:
        return False
    roles = roles_by_organization(user).get(organization_id, set())
    if not roles & PERMISSIONS[perm]:
        return False
    return perm in KEPT_ON_INACTIVE or organization_id not in _inactive_ids(user)


def organization_ids_with(user, perm: str) -> set[int]:
    """Every organization id on which the user holds `perm` (superusers: all)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    if user.is_superuser:
        from gongkai.organizations.models import Organization

        return set(Organization.objects.values_list("id", flat=True))
    allowed = PERMISSIONS[perm]
    found = {org_id for org_id, roles in roles_by_organization(user).items() if roles & allowed}
    return found if perm in KEPT_ON_INACTIVE else found - _inactive_ids(user)


def require(user, perm: str, organization_id: int | None) -> None:
    if not has_perm(user, perm, organization_id):
        raise PermissionDeniedWithReason(perm)


def is_staff_user(user) -> bool:
    return bool(_memberships(user)) or bool(getattr(user, "is_superuser", False))


def has_role_anywhere(user, *roles: str) -> bool:
    return any(role in roles for _, role in _memberships(user))


def holders(perm: str, organization) -> list:
    """The active users holding `perm` on `organization` through a membership on an active unit (the
    organization itself, or one above it for SUBTREE_ROLES), by id; superusers are not listed. On a
    deactivated organization only the permissions KEPT_ON_INACTIVE are held (e.g. the 政务公开办's
    HAND_ON_PERMISSIONS), so this names who must hand its open cases on."""
    from django.db.models import Q

    if not organization.is_active and perm not in KEPT_ON_INACTIVE:
        return []
    above = [o.pk for o in organization.ancestors()]
    memberships = (Membership.objects.filter(role__in=PERMISSIONS[perm], user__is_active=True,
                                             organization__is_active=True)
                   .filter(Q(organization_id=organization.pk) | Q(organization_id__in=above, role__in=SUBTREE_ROLES))
                   .select_related("user"))
    return sorted({m.user for m in memberships}, key=lambda u: u.pk)
