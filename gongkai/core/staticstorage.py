"""Static files under content-hashed names (site.css → site.0123456789ab.css), with a plain-name fallback.

`collectstatic` writes every file twice, under its own name and under a name carrying a hash of its
content, and records the pairs in staticfiles.json. Pages then link the hashed names, so after an
upgrade no browser or proxy keeps a stylesheet or script older than the page, and a hashed file can be
cached for good (WhiteNoise marks it so; deploy/gongkai.nginx.conf sends `immutable`).

Django's manifest storage refuses to render a page that links a file the manifest does not list (a 500
for every visitor when an upgrade forgot collectstatic, and in every process that never collected:
the test suite, the benchmarks, `make run` with GONGKAI_DEBUG=0). Here such a file keeps its plain
name instead: WhiteNoise serves it from the app directories as before (WHITENOISE_USE_FINDERS), while
nginx with deploy/gongkai.nginx.conf serves only what collectstatic wrote (run it after every upgrade).
"""

from urllib.parse import unquote, urlsplit

from django.core import checks
from whitenoise.storage import CompressedManifestStaticFilesStorage


class HashedStaticFilesStorage(CompressedManifestStaticFilesStorage):
    def stored_name(self, name: str) -> str:
        path = urlsplit(unquote(name)).path.strip()
        if self.hash_key(path) not in self.hashed_files:
            return name
        return super().stored_name(name)

    def is_collected(self) -> bool:
        """Whether collectstatic has written the manifest this storage reads."""
        return bool(self.hashed_files)


@checks.register(checks.Tags.staticfiles, deploy=True)
def static_files_are_collected(app_configs, **kwargs):
    """`check --deploy`: pages in production link hashed names only once collectstatic has run."""
    from django.contrib.staticfiles.storage import staticfiles_storage

    storage = getattr(staticfiles_storage, "_wrapped", None)
    storage = storage if isinstance(storage, HashedStaticFilesStorage) else staticfiles_storage
    if not isinstance(storage, HashedStaticFilesStorage) or storage.is_collected():
        return []
    return [checks.Warning(
        "Static files have not been collected: pages link plain names, which browsers may keep for a week "
        "after an upgrade.", hint="Run `gongkai collectstatic --noinput` after every upgrade.",
        id="gongkai.core.W001")]
