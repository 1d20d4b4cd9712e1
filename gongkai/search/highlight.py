"""Highlighted titles and snippets: escape the text first, then wrap matches in <mark>.

Matching runs on normalized text (text.normalize keeps one character per character), so the offsets
found there cut the original text, which is what the reader sees.
"""

from html import escape  # what django.utils.html.escape calls, without its lazy-string wrapper

from django.utils.safestring import SafeString, mark_safe

from gongkai.search import text

SNIPPET_CHARS = 140
LEAD_CHARS = 30  # context shown before the first match


def _intervals(normalized: str, needles: list[str], low: int = 0, high: int | None = None) -> list[tuple[int, int]]:
    """The matches of the needles, merged where they overlap or touch; with `low`/`high`, those that
    reach into normalized[low:high] (a snippet marks no more)."""
    found = []
    high = len(normalized) if high is None else high
    for needle in needles:
        if not needle:
            continue
        stop = high + len(needle) - 1  # a match may start inside and end beyond
        start = normalized.find(needle, max(0, low - len(needle) + 1), stop)
        while start != -1:
            found.append((start, start + len(needle)))
            start = normalized.find(needle, start + 1, stop)
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


def highlight(original: str, needles: list[str], normalized: str | None = None) -> SafeString:
    """The whole text with every match marked (`normalized`: text.normalize(original), when known)."""
    original = original or ""
    normalized = text.normalize(original) if normalized is None else normalized
    return mark_safe(_render(original, _intervals(normalized, needles), 0, len(original)))


def snippet(original: str, needles: list[str], length: int = SNIPPET_CHARS, normalized: str | None = None) -> SafeString:
    """About `length` characters around the first match (or the beginning), matches marked."""
    original = original or ""
    normalized = text.normalize(original) if normalized is None else normalized
    first = min((at for at in (normalized.find(n) for n in needles if n) if at != -1), default=None)
    start = max(0, first - LEAD_CHARS) if first is not None else 0
    end = min(len(original), start + length)
    if end - start < length:
        start = max(0, end - length)
    body = _render(original, _intervals(normalized, needles, start, end), start, end) if first is not None else escape(original[start:end])
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(original) else ""
    return mark_safe(f"{prefix}{body}{suffix}")
