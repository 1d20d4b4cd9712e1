"""Published pages as static files (静态化发布) for nginx to serve (docs/decisions/0007-page-cache.md).

When `GONGKAI_PAGE_CACHE_DIR` is set, every anonymous page that `core.httpcache` marks public is also
written to `<dir>/<host>/<path>` (`index.html` for a path ending in `/`), and nginx serves that file to
the next anonymous visitor without asking the application (deploy/nginx.conf: `try_files`). Pages are
removed again, by path, when what they show changes (`purge`, called by the portal's task on
`publishing.events.item_changed`); `sweep` removes any page older than `GONGKAI_PAGE_CACHE_SECONDS`
as a safety net for changes nobody announces (a catalog renamed, a site profile edited).

A page rendered before a purge must not be written after it: the purge touches a stamp file, and a
page is only written when no purge happened since its request started.
"""

import os
import re
import shutil
import tempfile
import time
from pathlib import Path

from django.conf import settings

STAMP = ".purged"
_HOST = re.compile(r"^[a-z0-9][a-z0-9.-]*$")
# Files nginx serves with the right type: HTML under a directory path, feeds and sitemaps by extension.
SUFFIX_TYPES = {".rss": "application/rss+xml", ".atom": "application/atom+xml", ".xml": "application/xml"}


def root() -> Path | None:
    configured = getattr(settings, "GONGKAI_PAGE_CACHE_DIR", "")
    return Path(configured) if configured else None


def enabled() -> bool:
    return root() is not None


def _relative(path: str) -> str | None:
    """The file of a URL path inside a host's directory, or None when the path cannot be a file."""
    if not path.startswith("/") or "\x00" in path or "//" in path or "\\" in path:
        return None
    parts = path.split("/")
    if any(part in (".", "..") or part.startswith(".") for part in parts):
        return None
    return path[1:] + "index.html" if path.endswith("/") else path[1:]


def file_for(host: str, path: str) -> Path | None:
    base = root()
    relative = _relative(path)
    if base is None or relative is None or not _HOST.match(host):
        return None
    return base / host / relative


def storable(path: str, content_type: str) -> bool:
    kind = content_type.split(";")[0].strip().lower()
    if path.endswith("/"):
        return kind == "text/html"
    return SUFFIX_TYPES.get(os.path.splitext(path)[1]) == kind


def purged_since(started_ns: int) -> bool:
    base = root()
    try:
        return (base / STAMP).stat().st_mtime_ns >= started_ns
    except (OSError, TypeError):
        return False


def store(host: str, path: str, body: bytes, started_ns: int) -> Path | None:
    """Write one page atomically; nothing when a purge ran since `started_ns` (the page may be stale)."""
    target = file_for(host, path)
    if target is None or purged_since(started_ns):
        return None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        with os.fdopen(handle, "wb") as out:
            out.write(body)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except OSError:
        return None
    return target


def _stamp(base: Path) -> None:
    base.mkdir(parents=True, exist_ok=True)
    (base / STAMP).touch()
    # Make sure the stamp is later than any request start in flight (coarse file-system clocks).
    os.utime(base / STAMP, ns=(time.time_ns(), time.time_ns()))


def every_language(path: str) -> list[str]:
    """`path` in every language the site serves: the default language's path has no prefix
    (i18n_patterns with prefix_default_language=False), another's starts with /<code>/. A path given in
    any one language ("/hcp/" or "/en/hcp/") gives all of them, so a change made while the staff member's
    page is in English still refreshes the Chinese pages. A path outside the i18n patterns (a feed) gets
    prefixed variants no page has; purging them removes nothing."""
    others = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    neutral = path
    for code in others:
        if path == f"/{code}" or path.startswith(f"/{code}/"):
            neutral = path[len(code) + 1:] or "/"
            break
    return [neutral, *(f"/{code}{neutral}" for code in others)]


def _in_every_language(paths) -> list[str]:
    seen: list[str] = []
    for path in paths:
        for variant in every_language(path):
            if variant not in seen:
                seen.append(variant)
    return seen


def purge(paths, prefixes=()) -> int:
    """Remove the pages of `paths` (exact URL paths) and of every path under `prefixes`, in every language
    (`every_language`: callers name a page in any one language) and for every host (site profile) that has
    pages. Returns the number of files removed."""
    base = root()
    if base is None:
        return 0
    paths, prefixes = _in_every_language(paths), _in_every_language(prefixes)
    _stamp(base)
    removed = 0
    hosts = [entry for entry in base.iterdir() if entry.is_dir()] if base.exists() else []
    for host in hosts:
        for path in paths:
            target = file_for(host.name, path)
            if target is not None and target.is_file():
                target.unlink(missing_ok=True)
                removed += 1
        for prefix in prefixes:
            relative = _relative(prefix if prefix.endswith("/") else prefix + "/")
            if relative is None:
                continue
            folder = host / relative[: -len("index.html")]
            if folder.is_dir():
                removed += sum(1 for _ in folder.rglob("*") if _.is_file())
                shutil.rmtree(folder, ignore_errors=True)
    return removed


def in_every_language(*names: str) -> list[str]:
    """The URL paths of the named views (URL names without arguments) in every language the site serves
    (settings.LANGUAGES, i18n_patterns): ["portal:home", "ratings:index"] gives /, /hcp/, /en/, /en/hcp/,
    whichever language the calling request is in. A name the URLconf does not know is left out."""
    from django.urls import NoReverseMatch, reverse
    from django.utils import translation

    paths = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for name in names:
                try:
                    path = reverse(name)
                except NoReverseMatch:
                    continue
                if path not in paths:
                    paths.append(path)
    return paths


def purge_all() -> int:
    base = root()
    if base is None or not base.exists():
        return 0
    _stamp(base)
    removed = 0
    for host in (entry for entry in base.iterdir() if entry.is_dir()):
        removed += sum(1 for _ in host.rglob("*") if _.is_file())
        shutil.rmtree(host, ignore_errors=True)
    return removed


def sweep() -> int:
    """Remove pages older than GONGKAI_PAGE_CACHE_SECONDS (run by `gongkai run_periodic`)."""
    base = root()
    if base is None or not base.exists():
        return 0
    oldest = time.time() - settings.GONGKAI_PAGE_CACHE_SECONDS
    removed = 0
    for page in base.rglob("*"):
        if page.is_file() and page.name != STAMP and page.stat().st_mtime < oldest:
            page.unlink(missing_ok=True)
            removed += 1
    return removed


def purge_matching(pattern: str) -> int:
    """Remove the pages at a host's top level whose file name matches `pattern` (e.g. sitemap-*.xml)."""
    base = root()
    if base is None or not base.exists():
        return 0
    removed = 0
    for host in (entry for entry in base.iterdir() if entry.is_dir()):
        for page in host.glob(pattern):
            if page.is_file():
                page.unlink(missing_ok=True)
                removed += 1
    return removed
