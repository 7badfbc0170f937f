"""``manage.py service_allocate WAVE_ID [--field-quota FIELD=PLACES ...] [--preview] [--enrol] [--user NAME]``:
allocate a wave. ``--field-quota tik=40`` caps a business field (by its code) across the venues, as the
allocation page's quotas by field do: a real run keeps it for the next, a ``--preview`` does not."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from inkubator.service.models import IntakeWave
from inkubator.service.services import wave_allocate, wave_enrol


class Command(BaseCommand):
    help = "Allocate a wave's eligible registrants to venue places (OR-Tools min-cost flow); the rest wait."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("wave_id", type=int)
        parser.add_argument("--preview", action="store_true", help="what-if: compute and record, change nothing")
        parser.add_argument("--enrol", action="store_true", help="then create the batches and enrolments")
        parser.add_argument("--user", help="the ministry admin recorded as running it")
        parser.add_argument(
            "--field-quota", action="append", default=[], metavar="FIELD=PLACES",
            help="places for a business field (its code) across the venues; repeat for several fields",
        )  # fmt: skip

    def handle(self, *args: Any, **options: Any) -> None:
        wave = IntakeWave.objects.filter(pk=options["wave_id"]).first()
        if wave is None:
            raise CommandError(f"No intake wave {options['wave_id']}.")
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"No user {options['user']}.")
        field_quotas = _field_quotas(options["field_quota"])
        result = wave_allocate(wave=wave, user=user, preview=options["preview"], field_quotas=field_quotas or None)
        run = result.run
        self.stdout.write(
            f"{wave}: {run.candidates} eligible, {run.allocated} allocated ({run.kept} kept), {run.waiting} waiting; "
            f"{run.total_km} km in total (nearest-venue greedy: {run.greedy_km} km) in {run.seconds} s"
            + (" — preview, nothing changed" if run.preview else "")
        )
        if options["enrol"] and not options["preview"]:
            counts = wave_enrol(wave=wave, user=user)
            self.stdout.write(f"{counts['enrolments']} enrolments in {counts['batches']} new batches")


def _field_quotas(values: list[str]) -> dict[int, int]:
    """``["tik=40", "las=10"]`` as places by field id; a CommandError for an unknown field or a bad number."""
    from inkubator.centres.models import VocationalField

    quotas: dict[int, int] = {}
    for value in values:
        code, _, places = value.partition("=")
        field = VocationalField.objects.filter(code=code.strip()).first()
        if field is None:
            raise CommandError(f"No business field with the code {code.strip()!r} (--field-quota {value}).")
        if not places.strip().isdigit():
            raise CommandError(f"--field-quota {value}: give the places as a whole number, e.g. {code.strip()}=40.")
        quotas[field.pk] = int(places)
    return quotas
