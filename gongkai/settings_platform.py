"""The platform's own settings (GONGKAI_*) that its apps read: page and fragment caches, search and
the open API, the deadlines a deployment chooses (依申请公开, 公众参与, 规范性文件, 检查指标), e-mail and SMS.

Part of gongkai/settings.py, which imports every name of this module; the variables it reads are listed
in docs/configuration.md with the others.
"""

import json
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from gongkai.env import env_bool, env_int, env_list, env_str
from gongkai.settings_base import VAR_DIR

# --- Page cache (docs/decisions/0007-page-cache.md) --------------------------------------------------
# Directory nginx serves published anonymous pages from (deploy/nginx.conf); empty: no page files.
GONGKAI_PAGE_CACHE_DIR = env_str("GONGKAI_PAGE_CACHE_DIR", "")
# Pages older than this are removed by `gongkai run_periodic` (changes nobody announces).
GONGKAI_PAGE_CACHE_SECONDS = env_int("GONGKAI_PAGE_CACHE_SECONDS", 600)

# --- Fragment cache (gongkai/portal/fragments.py, docs/portal.md) ----------------------------------
# Parts of the public pages that do not vary per request, kept in each web process's memory under a
# generation token that every process reads from GONGKAI_FRAGMENT_STAMP (a file all web processes and
# task workers must share); publishing, catalog, organization and site-profile changes replace it.
GONGKAI_FRAGMENT_STAMP = env_str("GONGKAI_FRAGMENT_STAMP", str(VAR_DIR / "fragments.stamp"))
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "fragments": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "fragments",
                  "TIMEOUT": None, "OPTIONS": {"MAX_ENTRIES": env_int("GONGKAI_FRAGMENT_CACHE_ENTRIES", 5000)}},
}

# --- Search and open API (docs/search.md, docs/decisions/0004-search-engine.md) -------------------
# embedded (tantivy index under GONGKAI_SEARCH_INDEX_DIR), postgres (needs DATABASE_URL on PostgreSQL)
# or opensearch (GONGKAI_SEARCH_URL, IK analyzer installed on the cluster).
GONGKAI_SEARCH_BACKEND = env_str("GONGKAI_SEARCH_BACKEND", "embedded")
GONGKAI_SEARCH_INDEX_DIR = Path(env_str("GONGKAI_SEARCH_INDEX_DIR", str(VAR_DIR / "search")))
GONGKAI_SEARCH_URL = env_str("GONGKAI_SEARCH_URL", "")
GONGKAI_SEARCH_INDEX_NAME = env_str("GONGKAI_SEARCH_INDEX_NAME", "gongkai-items")
# Requests per client (IP address) to /api/v1/, e.g. 120/m or 5000/h; answered with 429 beyond it.
GONGKAI_API_RATE = env_str("GONGKAI_API_RATE", "120/m")

# --- 依申请公开 (docs/requests.md) -----------------------------------------------------------------
# How the work plan's 「办理完结后3日内」报备案 is read: "workdays" (the 3rd working day after the reply, the
# default) or "days" (the 3rd natural day). The plan does not say; this is the deployment's choice.
GONGKAI_FILING_DAYS = env_str("GONGKAI_FILING_DAYS", "workdays")
if GONGKAI_FILING_DAYS not in ("workdays", "days"):
    raise ImproperlyConfigured(f"GONGKAI_FILING_DAYS must be workdays or days, got {GONGKAI_FILING_DAYS!r}")

# --- 公众参与 (docs/participation.md) ----------------------------------------------------------------
# Working days after a consultation closes within which its 意见收集采纳情况 is due; later is an
# inspection finding (gongkai/workdays/statute.py CONSULTATION_OUTCOME_WORKDAYS).
GONGKAI_CONSULTATION_OUTCOME_WORKDAYS = env_int("GONGKAI_CONSULTATION_OUTCOME_WORKDAYS", 20)

# --- 规范性文件 and 政策解读 (docs/regulations.md) ------------------------------------------------
# Which province's 有效期 rule applies (gongkai/workdays/statute.py NORMATIVE_VALIDITY_RULES).
GONGKAI_NORMATIVE_RULES = env_str("GONGKAI_NORMATIVE_RULES", "shandong")
# 同步: working days within which a policy's interpretation must follow it, and which policies need one
# (catalog template keys: art20.1 规范性文件, art20.3 规划信息).
GONGKAI_INTERPRETATION_WORKDAYS = env_int("GONGKAI_INTERPRETATION_WORKDAYS", 3)
GONGKAI_INTERPRETATION_REQUIRED_NODES = env_list("GONGKAI_INTERPRETATION_REQUIRED_NODES", ["art20.1", "art20.3"])
# 政府公报 (docs/gazette.md): the units that edit and publish it (统一社会信用代码 or full names). Empty: the
# top-level government(s) of the organization tree and their direct …政府办公室.
GONGKAI_GAZETTE_ORGANIZATIONS = env_list("GONGKAI_GAZETTE_ORGANIZATIONS", [])

