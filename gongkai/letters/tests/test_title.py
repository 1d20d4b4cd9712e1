"""GB/T 9704-2012 §7.3.2: a title that needs more than one line breaks between whole words, as a
梯形 (two lines, the upper longer) or a 菱形 (three, the middle longest), no line over 20 characters."""

from gongkai.letters.text import TITLE_CHARS_PER_LINE, text_width, title_lines


def test_a_short_title_stays_on_one_line():
    assert title_lines("政府信息公开申请答复书") == ["政府信息公开申请答复书"]


def test_two_lines_break_between_words_with_the_upper_line_longer():
    lines = title_lines("沂源县人民政府办公室关于印发沂源县2020年政务公开工作要点的通知")
    assert lines == ["沂源县人民政府办公室关于印发沂源县", "2020年政务公开工作要点的通知"]  # not inside 2020


def test_three_lines_form_a_diamond_and_no_line_starts_with_a_particle_or_closing_mark():
    title = "沂源县人民政府关于2019年度政府信息公开工作年度报告及有关事项的说明和补充意见的通知书及附件目录"
    lines = title_lines(title)
    assert "".join(lines) == title and len(lines) == 3
    assert all(text_width(line) <= TITLE_CHARS_PER_LINE for line in lines)
    assert text_width(lines[1]) >= max(text_width(lines[0]), text_width(lines[2]))  # widths: 2019 is two wide
    assert not any(line[0] in "的和及，》）" for line in lines)


def test_half_width_digits_count_as_half_a_character():
    """「2026」 is two characters wide, not four: a title of 24 code points but 19.5 characters fits
    one line, and a longer one keeps the 梯形 measured in widths (the upper line the wider)."""
    assert title_lines("关于2026年第4季度政务公开检查情况的通报") == ["关于2026年第4季度政务公开检查情况的通报"]
    lines = title_lines("关于印发沂源县2026年政务公开工作要点和2026年度政务公开考核办法的通知")
    assert len(lines) == 2 and text_width(lines[0]) >= text_width(lines[1])
    assert all(text_width(line) <= TITLE_CHARS_PER_LINE for line in lines)


def test_a_title_without_word_boundaries_is_still_cut_to_the_width():
    title = "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRS"  # one "word" of 45 half-width letters
    lines = title_lines(title)
    assert "".join(lines) == title and [len(line) for line in lines] == [40, 5]


UNITS = "县教育局、县公安局、县民政局、县司法局、县财政局、县人社局、县自然资源局、县住建局、县交通局、县水利局、县农业局"


def test_a_five_line_title_breaks_between_words_as_a_diamond():
    """A 通报 title of five lines was cut at the width (「县司」「法局」, 「政务公」「开」, a short last line) once
    title_lines stopped trying every breaking; it breaks at word boundaries as a 菱形 again, and at once."""
    import time

    from gongkai.letters.text import _break_points

    title = f"关于对{UNITS}、县商务局、县卫健局、县应急局等部门政务公开工作检查情况的通报"
    start = time.monotonic()
    lines = title_lines(title)
    assert time.monotonic() - start < 3
    assert "".join(lines) == title and len(lines) == 5
    points, offset = set(_break_points(title)), 0
    for line in lines[:-1]:
        offset += len(line)
        assert offset in points, lines  # never inside a word
    widths = [text_width(line) for line in lines]
    assert max(widths) <= TITLE_CHARS_PER_LINE and max(widths[1:-1]) >= max(widths[0], widths[-1])
    assert not any(line[0] in "、，）》的和及" for line in lines)


def test_a_200_character_title_still_breaks_between_words_in_balanced_lines():
    from gongkai.letters.text import _break_points

    title = f"关于对{UNITS}、{UNITS}、县商务局、县卫健局、县应急局、县审计局、县统计局等部门政务公开工作检查情况的通报"
    lines = title_lines(title)
    assert "".join(lines) == title
    points, offset = set(_break_points(title)), 0
    for line in lines[:-1]:
        offset += len(line)
        assert offset in points, lines
    widths = [text_width(line) for line in lines]
    assert max(widths) <= TITLE_CHARS_PER_LINE and min(widths) >= TITLE_CHARS_PER_LINE / 2, lines
    assert not any(line[0] in "、，）》的和及" for line in lines)
