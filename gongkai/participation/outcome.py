"""The 意见收集采纳情况 of a consultation: the platform's summary of the comments (by channel, by topic with
their adoption, the invited enterprises' replies), its publication as a snapshot after the closing date, a
comment's text withheld from it afterwards, and the link to the final decision. One function per verb; every
staff action is audited. Part of the consultations' services: `gongkai.participation.services` exports
these verbs too.
"""

from collections import Counter, OrderedDict

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.audit.services import record
from gongkai.core.masking import mask_numbers
from gongkai.core.sanitize import html_to_text, sanitize_html
from gongkai.core.services import ActionRefused
from gongkai.participation.common import decision_issuer_ids, decision_item, refresh_public_pages, require
from gongkai.participation.models import Adoption, Channel, Comment, Consultation, PublishState


def outcome_summary(consultation: Consultation) -> dict:
    """The platform's help with the report: counts by channel, the comments grouped by topic with their
    adoption, and the invited enterprises' replies. Published as a snapshot (it no longer changes)."""
    comments = list(consultation.comments.order_by("topic", "id"))
    by_channel = Counter(c.channel for c in comments)
    labels = dict(Channel.choices)
    adoption_labels = dict(Adoption.choices)
    groups: OrderedDict[str, list] = OrderedDict()
    for comment in comments:
        groups.setdefault(comment.topic or _("未归类"), []).append({
            "comment": comment.pk, "paragraph": comment.paragraph, "body": mask_numbers(comment.body) if comment.state == Comment.State.PUBLISHED else "",
            "adoption": comment.adoption, "adoption_label": str(adoption_labels.get(comment.adoption, _("未填写"))),
            "reason": comment.adoption_reason,
        })
    invitations = list(consultation.invitations.all())
    return {
        "total": len(comments),
        "channels": [{"channel": code, "label": str(labels[code]), "count": by_channel[code]}
                     for code in Channel.values if by_channel[code]],
        "adoption": [{"adoption": code, "label": str(label), "count": sum(1 for c in comments if c.adoption == code)}
                     for code, label in Adoption.choices],
        "groups": [{"topic": topic, "items": items} for topic, items in groups.items()],
        "invited": len(invitations), "replied": sum(1 for i in invitations if i.replied_on),
        "unclassified": sum(1 for c in comments if not c.adoption),
    }


@transaction.atomic
def publish_outcome(actor, consultation: Consultation, text: str, request=None) -> Consultation:
    require(actor, "participation.publish", consultation.organization_id)
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.state != PublishState.PUBLISHED:
        raise ActionRefused(_("征求意见尚未发布。"))
    if consultation.outcome_published_at:
        raise ActionRefused(_("采纳情况已经发布。"))
    if timezone.localdate() <= consultation.closes_on:
        raise ActionRefused(_("征求意见截止（%(date)s）后才能发布采纳情况。") % {"date": consultation.closes_on})
    summary = outcome_summary(consultation)
    if summary["unclassified"]:
        raise ActionRefused(_("还有%(n)s条意见未填写归类和采纳情况，请逐条填写后再发布。") % {"n": summary["unclassified"]})
    text = sanitize_html(text or "")
    if not html_to_text(text).strip():
        raise ActionRefused(_("请填写采纳情况说明。"))
    consultation.outcome_text, consultation.outcome_data = text, summary
    consultation.outcome_published_at = timezone.now()
    consultation.save(update_fields=["outcome_text", "outcome_data", "outcome_published_at", "updated_at"])
    record(actor, "participation.publish_outcome", consultation, organization=consultation.organization,
           after={"total": summary["total"]}, request=request)
    refresh_public_pages()
    return consultation


@transaction.atomic
def require_closed(consultation: Consultation) -> None:
    """The decision follows the consultation (重大行政决策程序暂行条例: the comments are studied and the draft
    completed before the decision): while it runs, or before it was published, no decision is linked to it or
    to its catalog entry (that would mark the entry 已决策 while the public is still commenting)."""
    if consultation.state != PublishState.PUBLISHED or timezone.localdate() <= consultation.closes_on:
        raise ActionRefused(_("征求意见截止（%(date)s）后才能关联最终决策文件。") % {"date": consultation.closes_on})


def link_decision(actor, consultation: Consultation, index_no: str, request=None) -> Consultation:
    """Links the final decision (a published 政府信息, by 索引号) to the consultation and its catalog entry."""
    require(actor, "participation.manage", consultation.organization_id)
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    require_closed(consultation)
    item = decision_item(consultation.organization, index_no)
    index_no = item.index_no
    entry = consultation.entry
    if entry is not None and item.organization_id not in decision_issuer_ids(entry.catalog.organization):
        # The matter is in a government's catalog: that government decides (as the entry's own 关联决策文件,
        # catalog.link_entry_decision), so the unit's own item would be shown there as the government's decision.
        raise ActionRefused(_("这项征求意见对应%(catalog)s中的事项，最终决策文件应由%(org)s或其上级人民政府（含其办公室）"
                              "发布；索引号为“%(no)s”的信息由%(issuer)s发布。")
                            % {"catalog": entry.catalog, "org": entry.catalog.organization.name, "no": index_no,
                               "issuer": item.organization.name})
    consultation.decision_item = item
    consultation.save(update_fields=["decision_item", "updated_at"])
    if entry is not None:
        entry.decision_item = item
        if entry.status in (entry.Status.PLANNED, entry.Status.CONSULTING):
            entry.status = entry.Status.DECIDED
        entry.save(update_fields=["decision_item", "status", "updated_at"])
    record(actor, "participation.link_decision", consultation, organization=consultation.organization,
           note=index_no, request=request)
    refresh_public_pages()
    return consultation


def withhold_from_outcome(comment: Comment) -> bool:
    """Hiding a comment after the 意见收集采纳情况 was published: its text leaves the published snapshot
    too (the item, its adoption and the counts stay: 「该条意见已依规不予公开」). True when the text was there."""
    consultation = Consultation.objects.select_for_update().get(pk=comment.consultation_id)
    data = consultation.outcome_data if consultation.outcome_published_at else None
    if not data:
        return False
    shown = mask_numbers(comment.body)
    for group in data.get("groups", []):
        for item in group.get("items", []):
            # Outcomes published before items carried the comment's id are matched by the text shown.
            mine = item.get("comment") == comment.pk if "comment" in item else (
                item.get("body") == shown and item.get("paragraph") == comment.paragraph)
            if mine and item.get("body"):
                item["body"], item["withheld"] = "", True
                consultation.save(update_fields=["outcome_data", "updated_at"])
                return True
    return False
