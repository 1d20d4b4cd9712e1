"""A report as every output shows it: title, opening paragraph, chapters in order, tables, signature."""

import datetime as dt
from dataclasses import dataclass, field

from gongkai.reports import formats, narrative, tables

FORMAT_SOURCES = {
    formats.FORMAT_2021: "《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）",
    formats.FORMAT_2019: "《中华人民共和国政府信息公开工作年度报告格式（试行）》（国办公开办函〔2019〕60号）",
}


@dataclass
class Chapter:
    title: str
    paragraphs: list[str] = field(default_factory=list)
    table: tables.Layout | None = None
    anchor: str = ""


@dataclass
class Content:
    title: str
    organization_name: str
    year: int
    data: dict
    opening: list[str]
    chapters: list[Chapter]
    date: dt.date | None = None
    draft: bool = False

    @property
    def layouts(self) -> list[tables.Layout]:
        return [chapter.table for chapter in self.chapters if chapter.table]


def opening(organization_name: str, year: int, fmt: str, government: bool) -> list[str]:
    text = (f"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）第五十条和{FORMAT_SOURCES[fmt]}的要求编制。"
            f"报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。")
    if government:
        text += (f"报告由{organization_name}政府信息公开工作主管部门编制，所列数据汇总了本级政府及所属各部门、"
                 "各乡镇（街道）等行政机关的政府信息公开工作情况。")
    return [text]


def build(organization_name: str, year: int, data: dict, chapters: dict, government: bool,
          date: dt.date | None = None, draft: bool = False) -> Content:
    layouts = tables.layouts(data)
    body = [Chapter(narrative.CHAPTERS[0][1], narrative.paragraphs(chapters.get("overview", "")))]
    body += [Chapter(title, table=layout) for title, layout in zip(narrative.TABLE_CHAPTERS, layouts, strict=True)]
    body += [Chapter(title, narrative.paragraphs(chapters.get(key, ""))) for key, title in narrative.CHAPTERS[1:]]
    for number, chapter in enumerate(body, start=1):
        chapter.anchor = f"chapter-{number}"
    return Content(
        title=f"{organization_name}{year}年政府信息公开工作年度报告", organization_name=organization_name, year=year,
        data=data, opening=opening(organization_name, year, data["format"], government), chapters=body, date=date,
        draft=draft,
    )
