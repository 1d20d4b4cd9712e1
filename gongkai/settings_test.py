"""Settings for the test suite (pytest's DJANGO_SETTINGS_MODULE, see pyproject.toml).

The production settings module is used unchanged; only the environment it reads is fixed here, before
it is imported, so tests never depend on the developer's shell:

- plain HTTP (the live server of the browser tests speaks no TLS; GONGKAI_HTTPS defaults to on),
- tasks run in-process, e-mail and files stay in a throw-away directory,
- a fixed secret key (nothing is written into var/),
- a fast password hasher (hashing dominates user-heavy tests; never used outside tests),
- no role required to pass two-factor login (its own tests turn it on).
"""

import atexit
import os
import shutil
import tempfile

_VAR_DIR = tempfile.mkdtemp(prefix="gongkai-test-")
atexit.register(shutil.rmtree, _VAR_DIR, ignore_errors=True)

os.environ["GONGKAI_HTTPS"] = "0"
os.environ["GONGKAI_DEBUG"] = "0"
os.environ["GONGKAI_VAR_DIR"] = _VAR_DIR
os.environ["GONGKAI_TASKS_BACKEND"] = "immediate"
os.environ["GONGKAI_EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
os.environ.setdefault("GONGKAI_SECRET_KEY", "gongkai-tests-only-" + "x" * 50)
# Two-factor login is off for the suite's many force_login() staff users; the tests of two-factor
# login (gongkai/accounts/tests/test_twofactor.py, tests/browser/test_twofactor.py) turn it on.
os.environ.setdefault("GONGKAI_TWO_FACTOR_ROLES", "")

from gongkai.settings import *  # noqa: E402,F403
from gongkai.settings import DATABASES, STATIC_ROOT  # noqa: E402

STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns about a missing directory

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The test database is created by Django; make it UTF-8 whatever the cluster's default template is.
    DATABASES["default"].setdefault("TEST", {}).update({"TEMPLATE": "template0", "CHARSET": "UTF8"})
