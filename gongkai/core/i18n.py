"""Statutory documents and exchange files are written in the platform's language (zh-hans), whatever
language the staff member reading the interface has chosen."""

import functools

from django.conf import settings
from django.utils import translation


def in_document_language(func):
    """Run `func` with the site's default language active (letters, notices, compilations, ledgers)."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            return func(*args, **kwargs)

    return wrapper


def in_record_language(label) -> str:
    """A (lazy) label as a permanent record keeps it: in the site's language, not the session's.

    For free text that embeds a label (an audit note such as 「征求第三方意见：某公司」); whatever can be
    stored as a code is stored as the code and translated when shown instead."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(label)


def is_chinese() -> bool:
    """Whether the active language is Chinese (the punctuation below follows it)."""
    return (translation.get_language() or "").lower().startswith("zh")


# The punctuation a template or a format puts around or between translated labels and values (Chinese, other):
# a label's colon, brackets around a value, the 顿号 between list items, a comma inside brackets
# (「（视频，2025-03-12）」), a semicolon between groups, a full stop after a value, and the space English puts
# between a closing bracket and the next word (「（2025-03-12）同意」 / "(2025-03-12) agreed"), which Chinese does not. {% colon %} and the
# other tags of gongkai.core.templatetags.punctuation read this table.
PUNCTUATION = {
    "colon": ("：", ": "), "left_paren": ("（", " ("), "right_paren": ("）", ")"),
    "enumeration_comma": ("、", ", "), "comma": ("，", ", "), "semicolon": ("；", "; "),
    "full_stop": ("。", ". "), "word_space": ("", " "),
}


def punctuation(name: str) -> str:
    chinese, other = PUNCTUATION[name]
    return chinese if is_chinese() else other


def colon() -> str:
    return punctuation("colon")


def left_paren() -> str:
    return punctuation("left_paren")


def right_paren() -> str:
    return punctuation("right_paren")


def enumeration_comma() -> str:
    return punctuation("enumeration_comma")


def comma() -> str:
    return punctuation("comma")


def semicolon() -> str:
    return punctuation("semicolon")


def full_stop() -> str:
    return punctuation("full_stop")


def word_space() -> str:
    return punctuation("word_space")
