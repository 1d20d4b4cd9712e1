"""Production configuration: safe defaults, strict parsing, `check --deploy` clean, every variable documented.

Settings are read once per process, so each configuration is tried in a fresh `gongkai` process with an
environment built here from nothing (the test run's own variables never leak in).
"""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from gongkai.env import env_bool, env_int, env_list

ROOT = Path(__file__).resolve().parent.parent
# gongkai/settings.py and its parts (settings_base.py, settings_security.py, settings_platform.py).
SETTINGS = sorted((ROOT / "gongkai").glob("settings*.py"))
CONFIGURATION_DOC = ROOT / "docs" / "configuration.md"


def gongkai(tmp_path, *args: str, **env: str) -> subprocess.CompletedProcess:
    base = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path), "LANG": "C.UTF-8",
            "DJANGO_SETTINGS_MODULE": "gongkai.settings", "GONGKAI_VAR_DIR": str(tmp_path / "var")}
    return subprocess.run(
        [sys.executable, "-m", "gongkai.manage", *args], cwd=tmp_path, env={**base, **env},
        capture_output=True, text=True, timeout=120,
    )


def production_env() -> dict[str, str]:
    return {"GONGKAI_DEBUG": "0", "GONGKAI_SECRET_KEY": secrets.token_urlsafe(48),
            "GONGKAI_ALLOWED_HOSTS": "gov.example.cn"}


def collected(tmp_path) -> dict[str, str]:
    """A STATIC_ROOT as collectstatic leaves it: the manifest of hashed names (gongkai/core/staticstorage.py)."""
    root = tmp_path / "static"
    root.mkdir()
    (root / "staticfiles.json").write_text(json.dumps(
        {"paths": {"gongkai/site/base.css": "gongkai/site/base.0123456789ab.css"}, "version": "1.1", "hash": "x"}))
    return {"GONGKAI_STATIC_ROOT": str(root)}


def test_production_settings_pass_check_deploy_without_warnings(tmp_path):
    result = gongkai(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **production_env(),
                     **collected(tmp_path))
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output
    assert "WARNINGS" not in output


def test_check_deploy_notices_a_site_served_without_https(tmp_path):
    result = gongkai(tmp_path, "check", "--deploy", "--fail-level", "WARNING",
                     **production_env(), GONGKAI_HTTPS="0")
    assert result.returncode != 0
    assert "security.W008" in result.stderr  # SECURE_SSL_REDIRECT


def test_check_deploy_notices_static_files_never_collected(tmp_path):
    result = gongkai(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **production_env())
    assert result.returncode != 0
    assert "gongkai.core.W001" in result.stderr and "collectstatic" in result.stderr


def settings_value(tmp_path, expression: str, **env: str) -> str:
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    base = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path),
            "DJANGO_SETTINGS_MODULE": "gongkai.settings", "GONGKAI_VAR_DIR": str(tmp_path / "var")}
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env={**base, **env},
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_debug_is_off_and_https_on_by_default(tmp_path):
    values = settings_value(tmp_path, "settings.DEBUG, settings.SECURE_SSL_REDIRECT, settings.SESSION_COOKIE_SECURE")
    assert values == "False True True"


def test_embedded_mode_defaults_to_sqlite_and_media_under_the_var_directory(tmp_path):
    values = settings_value(tmp_path, "settings.DATABASES['default']['ENGINE'], settings.MEDIA_ROOT")
    engine, media_root = values.split(" ", 1)
    assert engine == "django.db.backends.sqlite3"
    assert Path(media_root) == tmp_path / "var" / "media"


def test_debug_can_be_turned_on_for_development(tmp_path):
    assert settings_value(tmp_path, "settings.DEBUG, settings.SECURE_SSL_REDIRECT", GONGKAI_DEBUG="1") == "True False"


def test_a_bad_boolean_stops_the_program_with_a_clear_error(tmp_path):
    result = gongkai(tmp_path, "check", GONGKAI_DEBUG="perhaps")
    assert result.returncode != 0
    assert "GONGKAI_DEBUG must be a boolean (1/0, true/false), got 'perhaps'" in result.stderr


@pytest.mark.parametrize("raw, expected", [("1", True), ("TRUE", True), (" yes ", True), ("on", True),
                                           ("0", False), ("False", False), ("no", False), ("", False)])
def test_boolean_words(monkeypatch, raw, expected):
    monkeypatch.setenv("GONGKAI_SOMETHING", raw)
    assert env_bool("GONGKAI_SOMETHING", not expected) is expected


def test_unset_variables_take_their_defaults(monkeypatch):
    monkeypatch.delenv("GONGKAI_SOMETHING", raising=False)
    assert env_bool("GONGKAI_SOMETHING", True) is True
    assert env_int("GONGKAI_SOMETHING", 7) == 7
    assert env_list("GONGKAI_SOMETHING", ["a"]) == ["a"]


