"""A logging filter that keeps personal data out of every log record.

Resident ID numbers (GB 11643, 18 characters) and mainland mobile numbers are replaced before a
record is formatted, whatever logger emitted it.
"""

import logging
import re

ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


def redact(text: str) -> str:
    text = ID_NUMBER.sub("[证件号已隐去]", text)
    return MOBILE.sub("[手机号已隐去]", text)


class RedactPersonalDataFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string is not ours to fix here
            return True
        record.msg = redact(message)
        record.args = ()
        return True
