"""Reads of the people app, always within the user's scope."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from .models import Person


def person_list(*, user: Any) -> QuerySet[Person]:
    """The people ``user`` may see (through their enrolments), regions loaded."""
    return Person.objects.visible_to(user).select_related("regency")


def person_get(*, user: Any, pk: int) -> Person:
    """One person in scope; 404 otherwise."""
    return get_object_or_404(person_list(user=user), pk=pk)


def person_by_nik(*, nik: str) -> Person | None:
    """The person registered under ``nik`` anywhere (for enrolment: one person per NIK across programmes).

    Not scoped on purpose: a centre enrolling someone trained elsewhere must find the existing record
    rather than create a second one. The caller shows only what the enrolling form needs (the name).
    """
    return Person.objects.filter(nik=nik).first()


@dataclass(frozen=True)
class DuplicateGroup:
    """Records with the same name, birth date and regency of which at least one has no NIK."""

    name_key: str
    birth_date: Any
    regency_id: str | None
    people: list[Person]


def duplicate_groups(*, user: Any, limit: int = 200) -> list[DuplicateGroup]:
    """Possible duplicates in ``user``'s scope, for a human to merge (never merged automatically)."""
    visible = Person.objects.visible_to(user)
    keys = (
        Person.objects.filter(pk__in=visible.values("pk"))
        .values("name_key", "birth_date", "regency_id")
        .annotate(records=Count("pk"), without_nik=Count("pk", filter=Q(nik__isnull=True)))
        .filter(records__gt=1, without_nik__gt=0)
        .order_by("name_key", "birth_date")[:limit]
    )
    groups = []
    for key in keys:
        people = list(
            Person.objects.filter(pk__in=visible.values("pk"))
            .filter(name_key=key["name_key"], birth_date=key["birth_date"], regency_id=key["regency_id"])
            .select_related("regency")
            .annotate(enrolments=Count("enrollments"))
            .order_by("nik", "pk")
        )
        groups.append(DuplicateGroup(key["name_key"], key["birth_date"], key["regency_id"], people))
    return groups