def test_bad_values_are_refused(monkeypatch):
    monkeypatch.setenv("GONGKAI_SOMETHING", "2x")
    with pytest.raises(ImproperlyConfigured, match="GONGKAI_SOMETHING must be a boolean"):
        env_bool("GONGKAI_SOMETHING", False)
    with pytest.raises(ImproperlyConfigured, match="GONGKAI_SOMETHING must be an integer, got '2x'"):
        env_int("GONGKAI_SOMETHING", 1)


def test_lists_are_comma_separated(monkeypatch):
    monkeypatch.setenv("GONGKAI_ALLOWED_HOSTS", " gov.example.cn, www.example.cn ,,")
    assert env_list("GONGKAI_ALLOWED_HOSTS", []) == ["gov.example.cn", "www.example.cn"]


def test_an_unknown_task_backend_is_refused(tmp_path):
    result = gongkai(tmp_path, "check", GONGKAI_TASKS_BACKEND="celery")
    assert result.returncode != 0
    assert "GONGKAI_TASKS_BACKEND must be one of" in result.stderr


def test_every_variable_the_settings_read_is_documented():
    source = "\n".join(path.read_text() for path in SETTINGS)
    read = set(re.findall(r"""env_(?:str|bool|int|list)\(\s*["']([A-Z0-9_]+)["']""", source))
    assert {"DATABASE_URL", "GONGKAI_SECRET_KEY", "GONGKAI_DEBUG", "GONGKAI_MEDIA_ROOT", "GONGKAI_SMS_BACKEND"} <= read
    documented = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", CONFIGURATION_DOC.read_text()))
    assert read - documented == set(), "add these to docs/configuration.md"


def test_a_malformed_trusted_proxy_stops_the_site(tmp_path):
    result = gongkai(tmp_path, "check", GONGKAI_TRUSTED_PROXIES="127.0.0.1,10.0.0.0/33")
    assert result.returncode != 0
    assert "GONGKAI_TRUSTED_PROXIES" in result.stderr
    assert gongkai(tmp_path, "check", GONGKAI_TRUSTED_PROXIES="127.0.0.1, ::1, 10.0.0.0/8").returncode == 0
def test_production_refuses_to_start_without_the_field_key_even_with_a_key_file_in_var(tmp_path):
    """Issue #19 item 8: the field key is kept apart; a var/field_key is never read silently in production."""
    (tmp_path / "var").mkdir()
    (tmp_path / "var" / "field_key").write_text("bGVmdC1vdmVyLWtleS1mcm9tLWFuLWVtYmVkZGVkLXJ1bg==")
    result = gongkai(tmp_path, "check", **production_env(), GONGKAI_REQUIRE_SECRET_KEY="1")
    assert result.returncode != 0 and "GONGKAI_FIELD_KEY must be set in production" in result.stderr
    from cryptography.fernet import Fernet

    key = Fernet.generate_key().decode()
    result = gongkai(tmp_path, "check", **production_env(), GONGKAI_REQUIRE_SECRET_KEY="1", GONGKAI_FIELD_KEY=key)
    assert result.returncode == 0, result.stderr


def test_the_embedded_mode_still_generates_its_field_key(tmp_path):
    assert settings_value(tmp_path, "len(settings.GONGKAI_FIELD_KEYS)") == "1"
    assert (tmp_path / "var" / "field_key").exists()


def test_two_factor_roles_are_checked_and_never_empty_in_production(tmp_path):
    """Issue #19 item 10: the demo may turn two-factor login off; production may not."""
    from cryptography.fernet import Fernet

    production = {**production_env(), "GONGKAI_REQUIRE_SECRET_KEY": "1",
                  "GONGKAI_FIELD_KEY": Fernet.generate_key().decode()}
    result = gongkai(tmp_path, "check", **production, GONGKAI_TWO_FACTOR_ROLES="")
    assert result.returncode != 0 and "GONGKAI_TWO_FACTOR_ROLES must name at least one role" in result.stderr
    result = gongkai(tmp_path, "check", GONGKAI_TWO_FACTOR_ROLES="reviewer,admin")
    assert result.returncode != 0 and "unknown role(s) ['admin']" in result.stderr
    assert settings_value(tmp_path, "settings.GONGKAI_TWO_FACTOR_ROLES") == (
        "['reviewer', 'org_admin', 'supervisor', 'superuser']")
    assert settings_value(tmp_path, "settings.GONGKAI_TWO_FACTOR_ROLES", GONGKAI_DEBUG="1",
                          GONGKAI_TWO_FACTOR_ROLES="") == "[]"