# --- 检查指标 (docs/inspection.md) -------------------------------------------------------------------
# External links in published bodies are checked over the network only when this is on (internal links
# always are); each request gives up after GONGKAI_INSPECTION_LINK_TIMEOUT seconds.
# 同步推送 webhooks may go to loopback and private (intranet) addresses: for a county whose 新媒体管理系统 is on its
# own network (and the test suite). Link-local, multicast and reserved addresses stay refused (newmedia.destinations).
GONGKAI_WEBHOOK_ALLOW_PRIVATE = env_bool("GONGKAI_WEBHOOK_ALLOW_PRIVATE", False)
GONGKAI_INSPECTION_EXTERNAL_LINKS = env_bool("GONGKAI_INSPECTION_EXTERNAL_LINKS", False)
GONGKAI_INSPECTION_LINK_TIMEOUT = env_int("GONGKAI_INSPECTION_LINK_TIMEOUT", 5)

# --- E-mail --------------------------------------------------------------------------------
EMAIL_BACKEND = env_str("GONGKAI_EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_HOST = env_str("GONGKAI_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("GONGKAI_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("GONGKAI_EMAIL_USER")
EMAIL_HOST_PASSWORD = env_str("GONGKAI_EMAIL_PASSWORD")
EMAIL_USE_TLS = env_bool("GONGKAI_EMAIL_TLS", False)
DEFAULT_FROM_EMAIL = env_str("GONGKAI_EMAIL_FROM", "gongkai@localhost")
# The site's public address, for links in e-mails sent outside a request (subscriptions, 同步推送).
GONGKAI_PUBLIC_URL = env_str("GONGKAI_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")

# --- Disclosed documents (依申请公开): how long the applicant may download them after the reply ----
GONGKAI_DISCLOSURE_DOWNLOAD_DAYS = env_int("GONGKAI_DISCLOSURE_DOWNLOAD_DAYS", 90)
if GONGKAI_DISCLOSURE_DOWNLOAD_DAYS < 1:
    raise ImproperlyConfigured("GONGKAI_DISCLOSURE_DOWNLOAD_DAYS must be at least 1")

# --- SMS (gongkai.notifications.sms) ---------------------------------------------------------
# "log" (default): only log that a message would go out; "http": the county's 短信平台 over HTTP.
GONGKAI_SMS_BACKEND = env_str("GONGKAI_SMS_BACKEND", "log")
if GONGKAI_SMS_BACKEND not in {"log", "http"}:
    raise ImproperlyConfigured("GONGKAI_SMS_BACKEND must be log or http")
GONGKAI_SMS_HTTP_URL = env_str("GONGKAI_SMS_HTTP_URL")
if GONGKAI_SMS_BACKEND == "http" and not GONGKAI_SMS_HTTP_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured("GONGKAI_SMS_BACKEND=http needs GONGKAI_SMS_HTTP_URL (an http(s) URL)")
GONGKAI_SMS_HTTP_METHOD = env_str("GONGKAI_SMS_HTTP_METHOD", "POST").upper()
if GONGKAI_SMS_HTTP_METHOD not in {"POST", "GET", "PUT"}:
    raise ImproperlyConfigured("GONGKAI_SMS_HTTP_METHOD must be POST, GET or PUT")
GONGKAI_SMS_HTTP_BODY = env_str("GONGKAI_SMS_HTTP_BODY", '{"mobile": "$phone", "content": "$message"}')
GONGKAI_SMS_HTTP_CONTENT_TYPE = env_str("GONGKAI_SMS_HTTP_CONTENT_TYPE", "application/json; charset=utf-8")
try:
    GONGKAI_SMS_HTTP_HEADERS = json.loads(env_str("GONGKAI_SMS_HTTP_HEADERS", "{}"))
except ValueError as exc:
    raise ImproperlyConfigured("GONGKAI_SMS_HTTP_HEADERS must be a JSON object") from exc
if not isinstance(GONGKAI_SMS_HTTP_HEADERS, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in GONGKAI_SMS_HTTP_HEADERS.items()):
    raise ImproperlyConfigured("GONGKAI_SMS_HTTP_HEADERS must be a JSON object of strings")
GONGKAI_SMS_HTTP_SUCCESS = env_str("GONGKAI_SMS_HTTP_SUCCESS")
GONGKAI_SMS_HTTP_TIMEOUT = env_int("GONGKAI_SMS_HTTP_TIMEOUT", 10)
GONGKAI_SMS_SIGNATURE = env_str("GONGKAI_SMS_SIGNATURE")
