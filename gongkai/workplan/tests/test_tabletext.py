"""The seed's 任务分解表, read from the text of its PDF: every row, at the right depth, once."""

from gongkai.demo.seed import SEED_PATH
from gongkai.workplan.tabletext import parse_table_text, similar, tidy

SEED = SEED_PATH.read_text(encoding="utf-8")


def requirement_cells(text: str) -> list[str]:
    """An independent reading: the longest non-unit cell of every table row (page headers left out)."""
    body = text.split("政务公开工作任务分解表\n", 2)[2].split("\n注：", 1)[0]
    cells = []
    for line in body.splitlines():
        filled = [c.strip() for c in line.split("\t") if c.strip()]
        if not filled or filled[0] == "工作任务":
            continue
        if filled[-1].startswith(("各镇", "县", "市")) and len(filled) > 1:
            filled = filled[:-1]
        cells.append(tidy(filled[-1]))
    return cells


class Leaves:
    """Rows by the start of their requirement."""

    def __init__(self, rows):
        self.rows = rows

    def __getitem__(self, start: str):
        (row,) = [row for row in self.rows if row.path[-1].startswith(start)]
        return row


def test_every_requirement_of_the_seed_is_read_once():
    table = parse_table_text(SEED)
    leaves = [row.path[-1] for row in table.rows]
    expected = requirement_cells(SEED)
    # One row is cut by a page break and printed twice; it is read once.
    assert len(expected) == len(leaves) + 1 == 74
    assert table.skipped == ["着力打造乡村振兴沂源特色板块,推动融合发展进展、执行情况"]
    for cell in expected:
        assert any(leaf == cell for leaf in leaves), cell
    assert len(set(leaves)) == len(leaves)
    assert table.task_levels == 2


def test_the_hierarchy_follows_the_merged_cells():
    rows = parse_table_text(SEED).rows
    by_leaf = Leaves(rows)
    # 十二大攻坚行动: five levels, although the extraction shifted some rows to the first column.
    assert by_leaf["重大项目建设攻坚行动进展及"].path[:4] == by_leaf["文旅融合发展攻坚行动进展及"].path[:4]
    assert by_leaf["文旅融合发展攻坚行动进展及"].path[3].startswith("“十二大攻坚行动”")
    # 政府工作报告重点任务: under 主动公开…, on three pages in two wordings, one group.
    report_rows = [row for row in rows if row.path[3:4] and row.path[3].startswith("政府工作报告重点任务")]
    assert len(report_rows) == 24 and len({row.path[:4] for row in report_rows}) == 1
    assert by_leaf["深化重点领域改革进展、执行"].path[:4] == report_rows[0].path[:4]
    # A short requirement at the second level, after a deeper one.
    assert by_leaf["有效运用新闻发布会、政府网"].path[1] == "聚集疫情防控加强信息公开"
    # Top-level tasks in order.
    assert list(dict.fromkeys(row.path[0] for row in rows)) == [
        "进一步拓展公开广度和深度", "进一步推进行政决策、执行、管理、服务和结果全过程公开",
        "推进基层政务公开标准化规范化全覆盖", "强化政务信息管理和公开平台建设", "强化组织保障和基础工作"]
    # "推进管理和服 务公开" / "推进管理和政务公开" (a typo on the next page) is one task.
    assert len({row.path[1] for row in rows if row.path[0].startswith("进一步推进行政决策")}) == 3


def test_rows_without_a_unit_cell_share_the_one_above():
    rows = Leaves(parse_table_text(SEED).rows)
    opening_day = rows["持续深化开展政府开"]
    assert opening_day.shares_responsible and opening_day.responsible == "各镇（街道）和县政府各部门、单位"
    assert not rows["常态化落实邀请利益"].shares_responsible
    assert rows["以完善内部机制为抓"].responsible == "各镇（街道）和县政府各部门、单位"


def test_the_notes_after_the_table_are_kept():
    notes = parse_table_text(SEED).notes
    assert notes[0] == "注：“十二大攻坚行动”责任单位一栏中，黑体字部门为政务公开工作牵头部门。"


def test_page_continuations_tolerate_small_differences_only():
    assert similar("政府工作报告重点任务进展情况", "政府工作报告重点任务执行情况")
    assert similar("推进管理和服务公开", "推进管理和政务公开")
    assert similar("聚焦中心工作 加强信息公开", "聚焦中心工作加强信息公开")
    assert not similar("进一步拓展公开广度和深度", "进一步推进行政决策、执行、管理、服务和结果全过程公开")
    assert not similar("推进决策公开", "推进管理和服务公开")


def test_a_minimal_table_of_another_county():
    text = "工作任务\t具体要求\t责任单位\n" \
           "一、信息公开\t1. 公开预决算\t县财政局、各乡镇\n" \
           "\t2. 公开权责清单\t县司法局\n" \
           "二、平台建设\t3. 网站改版\t县大数据局\n"
    table = parse_table_text(text)
    assert [(r.path, r.responsible) for r in table.rows] == [
        (("一、信息公开", "1.公开预决算"), "县财政局、各乡镇"),
        (("一、信息公开", "2.公开权责清单"), "县司法局"),
        (("二、平台建设", "3.网站改版"), "县大数据局"),
    ]
    assert table.task_levels == 1
