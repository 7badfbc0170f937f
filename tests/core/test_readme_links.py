"""The README names only pages that exist: every path it quotes resolves to a view."""

from __future__ import annotations

import re
from pathlib import Path

from django.urls import Resolver404, resolve

README = Path(__file__).resolve().parents[2] / "README.md"


def test_every_path_the_readme_quotes_is_a_page() -> None:
    paths = set(re.findall(r"`(/[a-z0-9/_.-]*)`", README.read_text(encoding="utf-8")))
    assert paths
    missing = []
    for path in sorted(paths):
        try:
            resolve(path)
        except Resolver404:
            missing.append(path)
    assert missing == []
