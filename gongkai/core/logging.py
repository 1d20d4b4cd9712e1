"""Personal data never reaches a log: redaction in the formatter of every handler.

Resident ID numbers (GB 11643, 18 characters) and mainland mobile numbers are replaced in the *final*
text of a record — its message, the traceback and stack the formatter appends, and an access log line
with its query string (also when the number follows a percent-encoded character, as in
`q=%E8%AF%8111010519491231002X`), also written in groups (139 1234 5678, 370323 19900101 1234), typed in
full-width or other digits (１３９…, ١٣٩…) or split by dashes and zero-width characters; and a 15-digit
first-generation ID number (a date in its middle). A filter alone is not
enough: it runs before the traceback is formatted.

- `RedactingFormatter`: a `logging.Formatter` that redacts what it formats. settings.LOGGING puts it on
  every handler (root console, Django's `django.server` runserver access log).
- `gunicorn_logconfig()`: a `logconfig_dict` for gunicorn (the documented production server), whose
  error and access logs use the same formatter; in `gunicorn.conf.py`:

      from gongkai.core.logging import gunicorn_logconfig
      logconfig_dict = gunicorn_logconfig()

  or name the class in any logging configuration: `"()": "gongkai.core.logging.RedactingFormatter"`.
- `RedactPersonalDataFilter`: kept for loggers configured by hand; it redacts the message only.
"""

import logging

# The patterns of core.masking; an escaped byte (%XX) before a number counts as a boundary, since
# URL-encoded Chinese text is followed directly by the digits.
from gongkai.core.masking import ID15_IN_LOG, ID_IN_LOG, MOBILE_WRITTEN
from gongkai.core.numberforms import fold, rewrite

ID_REPLACEMENT = "[证件号已隐去]"
MOBILE_REPLACEMENT = "[手机号已隐去]"

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"


def redact(text: str) -> str:
    """`text` with every ID number and mobile number replaced. The patterns read the text as core.masking does
    (core.numberforms.fold: full-width and other decimal digits, dashes, odd spaces, zero-width characters
    between the digits); what they find is replaced in the text as written, whose other characters (its full-width
    ，and ：) stay."""
    folded, origin = fold(text)
    spans = []
    for pattern, replacement in ((ID_IN_LOG, ID_REPLACEMENT), (ID15_IN_LOG, ID_REPLACEMENT),
                                 (MOBILE_WRITTEN, MOBILE_REPLACEMENT)):
        for found in pattern.finditer(folded):
            spans.append((found.start(), found.end(), replacement))
        if spans:  # what is found is not found again by the next pattern
            folded = rewrite(folded, None, [(start, end, "\0" * (end - start)) for start, end, _ in spans])
    return rewrite(text, origin, spans) if spans else text


class RedactingFormatter(logging.Formatter):
    """Formats as logging.Formatter does, then redacts the whole text (message, traceback, stack)."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


class RedactPersonalDataFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string is not ours to fix here
            return True
        record.msg = redact(message)
        record.args = ()
        return True


def gunicorn_logconfig(level: str = "INFO") -> dict:
    """gunicorn's `logconfig_dict`: error and access logs on stderr/stdout, both redacted."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "redacted": {"()": "gongkai.core.logging.RedactingFormatter", "format": LOG_FORMAT},
            "access": {"()": "gongkai.core.logging.RedactingFormatter", "format": "%(message)s"},
        },
        "handlers": {
            "error_console": {"class": "logging.StreamHandler", "formatter": "redacted",
                              "stream": "ext://sys.stderr"},
            "access_console": {"class": "logging.StreamHandler", "formatter": "access",
                               "stream": "ext://sys.stdout"},
        },
        "loggers": {
            "gunicorn.error": {"handlers": ["error_console"], "level": level, "propagate": False},
            "gunicorn.access": {"handlers": ["access_console"], "level": "INFO", "propagate": False},
        },
        "root": {"handlers": ["error_console"], "level": level},
    }
