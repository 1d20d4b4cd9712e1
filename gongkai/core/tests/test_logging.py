"""Personal data is redacted by the formatter of every handler: messages, tracebacks and access log
lines (issue #19, item 7)."""

import io
import logging
import logging.config

import pytest

from gongkai.core.logging import RedactingFormatter, gunicorn_logconfig, redact

ID = "11010519491231002X"
PHONE = "13912345678"


def _configured(handlers):
    """The handlers settings.LOGGING installed (pytest adds its own capture handlers beside them)."""
    return [handler for handler in handlers if not type(handler).__module__.startswith("_pytest")]


def _capture(logger_name, emit):
    """Run `emit` with the configured handlers of `logger_name` (or the root's) writing to a buffer."""
    logger = logging.getLogger(logger_name)
    handlers = _configured(logger.handlers) or _configured(logging.getLogger().handlers)
    assert handlers
    buffer = io.StringIO()
    streams = [handler.setStream(buffer) for handler in handlers]
    try:
        emit(logging.getLogger(logger_name))
    finally:
        for handler, stream in zip(handlers, streams, strict=True):
            handler.setStream(stream)
    return buffer.getvalue()


def test_a_traceback_with_an_id_number_is_redacted_by_the_configured_handler():
    def emit(logger):
        try:
            raise ValueError(f"申请人证件号 {ID}，电话 {PHONE}")
        except ValueError:
            logger.exception("处理申请失败")

    for name in ("gongkai.requests", "django.request"):
        text = _capture(name, emit)
        assert "ValueError" in text and "Traceback" in text  # the traceback is there ...
        assert ID not in text and PHONE not in text  # ... without the numbers
        assert "[证件号已隐去]" in text and "[手机号已隐去]" in text


def test_every_configured_handler_formats_with_redaction():
    loggers = [logging.getLogger(), *(logging.getLogger(name) for name in ("django", "django.server",
                                                                           "django.request", "gongkai"))]
    handlers = {handler for logger in loggers for handler in _configured(logger.handlers)}
    assert handlers
    for handler in handlers:
        assert isinstance(handler.formatter, RedactingFormatter), handler


def test_the_runserver_access_log_redacts_the_query_string():
    text = _capture("django.server", lambda logger: logger.info(
        '"GET /search/?q=%s HTTP/1.1" 200 1234', f"%E8%AF%81{ID}&phone={PHONE}"))
    assert ID not in text and PHONE not in text and "/search/?q=" in text


@pytest.mark.parametrize("line, kept", [
    (f"GET /search/?q={ID} HTTP/1.1", "GET /search/?q=[证件号已隐去] HTTP/1.1"),
    (f"GET /search/?q=%E8%BA%AB%E4%BB%BD%E8%AF%81{ID.lower()}", "q=%E8%BA%AB%E4%BB%BD%E8%AF%81[证件号已隐去]"),
    (f"tel%3A{PHONE}", "tel%3A[手机号已隐去]"),
    ("order 123456789012345678901 and 1391234567890", None),
    ("申请人电话１３９１２３４５６７８，请回电", "申请人电话[手机号已隐去]，请回电"),
    ("电话 ＋８６　１３９－１２３４－５６７８", "电话 [手机号已隐去]"),
])
def test_redact(line, kept):
    if kept is None:
        assert redact(line) == line  # longer digit runs are not ID numbers
    else:
        assert kept in redact(line)


def test_the_gunicorn_configuration_redacts_access_and_error_logs():
    config = gunicorn_logconfig()
    buffer = io.StringIO()
    config["handlers"]["access_console"]["stream"] = buffer
    config["handlers"]["error_console"]["stream"] = buffer
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    try:
        logging.config.dictConfig(config)
        # gunicorn's access logger formats its line from a dict of atoms, as here.
        logging.getLogger("gunicorn.access").info('%(h)s "%(r)s" %(s)s', {
            "h": "203.0.113.7", "r": f"GET /yisqgk/?id={ID}&tel={PHONE} HTTP/1.1", "s": "200"})
        try:
            raise RuntimeError(f"worker failed for {ID}")
        except RuntimeError:
            logging.getLogger("gunicorn.error").exception("Error handling request")
    finally:
        root.handlers[:], _ = saved[0], root.setLevel(saved[1])
        for name in ("gunicorn.access", "gunicorn.error"):
            logging.getLogger(name).handlers.clear()
    text = buffer.getvalue()
    assert "203.0.113.7" in text and "RuntimeError" in text
    assert ID not in text and PHONE not in text


def test_a_log_record_with_numbers_written_in_other_forms_is_redacted_by_the_configured_handler():
    """An ID number in groups or an old 15-digit one, a mobile number with em dashes, a zero-width space or
    Arabic-Indic digits: the configured handler writes none of them (core.numberforms reads them as masking
    does)."""
    numbers = ("370323 19900101 1234", "3703 2319 9001 0112 34", "370323900101123", "139—1234—5678",
               "139\u200b1234\u200b5678", "١٣٩١٢٣٤٥٦٧٨", "139\u00a012345678")

    def emit(logger):
        try:
            raise ValueError("申请人证件号 " + "，".join(numbers))
        except ValueError:
            logger.exception("处理申请失败：%s", numbers[0])

    text = _capture("gongkai.requests", emit)
    assert "ValueError" in text and "处理申请失败" in text
    assert [number for number in numbers if number in text] == []
    assert "19900101" not in text and "5678" not in text and "٥٦٧٨" not in text
    assert text.count("[证件号已隐去]") == 4 and text.count("[手机号已隐去]") == 4
