"""Where staff text meets a template's stock sentence: punctuation and repeated reasoning.

A placeholder is filled with what a member of staff typed (答复内容, 不予公开理由, an applicant's
description …). Typed text brings its own full stop, a half-width comma, or the very clause the stock
sentence already states (「经审查」「依法不予公开」). `join_value` trims such a value against the stock
text it goes into; `tidy` normalises one finished paragraph (no 「。。」, no 「。，」, full-width
punctuation after Chinese characters).
"""

import re

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
