"""Reads for data-subject rights: finding one person by NIK, and everything held about them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from inkubator.core.roles import is_ministry_admin
from inkubator.people.models import Person
from inkubator.people.subject_data import Holding, person_accounts, person_holdings

from .models import DataSubjectRequest

# Fields of a user account that are data about its holder (never the password hash).
ACCOUNT_FIELDS = ("username", "first_name", "last_name", "email", "phone", "role", "date_joined", "last_login")


def can_handle_requests(user: Any) -> bool:
    """Data-subject requests are handled by ministry admins (the data stewards) only."""
    return is_ministry_admin(user)


def person_for_request(*, user: Any, nik: str) -> Person | None:
    """The person with ``nik``, for a ministry admin; None for anyone else or an unknown NIK."""
    if not can_handle_requests(user) or not nik:
        return None
    return Person.objects.visible_to(user).filter(nik=nik).first()


def person_for_request_by_pk(*, user: Any, pk: int) -> Person | None:
    if not can_handle_requests(user):
        return None
    return Person.objects.visible_to(user).filter(pk=pk).first()


def requests_visible_to(user: Any) -> QuerySet[DataSubjectRequest]:
    return DataSubjectRequest.objects.visible_to(user).select_related("handled_by", "person")


def _value(row: models.Model, field: models.Field) -> Any:
    value = getattr(row, field.attname)
    if isinstance(field, models.FileField):
        return value.name if value else ""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str | list | dict):
        return value
    return str(value)


def row_data(row: models.Model) -> dict[str, Any]:
    """Every stored field of ``row`` (foreign keys as ids), in a form JSON can hold."""
    return {field.name: _value(row, field) for field in row._meta.concrete_fields}


@dataclass
class SubjectData:
    """Everything held about one person: the record, their accounts, every app's rows, their audit history."""

    person: Person
    holdings: list[Holding]
    accounts: list[Any]

    def as_json(self) -> dict[str, Any]:
        return {
            "generated_at": timezone.now().isoformat(),
            "person": row_data(self.person),
            "accounts": [{name: _value(a, a._meta.get_field(name)) for name in ACCOUNT_FIELDS} for a in self.accounts],
            "records": [
                {
                    "model": holding.label,
                    "name": str(holding.model._meta.verbose_name_plural),
                    "reached_by": holding.path,
                    "rows": [row_data(row) for row in holding.rows],
                }
                for holding in self.holdings
            ],
            "audit": [
                {
                    "when": entry.timestamp.isoformat(),
                    "action": entry.get_action_display(),
                    "record": f"{entry.content_type.app_label}.{entry.content_type.model} {entry.object_pk}",
                    "changes": entry.changes,
                }
                for entry in audit_entries_about(self)
            ],
        }

    def tables(self) -> list[tuple[str, list[str], list[list[Any]]]]:
        """(title, column labels, rows) per model, for the PDF."""
        tables = []
        for holding in [Holding(Person, "", [self.person]), *self.holdings]:
            fields = holding.model._meta.concrete_fields
            labels = [str(f.verbose_name) for f in fields]
            rows = [[_value(row, f) for f in fields] for row in holding.rows]
            tables.append((str(holding.model._meta.verbose_name_plural).capitalize(), labels, rows))
        return tables

    @property
    def row_count(self) -> int:
        return 1 + sum(len(h.rows) for h in self.holdings) + len(self.accounts)


def subject_data(person: Person) -> SubjectData:
    holdings = person_holdings(person)
    return SubjectData(person=person, holdings=holdings, accounts=person_accounts(holdings))


def _audit_q(data: SubjectData) -> Q:
    q = Q(content_type=ContentType.objects.get_for_model(Person), object_pk=str(data.person.pk))
    for holding in data.holdings:
        content_type = ContentType.objects.get_for_model(holding.model)
        q |= Q(content_type=content_type, object_pk__in=[str(row.pk) for row in holding.rows])
    for account in data.accounts:
        q |= Q(content_type=ContentType.objects.get_for_model(account), object_pk=str(account.pk))
    return q


def audit_entries_about(data: SubjectData) -> QuerySet[LogEntry]:
    """The audit entries of the person's record, their rows in every app and their accounts."""
    return LogEntry.objects.filter(_audit_q(data)).select_related("content_type").order_by("timestamp", "pk")


def people_past_retention(*, now: dt.datetime | None = None) -> QuerySet[Person]:
    """People whose record, and every record pointing at them, has not changed for the retention period.

    Activity is the latest ``updated_at``/``created_at`` of the person and of each model pointing at
    ``Person`` directly (found generically, like the export). Already anonymised people are left out.
    """
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=365 * settings.PERSONAL_DATA_RETENTION_YEARS)
    people = Person.objects.filter(updated_at__lt=cutoff).exclude(nik__isnull=True, name__startswith=ANONYMOUS_PREFIX)
    for relation in Person._meta.related_objects:
        if relation.many_to_many or not relation.field.concrete:
            continue
        model = relation.related_model
        for stamp in ("updated_at", "created_at"):
            if any(f.name == stamp for f in model._meta.concrete_fields):
                path = f"{relation.field.related_query_name()}__{stamp}"
                people = people.annotate(**{f"_last_{relation.name}": Max(path)}).filter(
                    Q(**{f"_last_{relation.name}__isnull": True}) | Q(**{f"_last_{relation.name}__lt": cutoff})
                )
                break
    return people.order_by("pk")


# How an anonymised person's name starts (followed by their record number).
ANONYMOUS_PREFIX = "Anonim-"
