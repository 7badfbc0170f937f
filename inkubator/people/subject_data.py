"""What the system holds about one person, found by walking the relations to ``Person`` (UU 27/2022).

Every model that points at ``people.Person`` (a foreign key or one-to-one), and every model that
points at those (up to ``MAX_DEPTH`` steps: a person's enrolments, their tracer outcomes; a tenancy,
its business, its monthly figures, its coaching sessions …) holds data about the person. The walk is
generic, so a new app's records are found without any change here (the laid-off workers' service,
say). Two things the walk cannot know are registered by the app that owns the model, in its
``AppConfig.ready()``::

    from inkubator.people.subject_data import register_person_data
    register_person_data(Outcome, erase=["employer", "business_name"])   # free text about the person
    register_person_data(Tenant, accounts=["entrepreneur"])              # the person's own user account
    register_person_data(SomeLog, walk=False)                            # not about the person: skip it

* ``erase``: fields blanked when the person's data is erased (anonymised). Rows are kept, so that
  counts (trainees, graduates, tenants, jobs) and programme indicators do not change.
* ``accounts``: foreign keys to the person's *own* user account (not the staff who acted on the
  record): the account is exported, and deactivated and stripped of its names on erasure.
* ``walk=False``: a model that points at a person but is not data about them (e.g. the register of
  data-subject requests itself).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import models

MAX_DEPTH = 4


@dataclass(frozen=True)
class PersonData:
    """What an app says about one of its models (see the module docstring)."""

    erase: tuple[str, ...] = ()
    accounts: tuple[str, ...] = ()
    walk: bool = True


_REGISTRY: dict[str, PersonData] = {}


def register_person_data(
    model: type[models.Model] | str, *, erase: tuple[str, ...] | list[str] = (), accounts=(), walk: bool = True
) -> None:
    """Register what the generic walk cannot know about ``model`` (a class or ``"app.Model"``)."""
    label = model if isinstance(model, str) else model._meta.label
    _REGISTRY[label] = PersonData(erase=tuple(erase), accounts=tuple(accounts), walk=walk)


def person_data_of(model: type[models.Model]) -> PersonData:
    return _REGISTRY.get(model._meta.label, PersonData())


@dataclass
class Holding:
    """The rows of one model that are about the person, and how they were reached."""

    model: type[models.Model]
    path: str  # e.g. "training.Enrollment.person" — the relation followed
    rows: list[models.Model]

    @property
    def label(self) -> str:
        return self.model._meta.label

    @property
    def name(self) -> str:
        return str(self.model._meta.verbose_name_plural).capitalize()


def _reverse_relations(model: type[models.Model]) -> Iterator[Any]:
    for relation in model._meta.related_objects:
        if relation.many_to_many or not relation.field.concrete:
            continue
        yield relation


def person_holdings(person: Any) -> list[Holding]:
    """Every row about ``person`` in every installed app, model by model (one query per relation).

    A model reached along two paths (e.g. pointing at both the person and their tenancy) gets the
    rows of both; the walk stops after ``MAX_DEPTH`` steps or when no new rows are found.
    """
    holdings: dict[type[models.Model], Holding] = {}
    frontier: list[tuple[type[models.Model], list[Any]]] = [(type(person), [person.pk])]
    for _depth in range(MAX_DEPTH):
        next_frontier: list[tuple[type[models.Model], list[Any]]] = []
        for parent, pks in frontier:
            for relation in _reverse_relations(parent):
                child = relation.related_model
                if child is type(person) or not person_data_of(child).walk:
                    continue
                known = {row.pk for row in holdings[child].rows} if child in holdings else set()
                query = child._default_manager.filter(**{f"{relation.field.name}__in": pks}).exclude(pk__in=known)
                rows = list(query.order_by("pk"))
                if not rows:
                    continue
                if child in holdings:
                    holdings[child].rows.extend(rows)
                else:
                    holdings[child] = Holding(child, f"{child._meta.label}.{relation.field.name}", rows)
                next_frontier.append((child, [row.pk for row in rows]))
        frontier = next_frontier
        if not frontier:
            break
    return list(holdings.values())


def person_accounts(holdings: list[Holding]) -> list[Any]:
    """The person's own user accounts, through the ``accounts`` fields apps registered."""
    accounts: dict[Any, Any] = {}
    for holding in holdings:
        for field in person_data_of(holding.model).accounts:
            for row in holding.rows:
                account = getattr(row, field)
                if account is not None:
                    accounts[account.pk] = account
    return list(accounts.values())
