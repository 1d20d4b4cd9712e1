"""The 通报 as a 公文: a title, the 导语, the overall result, a table of the problems by unit, the 整改要求.
Rendered by gongkai.letters (GB/T 9704 layout, DOCX and PDF)."""

import html

from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core.i18n import in_document_language
from gongkai.letters.render import Letter, Paragraph, Table


def rows(findings) -> tuple[tuple[str, ...], ...]:
    result = []
    for number, finding in enumerate(findings, start=1):
        weight = _("单项否决") if finding.severity == "veto" else _("扣%(points)s分") % {"points": finding.points}
        result.append((str(number), finding.organization.name, finding.title, weight,
                       timezone.localdate(finding.first_seen_at).isoformat()))
    return tuple(result)


def overall(scores) -> str:
    """「一、总体情况」: how many units were checked and, of those the county assesses, how many passed. A
    党委工作机关 is checked and its findings listed, but it is outside the 条例 and not ranked
    (services.ranked_ids, organizations.is_under_regulation): counted apart, never in 合格/不合格."""
    from gongkai.organizations.models import is_under_regulation

    scores = list(scores)
    if not scores:
        return _("本次检查未形成评分。")
    ranked = [s for s in scores if is_under_regulation(s.organization.kind)]
    failed = [s for s in ranked if not s.qualified]
    numbers = {"total": len(scores), "ranked": len(ranked), "ok": len(ranked) - len(failed), "failed": len(failed),
               "apart": len(scores) - len(ranked)}
    if numbers["apart"]:
        text = _("本次共检查%(total)d个单位，其中参加考核排名的%(ranked)d个单位合格%(ok)d个，不合格%(failed)d个；"
                 "党委工作机关%(apart)d个不参加考核排名，其问题同样列入问题清单。") % numbers
    else:
        text = _("本次共检查%(total)d个单位，合格%(ok)d个，不合格%(failed)d个。") % numbers
    if failed:
        text += _("不合格单位：%(names)s。") % {"names": "、".join(s.organization.name for s in failed[:30])}
    return text


@in_document_language
def build_letter(notice, findings, scores, on) -> Letter:
    body = [
        Paragraph(notice.intro),
        Paragraph(_("一、总体情况"), heading=True),
        Paragraph(overall(scores)),
        Paragraph(_("二、存在的问题"), heading=True),
        Table(headers=(_("序号"), _("单位"), _("问题"), _("扣分"), _("发现时间")), rows=rows(findings),
              caption=_("问题清单")),
        Paragraph(_("三、整改要求"), heading=True),
        Paragraph(notice.requirements),
    ]
    return Letter(title=notice.title, body=tuple(body), recipient=_("各镇人民政府，各街道办事处，开发区管委会，县政府各部门"),
                  signature_org=notice.organization.name, date=on)


def body_html(letter: Letter) -> str:
    """The letter as HTML for an information item (sanitized again by the publishing service)."""
    parts = []
    if letter.recipient:
        parts.append(f"<p>{html.escape(letter.recipient)}：</p>")
    for block in letter.body:
        if isinstance(block, Table):
            head = "".join(f'<th scope="col">{html.escape(h)}</th>' for h in block.headers)
            body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in block.rows)
            parts.append(f"<table><caption>{html.escape(block.caption)}</caption><thead><tr>{head}</tr></thead>"
                         f"<tbody>{body}</tbody></table>")
        elif block.heading:
            parts.append(f"<h2>{html.escape(block.text)}</h2>")
        else:
            parts.append(f"<p>{html.escape(block.text)}</p>")
    parts.append(f"<p>{html.escape(letter.signature_org)}</p>")
    if letter.date:
        parts.append(f"<p>{letter.date.year}年{letter.date.month}月{letter.date.day}日</p>")
    return "\n".join(parts)


def withheld_item_problems(item) -> list[str]:
    """publishing's review check: an item made from a 通报 issued before the subtree rule that lists other units
    (Notice.lists_other_units) carries their findings in its body and its PDF, so it cannot be approved."""
    from gongkai.inspection.models import Notice

    if Notice.objects.filter(item_id=item.pk, lists_other_units=True).exists():
        return [_("该信息由一份含有发文机关及其下级以外单位问题的旧通报生成，正文和附件列有其他单位的问题，不能以本单位名义公开；"
                  "请退回，由政务公开办重新生成通报")]
    return []
