"""gunicorn settings of the documented production stack (deploy/run-local.sh, docs/configuration.md).

Both of gunicorn's logs go through the application's redacting formatter, so an ID or phone number a
citizen typed into a query string never reaches a log file (docs/security.md)."""

from gongkai.core.logging import gunicorn_logconfig

logconfig_dict = gunicorn_logconfig("WARNING")
