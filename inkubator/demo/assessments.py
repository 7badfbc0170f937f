"""Demo data of the assessments app, written after the centre register (see ``generator.demo_generate``)."""

from __future__ import annotations

import random

from faker import Faker


def generate(*, size: str, rng: random.Random, fake: Faker) -> dict[str, int]:
    """Write this app's demo data for ``size``; returns what it wrote, by name, for the command's summary."""
    return {}
