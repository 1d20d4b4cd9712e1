"""The dates of a 规范性文件 a clerk types: against today, each other, the province's 有效期 rule and the
relations already recorded. Refusals raise ActionRefused with a reason in Chinese."""

import datetime as dt

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from gongkai.core.services import ActionRefused
from gongkai.publishing.dates import formed_on_problem
from gongkai.regulations.lifecycle import rule
from gongkai.regulations.models import SOURCE_ENDED_FIRST, Event, NormativeDocument, Relation
from gongkai.workdays.normative import (
    normative_is_provisional,
    normative_latest_expiry,
    normative_latest_scheduled,
)
from gongkai.workdays.statute import NORMATIVE_MAX_YEARS_AHEAD


def check_dates(title: str, promulgated_on: dt.date, effective_from: dt.date, expires_on: dt.date,
                legality_reviewed_on: dt.date | None = None, written_on: dt.date | None = None,
                renewed_on: dt.date | None = None) -> None:
    """The dates of a document, against today, each other and the province's 有效期 rule. `renewed_on`: the
    latest renewal (延长有效期, also by 清理), from which the period then counts (`services.check_renewal`)."""
    problem = formed_on_problem(written_on, _("成文日期"))
    if problem:
        raise ActionRefused(problem, field="written_on")
    problem = formed_on_problem(promulgated_on, _("公布日期"))
    if problem:
        raise ActionRefused(problem, field="promulgated_on")
    if written_on is not None and written_on > promulgated_on:
        raise ActionRefused(_("成文日期不能晚于公布日期（文件须先成文、后公布）。"), field="written_on")
    if effective_from < promulgated_on:
        raise ActionRefused(_("施行日期不能早于公布日期。"), field="effective_from")
    latest_start = normative_latest_scheduled(promulgated_on)
    if effective_from > latest_start:
        raise ActionRefused(_("施行日期 %(day)s 距公布日期超过%(years)s年，请核对（最迟%(latest)s）。")
                            % {"day": effective_from.isoformat(), "years": NORMATIVE_MAX_YEARS_AHEAD,
                               "latest": latest_start.isoformat()}, field="effective_from")
    if expires_on < effective_from:
        raise ActionRefused(_("有效期至不能早于施行日期。"), field="expires_on")
    current = rule()
    provisional = normative_is_provisional(title, current)
    latest = normative_latest_expiry(effective_from, provisional, current)
    if renewed_on is not None:  # a renewed period counts from the renewal, as check_renewal allowed it
        latest = max(latest, normative_latest_expiry(renewed_on, provisional, current))
    if expires_on > latest:
        years = current.provisional_max_years if provisional else current.max_years
        kind = _("标注“暂行”“试行”的规范性文件") if provisional else _("规范性文件")
        raise ActionRefused(
            _("%(kind)s的有效期自施行之日起不超过%(years)s年（%(source)s），最迟至%(latest)s。")
            % {"kind": kind, "years": years, "source": current.source, "latest": latest.isoformat()},
            field="expires_on",
        )
    if legality_reviewed_on is not None:
        problem = formed_on_problem(legality_reviewed_on, _("合法性审核日期"))
        if problem:
            raise ActionRefused(problem, field="legality_reviewed_on")
        if legality_reviewed_on > promulgated_on:
            raise ActionRefused(_("合法性审核日期不能晚于公布日期（合法性审核须在公布前完成）。"),
                                field="legality_reviewed_on")


def check_against_history(document: NormativeDocument, effective_from_before: dt.date | None = None) -> None:
    """Edited dates must agree with what is recorded: the document is published no later than any relation
    on either side (it cannot act, nor be acted on, before it exists), in force no later than its end, and in
    force no later than the day it replaces (替代: no day on which neither is in force) or amends (修改: the
    current text of the amended one is never a document not yet in force) another.
    `effective_from_before`: the 施行日期 as recorded before this edit. A document repealed before it took effect,
    or a 替代/修改 recorded before that rule (or imported), has a bound earlier than it; an edit that does not move
    the 施行日期 later (a typo in the 文号) is not refused for it."""
    relations = Relation.objects.filter(Q(source=document) | Q(target=document)).order_by("effective_on")
    first = relations.first()
    if first is not None and document.promulgated_on > first.effective_on:
        raise ActionRefused(_("公布日期不能晚于%(day)s：该日已登记本文件与《%(title)s》的修改、废止或替代关系。")
                            % {"day": first.effective_on.isoformat(),
                               "title": (first.target if first.source_id == document.pk else first.source).title},
                            field="promulgated_on")
    ends = [r.effective_on for r in _applied_incoming(document)]
    if not document.is_current:
        ends.append(document.validity_since)
    if ends and document.effective_from > max(min(ends), effective_from_before or min(ends)):
        raise ActionRefused(_("施行日期不能晚于%(day)s（本文件自该日起已被修改、废止或失效）。")
                            % {"day": min(ends).isoformat()}, field="effective_from")
    acting = acts_from(document)
    bound = acting and max(acting.effective_on, effective_from_before or acting.effective_on)
    if acting is not None and document.effective_from > bound:
        if acting.kind == Relation.Kind.REPLACES:
            # A 替代 ends the older document on its 生效日期 and puts this one in its place: this one must be in
            # force by then, or neither is in force in between (`services.relate` refuses such a 替代 too).
            raise ActionRefused(_("施行日期不能晚于%(day)s：本文件自该日起替代《%(title)s》，被替代文件自该日起废止，"
                                  "施行日期晚于该日将使两个文件在此期间均不施行。")
                                % {"day": acting.effective_on.isoformat(), "title": acting.target.title},
                                field="effective_from")
        # A 修改 makes this document the current text of the amended one from its 生效日期: it must be in force then.
        raise ActionRefused(_("施行日期不能晚于%(day)s：本文件自该日起修改《%(title)s》，被修改文件的现行文本自该日起"
                              "以本文件为准，本文件最迟须于该日施行。")
                            % {"day": acting.effective_on.isoformat(), "title": acting.target.title},
                            field="effective_from")


