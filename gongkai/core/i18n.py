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
