"""Where staff text meets a template's stock sentence: punctuation and repeated reasoning.

A placeholder is filled with what a member of staff typed (答复内容, 不予公开理由, an applicant's
description …). Typed text brings its own full stop, a half-width comma, or the very clause the stock
sentence already states (「经审查」「依法不予公开」). `join_value` trims such a value against the stock
text it goes into; `tidy` normalises one finished paragraph (no 「。。」, no 「。，」, full-width
punctuation after Chinese characters).
"""

import bisect
import itertools
import re
import unicodedata

CLOSERS = "。！？；，、："
_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}
# A half-width mark right after a Chinese character (not inside numbers like 0533-3241234 or 1.5).
_HALF_AFTER_CJK = re.compile(rf"(?<=[{_CJK}）”])([,;:!?])")
_HALF_PERIOD = re.compile(rf"(?<=[{_CJK}）”])\.(?!\d)")
_PAREN = re.compile(rf"\(([^()]*[{_CJK}][^()]*)\)")
_RUN = re.compile(f"[{CLOSERS}]{{2,}}")
_CLAUSE = re.compile(f"([^{CLOSERS}]*)([{CLOSERS}]?)")
_SENTENCE_END = "。！？"
# Words that only connect or hedge a clause; a clause that is the stock text once they are removed
# says nothing the letter does not already say.
_FILLERS = ("经审查", "经核查", "经研究", "因此", "所以", "综上", "故", "依法", "现", "本机关", "我机关", "我单位",
            "决定", "予以", "特此", "告知")
_NOT_TEXT = re.compile(f"[\\s{CLOSERS}“”\"'（）()《》]")


def _bare(text: str) -> str:
    text = _NOT_TEXT.sub("", text)
    changed = True
    while changed:
        changed = False
        for filler in _FILLERS:
            if text.startswith(filler):
                text, changed = text[len(filler):], True
    return text


def _pick(run: str) -> str:
    """One mark for a run of marks: the strongest sentence end if any, else the last mark."""
    for mark in "？！。":
        if mark in run:
            return mark
    return run[-1]


def tidy(text: str) -> str:
    """Full-width punctuation next to Chinese text and no doubled marks (「前后。。」→「前后。」)."""
    text = " ".join(text.split()) if "\n" not in text else text.strip()
    text = _PAREN.sub(r"（\1）", text)
    text = _HALF_AFTER_CJK.sub(lambda m: _HALF_TO_FULL[m.group(1)], text)
    text = _HALF_PERIOD.sub("。", text)
    return _RUN.sub(lambda m: _pick(m.group(0)), text)


def join_value(value: str, stock: str, after: str = "") -> str:
    """`value` as it may stand inside `stock` (the template text around it), `after` being the
    template text that follows it: clauses repeating the stock text dropped, and no mark doubled
    where it meets the template."""
    value = tidy(str(value))
    if not value:
        return value
    stock_bare = _bare(stock)
    kept, seen = [], set()
    for clause, mark in _CLAUSE.findall(value):
        if not clause and not mark:
            continue
        bare = _bare(clause)
        filler_only = bool(_NOT_TEXT.sub("", clause)) and not bare and stock_bare
        if filler_only or (bare and (bare in seen or (len(bare) >= 4 and bare in stock_bare))):
            # Drop the clause; keep a sentence end it carried if the kept text needs one.
            if mark in _SENTENCE_END and kept and kept[-1][-1:] not in _SENTENCE_END:
                kept[-1] = kept[-1][:-1] + mark if kept[-1][-1:] in CLOSERS else kept[-1] + mark
            continue
        seen.add(bare)
        kept.append(clause + mark)
    value = "".join(kept).strip()
    if after[:1] and after[:1] in CLOSERS + "）":
        value = value.rstrip(CLOSERS)
    return value


# GB/T 9704-2012 §7.3.2 标题: 「回行时，要做到词意完整，排列对称，长短适宜，间距恰当，标题排列应当使用梯形或菱形。」
# A title line holds 156 mm / 22 pt ≈ 20 characters (2号 in the 版心); a half-width character (digit,
# Latin letter) takes half a character's width.
TITLE_CHARS_PER_LINE = 20
_NO_LINE_START = set("，。、；：？！）》」』”’")
_NO_LINE_END = set("（《「『“‘")
_WEAK_LINE_START = set("的和及与之等")  # a line that begins with a particle reads as a broken phrase


def _break_points(title: str) -> list[int]:
    """Offsets where a title may break: between words (jieba), never inside a word or a number, never
    before a closing or after an opening mark."""
    import jieba

    points, offset = [], 0
    for word in jieba.lcut(title, HMM=False):
        offset += len(word)
        if 0 < offset < len(title) and title[offset] not in _NO_LINE_START and title[offset - 1] not in _NO_LINE_END:
            points.append(offset)
    return points


def text_width(text: str) -> float:
    """The width of `text` in full-width characters: a half-width character (digits, Latin letters,
    half-width marks) counts as half (Unicode East Asian Width Na/H), everything else as one."""
    return sum(0.5 if unicodedata.east_asian_width(char) in ("Na", "H") else 1 for char in text)


def _cut_to_width(title: str, width: float) -> list[str]:
    lines, line = [], ""
    for char in title:
        if line and text_width(line + char) > width:
            lines.append(line)
            line = ""
        line += char
    return [*lines, line] if line else lines


# Steps of the search for a title's best breaking at most: every breaking that fits the width is scored, in
# the order of the cuts, so a title of up to four lines (a few thousand breakings that fit) is tried in full and
# breaks as before; a longer one (a 200-character 通报 title has billions) gets the balanced breaking at word
# boundaries of _balanced once the search passes this.
MAX_TITLE_STEPS = 20_000


