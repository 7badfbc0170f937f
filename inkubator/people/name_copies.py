"""Copies of a person's name that other apps keep on their own rows, and how they are kept current.

A list sorted by a person's name would otherwise join every row in scope to ``people_person`` before
it can sort: the national tenant list joined 100,000 tenants to 1.05 million people for each page
(150-600 ms, issue 14), and an index on ``people_person.name`` would slow every trainee import
(issue 15). So the app keeps the name on its row, indexed with its own sort columns, and registers
the copy here (in its ``AppConfig.ready()``)::

    from inkubator.people.name_copies import register_name_copy
    register_name_copy(Tenant, person="person", copy="person_name")

The services that change a name (``people.services.person_update`` and ``person_merge``,
``privacy.services.subject_erase``, and the trainee import's set-based update of the people a file
names) call ``name_copies_refresh``; the app writes the copy itself when it creates a row. A copy is
personal data like the name: erasure rewrites it with the name.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models

from .models import Person

_COPIES: dict[str, tuple[type[models.Model], str, str]] = {}


def register_name_copy(model: type[models.Model], *, person: str, copy: str) -> None:
    """``model.<copy>`` holds the name of ``model.<person>`` (a foreign key to ``Person``)."""
    _COPIES[model._meta.label] = (model, person, copy)


def name_copies_refresh(*, person_ids: Iterable[int] | models.QuerySet) -> int:
    """Write the current names of ``person_ids`` into every registered copy; returns the rows changed.

    ``person_ids`` may be a queryset of people (or of their ids), read as a subquery: a bulk import
    names its people by a query over its staging table, not by a list of a million ids.
    """
    ids = person_ids if isinstance(person_ids, models.QuerySet) else list(person_ids)
    if isinstance(ids, list) and not ids:
        return 0
    changed = 0
    for model, person, copy in _COPIES.values():
        name = Person.objects.filter(pk=models.OuterRef(person)).values("name")[:1]
        # Only rows whose copy differs: a rename of someone with no tenancy writes nothing.
        rows = model._default_manager.filter(**{f"{person}__in": ids}).exclude(**{copy: models.Subquery(name)})
        changed += rows.update(**{copy: models.Subquery(name)})
    return changed
