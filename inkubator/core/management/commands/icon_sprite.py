"""``manage.py icon_sprite [--check]``: write the SVG sprite of the icons the pages use (core/icons.py)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from inkubator.core.icons import build_sprite, sprite_names, sprite_path, used_icon_names


class Command(BaseCommand):
    help = "Write static/inkubator/icons.svg with exactly the Bootstrap Icons the templates and menus use."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--check", action="store_true", help="Write nothing; exit 1 when the committed sprite is out of date."
        )

    def handle(self, *args: Any, check: bool = False, **options: Any) -> None:
        names = used_icon_names()
        text = build_sprite(names)
        path = sprite_path()
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if check:
            if current != text:
                had = sprite_names(current)
                raise CommandError(
                    f"{path} is out of date (missing: {sorted(names - had)}, unused: {sorted(had - names)}); "
                    "run `manage.py icon_sprite`."
                )
            self.stdout.write(f"{path}: {len(names)} icons, up to date.")
            return
        path.write_text(text, encoding="utf-8")
        self.stdout.write(f"{path}: {len(names)} icons, {len(text.encode()) / 1024:.1f} KB.")
