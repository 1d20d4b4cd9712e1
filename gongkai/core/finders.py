"""Static files from npm packages: only the files pages load, served under `vendor/`.

node_modules holds whole packages (ECharts alone is 60 MB of sources, source maps and builds); exposing
all of it made `collectstatic` compress every file for minutes. settings.VENDOR_STATIC_FILES lists
the files, as paths inside node_modules (settings.NODE_MODULES_DIR, from GONGKAI_NODE_MODULES).
"""

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import Warning
from django.core.files.storage import FileSystemStorage

PREFIX = "vendor"


class NodeModulesFinder(BaseFinder):
    def __init__(self, *args, **kwargs):
        self.root = Path(settings.NODE_MODULES_DIR)
        self.files = list(settings.VENDOR_STATIC_FILES)
        self.storage = FileSystemStorage(location=self.root)
        self.storage.prefix = PREFIX

    def check(self, **kwargs):
        missing = [name for name in self.files if not (self.root / name).is_file()]
        if not missing or not self.root.is_dir():
            return []
        return [Warning(f"npm files missing from {self.root}: {', '.join(missing)}", hint="Run `npm ci`.",
                        id="gongkai.W001")]

    def find(self, path, find_all=False, **kwargs):
        name = path.removeprefix(f"{PREFIX}/") if path.startswith(f"{PREFIX}/") else None
        found = str(self.root / name) if name in self.files and (self.root / name).is_file() else None
        if not found:
            return []  # like Django's own finders: an empty list, never None
        return [found] if find_all else found

    def list(self, ignore_patterns):
        for name in self.files:
            if (self.root / name).is_file():
                yield name, self.storage
