"""索引号: `<统一社会信用代码>/<year>-<5-digit serial>`, serial per organization per year.

Assigned at publication inside the publishing transaction. The sequence row is locked
(SELECT … FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE transactions serialize writers), so concurrent
publishes never share a serial; the unique constraint on index_no is the last line of defence.
"""

import re

from django.db import transaction

from gongkai.publishing.models import IndexSequence

SERIAL_DIGITS = 5
INDEX_NO_PATTERN = re.compile(r"^(?P<code>[0-9A-HJ-NP-RTUWXY]{18})/(?P<year>\d{4})-(?P<serial>\d{5})$")


def format_index_no(credit_code: str, year: int, serial: int) -> str:
    return f"{credit_code}/{year}-{serial:0{SERIAL_DIGITS}d}"


def allocate_index_no(organization, year: int) -> str:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("allocate_index_no must run inside a transaction")
    sequence, _created = IndexSequence.objects.select_for_update().get_or_create(organization=organization, year=year)
    sequence.last_serial += 1
    if sequence.last_serial >= 10**SERIAL_DIGITS:
        raise OverflowError("index serial exhausted for the year")
    sequence.save(update_fields=["last_serial"])
    return format_index_no(organization.credit_code, year, sequence.last_serial)


def reserve_index_no(organization, index_no: str) -> None:
    """Note an index number that came from outside (an import) so later serials never reuse it."""
    match = INDEX_NO_PATTERN.match(index_no or "")
    if not match or match["code"] != organization.credit_code:
        return
    year, serial = int(match["year"]), int(match["serial"])
    sequence, _created = IndexSequence.objects.select_for_update().get_or_create(organization=organization, year=year)
    if serial > sequence.last_serial:
        sequence.last_serial = serial
        sequence.save(update_fields=["last_serial"])
