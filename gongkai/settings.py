"""Django settings for Gongkai.

Configuration comes only from environment variables (DATABASE_URL and GONGKAI_*), all of them listed
with their defaults in docs/configuration.md. The defaults give the embedded mode: SQLite and media
under ./var/, tasks run in-process. Production sets GONGKAI_DEBUG=0 (the default), a real
GONGKAI_SECRET_KEY and GONGKAI_ALLOWED_HOSTS, and passes `gongkai check --deploy` without warnings.
"""

import json
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from gongkai.env import env_bool, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(env_str("GONGKAI_VAR_DIR", "var")).resolve()

DEBUG = env_bool("GONGKAI_DEBUG", False)
HTTPS = env_bool("GONGKAI_HTTPS", not DEBUG)


def _secret_key() -> str:
    key = env_str("GONGKAI_SECRET_KEY")
    if key:
        return key
    # Embedded mode: keep a generated key under var/ so sessions survive restarts.
    # A key is never written into the source tree.
    path = VAR_DIR / "secret_key"
    if path.exists():
        return path.read_text().strip()
    if not DEBUG and env_bool("GONGKAI_REQUIRE_SECRET_KEY", False):
        raise ImproperlyConfigured("GONGKAI_SECRET_KEY must be set in production")
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(64)
    path.write_text(key)
    path.chmod(0o600)
    return key


SECRET_KEY = _secret_key()


def _field_keys() -> list[str]:
    """Fernet keys for personal data at rest (ID and phone numbers of applicants; gongkai/requests/crypto.py).

    GONGKAI_FIELD_KEY: comma-separated, the first encrypts, all decrypt (rotation). Embedded mode keeps a
    generated key under var/, like the secret key; losing it makes the stored numbers unreadable.
    """
    keys = env_list("GONGKAI_FIELD_KEY", [])
    if keys:
        return keys
    path = VAR_DIR / "field_key"
    if path.exists():
        return [path.read_text().strip()]
    if not DEBUG and env_bool("GONGKAI_REQUIRE_SECRET_KEY", False):
        raise ImproperlyConfigured("GONGKAI_FIELD_KEY must be set in production")
    import base64

    path.parent.mkdir(parents=True, exist_ok=True)
    key = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
    path.write_text(key)
    path.chmod(0o600)
    return [key]


GONGKAI_FIELD_KEYS = _field_keys()
ALLOWED_HOSTS = env_list("GONGKAI_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("GONGKAI_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "gongkai.accounts.admin_config.GongkaiAdminConfig",  # django.contrib.admin, superusers only
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    # Gongkai's own apps, one per domain noun. Order: foundations first.
    "gongkai.core",
    "gongkai.workdays",
    "gongkai.organizations",
    "gongkai.accounts",
    "gongkai.audit",
    "gongkai.catalog",
    "gongkai.publishing",
    "gongkai.portal",
    "gongkai.workbench",
    "gongkai.regulations",
    "gongkai.interpretations",
    "gongkai.gazette",
    "gongkai.search",
    "ninja",  # django-ninja's Swagger UI files, served locally for /api/v1/docs
    "gongkai.api",
    "django.contrib.sitemaps",  # templates of sitemap.xml (gongkai.feeds)
    "gongkai.feeds",
    "gongkai.interchange",
    "gongkai.letters",
    "gongkai.notifications",
    "gongkai.requests",
    "gongkai.workplan",
    "gongkai.inspection",
    "gongkai.reports",
    "gongkai.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "gongkai.core.middleware.DisplayPreferencesMiddleware",
    # Axes must be last: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "gongkai.urls"
WSGI_APPLICATION = "gongkai.wsgi.application"
AUTH_USER_MODEL = "accounts.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongkai.core.context_processors.display",
                "gongkai.portal.context_processors.site",
            ],
        },
    },
]

