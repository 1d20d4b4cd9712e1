"""Reading messages: clocks (computed from received_on and the stored reply period), the public list
(published messages, no personal data), the per-unit per-month figures, the search source, the
suggestions shown while a writer types, and the unanswered messages past the 3-month veto line."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from gongkai.core.masking import shown_text_q
from gongkai.mailbox import public
from gongkai.mailbox.models import OPEN_STATES, Faq, Message, Rating, State
from gongkai.workdays import statute
from gongkai.workdays.calendar import UnknownYearError, WorkdayCalendar
from gongkai.workdays.clocks import DeadlineState, message_veto_since


@dataclass(frozen=True)
class Clock:
    due: dt.date | None
    state: str  # DeadlineState
    remaining: int | None  # working days left (open messages only)
    pending_year: int | None = None  # the due date falls in a year whose 放假/调休 days are not entered

    @property
    def pending_label(self) -> str:
        """Shown instead of a due date that cannot be computed yet (the requests' clocks say the same)."""
        from django.utils.translation import gettext as _

        if self.pending_year is None:
            return ""
        return _("期限待定（%(year)s年节假日安排尚未录入）") % {"year": self.pending_year}

    @property
    def overdue(self) -> bool:
        return self.state in (DeadlineState.OVERDUE, DeadlineState.LATE)

    @property
    def label(self) -> str:
        from django.utils.translation import gettext as _

        return {DeadlineState.OPEN: _("未到期"), DeadlineState.DUE_SOON: _("即将到期"), DeadlineState.OVERDUE: _("已逾期"),
                DeadlineState.MET: _("按期答复"), DeadlineState.LATE: _("逾期答复")}.get(self.state, "")


def clock(message: Message, today: dt.date | None = None, cal: WorkdayCalendar | None = None,
          remind_before: int | None = None) -> Clock:
    """The reply clock: due date, state and working days left. A declined message counts as answered on
    the day of the decision (the writer was told why)."""
    from gongkai.mailbox.models import MailboxPolicy

    today = today or timezone.localdate()
    cal = cal or WorkdayCalendar()
    try:
        due = cal.add_workdays(message.received_on, message.reply_workdays)
    except UnknownYearError as exc:
        if message.state not in OPEN_STATES and message.replied_on and message.replied_on.year < exc.year:
            return Clock(None, DeadlineState.MET, None)  # answered before the year its deadline falls in began
        return Clock(None, DeadlineState.OPEN, None, pending_year=exc.year)
    if message.state not in OPEN_STATES:
        return Clock(due, DeadlineState.LATE if message.replied_on and message.replied_on > due else DeadlineState.MET,
                     None)
    if today > due:
        return Clock(due, DeadlineState.OVERDUE, 0)
    remaining = cal.count_workdays(today, due)
    if remind_before is None:
        remind_before = MailboxPolicy.current().remind_workdays_before
    return Clock(due, DeadlineState.DUE_SOON if remaining <= remind_before else DeadlineState.OPEN, remaining)


def with_clocks(messages, today: dt.date | None = None) -> list[tuple[Message, Clock]]:
    from gongkai.mailbox.models import MailboxPolicy

    messages = list(messages)
    if not messages:  # 我的待办 asks for every group's first rows, most often none
        return []
    cal = WorkdayCalendar()
    before = MailboxPolicy.current().remind_workdays_before
    return [(m, clock(m, today, cal, before)) for m in messages]


def pending_calendar_years(today: dt.date | None = None) -> dict[int, int]:
    """For the administrator's 我的待办: how many open messages wait for each year not entered yet."""
    years: dict[int, int] = defaultdict(int)
    for _message, found in with_clocks(Message.objects.filter(state__in=OPEN_STATES), today):
        if found.pending_year is not None:
            years[found.pending_year] += 1
    return dict(years)


def unanswered_beyond_veto(organization_ids=None, today: dt.date | None = None):
    """Messages received more than UNANSWERED_MESSAGE_MONTHS months ago and still without a reply."""
    since = message_veto_since(today or timezone.localdate())
    found = Message.objects.filter(state__in=OPEN_STATES, received_on__lte=since)
    if organization_ids is not None:
        found = found.filter(organization_id__in=list(organization_ids))
    return found.select_related("organization").order_by("received_on", "pk")


# --- public ------------------------------------------------------------------------------------------------


def published():
    return (Message.objects.filter(published=True, state=State.ANSWERED)
            .select_related("organization").order_by("-replied_on", "-pk"))


@dataclass(frozen=True)
class SearchableMessage:
    key: str
    title: str
    text: str
    url: str
    published_on: dt.date
    organization_id: int
    organization_name: str


def search_messages(terms: list[str], organization_ids=None, limit: int = 10) -> list[SearchableMessage]:
    """search/extra.py source: published messages whose subject, question or reply contains every term."""
    terms = [t for t in terms if t]
    if not terms:
        return []
    found = published()
    if organization_ids is not None:
        found = found.filter(organization_id__in=list(organization_ids))
    return [SearchableMessage(
        key=f"message-{m.pk}", title=m.public.subject, text=m.public.reply[:200],
        url=reverse("mailbox:detail", kwargs={"message_id": m.pk}), published_on=m.replied_on,
        organization_id=m.organization_id, organization_name=m.organization.name)
        for m in matching(found, terms)[:limit]]


def matching(found, terms: list[str]):
    """The messages of `found` whose public text (mailbox/public.py, numbers masked) contains every term.
    The database narrows by the stored text; the masked text decides, so a full ID or mobile number typed
    as a query finds nothing (the public never learns which message holds a given number)."""
    terms = [t for t in terms if t]
    if not terms:
        return found
    for term in terms:
        found = found.filter(Q(subject__icontains=term) | Q(content__icontains=term) | Q(reply__icontains=term))
    keep = [pk for pk, subject, content, reply in found.values_list("pk", "subject", "content", "reply")
            if all(public.masked(subject, content, reply).contains(term)
                   for term in terms)]
    return found.filter(pk__in=keep)


def staff_matching(found, q: str, personal_ids):
    """The messages of `found` a staff keyword search finds: the 留言编号 exactly, or the subject or content
    containing `q`. At the units in `personal_ids` (services.personal_organization_ids) the reader sees the
    writer's personal data and searches the text as typed; elsewhere (the 政务公开办 supervising a unit) the
    text as the reader sees it decides — ID, mobile and landline numbers masked (mask_personal_numbers, as
    the list and the message page show them), kept in `Message.shown_text` (core.masking.shown_search_text) —
    so a full number typed as a query does not tell which message holds it. The database answers it: no
    message is read to decide (a common word matched thousands across a county)."""
    return found.filter(Q(tracking_number__iexact=q)
                        | shown_text_q(q, "shown_text", ("subject", "content"), personal_ids))


def suggestions(text: str, organization_id: int | None = None, limit: int = 5) -> dict:
    """While the writer types the subject: 常见问题 and published answers sharing its words.
    Chinese has no spaces: the text is cut into 2-character pieces and an entry must contain one of
    the longest few; entries are ranked by how many pieces they contain."""
    text = "".join(ch for ch in (text or "") if ch.isalnum())[:40]
    if len(text) < 2:
        return {"faqs": [], "messages": []}
    pieces = list(dict.fromkeys(text[i:i + 2] for i in range(len(text) - 1)))[:12]
    query = Q()
    for piece in pieces:
        query |= Q(question__icontains=piece) | Q(answer__icontains=piece)
    faqs = Faq.objects.filter(query, is_public=True).select_related("organization")
    mquery = Q()
    for piece in pieces:
        mquery |= Q(subject__icontains=piece) | Q(content__icontains=piece)
    messages = published().filter(mquery)

    def score(*fields):
        joined = " ".join(fields)
        return sum(1 for piece in pieces if piece in joined)

    faq_list = sorted(faqs[:50], key=lambda f: (-(2 * (organization_id == f.organization_id)
                                                  + score(f.public.question, f.public.question, f.public.answer)), f.pk))
    # Ranked on the text as the public reads it (numbers masked): a number typed in full must not bring
    # forward the message that holds it.
    def public_score(message):
        shown = message.public
        return score(shown.subject, shown.subject, shown.content)

    scored = [(public_score(m), m) for m in messages[:50]]
    msg_list = [m for points, m in sorted(scored, key=lambda pair: (-pair[0], -pair[1].pk)) if points]
    return {"faqs": faq_list[:limit], "messages": msg_list[:limit]}


# --- figures -----------------------------------------------------------------------------------------------


@dataclass
class Figures:
    received: int = 0
    answered: int = 0  # replied or declined
    on_time: int = 0
    open: int = 0
    reply_days_total: int = 0  # working days from received to replied, over the answered
    rated: int = 0
    satisfied: int = 0
    basically: int = 0
    unsatisfied: int = 0

    @property
    def on_time_rate(self):
        return round(100 * self.on_time / self.answered, 1) if self.answered else None

    @property
    def average_days(self):
        return round(self.reply_days_total / self.answered, 1) if self.answered else None

    @property
    def satisfaction_rate(self):
        """满意 and 基本满意 over all ratings."""
        return round(100 * (self.satisfied + self.basically) / self.rated, 1) if self.rated else None


def figures(year: int, month: int | None = None) -> tuple[list[tuple[object, Figures]], Figures]:
    """Per handling unit (and the county total) for messages received in the year or month: counts,
    on-time rate, average reply time in working days, satisfaction. Public: counts only, no content."""
    found = Message.objects.filter(received_on__year=year).select_related("organization")
    if month:
        found = found.filter(received_on__month=month)
    cal = WorkdayCalendar()
    per: dict[int, Figures] = defaultdict(Figures)
    orgs = {}
    total = Figures()
    for message in found:
        orgs[message.organization_id] = message.organization
        for fig in (per[message.organization_id], total):
            fig.received += 1
            if message.state in OPEN_STATES:
                fig.open += 1
            elif message.replied_on:
                fig.answered += 1
                try:
                    due = cal.add_workdays(message.received_on, message.reply_workdays)
                    fig.on_time += message.replied_on <= due
                    fig.reply_days_total += cal.count_workdays(message.received_on, message.replied_on)
                except UnknownYearError:
                    pass
            if message.rating:
                fig.rated += 1
                if message.rating == Rating.SATISFIED:
                    fig.satisfied += 1
                elif message.rating == Rating.BASICALLY:
                    fig.basically += 1
                else:
                    fig.unsatisfied += 1
    rows = sorted(((orgs[pk], fig) for pk, fig in per.items()), key=lambda row: (row[0].sort_order, row[0].pk))
    return rows, total


def years_with_messages() -> list[int]:
    return sorted({d.year for d in Message.objects.dates("received_on", "year")}, reverse=True)


VETO_MONTHS = statute.UNANSWERED_MESSAGE_MONTHS
