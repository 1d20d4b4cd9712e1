"""索引号: `<统一社会信用代码>/<year>-<5-digit serial>`, serial per organization per year.

Assigned at publication inside the publishing transaction. The sequence row is locked
(SELECT … FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE transactions serialize writers), so concurrent
publishes never share a serial; the unique constraint on index_no is the last line of defence.

A number that came from outside (an import) must be the organization's own and leave room for the
year's later serials (`index_no_problem`); allocation skips a serial some item already carries, so no
state of the data makes a unit's next number collide for ever.
"""

import re

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core.services import ActionRefused
from gongkai.publishing.models import IndexSequence, InformationItem

SERIAL_DIGITS = 5
SERIAL_LIMIT = 10**SERIAL_DIGITS - 1
# An imported serial leaves at least this many serials of its year to the platform.
MAX_IMPORTED_SERIAL = SERIAL_LIMIT - 10_000
INDEX_NO_PATTERN = re.compile(r"^(?P<code>[0-9A-HJ-NP-RTUWXY]{18})/(?P<year>\d{4})-(?P<serial>\d{5})$")


def format_index_no(credit_code: str, year: int, serial: int) -> str:
    return f"{credit_code}/{year}-{serial:0{SERIAL_DIGITS}d}"


def exhausted(organization, year: int) -> ActionRefused:
    return ActionRefused(_("“%(org)s”%(year)d 年的索引号流水号已用尽（至多 %(limit)d 个），请联系系统管理员。") % {
        "org": organization.name, "year": year, "limit": SERIAL_LIMIT})


def taken_serials(organization, year: int, after: int) -> set[int]:
    """Serials above `after` that items of `organization` and `year` already carry (normally none)."""
    prefix = f"{organization.credit_code}/{year}-"
    numbers = InformationItem.objects.filter(index_no__startswith=prefix, index_no__gt=format_index_no(
        organization.credit_code, year, after)).values_list("index_no", flat=True)
    return {int(match["serial"]) for number in numbers if (match := INDEX_NO_PATTERN.match(number))}


def allocate_index_no(organization, year: int) -> str:
    """The next free serial of the organization's year; ActionRefused when the year's serials are used up."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("allocate_index_no must run inside a transaction")
    sequence, _created = IndexSequence.objects.select_for_update().get_or_create(organization=organization, year=year)
    taken = taken_serials(organization, year, sequence.last_serial)
    serial = sequence.last_serial + 1
    while serial in taken:
        serial += 1
    if serial > SERIAL_LIMIT:
        raise exhausted(organization, year)
    sequence.last_serial = serial
    sequence.save(update_fields=["last_serial"])
    return format_index_no(organization.credit_code, year, serial)


def index_no_problem(organization, index_no: str) -> str:
    """Why an index number from outside cannot be the organization's (or "")."""
    match = INDEX_NO_PATTERN.match(index_no or "")
    if not match:
        return _("索引号“%(no)s”格式不对，应为“统一社会信用代码/年份-5位流水号”，如 %(example)s。") % {
            "no": index_no, "example": format_index_no(organization.credit_code, 2020, 66)}
    if match["code"] != organization.credit_code:
        return _("索引号“%(no)s”中的统一社会信用代码不是发布机构“%(org)s”的（%(code)s）。") % {
            "no": index_no, "org": organization.name, "code": organization.credit_code}
    if int(match["serial"]) > MAX_IMPORTED_SERIAL:
        return _("索引号“%(no)s”的流水号过大：导入的流水号不能超过 %(max)05d，否则本单位当年的索引号将很快用尽。") % {
            "no": index_no, "max": MAX_IMPORTED_SERIAL}
    if int(match["serial"]) == 0:
        return _("索引号“%(no)s”的流水号不能为 00000。") % {"no": index_no}
    return ""


def reserve_index_no(organization, index_no: str) -> None:
    """Note an index number that came from outside (an import) so later serials never reuse it.
    Callers check it with `index_no_problem` first; a number that is not the organization's is refused."""
    problem = index_no_problem(organization, index_no)
    if problem:
        raise ActionRefused(problem)
    match = INDEX_NO_PATTERN.match(index_no)
    year, serial = int(match["year"]), int(match["serial"])
    sequence, _created = IndexSequence.objects.select_for_update().get_or_create(organization=organization, year=year)
    if serial > sequence.last_serial:
        sequence.last_serial = serial
        sequence.save(update_fields=["last_serial"])