# The relations by which a document acts from a day as a text in force: 替代 (it takes the older one's place) and
# 修改 (it becomes the older one's current text, `history.current_text`). A 废止 without replacement only ends
# the older one and names no text in force, so it is not bounded by the repealing document's 施行日期.
BOUNDED_BY_EFFECTIVE_FROM = (Relation.Kind.REPLACES, Relation.Kind.AMENDS)


def acts_from(document: NormativeDocument) -> Relation | None:
    """The earliest 替代 or 修改 by `document` that takes (or took) effect: not one cancelled because it ended first."""
    return (document.outgoing.filter(kind__in=BOUNDED_BY_EFFECTIVE_FROM).exclude(SOURCE_ENDED_FIRST)
            .select_related("target__item").order_by("effective_on", "id").first())


def check_acting_date(source: NormativeDocument, kind: str, effective_on: dt.date) -> None:
    """A 替代 or 修改 by `source` dated `effective_on` puts `source` in the older document's place, or makes it
    the older one's current text, that day: `source` must be in force by then (`services.relate`)."""
    if kind not in BOUNDED_BY_EFFECTIVE_FROM or effective_on >= source.effective_from:
        return
    if kind == Relation.Kind.REPLACES:
        raise ActionRefused(_("替代的生效日期不能早于本文件的施行日期（%(day)s）：被替代文件自生效日期起废止，"
                              "本文件尚未施行，其间将没有文件施行。") % {"day": source.effective_from.isoformat()},
                            field="effective_on")
    raise ActionRefused(_("修改的生效日期不能早于本文件的施行日期（%(day)s）：被修改文件的现行文本将指向尚未施行的"
                          "本文件。") % {"day": source.effective_from.isoformat()}, field="effective_on")


def relation_gaps() -> list[Relation]:
    """The stored 替代 and 修改 that `check_acting_date` would refuse today: dated before their source's 施行日期,
    so the replaced document is out of force (or the amended one's current text is a document not yet in force)
    before the source is in force. Recorded before that rule, or imported; `gongkai check_regulation_relations`
    lists them, by 生效日期. Relations cancelled because their source ended first are left out (they never take
    effect, `acts_from`). Changes nothing."""
    relations = (Relation.objects.filter(kind__in=BOUNDED_BY_EFFECTIVE_FROM).exclude(SOURCE_ENDED_FIRST)
                 .select_related("source__item", "target__item").order_by("effective_on", "id"))
    found = []
    for relation in relations:
        try:
            check_acting_date(relation.source, relation.kind, relation.effective_on)
        except ActionRefused:
            found.append(relation)
    return found


def latest_renewal(document: NormativeDocument) -> dt.date | None:
    """The day of the document's latest renewal (延长有效期, by itself or as a 清理 result), if any."""
    return (document.events.filter(kind=Event.Kind.RENEWED).order_by("-on").values_list("on", flat=True).first())


def _applied_incoming(document: NormativeDocument):
    return document.incoming.filter(Exists(Event.objects.filter(relation=OuterRef("pk"))))


def check_item_dates(item) -> None:
    """An edit of a registered document's item (publishing's item form) keeps 成文日期 ≤ the register's 公布日期:
    `check_dates` holds the rule for the register's own forms; this holds it for the item's (review)."""
    from gongkai.regulations.models import NormativeDocument

    promulgated_on = (NormativeDocument.objects.filter(item_id=item.pk)
                      .values_list("promulgated_on", flat=True).first())
    if promulgated_on is not None and item.written_on is not None and item.written_on > promulgated_on:
        raise ActionRefused(_("成文日期不能晚于公布日期（文件须先成文、后公布）。"), field="written_on")
