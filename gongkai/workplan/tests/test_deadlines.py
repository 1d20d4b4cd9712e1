"""Reading deadlines from a requirement's words, and the periods of a recurring deadline."""

import datetime as dt

import pytest

from gongkai.workplan.choices import DeadlineKind, Period
from gongkai.workplan.deadlines import cn_number, parse_deadlines, periods

D = dt.date


@pytest.mark.parametrize(("text", "kind", "due"), [
    ("2020年底前建立规范性文件集中发布平台", DeadlineKind.ONCE, D(2020, 12, 31)),
    ("2020年年底组织编制完成本级本部门政务公开事项标准目录", DeadlineKind.ONCE, D(2020, 12, 31)),
    ("历史期刊全面整理后于2020年底前在政府网站发布", DeadlineKind.ONCE, D(2020, 12, 31)),
    ("7月底前组织各级各部门梳理公布证明事项清单", DeadlineKind.ONCE, D(2020, 7, 31)),
    ("2月底前完成", DeadlineKind.ONCE, D(2020, 2, 29)),  # the plan's year: 2020 is a leap year
    ("年底前完成清理", DeadlineKind.ONCE, D(2020, 12, 31)),
    ("2021年3月15日前报送", DeadlineKind.ONCE, D(2021, 3, 15)),
    ("9月30日前完成", DeadlineKind.ONCE, D(2020, 9, 30)),
    ("上半年完成目录编制", DeadlineKind.ONCE, D(2020, 6, 30)),
    ("第三季度末前完成", DeadlineKind.ONCE, D(2020, 9, 30)),
    ("７月底前（全角数字）", DeadlineKind.ONCE, D(2020, 7, 31)),
    ("2020 年底前（PDF 文字中的空格）", DeadlineKind.ONCE, D(2020, 12, 31)),
])
def test_dates_in_the_text(text, kind, due):
    found = parse_deadlines(text, 2020)
    assert [(d.kind, d.due_on) for d in found] == [(kind, due)]


@pytest.mark.parametrize(("text", "period"), [
    ("各级各部门每季度梳理涉企政策，集中推送辖区及相关企业", Period.QUARTER),
    ("按季度公开", Period.QUARTER),
    ("每月更新一次", Period.MONTH),
    ("每半年通报一次", Period.HALF),
    ("每年公布一次", Period.YEAR),
])
def test_recurring_periods(text, period):
    assert [(d.kind, d.period) for d in parse_deadlines(text, 2020)] == [(DeadlineKind.RECURRING, period)]


def test_a_requirement_with_two_deadlines_gets_both_in_order():
    text = "各级各部门每季度梳理涉企政策，集中推送。7月底前组织各级各部门梳理公布证明事项清单。"
    found = parse_deadlines(text, 2020)
    assert [(d.kind, d.phrase) for d in found] == [(DeadlineKind.RECURRING, "每季度"), (DeadlineKind.ONCE, "7月底前")]


@pytest.mark.parametrize(("text", "label", "days", "described"), [
    ("各级各部门各单位在办理完结后3日内将办理材料加盖单位公章报县大数据发展服务中心备案", "办理完结", 3, "办理完结后3日内"),
    ("收到申请后十五日内答复", "收到申请", 15, "收到申请后15日内"),
    # Working days stay working days (they were read as 20 calendar days).
    ("项目验收后20个工作日内公开结果", "项目验收", 20, "项目验收后20个工作日内"),
])
def test_deadlines_counted_from_an_event(text, label, days, described):
    (found,) = parse_deadlines(text, 2020)
    assert (found.kind, found.event_label, found.event_days) == (DeadlineKind.EVENT, label, days)
    assert found.describe() == described


@pytest.mark.parametrize("text", [
    "持续深化开展政府开放日、网络问政、电视问政等多形式的公众参与和监督活动",
    "常态化落实邀请利益相关方、公众代表、专家、媒体等列席政府常务会、部门办公会制度",
])
def test_continuous_work_has_no_date(text):
    assert [d.kind for d in parse_deadlines(text, 2020)] == [DeadlineKind.CONTINUOUS]


@pytest.mark.parametrize("text", [
    "公开征求意见的期限一般不少于 30 日",  # a duration, not a deadline
    "定期公开政府工作报告重点任务的执行情况",  # no period named
    "规范编制并依法按时向社会发布政府信息公开工作年度报告",  # 年度报告 is not 每年
    "2月30日前完成",  # not a date: nothing is proposed rather than a wrong date
    "",
])
def test_no_deadline_is_invented(text):
    assert parse_deadlines(text, 2020) == []


def test_a_date_with_its_own_year_wins_over_the_plan_year():
    (found,) = parse_deadlines("2021年底前完成", 2020)
    assert found.due_on == D(2021, 12, 31)


def test_chinese_numbers():
    assert [cn_number(t) for t in ("3", "三", "十", "十五", "二十", "二十一")] == [3, 3, 10, 15, 20, 21]


def test_quarters_from_the_plan_date_to_the_year_end():
    spans = periods(Period.QUARTER, D(2020, 8, 10), D(2020, 12, 31))
    assert [(s.label, s.start, s.due_on) for s in spans] == [
        ("2020年第3季度", D(2020, 7, 1), D(2020, 9, 30)),
        ("2020年第4季度", D(2020, 10, 1), D(2020, 12, 31)),
    ]


def test_months_halves_and_years():
    assert [s.due_on for s in periods(Period.MONTH, D(2020, 11, 15), D(2021, 2, 1))] == [
        D(2020, 11, 30), D(2020, 12, 31), D(2021, 1, 31), D(2021, 2, 28)]
    assert [s.label for s in periods(Period.HALF, D(2020, 1, 1), D(2021, 12, 31))] == [
        "2020年上半年", "2020年下半年", "2021年上半年", "2021年下半年"]
    assert [s.label for s in periods(Period.YEAR, D(2020, 3, 1), D(2022, 1, 1))] == ["2020年度", "2021年度", "2022年度"]


def test_an_empty_or_reversed_window_has_no_periods_and_a_huge_one_is_capped():
    assert periods(Period.MONTH, D(2020, 5, 1), D(2020, 4, 1)) == []
    assert len(periods(Period.MONTH, D(2000, 1, 1), D(2099, 12, 31))) == 12  # a plan year's months
    with pytest.raises(ValueError):
        periods("weekly", D(2020, 1, 1), D(2020, 2, 1))
