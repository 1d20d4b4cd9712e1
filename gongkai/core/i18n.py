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


def colon() -> str:
    """The colon between a translated label and its value: 「：」 in Chinese, ": " otherwise
    ({% colon %} in templates, gongkai.core.templatetags.punctuation)."""
    return "：" if (translation.get_language() or "").lower().startswith("zh") else ": "


def is_chinese() -> bool:
    """Whether the active language is Chinese (the punctuation helpers below follow it)."""
    return (translation.get_language() or "").lower().startswith("zh")


def left_paren() -> str:
    """Brackets a template puts around a value or a translated label: 「（」 in Chinese, " (" otherwise."""
    return "（" if is_chinese() else " ("


def right_paren() -> str:
    return "）" if is_chinese() else ")"


def enumeration_comma() -> str:
    """Between the items of a list: the 顿号 「、」 in Chinese, ", " otherwise."""
    return "、" if is_chinese() else ", "


def comma() -> str:
    """Between two values inside brackets (「（视频，2025-03-12）」): 「，」 in Chinese, ", " otherwise."""
    return "，" if is_chinese() else ", "


def semicolon() -> str:
    return "；" if is_chinese() else "; "
