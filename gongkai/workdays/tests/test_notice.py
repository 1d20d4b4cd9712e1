"""Reading the State Council's holiday notice pasted as text (issue #18, item 12)."""

import datetime as dt

from gongkai.workdays.notice import parse_notice

D = dt.date.fromisoformat

# 国办发明电〔2019〕16号, as published (the 2020 arrangement; the epidemic extension came later in 〔2020〕1号).
NOTICE_2020 = """国务院办公厅关于2020年部分节假日安排的通知
国办发明电〔2019〕16号
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
经国务院批准，现将2020年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：2020年1月1日放假，共1天。
二、春节：1月24日至30日放假调休，共7天。1月19日（星期日）、2月1日（星期六）上班。
三、清明节：4月4日至6日放假调休，共3天。
四、劳动节：5月1日至5日放假调休，共5天。4月26日（星期日）、5月9日（星期六）上班。
五、端午节：6月25日至27日放假调休，共3天。6月28日（星期日）上班。
六、国庆节、中秋节：10月1日至8日放假调休，共8天。9月27日（星期日）、10月10日（星期六）上班。
节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。
国务院办公厅
2019年11月21日"""


def days(*spans):
    out = []
    for span in spans:
        start, _, end = span.partition("..")
        day, last = D(start), D(end or start)
        while day <= last:
            out.append(day)
            day += dt.timedelta(days=1)
    return out


def test_the_2020_notice_gives_the_days_of_deadlines_md():
    parsed = parse_notice(NOTICE_2020)
    assert parsed.ok and parsed.year == 2020 and parsed.number == "国办发明电〔2019〕16号"
    assert parsed.holidays == days("2020-01-01", "2020-01-24..2020-01-30", "2020-04-04..2020-04-06",
                                   "2020-05-01..2020-05-05", "2020-06-25..2020-06-27", "2020-10-01..2020-10-08")
    assert parsed.workdays == [D("2020-01-19"), D("2020-02-01"), D("2020-04-26"), D("2020-05-09"),
                               D("2020-06-28"), D("2020-09-27"), D("2020-10-10")]


def test_the_newer_shape_with_weekdays_and_lunar_dates_in_brackets():
    text = ("一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。\n"
            "二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。"
            "2月14日（周六）、2月28日（周六）上班。")
    parsed = parse_notice(text, 2026)
    assert parsed.ok
    assert parsed.holidays == days("2026-01-01..2026-01-03", "2026-02-15..2026-02-23")
    assert parsed.workdays == [D("2026-01-04"), D("2026-02-14"), D("2026-02-28")]


def test_a_range_across_the_new_year_and_what_cannot_be_placed():
    parsed = parse_notice("元旦：12月31日至1月2日放假，共3天。", 2030)
    assert parsed.holidays == days("2030-12-31..2031-01-02")
    bad = parse_notice("春节：24日至30日放假调休。", 2030)
    assert not bad.ok and bad.problems[0].startswith("无法确定“24日”的月份")
    assert not parse_notice(NOTICE_2020.replace("关于2020年", "关于")).ok


# 国办发明电〔2020〕1号, as published (新华社, 2020-01-27): the epidemic extension of the 2020 春节 holiday.
EXTENSION_2020 = """国务院办公厅关于延长2020年春节假期的通知
国办发明电〔2020〕1号
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
经国务院批准，为加强新型冠状病毒感染的肺炎疫情防控工作，有效减少人员聚集，阻断疫情传播，更好保障人民群众生命安全和身体健康，现将延长2020年春节假期的具体安排通知如下。
一、延长2020年春节假期至2月2日（农历正月初九，星期日），2月3日（星期一）起正常上班。
二、各地大专院校、中小学、幼儿园推迟开学，具体时间由教育部门另行通知。
三、因疫情防控不能休假的职工，应根据《中华人民共和国劳动法》规定安排补休，未休假期的工资报酬应按照有关政策保障落实。
国务院办公厅
2020年1月26日"""


def test_the_2020_extension_with_its_notice_gives_the_true_2020_days():
    # deadlines.md: 春节 off 01-24..01-30, extended to 02-02; 02-01 (Sat) announced as a working day and
    # cancelled by the extension; work resumed 02-03.
    for text in (NOTICE_2020 + "\n" + EXTENSION_2020, EXTENSION_2020 + "\n" + NOTICE_2020):
        parsed = parse_notice(text)
        assert parsed.ok, parsed.problems
        assert parsed.year == 2020
        assert days("2020-01-24..2020-02-02") == [d for d in parsed.holidays if D("2020-01-24") <= d <= D("2020-02-03")]
        assert D("2020-02-01") not in parsed.workdays and D("2020-02-02") not in parsed.workdays
        assert D("2020-02-03") not in parsed.workdays + parsed.holidays  # an ordinary Monday
        assert parsed.workdays == [D("2020-01-19"), D("2020-04-26"), D("2020-05-09"), D("2020-06-28"),
                                   D("2020-09-27"), D("2020-10-10")]


