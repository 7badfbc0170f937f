"""A digest of what a demo load wrote, equal on SQLite and PostgreSQL for the same seed (and day).

Each table of the project's apps (regions and bookkeeping tables aside) is read in id order and
hashed value by value in one text form for both backends: dates ISO, aware datetimes in UTC,
decimals at their field's places, JSON with sorted keys. Ids differ between databases (PostgreSQL's
sequences do not roll back with a test's transaction), so an integer id, and every foreign key to
one, is written as its rank in the table it belongs to (and so are the keys of a JSON object keyed by ids,
``ID_KEYED_JSON``; no value the demo writes may hold an id otherwise). What no seed decides is left out: columns
stamped by the load (``auto_now``, ``default=timezone.now``), salted password hashes, and any
datetime after ``clock_after`` (a service stamping "now": a submission, a solver run) is written as
``clock``. So compare loads pinned to a past day (``demo_data --today 2026-06-15``): the demo's own
datetimes are on or before that day.

``python manage.py demo_digest --today 2026-06-15`` prints the digest of a database; the demo tests
compare the small demo's with ``tests/demo/small_digest.txt`` on each backend.
"""

from __future__ import annotations

import datetime
import decimal
import hashlib
import json
from typing import Any

from django.apps import apps
from django.db import models
from django.utils import timezone

# Apps whose rows the demo does not write (or writes through its bookkeeping only).
SKIPPED_APPS = {"regions", "admin", "auth", "contenttypes", "sessions", "auditlog", "axes", "django_tasks_database"}
# ``seconds``: how long a solver run took (the service's allocation runs), measured, not drawn.
SKIPPED_FIELDS = {"password", "last_login", "date_joined", "seconds"}
# Derived tables, rebuilt from the others (and stamped with the time they were): not the demo's rows.
SKIPPED_MODELS = {"programmes.indicatorsummary", "programmes.indicatorsummarystate"}
# JSON objects keyed by another table's ids (an allocation run's places by venue): keys written as ranks.
ID_KEYED_JSON = {"service.allocationrun.quotas": "venues.venue"}


def _varies(field: models.Field) -> bool:
    """Whether the field's value comes from the clock or a salt rather than from the seed."""
    if field.attname in SKIPPED_FIELDS:
        return True
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return True
    return field.has_default() and field.default in (timezone.now, datetime.datetime.now)


def _models() -> list[type[models.Model]]:
    chosen = []
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.app_label in SKIPPED_APPS or meta.label_lower in SKIPPED_MODELS or meta.proxy or not meta.managed:
            continue
        chosen.append(model)
    return sorted(chosen, key=lambda m: m._meta.db_table)


def _integer_pk(model: type[models.Model]) -> bool:
    return isinstance(model._meta.pk, models.AutoField | models.BigAutoField | models.SmallAutoField)


def _text(value: Any, field: models.Field, clock_after: datetime.datetime) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value) and value > clock_after:
            return "clock"
        return value.astimezone(datetime.UTC).isoformat() if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        places = getattr(field, "decimal_places", None)
        return str(value.quantize(decimal.Decimal(1).scaleb(-places)) if places is not None else value.normalize())
    if isinstance(value, float):
        return repr(round(value, 9))
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True, default=str)
    return str(value)


def _ranked_key(key: str, ranks: dict[int, int]) -> str:
    return str(ranks.get(int(key), key)) if str(key).isdigit() else key


def demo_digest(*, today: datetime.date) -> dict[str, str]:
    """``{table: "rows:sha256"}`` of every table the demo writes (empty tables too), for a load pinned to ``today``."""
    # The demo's own datetimes stop at ``today``; a day's margin for time zones.
    clock_after = datetime.datetime.combine(today + datetime.timedelta(days=2), datetime.time(), tzinfo=datetime.UTC)
    chosen = _models()
    ranks: dict[type[models.Model], dict[int, int]] = {}

    def rank_of(model: type[models.Model]) -> dict[int, int]:
        if model not in ranks:
            ids = model._base_manager.order_by("pk").values_list("pk", flat=True).iterator(chunk_size=20_000)
            ranks[model] = {pk: index for index, pk in enumerate(ids, start=1)}
        return ranks[model]

    result: dict[str, str] = {}
    for model in chosen:
        fields = [f for f in model._meta.concrete_fields if not _varies(f)]
        order = ["pk"]
        if model._meta.auto_created:
            # A many-to-many link table: Django adds a set of links in hash order, so its ids say nothing.
            fields = [f for f in fields if not f.primary_key]
            order = [f.attname for f in fields]
        mappers: list[dict[int, int] | None] = []
        keyed: dict[str, dict[int, int]] = {}
        for field in fields:
            keyed_by = ID_KEYED_JSON.get(f"{model._meta.label_lower}.{field.name}")
            if keyed_by:
                keyed[field.attname] = rank_of(apps.get_model(keyed_by))
            if field.primary_key and _integer_pk(model):
                mappers.append(rank_of(model))
            elif field.is_relation and _integer_pk(field.related_model) and field.target_field.primary_key:
                mappers.append(rank_of(field.related_model))
            else:
                mappers.append(None)
        digest = hashlib.sha256()
        count = 0
        rows = model._base_manager.order_by(*order).values_list(*(f.attname for f in fields))
        for row in rows.iterator(chunk_size=20_000):
            count += 1
            cells = []
            for value, field, mapper in zip(row, fields, mappers, strict=True):
                value = mapper[value] if mapper is not None and value is not None else value
                if field.attname in keyed and isinstance(value, dict):
                    value = {_ranked_key(k, keyed[field.attname]): v for k, v in value.items()}
                cells.append(_text(value, field, clock_after))
            digest.update(("\t".join(cells) + "\n").encode())
        result[model._meta.db_table] = f"{count}:{digest.hexdigest()[:16]}"
    # Memory back before the caller goes on (the national rank tables hold millions of ids).
    ranks.clear()
    return result
