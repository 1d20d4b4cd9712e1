"""Security settings: the keys, allowed hosts, login (lockout, two-factor, passwords), sessions, HTTPS
and the security headers.

Part of gongkai/settings.py, which imports every name of this module; the variables it reads are listed
in docs/configuration.md with the others.
"""

import secrets

from csp.constants import NONE as CSP_NONE
from csp.constants import SELF as CSP_SELF
from csp.constants import UNSAFE_INLINE as CSP_UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

from gongkai.core.clientip import parse_networks
from gongkai.env import env_bool, env_int, env_list, env_str
from gongkai.settings_base import DEBUG, HTTPS, VAR_DIR


# --- Keys and hosts ------------------------------------------------------------------------
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
# Days a 绑定码 (accounts.enrolment: needed with the first code to enrol an authenticator) stays valid.
GONGKAI_TWO_FACTOR_CODE_DAYS = env_int("GONGKAI_TWO_FACTOR_CODE_DAYS", 7)
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
