"""Reads of the laid-off workers' service: the open wave, registrations in the user's scope."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from .choices import WaveStatus
from .models import IntakeWave, Registration


def open_wave() -> IntakeWave | None:
    """The wave registering today (status open, today between its dates); the one closing first if several."""
    today = timezone.localdate()
    return (
        IntakeWave.objects.filter(status=WaveStatus.OPEN, opens_on__lte=today, closes_on__gte=today)
        .order_by("closes_on", "pk")
        .first()
    )


def open_wave_kept() -> IntakeWave | None:
    """``open_wave``, kept a few seconds per process (``kept``): the public pages ask for it on every
    view and submission in a surge; a wave closed by the ministry stops taking registrations within
    seconds (at once in the process that closed it)."""
    from .kept import DECISION_SECONDS, forget, kept

    today = timezone.localdate()
    day, wave = kept("open-wave", lambda: (today, open_wave()), seconds=DECISION_SECONDS)
    if day != today:  # kept from yesterday: the waves open today are others
        forget("open-wave")
        day, wave = kept("open-wave", lambda: (today, open_wave()), seconds=DECISION_SECONDS)
    return wave


def registration_list(*, user: Any) -> QuerySet[Registration]:
    """The registrations ``user`` may see, with what a list shows."""
    return Registration.objects.visible_to(user).select_related("person", "wave", "regency", "field", "venue")


def registration_get(*, user: Any, pk: int) -> Registration:
    """One registration in the user's scope; 404 otherwise."""
    return get_object_or_404(registration_list(user=user), pk=pk)


def wave_list(*, user: Any) -> QuerySet[IntakeWave]:
    """The intake waves, for those who work in the service (programme-wide data); none for others."""
    from .permissions import can_see_registrations

    return IntakeWave.objects.all() if can_see_registrations(user) else IntakeWave.objects.none()


def own_participant(*, user: Any) -> Any:
    """The signed-in participant's own path (their account's), through ``visible_to``; None for anyone else."""
    from .models import Participant

    return (
        Participant.objects.visible_to(user)
        .filter(account=user)
        .select_related("registration__wave", "registration__venue__regency", "enrollment__batch", "tenant")
        .first()
        if getattr(user, "is_authenticated", False)
        else None
    )


def wave_fields(*, wave: IntakeWave) -> list[Any]:
    """The business fields of a wave's registrations (and those it has a quota for), each with how many
    of its registrants the allocation places or keeps waiting (``eligible_count``): the rows of the
    allocation page's quotas by field."""
    from django.db.models import Count, Q

    from inkubator.centres.models import VocationalField

    from .services import ALLOCATABLE

    counts = dict(
        Registration.objects.filter(wave=wave, status__in=ALLOCATABLE)
        .values_list("field_id")
        .annotate(n=Count("pk"))
        .values_list("field_id", "n")
    )
    chosen = Registration.objects.filter(wave=wave).values("field_id")
    fields = list(
        VocationalField.objects.filter(Q(pk__in=chosen) | Q(pk__in=wave.field_quotas.values("field_id"))).order_by(
            "name"
        )
    )
    for field in fields:
        field.eligible_count = counts.get(field.pk, 0)
    return fields
