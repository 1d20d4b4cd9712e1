"""答复: draft, review (with the explicit 最小化适用 confirmation of every exemption), the 答复书, delivery,
remedies (行政复议/行政诉讼), 归档 and 第四十四条 (turning the answer into proactive information)."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core.exemptions import (
    LAW_MAX_LENGTH,
    REGULATION,
    ExemptionBasis,
    citation,
    cited_article,
    names_a_law,
    needs_law,
)
from gongkai.core.i18n import in_record_language
from gongkai.core.masking import mask_numbers
from gongkai.core.services import ActionRefused
from gongkai.core.uploads import check_upload
from gongkai.letters.render import Table
from gongkai.requests import events
from gongkai.requests.choices import (
    ANSWERED_STATES,
    DeliveryMethod,
    LitigationType,
    RemedyKind,
    RemedyResult,
    State,
)
from gongkai.requests.models import ClockEvent, Delivery, Remedy, RequestCase, VolumeReview, WithheldPart
from gongkai.requests.outcomes import ABANDONMENT_OUTCOMES, NOT_OURS, OUTCOMES, Outcome
from gongkai.requests.services import case_letters
from gongkai.requests.services.common import (
    add_event,
    audit,
    before,
    check_date,
    events_of,
    locked,
    require,
    require_state,
    sync_dates,
)

K = ClockEvent.Kind
DRAFTABLE_STATES = {State.ACCEPTED, State.PROCESSING}
PROOF_EXTENSIONS = {".pdf", ".jpg", ".jpeg", ".png"}


# 条例第三十六条第（三）项: the answer every 不予公开 gives, after the provision it rests on.
WITHHOLDING_ANSWER = "第三十六条第（三）项"


def _clean_law(basis: str, law: str) -> str:
    """The law and article a basis outside the 条例 rests on, required and named in 书名号; "" otherwise."""
    if not needs_law(basis):
        return ""
    law = (law or "").strip()
    if not names_a_law(law):
        raise ActionRefused(_("依据为“其他法律、行政法规”的，请写明具体的法律、行政法规名称（加书名号）和条款，"
                              "例如“《不动产登记资料查询暂行办法》第二十条”。"))
    return law[:LAW_MAX_LENGTH]


def withholding_citation(basis: str, law: str = "") -> str:
    """What a 不予公开 rests on, as the 答复书 cites it after 「根据」: 「《条例》第十四条和第三十六条第（三）项」,
    or for a basis outside the 条例 「《××法》第×条和《条例》第三十六条第（三）项」 (the other law first, the
    条例's name only before its own articles)."""
    if needs_law(basis):
        return f"{law.strip()}和{REGULATION}{WITHHOLDING_ANSWER}"
    return f"{REGULATION}{citation(basis)}和{WITHHOLDING_ANSWER}"


def _clean_parts(parts) -> list[dict]:
    cleaned = []
    for part in parts or []:
        description = (part.get("description") or "").strip()
        reason = (part.get("reason") or "").strip()
        article = part.get("article") or ""
        if not (description or reason):
            continue
        if not description or not reason or article not in ExemptionBasis.values:
            raise ActionRefused(_("每一项不予公开的内容都要写明内容、依据条款和理由（条例第三十七条）。"))
        law = _clean_law(article, part.get("law"))
        cleaned.append({"description": description[:300], "article": article, "law": law, "reason": reason})
    return cleaned


@transaction.atomic
def draft_reply(actor, case: RequestCase, data: dict, withheld_parts=(), request=None) -> RequestCase:
    """The handler's proposed outcome and reply; the case waits for a reviewer (答复待审)."""
    case = locked(case)
    require(actor, "request.handle", case.organization_id)
    require_state(case, DRAFTABLE_STATES, _("起草答复（征求意见或待缴费期间请先办结）"))
    label = data.get("outcome") or ""
    if label not in OUTCOMES:
        raise ActionRefused(_("请选择办理结果。"))
    if label in ABANDONMENT_OUTCOMES:
        raise ActionRefused(_("逾期不补正、逾期未缴费请使用“视为放弃”办结。"))
    spec = OUTCOMES[label]
    answer = spec.answer(data.get("answer_code"))
    content = (data.get("reply_content") or "").strip()
    reason = (data.get("withholding_reason") or "").strip()
    # A 不予公开 answer's basis is its outcome's (the annual report row and the 答复书 agree); a caller
    # that names another basis is refused rather than silently overruled.
    basis = data.get("withholding_article") or spec.basis
    referral = (data.get("referral") or "").strip()
    parts = _clean_parts(withheld_parts)
    if spec.partial and (not parts or not content):
        raise ActionRefused(_("部分公开须写明提供的内容，并逐项列明不予公开的内容及理由。"))
    if spec.withholds and not spec.partial and (not reason or basis not in ExemptionBasis.values):
        raise ActionRefused(_("不予公开须写明依据条款（第十四、十五、十六条）和理由。"))
    if spec.withholds and not spec.partial and basis != spec.basis:
        raise ActionRefused(_("不予公开的依据条款与办理结果不一致：“%(outcome)s”的依据是“%(basis)s”。") % {
            "outcome": label, "basis": ExemptionBasis(spec.basis).label})
    law = _clean_law(basis, data.get("withholding_law")) if spec.withholds and not spec.partial else ""
    if answer is NOT_OURS and not referral:
        raise ActionRefused(_("不属于本机关负责公开的，请写明负责公开的机关名称和联系方式（条例第三十六条第（五）项）。"))
    if label == Outcome.UNCLEAR and not events_of(case, K.CORRECTION_RECEIVED).exists():
        raise ActionRefused(_("“补正后申请内容仍不明确”只适用于已经补正的申请。"))
    if label == Outcome.EXCESSIVE and not case.volume_reviews.filter(
            decision=VolumeReview.Decision.UNREASONABLE).exists():
        raise ActionRefused(_("须先要求申请人说明理由并认定理由不合理（条例第三十五条）。"))
    if label in (Outcome.GRANTED, Outcome.OTHER) and not content:
        raise ActionRefused(_("请填写答复内容（提供的信息或获取方式、途径）。"))
    old = before(case)
    case.outcome, case.answer_code, case.reply_content = label, answer.code, content
    case.withholding_article = basis if spec.withholds and not spec.partial else ""
    case.withholding_reason = reason if spec.withholds and not spec.partial else ""
    case.withholding_law = law
    case.referral = referral if answer is NOT_OURS else ""
    case.drafted_by, case.drafted_at = actor, timezone.now()
    case.reviewed_by, case.reviewed_at, case.withholding_confirmed = None, None, False
    case.withheld_parts.all().delete()
    if spec.partial:
        WithheldPart.objects.bulk_create([WithheldPart(case=case, **part) for part in parts])
    case.state = State.REVIEW
    case.save()
    audit(actor, "draft_reply", case, old, request=request, extra={"withheld_parts": parts})
    return case


@transaction.atomic
def return_reply(actor, case: RequestCase, opinion: str, request=None) -> RequestCase:
    case = locked(case)
    require(actor, "request.review", case.organization_id, _("只有本单位审核员可以审核答复。"))
    require_state(case, {State.REVIEW}, _("退回"))
    if not opinion.strip():
        raise ActionRefused(_("请写明退回意见。"))
    old = before(case)
    case.state = State.PROCESSING
    case.save()
    audit(actor, "return_reply", case, old, request=request, note=opinion.strip())
    return case


def _reply_values(case: RequestCase) -> tuple[dict, Table | None]:
    spec = OUTCOMES[case.outcome]
    values = case_letters.values_for(case)
    values.update({
        "答复内容": case.reply_content,
        "不予公开理由": case.withholding_reason,
        "依据条款": cited_article(case.withholding_article, case.withholding_law),
        "不予公开依据": withholding_citation(case.withholding_article, case.withholding_law)
        if case.withholding_article else "",
        "负责机关": f"负责公开该信息的机关：{case.referral}。" if case.referral else "",
    })
    from gongkai.letters.registry import fill

    values["第三十六条答复"] = fill(spec.answer(case.answer_code).sentence, values)
    table = None
    if spec.partial:
        rows = tuple((part.description, cited_article(part.article, part.law), part.reason)
                     for part in case.withheld_parts.all())
        table = Table(("不予公开的内容", "依据条款", "理由"), rows)
    return values, table


def _check_wording(case: RequestCase) -> None:
    """A unit's own 答复书 wording that still puts {依据条款} after the 条例's name cannot cite another law."""
    if not needs_law(case.withholding_article):
        return
    from gongkai.letters import services as letters

    if f"{REGULATION}{{依据条款}}" in letters.template_for(case.organization, OUTCOMES[case.outcome].letter_key).body:
        raise ActionRefused(_("本单位的答复书模板把依据条款写在《中华人民共和国政府信息公开条例》之后，无法引用其他法律、"
                              "行政法规。请单位管理员在文书模板中改用“根据{不予公开依据}的规定”后再出具。"))


def _check_laws(case: RequestCase) -> None:
    """A basis outside the 条例 names its law and article before any letter cites it: a draft made before
    that was required (migration 0014 left it empty) goes back to its drafter instead of reading
    「根据和《条例》…」 or leaving the table's 依据条款 empty."""
    parts = case.withheld_parts.all() if OUTCOMES[case.outcome].partial else ()
    missing = [basis_law for basis_law in ((case.withholding_article, case.withholding_law),
                                           *((part.article, part.law) for part in parts))
               if basis_law[0] and needs_law(basis_law[0]) and not names_a_law(basis_law[1])]
    if missing:
        raise ActionRefused(_("不予公开依据为“其他法律、行政法规”的，须写明具体的法律、行政法规名称和条款。"
                              "请退回起草人补充后再出具答复书。"))


def issue_reply(actor, case: RequestCase, on: dt.date, request=None):
    _check_laws(case)
    _check_wording(case)
    values, table = _reply_values(case)
    from gongkai.requests.services.disclosure import attachment_names

    return case_letters.issue(actor, case, OUTCOMES[case.outcome].letter_key, values, on=on, table=table,
                              attachments=attachment_names(case), request=request)


@transaction.atomic
def approve_reply(actor, case: RequestCase, on: dt.date, *, confirm_withholding: bool = False, opinion: str = "",
                  request=None) -> RequestCase:
    """审核通过 issues the 答复书 and makes the case 已答复. An exemption needs a reviewer other than the
    drafter to confirm, explicitly, that it is applied as narrowly as possible (最小化适用)."""
    case = locked(case)
    require(actor, "request.review", case.organization_id, _("只有本单位审核员可以审核答复。"))
    require_state(case, {State.REVIEW}, _("审核通过"))
    spec = OUTCOMES[case.outcome]
    if spec.withholds:
        if case.drafted_by_id == actor.pk:
            raise ActionRefused(_("涉及不予公开的答复须由起草人以外的审核员确认。"))
        if not confirm_withholding:
            raise ActionRefused(_("请确认已按最小化原则审查不予公开的内容及其依据。"))
    check_date(on, _("答复日期"), earliest=case.received_on, earliest_label=_("收到申请日期"))
    old = before(case)
    case.reviewed_by, case.reviewed_at = actor, timezone.now()
    case.withholding_confirmed = spec.withholds
    add_event(actor, case, K.REPLIED, on, note=case.outcome)
    sync_dates(case)
    issue_reply(actor, case, on, request=request)
    case.state = State.REPLIED
    case.save()
    audit(actor, "approve_reply", case, old, request=request, note=opinion.strip())
    events.announce(case, events.REPLIED)
    return case


@transaction.atomic
def deliver(actor, case: RequestCase, method: str, on: dt.date, proof=None, note: str = "",
            request=None) -> Delivery:
    """送达 of the reply (or of a 视为放弃 notice), with its proof."""
    case = locked(case)
    require(actor, "request.handle", case.organization_id)
    require_state(case, {State.REPLIED, State.DELIVERED, State.ABANDONED}, _("登记送达"))
    if method not in DeliveryMethod.values:
        raise ActionRefused(_("请选择送达方式。"))
    check_date(on, _("送达日期"), earliest=case.replied_on, earliest_label=_("答复日期"))
    delivery = Delivery(case=case, method=method, delivered_on=on, note=note.strip()[:300], recorded_by=actor)
    if proof is not None:
        try:
            checked = check_upload(proof)
        except Exception as exc:
            raise ActionRefused(" ".join(getattr(exc, "messages", [str(exc)]))) from exc
        if checked.extension not in PROOF_EXTENSIONS:
            raise ActionRefused(_("送达凭证请上传 PDF、JPG 或 PNG 文件（将并入备案材料）。"))
        if checked.extension == ".pdf" and not _readable_pdf(proof):
            raise ActionRefused(_("送达凭证 PDF 文件已损坏或加密，无法并入备案材料，请重新扫描后上传。"))
        delivery.proof_name, delivery.proof_content_type = checked.name, checked.content_type
        delivery.proof.save(checked.name, proof, save=False)
    delivery.save()
    old = before(case)
    if case.state == State.REPLIED:
        case.state = State.DELIVERED
        case.save()
    audit(actor, "deliver", case, old, request=request, note=in_record_language(DeliveryMethod(method).label))
    return delivery


def _readable_pdf(upload) -> bool:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    upload.seek(0)
    try:
        reader = PdfReader(upload)
        ok = not reader.is_encrypted and len(reader.pages) > 0
    except (PyPdfError, ValueError, OSError):
        ok = False
    upload.seek(0)
    return ok


@transaction.atomic
def archive(actor, case: RequestCase, request=None) -> RequestCase:
    case = locked(case)
    require(actor, "request.handle", case.organization_id)
    require_state(case, {State.FILED}, _("归档（请先备案）"))
    old = before(case)
    case.state = State.ARCHIVED
    case.save()
    audit(actor, "archive", case, old, request=request)
    return case


@transaction.atomic
def record_remedy(actor, case: RequestCase, data: dict, remedy: Remedy | None = None, request=None) -> Remedy:
    """行政复议 or 行政诉讼 about an answered case; its result (维持/纠正/其他/尚未审结) feeds table 4."""
    case = locked(case)
    require(actor, "request.handle", case.organization_id)
    require_state(case, ANSWERED_STATES, _("登记行政复议或行政诉讼（仅限已答复的申请）"))
    kind, result = data.get("kind"), data.get("result") or RemedyResult.PENDING
    litigation_type = data.get("litigation_type") or ""
    if kind not in RemedyKind.values or result not in RemedyResult.values:
        raise ActionRefused(_("请选择类型和结果。"))
    if kind == RemedyKind.LITIGATION and litigation_type not in LitigationType.values:
        raise ActionRefused(_("行政诉讼请选择直接起诉或复议后起诉。"))
    filed_on = check_date(data.get("filed_on"), _("申请或起诉日期"), earliest=case.replied_on,
                          earliest_label=_("答复日期"))
    decided_on = data.get("decided_on")
    if result != RemedyResult.PENDING:
        check_date(decided_on, _("审结日期"), earliest=filed_on, earliest_label=_("申请或起诉日期"))
    else:
        decided_on = None
    remedy = remedy or Remedy(case=case)
    remedy.kind, remedy.result, remedy.filed_on, remedy.decided_on = kind, result, filed_on, decided_on
    remedy.litigation_type = litigation_type if kind == RemedyKind.LITIGATION else ""
    remedy.authority, remedy.note = (data.get("authority") or "").strip()[:200], (data.get("note") or "").strip()
    remedy.recorded_by = actor
    remedy.save()
    audit(actor, "remedy", case, request=request,
          note=f"{in_record_language(RemedyKind(kind).label)} {in_record_language(RemedyResult(result).label)}")
    return remedy


@transaction.atomic
def draft_proactive_item(actor, case: RequestCase, request=None):
    """第四十四条: one action drafts a proactive information item from an answered case."""
    from gongkai.publishing import services as publishing

    case = locked(case)
    require(actor, "request.handle", case.organization_id)
    require_state(case, ANSWERED_STATES, _("转为主动公开"))
    if case.outcome not in (Outcome.GRANTED, Outcome.PARTIAL):
        raise ActionRefused(_("只有予以公开或部分公开的信息可以纳入主动公开（条例第四十四条）。"))
    if case.proactive_item_id:
        raise ActionRefused(_("已经据此起草过主动公开信息。"))
    # The draft becomes public: numbers an applicant typed into the request stay out of it.
    title = mask_numbers(case.info_title or " ".join(case.info_description.split())[:100])
    summary = _("依申请公开（申请编号 %(no)s）后经审核纳入主动公开范围（条例第四十四条）。") % {
        "no": case.tracking_number}
    item = publishing.create_item(actor, case.organization, {
        "title": title, "doc_number": case.info_doc_number, "formed_on": case.replied_on or timezone.localdate(),
        "summary": summary, "body": "",
    }, request=request)
    old = before(case)
    case.proactive_item = item
    case.save()
    audit(actor, "proactive_item", case, old, request=request, extra={"item": item.pk})
    return item
