"""Reading a State Council holiday notice (国务院办公厅关于某年部分节假日安排的通知) pasted as text.

The notices say each holiday in one sentence of the same shape, e.g. (国办发明电〔2019〕16号):

    二、春节：1月24日至30日放假调休，共7天。1月19日（星期日）、2月1日（星期六）上班。

A clause (up to 。 or ；) that says 放假 gives its days off — a range 「A至B」 or single dates; a clause that
says 上班 gives the weekend days worked (调休). A date without a month takes the month before it in the
clause, without a year the notice's year; a range that runs past December ends in the next year. Anything
the parser cannot place is reported, never guessed. Saving is `services.enter_year` (after a preview).
"""

import datetime as dt
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

DATE = re.compile(r"(?:(\d{4})\s*年\s*)?(?:(\d{1,2})\s*月\s*)?(\d{1,2})\s*日(?:\s*[（(][^）)]*[）)])?")
CLAUSE_END = re.compile(r"[。；;\n]")
NOTICE_YEAR = re.compile(r"关于\s*(\d{4})\s*年")
NOTICE_NUMBER = re.compile(r"国办发明电\s*〔\s*\d{4}\s*〕\s*\d+\s*号")


@dataclass
class ParsedNotice:
    year: int
    holidays: list[dt.date] = field(default_factory=list)
    workdays: list[dt.date] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    number: str = ""

    @property
    def ok(self) -> bool:
        return bool(self.holidays) and not self.problems


def notice_year(text: str) -> int | None:
    found = NOTICE_YEAR.search(text or "")
    return int(found.group(1)) if found else None


def _dates(clause: str, year: int, problems: list[str]) -> list[tuple[dt.date, int, int]]:
    """(date, start, end) of every date in the clause, months and years carried forward."""
    found, month, current_year = [], None, year
    for match in DATE.finditer(clause):
        y, m, d = match.groups()
        if y:
            current_year = int(y)
        if m:
            new_month = int(m)
            if month is not None and new_month < month and not y:
                current_year += 1  # e.g. 12月31日至1月2日
            month = new_month
        if month is None:
            problems.append(_("无法确定“%(date)s”的月份：%(clause)s") % {"date": match.group(0), "clause": clause.strip()})
            continue
        try:
            found.append((dt.date(current_year, month, int(d)), match.start(), match.end()))
        except ValueError:
            problems.append(_("“%(date)s”不是有效日期：%(clause)s") % {"date": match.group(0), "clause": clause.strip()})
    return found


def parse_notice(text: str, year: int | None = None) -> ParsedNotice:
    year = year or notice_year(text) or 0
    number = NOTICE_NUMBER.search(text or "")
    result = ParsedNotice(year=year, number=re.sub(r"\s+", "", number.group(0)) if number else "")
    if not year:
        result.problems.append(_("请填写年份（如通知标题“关于2027年部分节假日安排的通知”中的2027）。"))
        return result
    holidays, workdays = set(), set()
    for clause in CLAUSE_END.split(text or ""):
        if "放假" not in clause and "上班" not in clause:
            continue
        dates = _dates(clause, year, result.problems)
        if not dates:
            continue
        if "上班" in clause and "放假" not in clause:
            workdays.update(day for day, _s, _e in dates)
            continue
        between = clause[dates[0][2]:dates[1][1]] if len(dates) >= 2 else ""
        if len(dates) == 2 and re.fullmatch(r"\s*[至到—\-－~～]\s*", between):
            start, end = dates[0][0], dates[1][0]
            if end < start or (end - start).days > 31:
                result.problems.append(_("放假期间不合理：%(clause)s") % {"clause": clause.strip()})
                continue
            holidays.update(start + dt.timedelta(days=n) for n in range((end - start).days + 1))
        else:
            holidays.update(day for day, _s, _e in dates)
    both = holidays & workdays
    if both:
        result.problems.append(_("以下日期既放假又上班：%(days)s") % {"days": "、".join(d.isoformat() for d in sorted(both))})
    result.holidays, result.workdays = sorted(holidays), sorted(workdays)
    return result
