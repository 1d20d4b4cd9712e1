"""SMS gateways. Counties use different 短信平台, so the platform speaks plain HTTP to whichever one
the county has (`HttpGateway`, configured by GONGKAI_SMS_HTTP_*: URL, method, a body template,
headers, what a success looks like); `LogGateway` (development, embedded mode) only logs that a
message would go out, with the number masked. docs/configuration.md lists the settings."""

import json
import logging
import string
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

logger = logging.getLogger("gongkai.notifications")


class SmsError(Exception):
    """The gateway did not take the message. The text never contains the number or the message."""


def mask_phone(phone: str) -> str:
    digits = "".join(ch for ch in phone if ch.isdigit())
    return f"{digits[:3]}****{digits[-4:]}" if len(digits) >= 7 else "****"


class LogGateway:
    def send(self, phone: str, text: str) -> None:
        logger.info("SMS to %s (%s characters) not sent: log-only gateway", mask_phone(phone), len(text))


def _escape(value: str, content_type: str) -> str:
    if "json" in content_type:
        return json.dumps(value, ensure_ascii=False)[1:-1]
    if "x-www-form-urlencoded" in content_type:
        return urllib.parse.quote_plus(value)
    return value


class HttpGateway:
    """POST (or GET) to the county's gateway. `body` is a template with $phone and $message (and
    $signature), escaped for the content type (JSON string, form field); the URL may use them too
    (URL-quoted). Any 2xx answer is a success, unless `success` is set: then the answer must contain it."""

    def __init__(self, url: str, method: str = "POST", body: str = "", content_type: str = "application/json",
                 headers: dict | None = None, success: str = "", timeout: int = 10, signature: str = ""):
        if not url.startswith(("http://", "https://")):
            raise ImproperlyConfigured("GONGKAI_SMS_HTTP_URL must be an http(s) URL")
        self.url, self.method, self.body, self.content_type = url, method.upper(), body, content_type
        self.headers, self.success, self.timeout, self.signature = headers or {}, success, timeout, signature

    def request_for(self, phone: str, text: str) -> urllib.request.Request:
        values = {"phone": phone, "message": f"{self.signature}{text}", "signature": self.signature}
        url = string.Template(self.url).safe_substitute({k: urllib.parse.quote(v) for k, v in values.items()})
        data = None
        if self.method != "GET":
            escaped = {k: _escape(v, self.content_type) for k, v in values.items()}
            data = string.Template(self.body).safe_substitute(escaped).encode("utf-8")
        request = urllib.request.Request(url, data=data, method=self.method)  # noqa: S310 (http(s) checked)
        if data is not None:
            request.add_header("Content-Type", self.content_type)
        for name, value in self.headers.items():
            request.add_header(name, value)
        return request

    def send(self, phone: str, text: str) -> None:
        try:
            with urllib.request.urlopen(self.request_for(phone, text), timeout=self.timeout) as response:  # noqa: S310
                answer = response.read(65536).decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:
            raise SmsError(f"HTTP {exc.code}") from None
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise SmsError(type(getattr(exc, "reason", exc)).__name__) from None
        if self.success and self.success not in answer:
            raise SmsError("gateway answered without the success marker")


def gateway():
    kind = settings.GONGKAI_SMS_BACKEND
    if kind == "log":
        return LogGateway()
    if kind == "http":
        return HttpGateway(
            settings.GONGKAI_SMS_HTTP_URL, settings.GONGKAI_SMS_HTTP_METHOD, settings.GONGKAI_SMS_HTTP_BODY,
            settings.GONGKAI_SMS_HTTP_CONTENT_TYPE, settings.GONGKAI_SMS_HTTP_HEADERS,
            settings.GONGKAI_SMS_HTTP_SUCCESS, settings.GONGKAI_SMS_HTTP_TIMEOUT, settings.GONGKAI_SMS_SIGNATURE,
        )
    raise ImproperlyConfigured("GONGKAI_SMS_BACKEND must be log or http")
