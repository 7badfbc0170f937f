"""Icons as an SVG sprite of only the icons the pages use (issue 17.6: light pages for field use).

The whole Bootstrap Icons font cost every first visit ~150 KB (its CSS and WOFF2) for the ~90 icons
the pages show. ``static/inkubator/icons.svg`` holds just those, one ``<symbol id="NAME">`` each, copied
from the package's own SVG files (``node_modules/bootstrap-icons/icons/NAME.svg``, MIT licence) by
``manage.py icon_sprite``; a page refers to them with ``{% icon "NAME" %}`` (or ``icon("NAME")`` in
Python), which renders ``<svg><use href="…/icons.svg#NAME"></use></svg>``: one cached file, no font.

Which icons are used is read from three places, so nobody lists them by hand:

* templates: ``{% icon "NAME" … %}`` with a literal name;
* Python sources: ``icon("NAME")``, ``icon="NAME"`` and ``icon: str = "NAME"`` (to-do items, defaults);
* registries whose icons are data: the menu (``core.navigation``) and whatever an app registers with
  ``register_icon_names`` (the centre page's sections) — names a template shows as ``{% icon item.icon %}``.

``tests/core/test_icons.py`` fails when the committed sprite is not exactly that set (a missing icon
would be blank, an unused one is weight), and when a template still uses the font's ``bi`` classes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

from django.conf import settings
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString

SPRITE = "inkubator/icons.svg"  # static path of the sprite
ICON_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# Literal icon names in templates and Python sources (see the module docstring).
_TEMPLATE_USE = re.compile(r"""\{%\s*icon\s+["']([a-z0-9-]+)["']""")
_PYTHON_USE = re.compile(r"""\bicon(?:\(\s*|\s*=\s*|\s*:\s*str\s*=\s*)["']([a-z0-9-]+)["']""")
_SYMBOL = re.compile(r'<symbol id="([a-z0-9-]+)"')

_SOURCES: list[Callable[[], Iterable[str]]] = []


def register_icon_names(source: Callable[[], Iterable[str]]) -> None:
    """Add ``source`` (called when the sprite is built or checked) to the places icon names come from.

    For icons kept as data in a registry of an app above core (a centre page's sections): core cannot
    import that app, so the app hands over a function that lists the names it registered.
    """
    if source not in _SOURCES:
        _SOURCES.append(source)


def icon(name: str, css: str = "", label: str = "") -> SafeString:
    """The markup of icon ``name``: decorative (hidden from screen readers) unless ``label`` names it.

    A label makes it an image with that accessible name and a tooltip (``<title>``), for an icon that
    stands alone (a tick meaning "recorded"). No ``style`` attribute: the Content-Security-Policy
    refuses inline styles; size and colour come from ``.icon`` in inkubator.css and ``css`` classes.
    """
    href = f"{static(SPRITE)}#{name}"
    classes = f"icon {css}".strip()
    if label:
        return format_html(
            '<svg class="{}" role="img" aria-label="{}"><title>{}</title><use href="{}"></use></svg>',
            classes,
            label,
            label,
            href,
        )
    return format_html(
        '<svg class="{}" aria-hidden="true" focusable="false"><use href="{}"></use></svg>', classes, href
    )


def _source_files(root: Path, suffix: str) -> Iterable[Path]:
    return (path for path in sorted(root.rglob(f"*{suffix}")) if "migrations" not in path.parts)


def used_icon_names(root: Path | None = None) -> set[str]:
    """Every icon name the templates, the Python sources and the registries use."""
    from .navigation import menu_groups, menu_items

    root = root or Path(settings.BASE_DIR) / "inkubator"
    names: set[str] = set()
    for path in _source_files(root, ".html"):
        names.update(_TEMPLATE_USE.findall(path.read_text(encoding="utf-8")))
    for path in _source_files(root, ".py"):
        names.update(_PYTHON_USE.findall(path.read_text(encoding="utf-8")))
    names.update(item.icon for item in menu_items())
    names.update(group.icon for group in menu_groups().values())
    for source in _SOURCES:
        names.update(source())
    return names


def icon_source_dir() -> Path:
    """Where the package's one-icon SVG files are (installed by ``npm ci`` at set-up)."""
    return Path(settings.NODE_MODULES) / "bootstrap-icons" / "icons"


def build_sprite(names: Iterable[str], source_dir: Path | None = None) -> str:
    """The sprite's text: one ``<symbol>`` per name, sorted, copied from the package's SVG of that icon.

    Raises ``FileNotFoundError`` naming an icon the package does not have (a typo in a template).
    """
    source_dir = source_dir or icon_source_dir()
    version = _package_version(source_dir.parent)
    symbols = []
    for name in sorted(set(names)):
        if not ICON_NAME.match(name):
            raise ValueError(f"Not an icon name: {name!r}")
        path = source_dir / f"{name}.svg"
        if not path.exists():
            raise FileNotFoundError(f"Bootstrap Icons has no icon {name!r} ({path} is missing).")
        text = path.read_text(encoding="utf-8")
        view_box = re.search(r'viewBox="([^"]+)"', text).group(1)
        inner = text[text.index(">", text.index("<svg")) + 1 : text.rindex("</svg>")]
        inner = " ".join(line.strip() for line in inner.splitlines() if line.strip())
        symbols.append(f'<symbol id="{name}" viewBox="{view_box}">{inner}</symbol>')
    header = (
        f"<!-- Generated by `manage.py icon_sprite` from bootstrap-icons {version} (MIT licence, "
        "https://icons.getbootstrap.com): only the icons the pages use. Do not edit by hand. -->"
    )
    return "\n".join(['<svg xmlns="http://www.w3.org/2000/svg">', header, *symbols, "</svg>", ""])


def sprite_path() -> Path:
    """The committed sprite in the source tree (what ``collectstatic`` copies and hashes)."""
    return Path(settings.BASE_DIR) / "inkubator" / "static" / SPRITE


def sprite_names(text: str) -> set[str]:
    """The icon names a sprite's text holds."""
    return set(_SYMBOL.findall(text))


def _package_version(package_dir: Path) -> str:
    match = re.search(r'"version":\s*"([^"]+)"', (package_dir / "package.json").read_text(encoding="utf-8"))
    return match.group(1) if match else "?"