# --- Database ------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'gongkai.sqlite3'}"),
        conn_max_age=env_int("GONGKAI_DB_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20,
         "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication: lockout, session expiry, password strength ----------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "gongkai.accounts.validators.MinimumLengthValidator",
     "OPTIONS": {"min_length": env_int("GONGKAI_PASSWORD_MIN_LENGTH", 10)}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "gongkai.accounts.validators.CharacterClassValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "workbench:home"
LOGOUT_REDIRECT_URL = "portal:home"
AXES_FAILURE_LIMIT = env_int("GONGKAI_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("GONGKAI_LOGIN_LOCKOUT_MINUTES", 30) / 60  # hours
# Lock a user name after repeated failures (guessing one account), and an address (spraying many).
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
SESSION_COOKIE_AGE = env_int("GONGKAI_SESSION_MINUTES", 120) * 60
SESSION_SAVE_EVERY_REQUEST = True  # the age is an idle timeout
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- Security headers (all on whenever the site is served over HTTPS) -----------------------
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("GONGKAI_HSTS_SECONDS", 31536000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env_bool("GONGKAI_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- Language and time ---------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Static files and uploads --------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("GONGKAI_STATIC_ROOT", str(VAR_DIR / "static")))
# npm packages (package.json) served under vendor/: only the files pages load (gongkai/core/finders.py).
NODE_MODULES_DIR = Path(env_str("GONGKAI_NODE_MODULES", "node_modules")).resolve()
VENDOR_STATIC_FILES = ["echarts/dist/echarts.min.js"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "gongkai.core.finders.NodeModulesFinder",
]
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Uploaded files are never served from MEDIA_URL: downloads go through views that set
# Content-Disposition: attachment and check the item is public.
MEDIA_ROOT = Path(env_str("GONGKAI_MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media-not-served/"
GONGKAI_MAX_UPLOAD_MB = env_int("GONGKAI_MAX_UPLOAD_MB", 50)
FILE_UPLOAD_PERMISSIONS = 0o640
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# --- Background tasks (docs/decisions/0003-task-queue.md) ----------------------------------
_TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
    "dummy": "django_tasks.backends.dummy.DummyBackend",
}
_task_backend = env_str("GONGKAI_TASKS_BACKEND", "immediate")
if _task_backend not in _TASK_BACKENDS:
    raise ImproperlyConfigured(f"GONGKAI_TASKS_BACKEND must be one of {sorted(_TASK_BACKENDS)}")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[_task_backend], "QUEUES": []}}

# --- Search and open API (docs/search.md, docs/decisions/0004-search-engine.md) -------------------
# embedded (tantivy index under GONGKAI_SEARCH_INDEX_DIR), postgres (needs DATABASE_URL on PostgreSQL)
# or opensearch (GONGKAI_SEARCH_URL, IK analyzer installed on the cluster).
GONGKAI_SEARCH_BACKEND = env_str("GONGKAI_SEARCH_BACKEND", "embedded")
GONGKAI_SEARCH_INDEX_DIR = Path(env_str("GONGKAI_SEARCH_INDEX_DIR", str(VAR_DIR / "search")))
GONGKAI_SEARCH_URL = env_str("GONGKAI_SEARCH_URL", "")
GONGKAI_SEARCH_INDEX_NAME = env_str("GONGKAI_SEARCH_INDEX_NAME", "gongkai-items")
# Requests per client (IP address) to /api/v1/, e.g. 120/m or 5000/h; answered with 429 beyond it.
GONGKAI_API_RATE = env_str("GONGKAI_API_RATE", "120/m")

# --- 规范性文件 and 政策解读 (docs/regulations.md) ------------------------------------------------
# Which province's 有效期 rule applies (gongkai/workdays/statute.py NORMATIVE_VALIDITY_RULES).
GONGKAI_NORMATIVE_RULES = env_str("GONGKAI_NORMATIVE_RULES", "shandong")
# 同步: working days within which a policy's interpretation must follow it, and which policies need one
# (catalog template keys: art20.1 规范性文件, art20.3 规划信息).
GONGKAI_INTERPRETATION_WORKDAYS = env_int("GONGKAI_INTERPRETATION_WORKDAYS", 3)
GONGKAI_INTERPRETATION_REQUIRED_NODES = env_list("GONGKAI_INTERPRETATION_REQUIRED_NODES", ["art20.1", "art20.3"])

# --- 检查指标 (docs/inspection.md) -------------------------------------------------------------------
# External links in published bodies are checked over the network only when this is on (internal links
# always are); each request gives up after GONGKAI_INSPECTION_LINK_TIMEOUT seconds.
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

# --- Logging: personal data is redacted from every record ----------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_personal_data": {"()": "gongkai.core.logging.RedactPersonalDataFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact_personal_data"]},
    },
    "root": {"handlers": ["console"], "level": env_str("GONGKAI_LOG_LEVEL", "WARNING")},
}
