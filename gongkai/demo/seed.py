"""Reading the customer's seed document, 沂源县2020年政务公开工作要点 (源政办字〔2020〕66号).

The text (data/yiyuan-2020-work-plan.txt) was extracted from the published PDF: paragraphs are broken
at page ends, and the annex table (任务分解表) arrives as tab-separated rows whose merged cells shift
columns from page to page. This module turns it into what the demo needs: the notice as sanitized
HTML, the annex as rows of (工作任务, 具体要求, 责任单位), and sentences to build demo bodies from.
"""

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
SEED_PATH = DATA_DIR / "yiyuan-2020-work-plan.txt"
REGULATION_PATH = DATA_DIR / "regulation-2019.md"

SEED_TITLE = "沂源县人民政府办公室关于印发沂源县2020年政务公开工作要点的通知"
SEED_DOC_NUMBER = "源政办字〔2020〕66号"

_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")
_CJK_DIGIT_SPACE = re.compile(r"(?<=[\u4e00-\u9fff“”])\s+(?=[\d“”])|(?<=[\d“”])\s+(?=[\u4e00-\u9fff“”])")
_CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
_PARAGRAPH_END = ("。", "：", "；", "！", "？")


# The packaged file stays byte for byte the customer's document (demo/tests/test_data.py); what citizens see
# of it is corrected on reading: the PDF's half-width commas and brackets in Chinese text become full-width
# (「提内涵, 聚力」 → 「提内涵，聚力」, 「各镇(街道)」 → 「各镇（街道）」), and one slip of the original
# (「监管规则 and 标准」, 工作要点 6) is read as the 「和」 it stands for.
SLIPS = {"监管规则 and 标准": "监管规则和标准"}
_HALF_WIDTH_COMMA = re.compile(r"(?<=[\u4e00-\u9fff”）)]) *, *(?=[\u4e00-\u9fff“（(])")
_HALF_WIDTH_BRACKETS = re.compile(r"\(([^()\t\n]*[\u4e00-\u9fff][^()\t\n]*)\)")


def full_width(text: str) -> str:
    """Chinese punctuation for the seed's Chinese text; tabs (the annex's cells) and lines are kept."""
    for slip, meant in SLIPS.items():
        text = text.replace(slip, meant)
    text = _HALF_WIDTH_BRACKETS.sub(r"（\1）", text)
    return _HALF_WIDTH_COMMA.sub("，", text)


