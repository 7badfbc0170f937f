"""The icon sprite holds exactly the icons the pages use (issue 17.6), and pages use no icon font."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.template import Context, Template

from inkubator.centres.sections import section_icons
from inkubator.core.icons import build_sprite, sprite_names, sprite_path, used_icon_names
from inkubator.core.navigation import menu_groups, menu_items

TEMPLATES = Path(settings.BASE_DIR) / "inkubator" / "templates"


def test_the_committed_sprite_is_exactly_the_icons_used() -> None:
    """Regenerate with ``manage.py icon_sprite`` when this fails (the message lists what differs)."""
    committed = sprite_path().read_text(encoding="utf-8")
    used = used_icon_names()
    had = sprite_names(committed)
    assert used - had == set(), "icons used but missing from the sprite (they would show blank)"
    assert had - used == set(), "icons in the sprite that no page uses (weight for nothing)"
    assert committed == build_sprite(used), "the sprite differs from what `manage.py icon_sprite` writes"


def test_icons_kept_as_data_in_registries_are_in_the_sprite() -> None:
    in_sprite = sprite_names(sprite_path().read_text(encoding="utf-8"))
    registered = {item.icon for item in menu_items()} | {g.icon for g in menu_groups().values()}
    registered |= set(section_icons())
    assert registered, "the registries are filled at start-up"
    assert registered <= in_sprite


def test_every_literal_icon_of_the_templates_is_in_the_sprite() -> None:
    in_sprite = sprite_names(sprite_path().read_text(encoding="utf-8"))
    literal = set()
    for path in TEMPLATES.rglob("*.html"):
        literal |= set(re.findall(r"""\{%\s*icon\s+["']([a-z0-9-]+)["']""", path.read_text(encoding="utf-8")))
    assert {"lightbulb", "box-arrow-right", "check-circle-fill"} <= literal
    assert literal <= in_sprite


def test_no_template_uses_the_icon_font_any_more() -> None:
    """The font is not served: a ``<i class="bi bi-…">`` would render nothing."""
    offenders = [
        f"{path.relative_to(TEMPLATES)}:{number}"
        for path in TEMPLATES.rglob("*.html")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"""class="[^"]*\bbi\b|bootstrap-icons""", line)
    ]
    assert offenders == []


def test_check_mode_refuses_a_stale_sprite(tmp_path: Path, settings) -> None:  # noqa: ANN001
    static = tmp_path / "inkubator" / "static" / "inkubator"
    static.mkdir(parents=True)
    (static / "icons.svg").write_text(build_sprite({"house"}), encoding="utf-8")
    settings.BASE_DIR = tmp_path  # the sources scanned are still the project's (the root is BASE_DIR/inkubator)
    with pytest.raises(CommandError, match="out of date"):
        call_command("icon_sprite", "--check")


def test_an_unknown_icon_name_is_refused_when_the_sprite_is_built() -> None:
    with pytest.raises(FileNotFoundError, match="no icon 'no-such-icon'"):
        build_sprite({"no-such-icon"})


def test_the_tag_renders_a_use_of_the_sprite_hidden_from_screen_readers() -> None:
    html = Template('{% icon "house" css="text-success" %}').render(Context())
    assert 'class="icon text-success"' in html
    assert 'aria-hidden="true"' in html
    assert re.search(r'<use href="/static/inkubator/icons[^"]*\.svg#house">', html)
    assert "style=" not in html  # the Content-Security-Policy refuses inline styles


def test_a_labelled_icon_is_an_image_with_its_name() -> None:
    html = Template('{% icon "check2" label="Tercatat" %}').render(Context())
    assert 'role="img" aria-label="Tercatat"' in html
    assert "<title>Tercatat</title>" in html
    assert "aria-hidden" not in html
