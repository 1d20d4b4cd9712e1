"""Normalization, segmentation and highlighting."""

import pytest

from gongkai.search import highlight, segment, text
from gongkai.search.tests.conftest import corpus_sentences


def test_normalize_keeps_one_character_per_character():
    original = "ＡＢＣ公开（２０２０）\u200b\x00Ｘ😀\ud800"
    normalized = text.normalize(original)
    assert len(normalized) == len(original)
    assert normalized.startswith("abc公开(2020)")
    assert normalized[11] == " " and normalized[12] == " "  # zero-width space and NUL


@pytest.mark.parametrize("typed", ["源政办字〔2020〕66号", "源政办字[2020]66号", "源政办字(2020)66号",
                                   "源政办字［2020］66号", "源政办字（2020）66号", "源政办字 【2020】 66号"])
def test_doc_number_keys_agree_whatever_the_brackets(typed):
    assert text.doc_number_key(typed) == "源政办字〔2020〕66号"
    assert text.looks_like_doc_number(typed)


def test_index_no_key():
    assert text.index_no_key(" 11371323004365180x/2020-00066 ") == "11371323004365180X/2020-00066"
    assert text.looks_like_index_no("11371323004365180x/2020-00066")
    assert not text.looks_like_index_no("政务公开")


def test_query_terms_are_cut_cleaned_and_deduplicated():
    assert text.query_terms("  政务公开\t政务公开  规范性文件 ") == ["政务公开", "规范性文件"]
    assert len(text.query_terms("公开 " * 1000)) == 1
    assert len("".join(text.query_terms("字" * 100_000))) == text.MAX_QUERY_CHARS
    assert len(text.query_terms(" ".join(f"词{i}" for i in range(50)))) == text.MAX_TERMS


def test_gram_stream_never_joins_runs():
    assert text.gram_stream("政务公开 要点") == f"政务 务公 公开 {text.RUN_SEPARATOR} 要点"
    assert text.term_grams("公") == ["公"]


def test_dictionary_words_are_kept_whole_and_inside_longer_words():
    assert segment.query_words("依申请公开") == ["依申请公开"]
    assert segment.query_words("放管服改革") in (["放管服改革"], ["放管服", "改革"])
    words = segment.index_words("持续优化营商环境")
    assert "营商环境" in words and "优化营商环境" in words
    assert "信息公开" in segment.index_words("政府信息公开条例")


def test_jieba_and_rjieba_segment_alike():
    """The fallback gives the same words as the fast engine, so an index built by either is valid."""
    pytest.importorskip("rjieba", reason="rjieba is a dependency; this compares it with the jieba fallback")
    fast, slow = segment.segmenter("rjieba"), segment.segmenter("jieba")
    sample = text.normalize("".join(corpus_sentences()[:60]))
    assert fast.index_words(sample) == slow.index_words(sample)
    assert fast.query_words(sample) == slow.query_words(sample)


def test_highlight_escapes_then_marks():
    html = highlight.highlight("<b>政务公开</b> & 公开", ["公开"])
    assert html == "&lt;b&gt;政务<mark>公开</mark>&lt;/b&gt; &amp; <mark>公开</mark>"


def test_snippet_is_centred_on_the_first_match_and_marks_case_insensitively():
    body = "前言" * 100 + "关于ABC公司的政务公开" + "结尾" * 100
    html = highlight.snippet(body, ["abc", "政务公开"])
    assert html.startswith("…") and html.endswith("…")
    assert "<mark>ABC</mark>公司的<mark>政务公开</mark>" in html
    assert len(highlight.snippet("短文", ["无"])) == 2


def test_normalize_maps_every_character_as_its_table_says():
    """The per-code-point sequence behind normalize gives the table's answer for every character, and
    leaves the characters beyond the BMP (emoji, CJK extension B) unchanged."""
    every = "".join(chr(code) for code in range(0x10000)) + "😀𠀀"
    assert text.normalize(every) == every.translate(text._table())
    assert len(text.normalize(every)) == len(every)


def test_a_needle_is_found_in_the_original_where_normalized_text_holds_it():
    """Highlighting looks for normalized needles in the original text (needle_pattern), never normalizing
    it whole: at every offset and bound it must agree with find() on the normalized text, including
    full-width and upper-case forms, Kangxi radicals (⼀ is 一), ligatures, zero-width and control
    characters, and characters beyond the BMP."""
    import random

    rng = random.Random(20260515)
    alphabet = "公开政务疫情一⼀㆒ABCabcＡＢＣﬁ（）(),，１２12\u200b\x00 \t😀𠀀ⅰⅠ"
    alphabet += "".join(chr(rng.randrange(0x20, 0xFFFF)) for _ in range(40))
    compared = 0
    for _ in range(20000):
        original = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 30)))
        needle = text.normalize("".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 4)))).strip()
        if not needle:
            continue
        low = rng.randrange(0, 10)
        high = rng.randrange(low, 35)
        match = text.needle_pattern(needle).search(original, low, high)
        assert (match.start() if match else -1) == text.normalize(original).find(needle, low, high), (original, needle)
        assert text.contains(original, needle) == (needle in text.normalize(original))
        compared += match is not None
    assert compared > 500  # the alphabet is small enough for many needles to be found


def test_highlight_marks_the_original_forms_of_a_needle():
    assert highlight.highlight("ＡＢＣ公司与abc", ["abc"]) == "<mark>ＡＢＣ</mark>公司与<mark>abc</mark>"
    assert highlight.highlight("第⼀次", ["一次"]) == "第<mark>⼀次</mark>"