def _score(title: str, bounds, lengths) -> tuple:
    count = len(lengths)
    if count == 2:
        shape = 0 if lengths[0] >= lengths[1] else 1  # 梯形: the upper line longer
    else:
        middle = max(lengths[1:-1])
        shape = (lengths[0] > middle) + (lengths[-1] > middle)  # 菱形: the middle the longest
    weak = sum(title[b] in _WEAK_LINE_START for b in bounds[1:-1])
    return (shape, weak, max(lengths) - min(lengths))


def _searched(title: str, points: list[int], count: int, width: float, widths: list[float]):
    """The best-scored breaking (its bounds) into `count` lines none wider than `width`, None when none fits,
    or False when the search passes MAX_TITLE_STEPS. `widths[i]` is the width of title[:i]."""
    total, end, point_widths = widths[-1], len(title), [widths[point] for point in points]
    best, best_score, steps = None, None, 0
    stack = [((0,), 0)]  # (bounds so far, index of the next break point to try), walked in the order of the cuts
    while stack:
        bounds, index = stack.pop()
        last, lines_left = bounds[-1], count - len(bounds)
        if lines_left == 0:  # the last line, from the last cut to the end
            if total - widths[last] <= width:
                full = (*bounds, end)
                lengths = [widths[b] - widths[a] for a, b in itertools.pairwise(full)]
                score = _score(title, full, lengths)
                if best_score is None or score < best_score:
                    best, best_score = full, score
            continue
        children = []
        # the first cut after which what is left fits on the lines left (the widths grow with the offsets)
        first = bisect.bisect_left(point_widths, total - lines_left * width, lo=index)
        for at, position in enumerate(points[first:], first):
            if widths[position] - widths[last] > width:
                break  # this line, and every later cut's, too wide
            steps += 1
            if steps > MAX_TITLE_STEPS:
                return False
            children.append(((*bounds, position), at + 1))
        stack.extend(reversed(children))
    return best


def _balanced(title: str, points: list[int], count: int, width: float, widths: list[float]):
    """The breaking at word boundaries into `count` lines none wider than `width` whose line widths stray least
    from the mean (their squares summed), a line starting with a particle counting as a further stray; None when
    none fits. Dynamic programming: a few hundred break points and ten lines take milliseconds."""
    mean, end = widths[-1] / count, len(title)
    ends = [*points, end]
    costs = {0: (0.0, None)}  # offset of a line's start -> (cost of the lines before it, the previous start)
    layers = [costs]
    for line in range(count):
        nexts = {}
        for start, (cost, _before) in costs.items():
            for stop in ends if line == count - 1 else points:
                if stop <= start:
                    continue
                if widths[stop] - widths[start] > width:
                    break
                if (line == count - 1) != (stop == end):
                    continue
                here = cost + (widths[stop] - widths[start] - mean) ** 2 + (
                    width * width if start and title[start] in _WEAK_LINE_START else 0)
                if stop not in nexts or here < nexts[stop][0]:
                    nexts[stop] = (here, start)
        costs = nexts
        layers.append(costs)
    if end not in costs:
        return None
    bounds, at = [end], end
    for layer in reversed(layers[1:]):
        at = layer[at][1]
        bounds.append(at)
    return tuple(reversed(bounds))


def title_lines(title: str, width: int = TITLE_CHARS_PER_LINE) -> list[str]:
    """The title broken into lines as §7.3.2 asks: whole words on each line, two lines as a 梯形 (the
    upper line the longer), three or more as a 菱形 (the middle lines the longest), none wider than
    `width` full-width characters (a half-width digit or letter counts as half)."""
    title = title.strip()
    total = text_width(title)
    if total <= width:
        return [title]
    points = _break_points(title)
    count = -(-int(total * 2) // int(width * 2))
    widths = [0.0]
    for char in title:
        widths.append(widths[-1] + text_width(char))
    for lines in (count, count + 1):  # one line more where the fewest lines cannot end at word boundaries
        best = _searched(title, points, lines, width, widths)
        if best is False:  # too many breakings to score (a 200-character 通报 title: C(100, 9) of them)
            best = _balanced(title, points, lines, width, widths)
        if best is not None:
            break
    if best is None:  # no word boundary fits: cut at the width, as a typesetter would
        return _cut_to_width(title, width)
    return [title[a:b] for a, b in itertools.pairwise(best)]


# A table cell keeps a value this short on one line (「第十五条」「依据条款」): wider ones may wrap.
UNBROKEN_CELL_CHARS = 8
CELL_PADDING_CHARS = 1  # the cell's padding and borders (Word: 0.19 cm a side), in characters of the table's type


def column_widths(headers, rows, line_chars: float) -> list[float] | None:
    """The share (0–1) of the 版心 width each column of a table takes, for `line_chars` characters of the
    table's type a line: every column is at least as wide as its longest short value (up to
    UNBROKEN_CELL_CHARS), so that 「第十五条」 is not broken into 「第十」「五条」; what is left goes to the
    columns with more text. None when the short values alone do not fit (the layout's own widths then)."""
    columns = list(zip(headers, *rows, strict=True))
    if not columns:
        return None
    minimum = [min(max(text_width(cell) for cell in column), UNBROKEN_CELL_CHARS) + CELL_PADDING_CHARS
               for column in columns]
    spare = line_chars - sum(minimum)
    if spare < 0:
        return None
    demand = [max(sum(text_width(cell) for cell in column[1:]) - low, 0) for column, low in zip(columns, minimum, strict=True)]
    total = sum(demand)
    widths = [low + (spare * need / total if total else spare / len(columns)) for low, need in zip(minimum, demand, strict=True)]
    return [width / line_chars for width in widths]
