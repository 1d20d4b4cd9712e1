"""查询码: the code given with a tracking number (申请编号, 留言编号) so that its holder can follow the case
online without an account. Only a keyed digest of number and code is stored (core.crypto), each app
under its own purpose; a lookup answers the same whether the number or the code was wrong."""

import secrets
import time

from gongkai.core import crypto, typed

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud and typed back
GROUPS, GROUP_LENGTH = 3, 4  # 12 characters ≈ 59 bits
_NO_DIGEST = "0" * 64  # compared against when the number is unknown, so both answers take as long


def new() -> str:
    """A fresh code, shown once, in groups: ABCD-EFGH-JKMN."""
    chars = "".join(secrets.choice(ALPHABET) for _ in range(GROUPS * GROUP_LENGTH))
    return "-".join(chars[i:i + GROUP_LENGTH] for i in range(0, len(chars), GROUP_LENGTH))


def normalize(code: str) -> str:
    """The code as typed back: case, separators and full-width characters do not matter."""
    return "".join(ch for ch in typed.compact(code).upper() if ch.isascii() and ch.isalnum())


def digest(purpose: str, tracking_number: str, code: str) -> str:
    return crypto.digest(purpose, f"{tracking_number.upper()}:{normalize(code)}")


def find(queryset, purpose: str, tracking_number: str, code: str):
    """The row of `queryset` (with `tracking_number` and `query_code_digest`) whose number and code both
    match; None otherwise, without saying which was wrong."""
    tracking_number = typed.compact(tracking_number).upper()
    row = queryset.filter(tracking_number=tracking_number).first()
    # An unknown number, or a row without a code (entered from an old 台账), is compared against a dummy of
    # the same length: every failure takes the same path and the same time, and says the same.
    expected = row.query_code_digest if row is not None and row.query_code_digest else _NO_DIGEST
    ok = crypto.same_digest(purpose, f"{tracking_number}:{normalize(code)}", expected)
    return row if row is not None and ok and row.query_code_digest else None


# The done page after filing (申请已提交, 留言已提交) may be shown again for this long: a reload, the 字号
# and 长者模式 switches and the language switch all come back to it. The code is kept in the session
# (encrypted: sessions live in the database), never in a URL; it goes when the visitor confirms it is
# written down, leaves the case, or this time passes.
SHOW_AGAIN_SECONDS = 30 * 60


def hold(session, key: str, tracking_number: str, code: str) -> None:
    """Keep a fresh number and code in `session` under `key` for the done page."""
    session[key] = {"number": tracking_number, "code": crypto.encrypt(code),
                    "until": time.time() + SHOW_AGAIN_SECONDS}


def held(session, key: str) -> dict | None:
    """{"number", "code"} kept by hold() and not yet expired; an expired entry is removed."""
    kept = session.get(key)
    if not kept:
        return None
    if not isinstance(kept, dict) or kept.get("until", 0) < time.time():
        session.pop(key, None)
        return None
    return {"number": kept["number"], "code": crypto.decrypt(kept["code"])}


def release(session, key: str) -> None:
    session.pop(key, None)
