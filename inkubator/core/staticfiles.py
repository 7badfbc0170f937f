"""The front-end libraries' files the pages load, and only those (issue 17.6).

``STATICFILES_DIRS`` used to name whole ``dist`` folders of the npm packages: ``collectstatic`` then
copied, hashed and compressed ~1,300 vendor files (49 MB: ES modules, RTL and grid variants, source
maps of builds no page loads), which made every deployment and the production-static page-weight
test take minutes. ``VENDOR_STATIC`` lists the files served under ``vendor/``; each build's source
map comes with it because ``ManifestStaticFilesStorage`` follows ``sourceMappingURL`` comments and
refuses a reference to a missing file. A template asking for an unlisted file fails loudly
(``{% static %}`` under the manifest storage), so the list cannot silently fall behind.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage


def _vendor() -> dict[str, tuple[Path, tuple[str, ...]]]:
    modules = Path(settings.NODE_MODULES)
    return {
        "vendor/bootstrap": (
            modules / "bootstrap" / "dist",
            ("css/bootstrap.min.css", "css/bootstrap.min.css.map")
            + ("js/bootstrap.bundle.min.js", "js/bootstrap.bundle.min.js.map"),
        ),
        "vendor/chart.js": (modules / "chart.js" / "dist", ("chart.umd.js", "chart.umd.js.map")),
        "vendor/chartjs-chart-geo": (
            modules / "chartjs-chart-geo" / "build",
            ("index.umd.min.js", "index.umd.min.js.map"),
        ),
        "vendor/htmx": (modules / "htmx.org" / "dist", ("htmx.min.js",)),
    }


class VendorFinder(BaseFinder):
    """Finds the listed files of the npm packages under their ``vendor/<package>/`` static paths."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.locations = _vendor()
        self.storages = {}
        for prefix, (root, _files) in self.locations.items():
            storage = FileSystemStorage(location=root)
            storage.prefix = prefix
            self.storages[prefix] = storage
        super().__init__(*args, **kwargs)

    def find(self, path: str, find_all: bool = False, **kwargs: Any) -> str | list[str]:
        matches = []
        for prefix, (root, files) in self.locations.items():
            relative = path.removeprefix(f"{prefix}/")
            if relative != path and relative in files and (root / relative).exists():
                if not find_all:
                    return str(root / relative)
                matches.append(str(root / relative))
        return matches

    def list(self, ignore_patterns: Any) -> Any:
        for prefix, (root, files) in self.locations.items():
            for relative in files:
                if (root / relative).exists():
                    yield relative.replace("/", os.sep), self.storages[prefix]
