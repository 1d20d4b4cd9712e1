"""Personal data at rest: ID numbers and phone numbers are Fernet-encrypted; matching uses keyed digests.

Why Fernet from `cryptography` (already a dependency) and not a field library: the Django field
packages are thin wrappers around the same primitive, and the common ones are unmaintained or lag
Django releases (django-cryptography's last release predates Django 4); we also need key rotation
(MultiFernet over GONGKAI_FIELD_KEY's comma-separated keys, the first one encrypts) and a blind index
(HMAC digest) to recognise the same applicant for 第三十五条 and 按件 fees, which none of them offer.

Keys: settings.GONGKAI_FIELD_KEYS, from GONGKAI_FIELD_KEY or, in embedded mode, generated under var/.
Digests (applicant matching, query codes, client addresses) use keys derived with HKDF from the *last*
key of the list, so they survive rotating in a new encryption key at the front.
"""

import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

from gongkai.core import typed


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except (ValueError, TypeError) as exc:
        raise ImproperlyConfigured(
            "GONGKAI_FIELD_KEY must be one or more Fernet keys (32 url-safe base64-encoded bytes), comma-separated"
        ) from exc


def _keys() -> tuple[str, ...]:
    keys = tuple(getattr(settings, "GONGKAI_FIELD_KEYS", ()) or ())
    if not keys:
        raise ImproperlyConfigured("GONGKAI_FIELD_KEYS is empty: set GONGKAI_FIELD_KEY")
    return keys


def check_keys() -> None:
    _fernet(_keys())


def encrypt(text: str) -> str:
    return _fernet(_keys()).encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernet(_keys()).decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise ImproperlyConfigured(
            "a stored personal-data field cannot be decrypted with GONGKAI_FIELD_KEY (wrong or rotated-out key)"
        ) from exc


@lru_cache(maxsize=16)
def _derived(keys: tuple[str, ...], purpose: str) -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"gongkai-requests", info=purpose.encode())
    return hkdf.derive(keys[-1].encode())


def digest(purpose: str, value: str) -> str:
    """A keyed, deterministic digest (hex) of `value`: equal inputs match, the input cannot be recovered."""
    key = _derived(_keys(), purpose)
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def same_digest(purpose: str, value: str, expected: str) -> bool:
    return hmac.compare_digest(digest(purpose, value), expected or "")


def normalize_id_number(value: str) -> str:
    """An ID number as stored and digested: ASCII (full-width digits folded), no spaces, upper case."""
    return typed.compact(value).upper()


class EncryptedTextField(models.TextField):
    """Text stored as a Fernet token. Lookups on it never match (the token is randomized): filter on a
    digest column instead. Empty values stay empty, so "not given" is visible without decrypting."""

    def from_db_value(self, value, expression, connection):
        if not value:
            return value
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if not value:
            return value
        return encrypt(value)


