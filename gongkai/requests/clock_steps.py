"""The explanations under a case's clocks (the sentences the case page shows under 查看计算过程), one
function a clock, and how the platform reads the work plan's 「3日」 for filing. gongkai.requests.clock
computes the dates and calls these only when a line's steps are read."""

import datetime as dt

from django.conf import settings
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from gongkai.letters.render import chinese_date
from gongkai.requests.choices import State
from gongkai.requests.models import ClockEvent
from gongkai.workdays import clocks, statute

K = ClockEvent.Kind


def _d(day) -> str:
    """A date as the reader's language writes it: 2020年3月2日, or 2020-03-02 on an English page."""
    return day.isoformat() if (get_language() or "").startswith("en") else chinese_date(day)


# The articles statute.ReplyRegime cites, as the reader's language writes them (an English page showed
# 「Regulations 第三十三条第二款」).
ARTICLES = {
    statute.REGIME_2019.period_article: gettext_lazy("第三十三条第二款"),
    statute.REGIME_2019.exclusion_article: gettext_lazy("第三十三条第三款"),
    statute.REGIME_2007.period_article: gettext_lazy("第二十四条第二款"),
    statute.REGIME_2007.exclusion_article: gettext_lazy("第二十四条第三款"),
}


def article_label(article: str) -> str:
    return str(ARTICLES.get(article, article))


def _law(regime) -> str:
    return _("条例") if regime.key == statute.REGIME_2019.key else _("2007年条例")


def reply_steps(case, inputs, reply, today, events, latest) -> list[str]:
    """How the reply deadline was reached (the case page's 查看计算过程), from the clock already computed.
    `events` are the case's active events, `latest(kind)` its last active event of a kind."""
    regime = reply.regime
    steps = [_("收到申请之日：%(day)s（条例第三十一条）。") % {"day": _d(inputs.received_on)}]
    if regime.key == statute.REGIME_2007.key:
        steps.append(_("收到申请之日在2019年5月15日之前，适用2007年条例（国务院令第492号）第二十四条：答复期限 %(n)s 个工作日，延长最长 %(max)s 个工作日。")
                     % { "n": regime.reply_workdays, "max": regime.max_extension_workdays})
    notice = latest(K.CORRECTION_NOTICE)
    if notice:
        steps.append(_("%(day)s 发出补正告知，答复期限停止计算，自收到补正之日起重新计算（条例第三十条）。")
                     % {"day": _d(notice.on)})
    if reply.awaiting_correction:
        steps.append(_("正在等待申请人补正，答复期限尚未起算。"))
        return steps
    if reply.restarted:
        steps.append(_("收到补正之日：%(day)s，为起算日。") % {"day": _d(reply.start)})
    steps.append(_("法定答复期限：%(n)s 个工作日（%(law)s%(article)s）。")
                 % {"n": regime.reply_workdays, "law": _law(regime), "article": article_label(regime.period_article)})
    for event in events:
        if event.kind == K.EXTENSION:
            steps.append(_("延长答复期限 %(n)s 个工作日，经政府信息公开工作机构负责人%(who)s于%(day)s同意（%(law)s%(article)s）。")
                         % {"n": event.workdays, "who": event.label, "day": _d(event.on), "law": _law(regime),
                            "article": article_label(regime.period_article)})
    for index, span in enumerate(reply.spans):
        end, running = clocks.span_end(span, today, inputs.closed_on)
        # deadlines.md, X: a wait's days after the deadline as it stood when it began do not count (another
        # wait's may: each line counts only its own).
        stood = reply.limits[index] if index < len(reply.limits) else None
        counted = sum(1 for day in reply.excluded_days if span.sent_on < day <= min(end, stood or end))
        if stood is not None and end > stood:
            note = (_("（尚未结束；只扣除至开始等待时的答复期限 %(day)s，此后不再顺延）") if running
                    else _("（只扣除至开始等待时的答复期限 %(day)s）")) % {"day": _d(stood)}
        elif running:
            note = _("（尚未结束，暂计至今日）")
        elif span.answered_on is None and span.lapses_on is not None and end == span.lapses_on:
            note = _("（缴费期限届满未缴费，视为放弃申请，等待至此结束）")
        elif span.answered_on is None or span.answered_on > end:
            note = _("（本申请已办结，等待至办结之日为止）")
        else:
            note = ""
        steps.append(_("不计算在期限内：%(what)s，%(sent)s 发出至 %(end)s%(open)s，计 %(n)s 个工作日。") % {
            "what": span.label, "sent": _d(span.sent_on), "end": _d(end), "open": note, "n": counted})
    if reply.spans:
        steps.append(_("以上期间合并计算，重叠部分只计一次，共 %(n)s 个工作日不计算在期限内（%(law)s%(article)s；缴费期间依国办函〔2020〕109号）。")
                     % {"n": reply.excluded_workdays, "law": _law(regime), "article": article_label(regime.exclusion_article)})
    steps.append(_("答复期限为起算日后第 %(total)s 个工作日（%(base)s + 延长 %(e)s + 不计算 %(x)s）：%(due)s。") % {
        "total": reply.total_workdays, "base": regime.reply_workdays, "e": reply.extension_workdays,
        "x": reply.excluded_workdays, "due": _d(reply.statutory_due)})
    delayed = latest(K.DELAYED)
    if delayed and reply.delayed_until:
        steps.append(_("条例第三十五条：本机关认定申请理由合理，于%(day)s确定延迟答复的合理期限至%(until)s并告知申请人。理由：%(reason)s")
                     % {"day": _d(delayed.on), "until": _d(reply.delayed_until), "reason": delayed.note})
        if reply.due != reply.statutory_due:
            steps.append(_("答复期限以本机关确定的延迟答复期限为准：%(due)s。") % {"due": _d(reply.due)})
    withdrawn = latest(K.WITHDRAWN)
    if withdrawn and case.state == State.WITHDRAWN:
        steps.append(_("申请人于%(day)s撤回申请，答复期限停止计算，本申请终止办理。") % {"day": _d(withdrawn.on)})
    if reply.waiting and case.replied_on is None:
        steps.append(_("征求意见或等待缴费尚未结束，答复期限随之顺延。"))
    return steps


