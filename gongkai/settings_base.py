"""The three values every part of the settings depends on: the var/ directory, debug mode and HTTPS.

Part of gongkai/settings.py (the settings module, DJANGO_SETTINGS_MODULE=gongkai.settings), read first:
gongkai/settings_security.py and gongkai/settings_platform.py import them from here, and settings.py
exports them as settings.VAR_DIR, settings.DEBUG and settings.HTTPS.
"""

from pathlib import Path

from gongkai.env import env_bool, env_str

VAR_DIR = Path(env_str("GONGKAI_VAR_DIR", "var")).resolve()

DEBUG = env_bool("GONGKAI_DEBUG", False)
HTTPS = env_bool("GONGKAI_HTTPS", not DEBUG)
