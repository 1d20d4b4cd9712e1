"""GB/T 9704-2012《党政机关公文格式》 in numbers: the page, the 版心 and its grid, type sizes and fonts.

Every measure the renderers use is named here with the clause it comes from, so that the PDF
(WeasyPrint) and the DOCX (python-docx) cannot drift apart.
"""

from dataclasses import dataclass

# §5.2.1 幅面: A4 (210 mm × 297 mm).
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
# §5.2.2 版心: 156 mm × 225 mm; 天头 (top margin) 37 mm, 订口 (left margin) 28 mm; the rest follows.
TYPE_AREA_WIDTH_MM, TYPE_AREA_HEIGHT_MM = 156, 225
MARGIN_TOP_MM, MARGIN_LEFT_MM = 37, 28
MARGIN_RIGHT_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - TYPE_AREA_WIDTH_MM  # 26
MARGIN_BOTTOM_MM = PAGE_HEIGHT_MM - MARGIN_TOP_MM - TYPE_AREA_HEIGHT_MM  # 35
# §5.2.4 行数和字数: 22 lines a page, 28 characters a line (3号 type).
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
LINE_PITCH_MM = TYPE_AREA_HEIGHT_MM / LINES_PER_PAGE  # 10.227 mm (≈ 28.99 pt)
CHAR_PITCH_MM = TYPE_AREA_WIDTH_MM / CHARS_PER_LINE  # 5.571 mm
# §7.5 页码: 4号, the 一字线 7 mm below the 版心.
PAGE_NUMBER_GAP_MM = 7

# §7 type sizes (号 in points): 2号 = 22 pt (标题), 3号 = 16 pt (正文), 4号 = 14 pt (页码).
TITLE_PT, BODY_PT, PAGE_NUMBER_PT, TABLE_PT = 22, 16, 14, 14
MM_PER_PT = 25.4 / 72
# The grid is kept by letter-spacing: 28 characters of 16 pt are 158 mm, the 版心 is 156 mm wide.
LETTER_SPACING_MM = CHAR_PITCH_MM - BODY_PT * MM_PER_PT - 0.002  # ≈ -0.075 mm; a hair less to avoid rounding
LINE_PT = LINE_PITCH_MM / MM_PER_PT  # fixed line height for DOCX (固定值)

# Seal (§7.3.5.1): 印章 端正、居中下压署名和成文日期; a county's round seal is 42 mm across.
SEAL_DIAMETER_MM = 42
RED = "C00000"


@dataclass(frozen=True)
class Face:
    """A 公文 typeface: the official name (written into DOCX) and the free font the PDF embeds."""

    role: str
    official: str  # the font an office PC has, named in the DOCX
    free: str  # fontconfig family embedded in the PDF
    weight: int
    debian_package: str
    licence: str


# docs/decisions/0006-letter-fonts.md explains the choice. The PDF names only the free fonts so its
# output is the same on every server; the DOCX names the official ones so an office that has them
# prints to standard.
TITLE = Face("小标宋", "方正小标宋简体", "Noto Serif CJK SC", 700, "fonts-noto-cjk", "SIL OFL 1.1")
BODY = Face("仿宋", "仿宋_GB2312", "Noto Serif CJK SC", 400, "fonts-noto-cjk", "SIL OFL 1.1")
HEADING = Face("黑体", "黑体", "Noto Sans CJK SC", 400, "fonts-noto-cjk", "SIL OFL 1.1")
SUBHEADING = Face("楷体", "楷体_GB2312", "AR PL UKai CN", 400, "fonts-arphic-ukai", "Arphic Public License")
NUMBER = Face("宋体", "宋体", "Noto Serif CJK SC", 400, "fonts-noto-cjk", "SIL OFL 1.1")
FACES = (TITLE, BODY, HEADING, SUBHEADING, NUMBER)
