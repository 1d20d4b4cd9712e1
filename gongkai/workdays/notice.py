"""Reading a State Council holiday notice (国务院办公厅关于某年部分节假日安排的通知) pasted as text.

The notices say each holiday in one sentence of the same shape, e.g. (国办发明电〔2019〕16号):

    二、春节：1月24日至30日放假调休，共7天。1月19日（星期日）、2月1日（星期六）上班。

A clause (up to 。 or ；) that says 放假 gives its days off — a range 「A至B」 or single dates; a clause that
says 上班 gives the weekend days worked (调休). A date without a month takes the month before it in the
clause, without a year the notice's year; only a December→January step moves into the next year (a range
that runs past December), and any other day outside the notice's year is reported. A clause that says both
放假 and 上班 (joined by 「，」) is read part by part, or refused when its parts cannot be told apart. Anything
the parser cannot place is reported, never guessed. Saving is `services.enter_year` (after a preview).

A 调休 working day is always a Saturday or Sunday: a weekday said to be 上班 is reported. A weekday written
beside a date (「1月4日（周日）」) must be that date's: a mismatch, a typo in the day or the weekday, is reported. 「2月3日（星期一）
起正常上班」 is not a 调休 day but the day work resumes after a holiday; it is checked, not stored. A notice
that extends a holiday (国办发明电〔2020〕1号):

    一、延长2020年春节假期至2月2日（农历正月初九，星期日），2月3日（星期一）起正常上班。

is read with the notice it extends, pasted together: the holiday that ends last before 2月2日 runs on to
2月2日, and a 调休 working day inside the extended days is cancelled (2020: 02-01). An extension with nothing
to extend, or a clause about a 假期 that is neither, is reported.
"""

import datetime as dt
import re
from dataclasses import dataclass, field

from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _

DATE = re.compile(r"(?:(\d{4})\s*年\s*)?(?:(\d{1,2})\s*月\s*)?(\d{1,2})\s*日(?:\s*([（(][^）)]*[）)]))?")
# The weekday a notice writes beside a date, 「（周四）」「（星期日）」「（农历腊月二十八、周日）」: checked against the date,
# so a mistyped day or weekday in a pasted notice is reported instead of entered.
WEEKDAY_NOTE = re.compile(r"(?:周|星期|礼拜)([一二三四五六日天])")
WEEKDAY_NAMES = "一二三四五六日"
CLAUSE_END = re.compile(r"[。；;\n]")
NOTICE_YEAR = re.compile(r"关于\s*(?:延长\s*)?(\d{4})\s*年")
NOTICE_NUMBER = re.compile(r"国办发明电\s*〔\s*\d{4}\s*〕\s*\d+\s*号")
# 「，」 outside brackets: 「10月1日至7日放假调休，共7天，9月26日（星期日）上班」 has a 放假 part and a 上班 part.
PART_END = re.compile(r"[，,](?![^（(]*[）)])")
RANGE = re.compile(r"\s*[至到—\-－~～]\s*")
# The words of a clause that may place days: 放假, 上班 (调休), and an extended 假期.
KEYWORDS = ("放假", "上班", "延长", "假期")
WEEKEND = (5, 6)
# A holiday is extended by at most this many days (2020: 01-30 → 02-02, 3 days); a longer gap is not guessed.
MAX_EXTENSION_DAYS = 31


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
        y, m, d, note = match.groups()
        if y:
            current_year = int(y)
        if m:
            new_month = int(m)
            if month == 12 and new_month == 1 and not y:
                current_year += 1  # 12月31日至1月2日; any other step back in the months is read in the same year
            month = new_month
        if month is None:
            problems.append(_("无法确定“%(date)s”的月份：%(clause)s") % {"date": match.group(0), "clause": clause.strip()})
            continue
        try:
            day = dt.date(current_year, month, int(d))
        except ValueError:
            problems.append(_("“%(date)s”不是有效日期：%(clause)s") % {"date": match.group(0), "clause": clause.strip()})
            continue
        _check_weekday(day, match.group(0), note, clause, problems)
        found.append((day, match.start(), match.end()))
    return found


def _check_weekday(day: dt.date, written: str, note: str | None, clause: str, problems: list[str]) -> None:
    """A weekday written in the date's brackets must be the date's own (周日 and 周天 are both Sunday)."""
    said = WEEKDAY_NOTE.search(note or "")
    if not said:
        return
    if WEEKDAY_NAMES.index(said.group(1).replace("天", "日")) != day.weekday():
        problems.append(_("“%(date)s”写的星期与日期不符（%(day)s是%(weekday)s），请核对通知原文：%(clause)s") % {
            "date": written, "day": day.isoformat(), "weekday": WEEKDAYS[day.weekday()],
            "clause": clause.strip()})


def _resumes(clause: str, end: int) -> bool:
    """「2月3日（星期一）起正常上班」: the date is when normal work resumes, not a 调休 working day."""
    return clause[end:].lstrip().startswith("起")


def _check_resumption(day: dt.date, clause: str, problems: list[str]) -> None:
    if day.weekday() in WEEKEND:
        problems.append(_("“%(day)s”是周六或周日，无法确定是否调休上班：%(clause)s") % {
            "day": day.isoformat(), "clause": clause.strip()})


