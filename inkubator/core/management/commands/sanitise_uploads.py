"""``manage.py sanitise_uploads [--dry-run]``: re-encode the JPG/PNG files stored before uploads were sanitised.

New uploads are re-encoded as they are saved (``core.uploads.SanitisingStorage``). This walks every file
field of every model once, so that images kept from before lose their metadata and anything hidden in
them too. A file that no longer decodes is reported and left for an operator to look at.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser
from django.db import models

from inkubator.core.uploads import IMAGE_FORMATS, _extension, reencode_image


class Command(BaseCommand):
    help = "Re-encode stored JPG/PNG uploads (metadata and hidden content stripped)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="count the files without changing them")

    def handle(self, *args: Any, **opts: Any) -> None:
        done = failed = 0
        for model in apps.get_models():
            for field in model._meta.get_fields():
                if not isinstance(field, models.FileField):
                    continue
                names = model._default_manager.exclude(**{field.name: ""}).values_list(field.name, flat=True)
                for name in names.iterator():
                    extension = _extension(name)
                    if extension not in IMAGE_FORMATS or not field.storage.exists(name):
                        continue
                    with field.storage.open(name, "rb") as stored:
                        data = stored.read()
                    try:
                        clean = reencode_image(data, extension)
                    except ValidationError:
                        failed += 1
                        self.stderr.write(f"Not a readable image, left as it is: {name}")
                        continue
                    if not opts["dry_run"]:
                        # Written straight to the file system path: the storage's save would pick a new name.
                        with open(field.storage.path(name), "wb") as target:
                            target.write(clean)
                    done += 1
        verb = "Would re-encode" if opts["dry_run"] else "Re-encoded"
        self.stdout.write(f"{verb} {done} images; {failed} unreadable.")
