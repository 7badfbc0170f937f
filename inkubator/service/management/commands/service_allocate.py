"""``python manage.py service_allocate WAVE_ID [--preview] [--enrol] [--user USERNAME]``: allocate a wave."""

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

    def handle(self, *args: Any, **options: Any) -> None:
        wave = IntakeWave.objects.filter(pk=options["wave_id"]).first()
        if wave is None:
            raise CommandError(f"No intake wave {options['wave_id']}.")
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"No user {options['user']}.")
        result = wave_allocate(wave=wave, user=user, preview=options["preview"])
        run = result.run
        self.stdout.write(
            f"{wave}: {run.candidates} eligible, {run.allocated} allocated ({run.kept} kept), {run.waiting} waiting; "
            f"{run.total_km} km in total (nearest-venue greedy: {run.greedy_km} km) in {run.seconds} s"
            + (" — preview, nothing changed" if run.preview else "")
        )
        if options["enrol"] and not options["preview"]:
            counts = wave_enrol(wave=wave, user=user)
            self.stdout.write(f"{counts['enrolments']} enrolments in {counts['batches']} new batches")
