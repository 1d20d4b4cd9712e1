"""Django settings for Gongkai.

Configuration comes only from environment variables (DATABASE_URL and GONGKAI_*), all of them listed
with their defaults in docs/configuration.md. The defaults give the embedded mode: SQLite and media
under ./var/, tasks run in-process. Production sets GONGKAI_DEBUG=0 (the default), a real
GONGKAI_SECRET_KEY and GONGKAI_ALLOWED_HOSTS, and passes `gongkai check --deploy` without warnings.

This is the settings module (DJANGO_SETTINGS_MODULE=gongkai.settings); it takes every name of its parts:
- gongkai/settings_base.py: the var/ directory, debug mode and HTTPS, which the other parts depend on;
- gongkai/settings_security.py: keys, allowed hosts, login, two-factor, sessions, HTTPS and headers;
- gongkai/settings_platform.py: the platform's own GONGKAI_* settings (caches, search, deadlines, e-mail, SMS).
Here: the apps and middleware, templates, database, language, static files and uploads, tasks, logging.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from gongkai.env import env_bool, env_int, env_str
from gongkai.settings_base import DEBUG, HTTPS, VAR_DIR  # noqa: F401 (settings.DEBUG, settings.HTTPS)
from gongkai.settings_security import *  # noqa: F403 (keys, hosts, login, sessions, headers)

PACKAGE_DIR = Path(__file__).resolve().parent

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
# collectstatic also writes each file under a name carrying a hash of its content, and pages link
# those names (gongkai/core/staticstorage.py): no stale stylesheet after an upgrade. Run collectstatic
# after every upgrade (docs/configuration.md); deploy/run-local.sh does when a static source is newer.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "gongkai.core.staticstorage.HashedStaticFilesStorage"},
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

# --- The platform's own settings: caches, search, deadlines, e-mail, SMS (settings_platform.py) --
from gongkai.settings_platform import *  # noqa: E402,F403

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