@lru_cache(maxsize=1)
def seed_text() -> str:
    return full_width(SEED_PATH.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def regulation_text() -> str:
    return REGULATION_PATH.read_text(encoding="utf-8")


def tidy(text: str, keep_word_spaces: bool = False) -> str:
    """Drop the spaces PDF extraction put into Chinese text ("2020 年" → "2020年", "推进管理和服 务公开").

    `keep_word_spaces` keeps spaces between Chinese words, which separate labels in 责任单位 cells.
    """
    text = _CJK_DIGIT_SPACE.sub("", text.strip())
    return text if keep_word_spaces else _CJK_SPACE.sub("", text)


def _split(text: str) -> tuple[list[str], list[str], list[str]]:
    """The notice lines, the 工作要点 lines, and the annex lines (from the annex title on)."""
    lines = text.splitlines()
    points_start = next(i for i, line in enumerate(lines) if tidy(line) == "沂源县2020年政务公开工作要点")
    annex_start = next(i for i, line in enumerate(lines) if line.strip() == "政务公开工作任务分解表")
    return lines[:points_start], lines[points_start + 1:annex_start - 1], lines[annex_start + 1:]


def _paragraphs(lines: list[str]) -> list[tuple[str, str]]:
    """Join lines broken at page ends; return (kind, text) with kind "h" (heading) or "p"."""
    result, pending = [], ""
    for raw in lines:
        line = tidy(raw)
        if not line:
            continue
        if not pending and _HEADING.match(line) and len(line) < 30 and "。" not in line:
            result.append(("h", line))
            continue
        pending += line
        if pending.endswith(_PARAGRAPH_END) or line == "附件" or pending.startswith("附件："):
            result.append(("p", pending))
            pending = ""
    if pending:
        result.append(("p", pending))
    return result


@dataclass(frozen=True)
class AnnexRow:
    task: tuple[str, ...]  # 工作任务 (one or two levels), empty when merged with the row above
    requirement: str  # 具体要求
    responsible: str  # 责任单位, empty when merged with the row above


def is_responsible_cell(cell: str) -> bool:
    # Unit cells start with a unit or with 各镇（街道）; requirement cells never do ("各级…", "持续…").
    return cell.startswith(("各镇", "县", "市"))


def annex_rows(text: str | None = None) -> list[AnnexRow]:
    """The rows of the 任务分解表, page headers left out."""
    rows = []
    for line in _split(text or seed_text())[2]:
        if line.startswith(("注：", "抄送：")):
            break
        cells = line.split("\t")
        if len(cells) < 2 or cells[0] == "工作任务":
            continue
        filled = [(i, c) for i, c in enumerate(cells) if c.strip()]
        if not filled:
            continue
        responsible = ""
        if is_responsible_cell(filled[-1][1].strip()):
            responsible = tidy(filled.pop()[1], keep_word_spaces=True)
        filled = [(i, tidy(c)) for i, c in filled]
        *before, (_index, requirement) = filled
        task = tuple(c for i, c in before if i < 2)
        extra = [c for i, c in before if i >= 2]
        if extra:
            requirement = "：".join([*extra, requirement])
        rows.append(AnnexRow(task=task, requirement=requirement, responsible=responsible))
    return rows


def annex_notes(text: str | None = None) -> list[str]:
    """The lines after the table: the 注, the 抄送 list and the 印发 line."""
    tail, seen = [], False
    for line in _split(text or seed_text())[2]:
        if line.startswith("注："):
            seen = True
        if seen and line.strip():
            tail.append(tidy(line))
    return tail


def seed_blocks(text: str | None = None) -> list[tuple[str, object]]:
    """The document as blocks: ("p" | "h2" | "h3" | "h4", text) and ("table", [AnnexRow, ...])."""
    notice, points, _annex = _split(text or seed_text())
    blocks: list[tuple[str, object]] = []
    opening = False
    for line in notice:
        line = tidy(line)
        opening = opening or line.startswith("各镇人民政府")
        if opening and line:
            blocks.append(("p", line))
    blocks.append(("h2", "沂源县2020年政务公开工作要点"))
    for kind, para in _paragraphs(points):
        if kind == "h":
            blocks.append(("h3" if re.match(r"^[一二三四五六七八九十]+、", para) else "h4", para))
        elif para.startswith("附件："):
            continue  # the annex follows as its own heading
        else:
            blocks.append(("p", para))
    blocks.append(("h2", "附件：政务公开工作任务分解表"))
    blocks.append(("table", annex_rows(text)))
    notes = annex_notes(text)
    if notes:
        blocks.append(("p", notes[0]))
        blocks.append(("p", "".join(n for n in notes[1:] if n != "沂源县人民政府办公室" and "印发" not in n)))
        blocks.append(("p", "沂源县人民政府办公室　　2020年8月10日印发"))
    return blocks


TABLE_HEADINGS = ("工作任务", "具体要求", "责任单位")


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def seed_body_html(text: str | None = None) -> str:
    """The whole document as HTML: notice, 工作要点 with headings, and the annex as a table."""
    out = []
    for kind, content in seed_blocks(text):
        if kind != "table":
            out.append(f"<{kind}>{_esc(content)}</{kind}>")
            continue
        head = "".join(f'<th scope="col">{h}</th>' for h in TABLE_HEADINGS)
        out.append(f"<table><thead><tr>{head}</tr></thead><tbody>")
        for row in content:
            task = "<br>".join(_esc(t) for t in row.task)
            out.append(f"<tr><td>{task}</td><td>{_esc(row.requirement)}</td><td>{_esc(row.responsible)}</td></tr>")
        out.append("</tbody></table>")
    return "\n".join(out)


def _sentences(paragraphs: list[str], low: int = 18, high: int = 140) -> list[str]:
    found = []
    for para in paragraphs:
        para = re.sub(r"^(?:\d+\.\s*|（[一二三四五六七八九十]+）)", "", para)
        for sentence in para.split("。"):
            sentence = sentence.strip()
            # Skip sentences that only make sense where they stand: headings of numbered paragraphs
            # (no comma), leads ending in a colon, and 2020's own deadlines and self-references.
            if low <= len(sentence) <= high and "，" in sentence and not sentence.endswith("：") \
                    and not any(word in sentence for word in _DATED_WORDS):
                found.append(sentence + "。")
    return found


@lru_cache(maxsize=1)
def seed_sentences() -> tuple[str, ...]:
    points = _split(seed_text())[1]
    return tuple(_sentences([p for kind, p in _paragraphs(points) if kind == "p"]))


@lru_cache(maxsize=1)
def regulation_sentences() -> tuple[str, ...]:
    """Sentences of 条例第十九条至第二十六条 (主动公开), with their article for citing."""
    found = []
    for line in regulation_text().splitlines():
        match = re.match(r"^(第[一二三四五六七八九十]+条) (.+)$", line)
        if not match or match[1] not in _PROACTIVE_ARTICLES:
            continue
        for sentence in _sentences([match[2]], low=20, high=160):
            found.append(f"《中华人民共和国政府信息公开条例》{match[1]}规定：{sentence}")
    return tuple(found)


_DATED_WORDS = ("2020", "本工作要点", "收官之年", "本要点")
_PROACTIVE_ARTICLES = {"第五条", "第六条", "第十九条", "第二十一条", "第二十二条", "第二十三条", "第二十四条", "第二十五条", "第二十六条"}
