"""Reading deadlines from a requirement's words, and the due occurrences of a recurring deadline.

Work plans state deadlines in prose: "2020年底前建立…", "7月底前组织…", "各级各部门每季度梳理…",
"办理完结后3日内…备案", "持续深化…". `parse_deadlines` finds every such phrase and proposes a deadline
for each; a supervisor confirms the proposals before they create occurrences (services.confirm_deadline).
Pure functions: no database.
"""

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from gongkai.workplan.choices import DayKind, DeadlineKind, Period

CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
FULL_WIDTH = str.maketrans("０１２３４５６７８９（）：", "0123456789()：")


def cn_number(text: str) -> int:
    """An Arabic or simple Chinese number up to 99 ("3", "十", "十五", "二十")."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _sep, units = text.partition("十")
        return (CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (CN_DIGITS.get(units, 0) if units else 0)
    return CN_DIGITS[text]


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True)
class ParsedDeadline:
    kind: str
    phrase: str  # the words it was read from
    due_on: dt.date | None = None
    period: str = ""
    event_days: int | None = None
    event_label: str = ""
    event_day_kind: str = DayKind.CALENDAR

    def describe(self) -> str:
        if self.kind == DeadlineKind.ONCE:
            return f"{self.due_on:%Y-%m-%d}前"
        if self.kind == DeadlineKind.RECURRING:
            return str(Period(self.period).label)
        if self.kind == DeadlineKind.EVENT:
            return event_text(self.event_label, self.event_days, self.event_day_kind)
        return str(DeadlineKind.CONTINUOUS.label)


NUM = r"(\d{1,2}|[一二三四五六七八九十]{1,3})"
YEAR = r"(?:(\d{4})年)?"
# Order matters: the more specific patterns first; a span taken by one is not read again.
_ONCE_PATTERNS = [
    ("date", re.compile(YEAR + r"(\d{1,2})月(\d{1,2})日(?:前|之前|以前)")),
    ("month_end", re.compile(YEAR + r"(\d{1,2})月(?:底|末)(?:前|之前|以前)?")),
    ("year_end", re.compile(r"(?:(\d{4})年)(?:年)?(?:底|末)(?:前|之前|以前)?|(?<![\d年])年(?:底|末)(?:前|之前|以前)")),
    ("half", re.compile(YEAR + r"上半年(?:前|内|底前)?(?=完成|底|前|内|[，。；、]|$)")),
    ("quarter", re.compile(YEAR + r"第([一二三四1-4])季度(?:末|底)?(?:前|之前)")),
]
_RECURRING = [
    (Period.MONTH, re.compile(r"每(?:个)?月|按月")),
    (Period.QUARTER, re.compile(r"每(?:个)?季度|按季度")),
    (Period.HALF, re.compile(r"每半年|半年一次")),
    (Period.YEAR, re.compile(r"每年(?!度报告)|每一年|年度一次")),
]
_EVENT = re.compile(r"后" + NUM + r"(个?工作日|个?日|天)(?:内|以内)")
MAX_EVENT_DAYS = 365  # an event deadline is 1 to 365 days; services.clean_deadline and the phrase reader use it


def event_text(label: str, days, day_kind: str) -> str:
    """「收到通知后15个工作日内」, 「办理完结后3日内」 (Chinese: what the plan says, as written)."""
    unit = "个工作日" if day_kind == DayKind.WORKING else "日"
    return f"{label}后{days}{unit}内"


# Words that end the clause naming the event ("…在办理完结后3日内" → 办理完结).
_EVENT_CUT = re.compile(r".*[，。；、：在于的将]")
_CONTINUOUS = re.compile(r"持续|常态化|长期坚持|长效")


def _normalize(text: str) -> str:
    return re.sub(r"\s+", "", (text or "").translate(FULL_WIDTH))


def parse_deadlines(text: str, year: int) -> list[ParsedDeadline]:
    """Every deadline the text states, in order of appearance; `year` is the plan's year for phrases
    without one ("7月底前", "年底前"). A text with none but "持续…/常态化…" yields one CONTINUOUS proposal."""
    return read_deadlines(text, year)[0]


def read_deadlines(text: str, year: int) -> tuple[list[ParsedDeadline], list[str]]:
    """parse_deadlines, with the deadline phrases that could not be read ("2月30日前", "后0日内"): the
    import names them in its summary rather than dropping them unseen."""
    text = _normalize(text)
    unreadable: list[str] = []
    found: list[tuple[int, ParsedDeadline]] = []
    taken: list[tuple[int, int]] = []

    def free(match) -> bool:
        return not any(start < match.end() and match.start() < end for start, end in taken)

    def add(match, deadline: ParsedDeadline) -> None:
        taken.append((match.start(), match.end()))
        found.append((match.start(), deadline))

    for match in _EVENT.finditer(text):
        before = _EVENT_CUT.sub("", text[max(0, match.start() - 8):match.start()])
        if len(before) < 2:
            continue
        days = cn_number(match.group(1))
        taken.append((match.start() - len(before), match.end()))
        if not 1 <= days <= MAX_EVENT_DAYS:
            unreadable.append(before + match.group(0))
            continue
        day_kind = DayKind.WORKING if "工作日" in match.group(2) else DayKind.CALENDAR
        found.append((match.start() - len(before), ParsedDeadline(
            DeadlineKind.EVENT, before + match.group(0), event_days=days, event_label=before,
            event_day_kind=day_kind)))
    for name, pattern in _ONCE_PATTERNS:
        for match in pattern.finditer(text):
            if not free(match):
                continue
            due = _once_date(name, match, year)
            if due is not None:
                add(match, ParsedDeadline(DeadlineKind.ONCE, match.group(0), due_on=due))
            else:
                taken.append((match.start(), match.end()))
                unreadable.append(match.group(0))
    for period, pattern in _RECURRING:
        for match in pattern.finditer(text):
            if free(match):
                add(match, ParsedDeadline(DeadlineKind.RECURRING, match.group(0), period=period))
    result, seen = [], set()
    for _position, deadline in sorted(found, key=lambda pair: pair[0]):
        key = (deadline.kind, deadline.due_on, deadline.period, deadline.event_days, deadline.event_label,
               deadline.event_day_kind)
        if key not in seen:
            seen.add(key)
            result.append(deadline)
    if not result:
        match = _CONTINUOUS.search(text)
        if match:
            result.append(ParsedDeadline(DeadlineKind.CONTINUOUS, match.group(0)))
    return result, unreadable


def _once_date(name: str, match, year: int) -> dt.date | None:
    groups = match.groups()
    try:
        if name == "date":
            return dt.date(int(groups[0] or year), int(groups[1]), int(groups[2]))
        if name == "month_end":
            return month_end(int(groups[0] or year), int(groups[1]))
        if name == "year_end":
            return dt.date(int(groups[0] or year), 12, 31)
        if name == "half":
            return dt.date(int(groups[0] or year), 6, 30)
        if name == "quarter":
            quarter = cn_number(groups[1]) if not groups[1].isdigit() else int(groups[1])
            return month_end(int(groups[0] or year), quarter * 3)
    except (ValueError, KeyError):
        return None  # "2月30日前": not a date; nothing is proposed
    return None


# --- occurrences of a recurring deadline ---------------------------------------------------------

PERIOD_MONTHS = {Period.MONTH: 1, Period.QUARTER: 3, Period.HALF: 6, Period.YEAR: 12}
# A recurring deadline runs within its plan's year (services.clean_deadline): at most twelve monthly
# periods. The cap also holds for any window read or stored before that check.
MAX_OCCURRENCES = 12


@dataclass(frozen=True)
class PeriodSpan:
    label: str
    start: dt.date
    due_on: dt.date  # the last day of the period


def period_label(period: str, start: dt.date) -> str:
    """「2020年第3季度」 in the language of the page (computed when shown, never stored translated)."""
    from django.utils.translation import gettext as _

    if period == Period.MONTH:
        return _("%(year)d年%(month)d月") % {"year": start.year, "month": start.month}
    if period == Period.QUARTER:
        return _("%(year)d年第%(n)d季度") % {"year": start.year, "n": (start.month - 1) // 3 + 1}
    if period == Period.HALF:
        if start.month <= 6:
            return _("%(year)d年上半年") % {"year": start.year}
        return _("%(year)d年下半年") % {"year": start.year}
    return _("%(year)d年度") % {"year": start.year}


def once_label(due_on: dt.date) -> str:
    from django.utils.translation import gettext as _

    return _("%(date)s前") % {"date": due_on.isoformat()}


def occurrence_label(period_start: dt.date, due_on: dt.date) -> str:
    """An occurrence's label from what it stores: a period's span (its first and last day) names the
    period; a single date (period_start == due_on) is 「…前」."""
    months = (due_on.year - period_start.year) * 12 + due_on.month - period_start.month + 1
    by_length = {length: period for period, length in PERIOD_MONTHS.items()}
    if period_start != due_on and period_start.day == 1 and months in by_length \
            and due_on == month_end(due_on.year, due_on.month):
        return period_label(by_length[months], period_start)
    return once_label(due_on)


def periods(period: str, starts_on: dt.date, ends_on: dt.date) -> list[PeriodSpan]:
    """The calendar periods (months, quarters, halves, years) that overlap [starts_on, ends_on]: one due
    occurrence each, due on the period's last day."""
    if period not in PERIOD_MONTHS:
        raise ValueError(f"unknown period {period!r}")
    if ends_on < starts_on:
        return []
    months = PERIOD_MONTHS[period]
    month = (starts_on.month - 1) // months * months + 1
    start = dt.date(starts_on.year, month, 1)
    spans = []
    while start <= ends_on and len(spans) < MAX_OCCURRENCES:
        end_month = start.month + months - 1
        due = month_end(start.year, end_month)
        spans.append(PeriodSpan(period_label(period, start), start, due))
        next_month = end_month + 1
        start = dt.date(start.year + (next_month - 1) // 12, (next_month - 1) % 12 + 1, 1)
    return spans


def due_dates(kind: str, due_on: dt.date | None, period: str, starts_on: dt.date | None,
              ends_on: dt.date | None) -> dict[dt.date, PeriodSpan | None]:
    """The due dates a confirmed deadline of these values has now: its date (span None) for 限期, the
    end of each period for 定期; none for 事后限期 and 持续推进. An occurrence whose date is not among them
    was superseded by a correction: it keeps its reports but is no longer due."""
    if kind == DeadlineKind.ONCE and due_on:
        return {due_on: None}
    if kind == DeadlineKind.RECURRING and starts_on and ends_on and period in PERIOD_MONTHS:
        return {span.due_on: span for span in periods(period, starts_on, ends_on)}
    return {}
