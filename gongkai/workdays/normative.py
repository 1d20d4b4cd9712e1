"""规范性文件 有效期 dates: the latest 施行日期 and expiry a document may have, and the day it lapses
(rules in `statute.NormativeValidityRule`; calendar days, not working days; the warning window before an
expiry is `statute.NORMATIVE_EXPIRY_WARNING_DAYS`, applied in `regulations.expiry`)."""

import datetime as dt

from gongkai.workdays.statute import NORMATIVE_MAX_YEARS_AHEAD, NormativeValidityRule


def _add_years(day: dt.date, years: int) -> dt.date:
    """`day` moved by `years`, clamped to the calendar's ends (a year past 9999 is never a real period's end,
    but a mistyped date must give a refusal, not a crash)."""
    year = day.year + years
    if year > dt.MAXYEAR:
        return dt.date.max
    if year < dt.MINYEAR:
        return dt.date.min
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February in a year without one: the period ends with February
        return dt.date(year, 3, 1)


def normative_is_provisional(title: str, rule: NormativeValidityRule) -> bool:
    """暂行/试行 documents are named so; the rule's markers decide."""
    return any(marker in (title or "") for marker in rule.provisional_markers)


def normative_latest_expiry(effective_from: dt.date, provisional: bool, rule: NormativeValidityRule) -> dt.date:
    """The last day a document may still be in force: N years from the 施行日期, that day excluded."""
    years = rule.provisional_max_years if provisional else rule.max_years
    return _add_years(effective_from, years) - dt.timedelta(days=1)


def normative_latest_scheduled(day: dt.date) -> dt.date:
    """The latest 施行日期 of a document published on `day`, or 生效日期 of a relation recorded on `day`."""
    return _add_years(day, NORMATIVE_MAX_YEARS_AHEAD)


def normative_lapses_on(expires_on: dt.date) -> dt.date:
    """有效期至 is the last day in force; the document is 已失效 from the next day."""
    return expires_on + dt.timedelta(days=1)
