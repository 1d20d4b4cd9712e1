"""A small 公文 renderer: one `Letter` in, DOCX (python-docx) and PDF (WeasyPrint) bytes out.

Generic on purpose: 依申请公开 letters, the annual report, 汇编 and 通报 all describe a document as a
title, a 发文字号, a recipient, body blocks (paragraphs and tables), the issuing organization, a date
and a place for the seal, and leave the layout to this module. The layout follows GB/T 9704-2012
《党政机关公文格式》: A4, 版心 156 × 225 mm (天头 37 mm, 订口 28 mm), title in 2号小标宋 centred,
body in 3号仿宋 with 22 lines of 28 characters, 主送 flush left, 署名 centred over a date written with
Arabic numerals and 右空四字, page numbers "— 1 —" in 4号宋体.

The numbers live in `gbt9704.py`; the PDF is drawn by `pdf.py` (WeasyPrint, with the check that
keeps the 落款 with the body) and the DOCX by `word.py` (python-docx). Fonts: the DOCX names the 公文
fonts (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312) so Word and WPS on a government PC use them; the PDF
embeds the closest freely licensed fonts (docs/decisions/0006-letter-fonts.md).
"""

import datetime as dt
from dataclasses import asdict, dataclass, field

from gongkai.letters import gbt9704 as _g
from gongkai.letters.gbt9704 import (  # noqa: F401  (the names other renderers, e.g. reports, build on)
    BODY_PT,
    LINE_PT,
    MARGIN_BOTTOM_MM,
    MARGIN_LEFT_MM,
    MARGIN_RIGHT_MM,
    MARGIN_TOP_MM,
    PAGE_HEIGHT_MM,
    PAGE_NUMBER_PT,
    PAGE_WIDTH_MM,
    TITLE_PT,
)

TITLE_FONT, BODY_FONT, HEADING_FONT = _g.TITLE.official, _g.BODY.official, _g.HEADING.official
SUBHEADING_FONT, NUMBER_FONT = _g.SUBHEADING.official, _g.NUMBER.official


@dataclass(frozen=True)
class Paragraph:
    text: str
    heading: bool = False  # a heading: 一级 in 黑体 ("一、…"), 二级 in 楷体 ("（一）…"); otherwise 正文
    level: int = 1


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""


@dataclass(frozen=True)
class Letter:
    title: str
    body: tuple[Paragraph | Table, ...]
    doc_number: str = ""  # 发文字号, e.g. 源政信复〔2026〕12号
    recipient: str = ""  # 主送: an applicant or an organization (a colon is added)
    signature_org: str = ""  # 发文机关署名
    date: dt.date | None = None  # 成文日期
    issuer_mark: str = ""  # 发文机关标志 (red 版头); empty: 信函 style with the number above the title
    seal: bool = True  # leave the place for the 印章
    attachments: tuple[str, ...] = ()  # 附件说明
    note: str = ""  # 附注, e.g. （联系人：…，联系电话：…）
    extra: dict = field(default_factory=dict, compare=False)  # caller's metadata, kept in snapshots
    seal_image: bytes = field(default=b"", compare=False, repr=False)  # the unit's seal (PNG), issue only

    def to_dict(self) -> dict:
        data = asdict(self)
        data.pop("seal_image")
        data["date"] = self.date.isoformat() if self.date else None
        data["body"] = [
            {"table": asdict(block)} if isinstance(block, Table) else {"paragraph": asdict(block)} for block in self.body
        ]
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "Letter":
        body = []
        for block in data.get("body", []):
            if "table" in block:
                table = block["table"]
                body.append(Table(tuple(table["headers"]), tuple(tuple(r) for r in table["rows"]), table.get("caption", "")))
            else:
                body.append(Paragraph(**block["paragraph"]))
        values = {k: v for k, v in data.items() if k not in {"body", "date", "attachments", "seal_image"}}
        return cls(body=tuple(body), date=dt.date.fromisoformat(data["date"]) if data.get("date") else None,
                   attachments=tuple(data.get("attachments", ())), **values)


def chinese_date(day: dt.date | None) -> str:
    """GB/T 9704-2012 §7.3.5.1: 成文日期 in Arabic numerals, year in full, no leading zeros."""
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def render_pdf(letter: Letter) -> bytes:
    from gongkai.letters import pdf

    return pdf.render_pdf(letter)


def render_docx(letter: Letter) -> bytes:
    from gongkai.letters import word

    return word.render_docx(letter)
