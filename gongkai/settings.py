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
from csp.constants import NONE as CSP_NONE
from csp.constants import SELF as CSP_SELF
from csp.constants import UNSAFE_INLINE as CSP_UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from gongkai.core.clientip import parse_networks
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
    """Fernet keys for personal data at rest (ID and phone numbers of applicants; gongkai/core/crypto.py).

    GONGKAI_FIELD_KEY: comma-separated, the first encrypts, all decrypt (rotation). Embedded mode keeps a
    generated key under var/, like the secret key; losing it makes the stored numbers unreadable.
    """
    keys = env_list("GONGKAI_FIELD_KEY", [])
    if keys:
        return keys
    if not DEBUG and env_bool("GONGKAI_REQUIRE_SECRET_KEY", False):
        # Production keeps the key apart from the database, its backups and var/ (docs/security.md): a
        # var/field_key left on the disk is never read silently in its place.
        raise ImproperlyConfigured("GONGKAI_FIELD_KEY must be set in production (var/field_key is not read)")
    path = VAR_DIR / "field_key"
    if path.exists():
        return [path.read_text().strip()]
    import base64

    path.parent.mkdir(parents=True, exist_ok=True)
    key = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
    path.write_text(key)
    path.chmod(0o600)
    return [key]


GONGKAI_FIELD_KEYS = _field_keys()
ALLOWED_HOSTS = env_list("GONGKAI_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("GONGKAI_CSRF_TRUSTED_ORIGINS", [])
# A Chinese-first page in the site's layout for an expired form (Django's says 「set DEBUG」 in English).
CSRF_FAILURE_VIEW = "gongkai.portal.views.errors.csrf_failure"

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
    "csp",
    "django_otp",  # two-factor login for staff (gongkai/accounts/twofactor.py)
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
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
    "gongkai.subscriptions",
    "gongkai.newmedia",
    "gongkai.policies",
    "gongkai.participation",
    "gongkai.mailbox",
    "gongkai.interviews",
    "gongkai.surveys",
    "gongkai.proposals",
    "gongkai.ratings",
    "gongkai.standards",
    "gongkai.topics",
    "gongkai.lists",
    "gongkai.assurance",
    "gongkai.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Sees the final headers: anonymous pages become public, ETagged and (optionally) static files.
    "gongkai.core.httpcache.PublicCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "gongkai.core.middleware.NoStoreForStaffMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified(): passed the second factor
    "gongkai.accounts.middleware.PasswordChangeRequiredMiddleware",  # after a reset: choose a password first
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "gongkai.core.middleware.ContentSecurityPolicyMiddleware",  # django-csp's, the policy built once
    "simple_history.middleware.HistoryRequestMiddleware",
    "gongkai.core.middleware.DisplayPreferencesMiddleware",
    "gongkai.core.middleware.BadParameterMiddleware",
    # Axes must be last: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "gongkai.urls"
FORM_RENDERER = "gongkai.core.forms.FormRenderer"  # one field template for every form
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
    # The report's covering indexes carry INCLUDE columns for PostgreSQL; SQLite builds them without
    # those columns, which is all it needs. Not worth a warning on every migrate and runserver.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and not env_bool("GONGKAI_DB_JIT", False):
    # PostgreSQL's JIT compiles a query the planner thinks costly before running it: 25–55 ms for the due
    # list's query at a county's million cases, which runs in 30 ms without it (bench/README.md). The
    # platform's queries are short; the compilation never pays for itself.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
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
# Lock a user name *at one address* after repeated failures: an anonymous party elsewhere cannot lock
# anyone out. Guessing one account from many addresses meets a per-account progressive delay instead
# (gongkai/accounts/lockout.py); 单位管理员 and 政务公开办 can unlock (/staff/organizations/<id>/logins/).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The client's address behind the proxy (gongkai/core/clientip.py), for axes as for every other limit.
AXES_CLIENT_IP_CALLABLE = "gongkai.core.clientip.client_ip"
# Longest wait the per-account delay imposes between two login attempts, in seconds.
GONGKAI_LOGIN_DELAY_MAX_SECONDS = env_int("GONGKAI_LOGIN_DELAY_MAX_SECONDS", 300)
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# Attempts at a locked user-and-address neither extend that lockout nor add to the account's delay.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_VERBOSE = False


def _two_factor_roles() -> list[str]:
    """Roles that must pass a second factor (gongkai/accounts/twofactor.py); `superuser` for superusers.

    Empty turns the requirement off (the demo of `make run`, the test suite); production
    (GONGKAI_REQUIRE_SECRET_KEY on, debug off) refuses that."""
    known = {"editor", "reviewer", "org_admin", "supervisor", "filing_center", "superuser"}
    roles = env_list("GONGKAI_TWO_FACTOR_ROLES", ["reviewer", "org_admin", "supervisor", "superuser"])
    unknown = sorted(set(roles) - known)
    if unknown:
        raise ImproperlyConfigured(f"GONGKAI_TWO_FACTOR_ROLES: unknown role(s) {unknown}; known: {sorted(known)}")
    if not roles and not DEBUG and env_bool("GONGKAI_REQUIRE_SECRET_KEY", False):
        raise ImproperlyConfigured("GONGKAI_TWO_FACTOR_ROLES must name at least one role in production")
    return roles


GONGKAI_TWO_FACTOR_ROLES = _two_factor_roles()
GONGKAI_TWO_FACTOR_REMEMBER_DAYS = env_int("GONGKAI_TWO_FACTOR_REMEMBER_DAYS", 7)
OTP_TOTP_ISSUER = "政务公开平台"  # the account's name in the authenticator app
OTP_TOTP_THROTTLE_FACTOR = 1  # seconds, doubled after each failed code
OTP_STATIC_THROTTLE_FACTOR = 1
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
# Reverse proxies whose X-Forwarded-For is believed (addresses or networks); empty: the header is ignored.
GONGKAI_TRUSTED_PROXIES = env_list("GONGKAI_TRUSTED_PROXIES", [])
parse_networks(GONGKAI_TRUSTED_PROXIES)  # a typo fails at start-up, not silently
SECURE_CONTENT_TYPE_NOSNIFF = True
# Content-Security-Policy on every answer (django-csp; Django 6 has it built in): scripts only from the
# site's own static files — no inline scripts, no eval, no CDN. Data for charts travels in
# json_script blocks (type application/json, never executed). Inline *styles* stay allowed: a few
# templates size bars and indent tree rows with style attributes, and ECharts and Swagger UI set styles.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [CSP_SELF],
        # 'wasm-unsafe-eval' lets pdf.js compile its WebAssembly image decoders (scanned PDFs in the
        # attachment preview); it allows no JavaScript eval.
        "script-src": [CSP_SELF, "'wasm-unsafe-eval'"],
        "worker-src": [CSP_SELF],  # the pdf.js worker, a static file
        "style-src": [CSP_SELF, CSP_UNSAFE_INLINE],
        "img-src": [CSP_SELF, "data:"],
        "font-src": [CSP_SELF],
        "connect-src": [CSP_SELF],
        "object-src": [CSP_NONE],
        "base-uri": [CSP_SELF],
        "form-action": [CSP_SELF],
        "frame-ancestors": [CSP_NONE],
    },
}
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
VENDOR_STATIC_FILES = [
    "echarts/dist/echarts.min.js",
    "jodit/es2021/jodit.min.js",  # the rich-text editor (docs/decisions/0005-rich-text-editor.md)
    "jodit/es2021/jodit.min.css",
    # PDF attachment preview (portal/static/portal/pdf_preview.js): pdf.js, the GB character maps for
    # Chinese PDFs without embedded fonts, the standard fonts and the image decoders of scanned PDFs.
    "pdfjs-dist/build/pdf.min.mjs",
    "pdfjs-dist/build/pdf.worker.min.mjs",
    *(f"pdfjs-dist/cmaps/{name}.bcmap" for name in (
        "Adobe-GB1-UCS2", "GB-EUC-H", "GB-EUC-V", "GB-H", "GB-V", "GBK-EUC-H", "GBK-EUC-V", "GBK2K-H", "GBK2K-V",
        "GBKp-EUC-H", "GBKp-EUC-V", "GBT-EUC-H", "GBT-EUC-V", "GBT-H", "GBT-V", "GBTpc-EUC-H", "GBTpc-EUC-V",
        "GBpc-EUC-H", "GBpc-EUC-V", "UniGB-UCS2-H", "UniGB-UCS2-V", "UniGB-UTF16-H", "UniGB-UTF16-V",
        "UniGB-UTF32-H", "UniGB-UTF32-V", "UniGB-UTF8-H", "UniGB-UTF8-V")),
    *(f"pdfjs-dist/standard_fonts/{name}" for name in (
        "FoxitDingbats.pfb", "FoxitFixed.pfb", "FoxitFixedBold.pfb", "FoxitFixedBoldItalic.pfb",
        "FoxitFixedItalic.pfb", "FoxitSerif.pfb", "FoxitSerifBold.pfb", "FoxitSerifBoldItalic.pfb",
        "FoxitSerifItalic.pfb", "FoxitSymbol.pfb", "LiberationSans-Bold.ttf", "LiberationSans-BoldItalic.ttf",
        "LiberationSans-Italic.ttf", "LiberationSans-Regular.ttf")),
    *(f"pdfjs-dist/wasm/{name}" for name in (
        "jbig2.wasm", "openjpeg.wasm", "qcms_bg.wasm", "jbig2_nowasm_fallback.js", "openjpeg_nowasm_fallback.js")),
]
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
# Seconds one spreadsheet import may spend reading its file before it is refused (gongkai/core/sheets.py).
GONGKAI_IMPORT_SECONDS = env_int("GONGKAI_IMPORT_SECONDS", 30)
# Megabytes an imported XLSX/DOCX may unpack to in all, checked before it is opened (gongkai/core/archives.py).
GONGKAI_IMPORT_UNPACKED_MB = env_int("GONGKAI_IMPORT_UNPACKED_MB", 64)
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

# --- Logging: personal data is redacted from every record ----------------------------------
# The formatter of every handler redacts ID and mobile numbers from the final text, tracebacks and
# access log lines included (gongkai/core/logging.py). Django's own handlers are replaced: its errors
# propagate to the root handler, and runserver's access log (django.server) gets a redacting one too.
_LOG_LEVEL = env_str("GONGKAI_LOG_LEVEL", "WARNING")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "redacted": {"()": "gongkai.core.logging.RedactingFormatter", "format": "%(levelname)s %(name)s %(message)s"},
        "redacted_server": {"()": "gongkai.core.logging.RedactingFormatter", "format": "[%(asctime)s] %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "redacted"},
        "django.server": {"class": "logging.StreamHandler", "formatter": "redacted_server"},
    },
    "loggers": {
        "django": {"handlers": [], "level": _LOG_LEVEL, "propagate": True},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
    "root": {"handlers": ["console"], "level": _LOG_LEVEL},
}
