"""Highlighted titles and snippets: escape the text first, then wrap matches in <mark>.

A needle (normalized, as query terms are) is matched in the original text by `text.needle_pattern`:
at the offsets where it occurs in `text.normalize(original)`, which keeps one character per
character; the original is what the reader sees, and it is never normalized whole for this.
"""

from html import escape  # what django.utils.html.escape calls, without its lazy-string wrapper

from django.utils.safestring import SafeString, mark_safe

from gongkai.search import text

SNIPPET_CHARS = 140
LEAD_CHARS = 30  # context shown before the first match


def _intervals(original: str, needles: list[str], low: int = 0, high: int | None = None) -> list[tuple[int, int]]:
    """The matches of the needles, merged where they overlap or touch; with `low`/`high`, those that
    reach into original[low:high] (a snippet marks no more)."""
    found = []
    high = len(original) if high is None else high
    for needle in needles:
        if not needle:
            continue
        pattern, stop = text.needle_pattern(needle), high + len(needle) - 1  # a match may start inside and end beyond
        match = pattern.search(original, max(0, low - len(needle) + 1), stop)
        while match is not None:
            found.append((match.start(), match.end()))
            match = pattern.search(original, match.start() + 1, stop)
    found.sort()
    merged: list[tuple[int, int]] = []
    for start, end in found:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _render(original: str, intervals: list[tuple[int, int]], start: int, end: int) -> str:
    parts, cursor = [], start
    for low, high in intervals:
        low, high = max(low, start), min(high, end)
        if high <= low:
            continue
        parts.append(escape(original[cursor:low]))
        parts.append(f"<mark>{escape(original[low:high])}</mark>")
        cursor = high
    parts.append(escape(original[cursor:end]))
    return "".join(parts)


def highlight(original: str, needles: list[str]) -> SafeString:
    """The whole text with every match marked."""
    original = original or ""
    return mark_safe(_render(original, _intervals(original, needles), 0, len(original)))


def _first(original: str, needles: list[str]) -> int | None:
    starts = [match.start() for match in (text.needle_pattern(n).search(original) for n in needles if n) if match]
    return min(starts, default=None)


def snippet(original: str, needles: list[str], length: int = SNIPPET_CHARS) -> SafeString:
    """About `length` characters around the first match (or the beginning), matches marked."""
    original = original or ""
    first = _first(original, needles)
    start = max(0, first - LEAD_CHARS) if first is not None else 0
    end = min(len(original), start + length)
    if end - start < length:
        start = max(0, end - length)
    body = _render(original, _intervals(original, needles, start, end), start, end) if first is not None else escape(original[start:end])
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(original) else ""
    return mark_safe(f"{prefix}{body}{suffix}")
