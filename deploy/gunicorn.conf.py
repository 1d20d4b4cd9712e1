"""gunicorn settings of the documented production stack (deploy/run-local.sh, docs/configuration.md).

Both of gunicorn's logs go through the application's redacting formatter, so an ID or phone number a
citizen typed into a query string never reaches a log file (docs/security.md)."""

from gongkai.core.logging import gunicorn_logconfig

logconfig_dict = gunicorn_logconfig("WARNING")


def post_worker_init(worker):
    """Once the application is loaded in a worker, move everything it holds (modules, URL patterns,
    compiled templates, translations) out of the garbage collector's sight (gc.freeze): a full
    collection then scans only what requests allocate, not 100 k+ start-up objects each time (it took
    up to 250 ms inside a request, bench/README.md)."""
    import gc

    gc.freeze()
