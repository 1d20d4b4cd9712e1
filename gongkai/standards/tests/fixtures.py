"""A standard catalog XLSX shaped the way cities publish them (e.g. the 义务教育 and 公共资源交易 tables of
county 标准目录汇编): a title row merged across, a two-row header (公开事项 over 一级/二级事项, 公开对象 over
全社会/特定群体 …, the single headings merged down), 序号 and 一级事项 merged down over their 二级事项, √ marks
and ■/□ channel checklists; two 领域 stacked on the first sheet and a third on a sheet of its own."""

import io

from openpyxl import Workbook

TOP = ["序号", "公开事项", None, "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体", "公开对象", None,
       "公开方式", None, "公开层级", None]
SUB = [None, "一级事项", "二级事项", None, None, None, None, None, "全社会", "特定群体", "主动", "依申请", "县级", "乡级"]
CHANNELS = "■政府网站 □政府公报 ■两微一端 □发布会/听证会 □广播电视 □纸质媒体 ■公开查阅点 □政务服务中心"
WORKDAYS = "信息形成或者变更之日起20个工作日内"


def _table(sheet, start: int, title: str, groups) -> int:
    """Write one 领域's table from row `start`; returns the next free row."""
    sheet.cell(start, 1, title)
    sheet.merge_cells(start_row=start, start_column=1, end_row=start, end_column=14)
    top, sub = start + 1, start + 2
    for column, (upper, lower) in enumerate(zip(TOP, SUB, strict=True), start=1):
        if upper:
            sheet.cell(top, column, upper)
        if lower:
            sheet.cell(sub, column, lower)
        elif upper:
            sheet.merge_cells(start_row=top, start_column=column, end_row=sub, end_column=column)
    for column in (2, 9, 11, 13):
        sheet.merge_cells(start_row=top, start_column=column, end_row=top, end_column=column + 1)
    row = sub + 1
    for number, (level1, rows) in enumerate(groups, start=1):
        first = row
        sheet.cell(row, 1, number)
        sheet.cell(row, 2, level1)
        for level2, content, basis, deadline, subject, marks in rows:
            values = [level2, content, basis, deadline, subject, CHANNELS, *marks]
            for offset, value in enumerate(values, start=3):
                sheet.cell(row, offset, value)
            row += 1
        if row - 1 > first:
            sheet.merge_cells(start_row=first, start_column=1, end_row=row - 1, end_column=1)
            sheet.merge_cells(start_row=first, start_column=2, end_row=row - 1, end_column=2)
    return row + 1


def city_catalog(*, broken: bool = False) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "汇编"
    both = ("√", "", "√", "", "√", "√")
    county_only = ("√", "", "√", "", "√", "")
    row = _table(sheet, 1, "（一）义务教育领域基层政务公开标准目录", [
        ("招生管理", [
            ("招生政策", "各校招生工作实施方案；随迁子女入学办法", "《政府信息公开条例》", WORKDAYS, "县教育和体育局", both),
            ("招生计划", "各校本年度招生计划", "《政府信息公开条例》", WORKDAYS, "县教育和体育局", both),
            ("招生范围", "招生范围、学区划分详细情况", "《政府信息公开条例》", WORKDAYS, "县教育和体育局", both),
        ]),
        ("校园安全", [("校园安全制度", "校园安全管理制度、应急预案", "《中小学幼儿园安全管理办法》", "每年", "各学校",
                       ("√", "√", "√", "√", "", "√"))]),
    ])
    _table(sheet, row, "（二）公共资源交易领域基层政务公开标准目录", [
        ("工程建设项目招标投标信息", [
            ("资格预审公告", "招标项目名称、内容、范围、规模、资金来源", "《招标投标法实施条例》", WORKDAYS,
             "负责管理的部门", county_only),
            ("中标结果公示" if not broken else "", "中标人名称、中标价格", "《招标投标法实施条例》", WORKDAYS,
             "负责管理的部门", county_only),
        ]),
    ])
    if broken:  # a row whose 一级事项 cell is blank with nothing above it to repeat, on a sheet of its own
        other = book.create_sheet("财政预决算")
        _table(other, 1, "财政预决算领域基层政务公开标准目录", [("", [("部门预算", "部门预算", "预算法", "批复后20日内",
                                                                "各部门", county_only)])])
        unknown = book.create_sheet("其他")
        _table(unknown, 1, "（九）不存在领域基层政务公开标准目录", [("事项", [("事项", "", "", WORKDAYS, "", county_only)])])
    else:
        other = book.create_sheet("财政预决算")
        _table(other, 1, "财政预决算领域基层政务公开标准目录", [("部门预决算", [
            ("部门预算", "经财政部门批复的部门预算及说明", "《中华人民共和国预算法》第十四条", "部门预算批复后20日内", "各部门",
             county_only),
            ("部门决算", "经财政部门批复的部门决算及说明", "《中华人民共和国预算法》第十四条", "部门决算批复后20日内", "各部门",
             county_only),
        ])])
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()
