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