def test_an_extension_alone_is_reported_not_guessed():
    parsed = parse_notice(EXTENSION_2020)
    assert parsed.year == 2020 and not parsed.ok
    assert not parsed.workdays and not parsed.holidays
    assert any("一并粘贴" in problem for problem in parsed.problems)


def test_a_weekday_said_to_be_worked_and_an_unreadable_extension_are_reported():
    weekday = parse_notice("春节：1月24日至30日放假调休，共7天。2月3日（星期一）上班。", 2020)
    assert not weekday.ok and weekday.problems[0].startswith("“2020-02-03”不是周六或周日")
    assert weekday.workdays == []
    unreadable = parse_notice("春节：1月24日至30日放假调休，共7天。春节假期延长3天，自2月1日起算。", 2020)
    assert not unreadable.ok and unreadable.problems[0].startswith("无法识别延长的假期")
    holiday_words = parse_notice("春节：1月24日至30日放假调休，共7天。假期另有安排的以2月5日通知为准。", 2020)
    assert not holiday_words.ok and holiday_words.problems[0].startswith("无法识别的假期安排")
    weekend_resumption = parse_notice("春节：1月24日至30日放假调休，共7天。2月1日（星期六）起正常上班。", 2020)
    assert not weekend_resumption.ok and "无法确定是否调休上班" in weekend_resumption.problems[0]


def test_a_shangban_part_after_a_comma_is_read_as_working_days_not_days_off():
    # 「，」 instead of 「。」 between the 放假 range and the 调休 days (a retyped or reformatted notice).
    parsed = parse_notice("国务院办公厅关于2027年部分节假日安排的通知\n"
                          "七、国庆节：10月1日至7日放假调休，共7天，9月26日（星期日）、10月9日（星期六）上班。")
    assert parsed.ok, parsed.problems
    assert parsed.holidays == days("2027-10-01..2027-10-07")
    assert parsed.workdays == [D("2027-09-26"), D("2027-10-09")]


def test_a_sentence_mixing_days_off_and_working_days_inseparably_is_refused():
    parsed = parse_notice("国庆节：10月1日至7日，放假调休，9月26日（星期日）上班。", 2027)
    assert not parsed.ok and parsed.problems[0].startswith("无法区分同一句中的放假日期和上班日期")


def test_a_notice_of_another_year_is_not_entered_under_the_typed_year():
    # Year field 2027, the 2026 notice pasted (its title says 2026).
    parsed = parse_notice("国务院办公厅关于2026年部分节假日安排的通知\n三、清明节：4月4日（周六）至6日（周一）放假，共3天。", 2027)
    assert not parsed.ok
    assert "通知标题中的年份（2026年）与填写的年份（2027年）不一致。" in parsed.problems


def test_only_a_december_to_january_step_moves_into_the_next_year():
    parsed = parse_notice("国庆节：10月1日至7日放假调休。10月9日（星期六）、9月26日（星期日）上班。", 2027)
    assert parsed.workdays == [D("2027-09-26"), D("2027-10-09")]
    outside = parse_notice("元旦：2026年1月1日放假。", 2027)
    assert not outside.ok and outside.problems[0].startswith("“2026-01-01”不在2027年内")


def test_a_text_with_no_day_off_found_says_why():
    parsed = parse_notice("国务院办公厅关于2027年部分节假日安排的通知\n国庆节：10月1号至7号放假。")
    assert parsed.problems == ["未识别出任何放假日期（日期应写作“某月某日”）。"]


def test_a_weekday_in_brackets_that_is_not_the_dates_is_reported():
    # 2026-01-04 is a Sunday: a notice pasted with a mistyped day (1月3日（周日）) or weekday must not be entered.
    typo_day = parse_notice("一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月3日（周日）上班。", 2026)
    assert not typo_day.ok
    assert any("“1月3日（周日）”写的星期与日期不符（2026-01-03是星期六）" in p for p in typo_day.problems)
    lunar = parse_notice("二、春节：2月15日（农历腊月二十八、周一）至23日（农历正月初七、周一）放假调休，共9天。", 2026)
    assert not lunar.ok and "2026-02-15是星期日" in lunar.problems[0]
    # 星期日, 星期天 and 周天 all say Sunday; the 2020 notice (星期X) stays clean.
    assert parse_notice("元旦：1月1日（周四）放假。1月4日（星期天）上班。", 2026).ok
    assert parse_notice(NOTICE_2020).ok