def _extension_end(clause: str, dates, problems: list[str]) -> dt.date | None:
    """The last day of an extended holiday (「延长…假期至2月2日」), its resumption day checked; None (and a
    problem) when the clause says anything else."""
    after = clause.index("延长")
    ends = [day for day, start, _end in dates if start > after and clause[:start].rstrip().endswith("至")]
    resumes = [day for day, _start, end in dates if _resumes(clause, end)]
    if len(ends) != 1 or len(ends) + len(resumes) != len(dates):
        problems.append(_("无法识别延长的假期（应为“延长……假期至某月某日”）：%(clause)s") % {"clause": clause.strip()})
        return None
    for day in resumes:
        _check_resumption(day, clause, problems)
        gap = [ends[0] + dt.timedelta(days=n) for n in range(1, (day - ends[0]).days)]
        if day <= ends[0] or any(d.weekday() not in WEEKEND for d in gap):
            problems.append(_("恢复上班的日期与延长后的假期不衔接：%(clause)s") % {"clause": clause.strip()})
    return ends[0]


def _extend(holidays: set, workdays: set, end: dt.date, problems: list[str]) -> None:
    """Run the holiday that ends last before `end` on to `end`; a 调休 day inside it is cancelled."""
    before = [day for day in holidays if day < end and (end - day).days <= MAX_EXTENSION_DAYS]
    if not before:
        problems.append(_("通知将假期延长至%(day)s，但未找到被延长的放假安排：请将原放假通知和延长假期的通知一并粘贴。")
                        % {"day": end.isoformat()})
        return
    days = {max(before) + dt.timedelta(days=n) for n in range(1, (end - max(before)).days + 1)}
    holidays.update(days)
    workdays.difference_update(days)


def _clauses(text: str):
    """Each clause (up to 。 or ；); a clause that says both 放假 and 上班 split at its 「，」 into parts, so the
    上班 days are never read as days off. A part with dates but neither word is kept for the problem report."""
    for clause in CLAUSE_END.split(text):
        if "放假" in clause and "上班" in clause and "延长" not in clause:
            parts = PART_END.split(clause)
            if any(DATE.search(part) and not any(word in part for word in KEYWORDS) for part in parts):
                yield clause  # e.g. 「10月1日至7日，放假调休」 and 「上班」 elsewhere: reported below
            else:
                yield from parts
        else:
            yield clause


def _outside_year(day: dt.date, clause: str, year: int, problems: list[str]) -> None:
    problems.append(_("“%(day)s”不在%(year)s年内，请核对通知的年份和日期：%(clause)s") % {
        "day": day.isoformat(), "year": year, "clause": clause.strip()})


def parse_notice(text: str, year: int | None = None) -> ParsedNotice:
    year = year or notice_year(text) or 0
    number = NOTICE_NUMBER.search(text or "")
    result = ParsedNotice(year=year, number=re.sub(r"\s+", "", number.group(0)) if number else "")
    if not year:
        result.problems.append(_("请填写年份（如通知标题“关于2027年部分节假日安排的通知”中的2027）。"))
        return result
    title_year = notice_year(text)
    if title_year and title_year != year:
        result.problems.append(_("通知标题中的年份（%(title)s年）与填写的年份（%(year)s年）不一致。") % {
            "title": title_year, "year": year})
    holidays, workdays, extensions = set(), set(), []
    for clause in _clauses(text or ""):
        if not any(word in clause for word in KEYWORDS):
            continue
        dates = _dates(clause, year, result.problems)
        if not dates:
            continue
        if "延长" in clause:
            end = _extension_end(clause, dates, result.problems)
            if end:
                extensions.append(end)
            continue
        if "上班" in clause and "放假" in clause:
            result.problems.append(_("无法区分同一句中的放假日期和上班日期，请用“。”分开：%(clause)s") % {
                "clause": clause.strip()})
            continue
        if "上班" in clause:
            for day, _s, end in dates:
                if _resumes(clause, end):
                    _check_resumption(day, clause, result.problems)
                elif day.weekday() not in WEEKEND:
                    result.problems.append(_("“%(day)s”不是周六或周日，不能是调休上班日：%(clause)s") % {
                        "day": day.isoformat(), "clause": clause.strip()})
                elif day.year != year:
                    _outside_year(day, clause, year, result.problems)
                else:
                    workdays.add(day)
            continue
        if "放假" not in clause:
            result.problems.append(_("无法识别的假期安排：%(clause)s") % {"clause": clause.strip()})
            continue
        between = clause[dates[0][2]:dates[1][1]] if len(dates) >= 2 else ""
        if len(dates) == 2 and RANGE.fullmatch(between):
            start, end = dates[0][0], dates[1][0]
            if end < start or (end - start).days > 31:
                result.problems.append(_("放假期间不合理：%(clause)s") % {"clause": clause.strip()})
                continue
            if year not in (start.year, end.year):
                _outside_year(start, clause, year, result.problems)
                continue
            holidays.update(start + dt.timedelta(days=n) for n in range((end - start).days + 1))
        else:
            for day, _s, _e in dates:
                if day.year == year:
                    holidays.add(day)
                else:
                    _outside_year(day, clause, year, result.problems)
    for end in sorted(extensions):
        _extend(holidays, workdays, end, result.problems)
    both = holidays & workdays
    if both:
        result.problems.append(_("以下日期既放假又上班：%(days)s") % {"days": "、".join(d.isoformat() for d in sorted(both))})
    if not holidays and not result.problems:
        result.problems.append(_("未识别出任何放假日期（日期应写作“某月某日”）。"))
    result.holidays, result.workdays = sorted(holidays), sorted(workdays)
    return result