def pending_reply_steps(inputs, replied_on: dt.date, state: str, year: int) -> list[str]:
    """A reply whose deadline falls in a year whose 放假/调休 days are not entered (clocks.reply_state)."""
    workdays = statute.reply_regime(inputs.received_on).reply_workdays + inputs.extension_workdays
    steps = [_("收到申请之日：%(day)s（条例第三十一条）。") % {"day": _d(inputs.received_on)},
             _("答复期限落在%(year)s年，该年节假日安排尚未录入，期限待定。") % {"year": year}]
    if state == clocks.DeadlineState.MET:
        steps.append(_("%(day)s已答复：截至答复之日，已用工作日（不计算征求意见、缴费等期间）未超过答复期限 %(n)s 个工作日，"
                       "按期完成。") % {"day": _d(replied_on), "n": workdays})
    return steps


def correction_notice_steps() -> list[str]:
    return [_("收到申请之日起第 %(n)s 个工作日内一次性告知补正（条例第三十条）。")
            % {"n": statute.CORRECTION_NOTICE_WORKDAYS}]


def correction_period_steps(workdays: int) -> list[str]:
    return [_("补正告知书发出后 %(n)s 个工作日（本机关确定的合理期限）。") % {"n": workdays}]


def opinion_steps(consultation) -> list[str]:
    return [_("对方收到征求意见书之日（%(day)s）起第 %(n)s 个工作日（条例第三十二条、第三十四条）。")
            % {"day": _d(consultation.letter_received_on), "n": statute.CONSULTATION_WORKDAYS}]


def fee_steps(fee) -> list[str]:
    return [_("申请人收到收费通知之日（%(day)s）起第 %(n)s 个工作日（国办函〔2020〕109号）。")
            % {"day": _d(fee.notice_received_on), "n": statute.FEE_PAYMENT_WORKDAYS}]


def filing_steps(replied_on: dt.date, kind: str) -> list[str]:
    return [_("工作要点第十条：办理完结后3日内报县大数据发展服务中心备案。"),
            filing_reading(kind) % {"day": _d(replied_on), "n": statute.FILING_DAYS}]


def filing_day_kind() -> str:
    """How the platform reads the work plan's 「3日」 (settings.GONGKAI_FILING_DAYS, docs/configuration.md)."""
    return settings.GONGKAI_FILING_DAYS


def filing_reading(kind: str | None = None) -> str:
    """The platform's reading of 「办理完结后3日内」, said as the platform's (not the county's) words."""
    if (kind or filing_day_kind()) == statute.FILING_NATURAL_DAYS:
        return _("本平台按自然日理解：答复（办结）之日（%(day)s）后第 %(n)s 日。")
    return _("本平台按工作日理解（系统设置，可改为自然日）：答复（办结）之日（%(day)s）后第 %(n)s 个工作日。")


def confirmation_steps(registered: dt.date) -> list[str]:
    return [
        _("以平常信函提交的申请，政府信息公开工作机构应当于收到申请的当日与申请人确认，确认之日为收到申请之日（条例第三十一条第（二）项）。"),
        _("登记收到信函之日：%(day)s，当日应当确认。") % {"day": _d(registered)}]
