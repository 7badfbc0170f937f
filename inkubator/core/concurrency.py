"""Optimistic concurrency for edit forms: no save silently overwrites what someone else saved meanwhile.

The problem (issue 16.1): every edit form wrote every field of the row it had read when the request
began, so two people editing one centre at once lost each other's changes (75 of 100 edits in a
four-person test), and two "+1" on an asset's quantity made one.

How it works, with no column added to any table:

1. When an edit form is shown, :func:`version_token` records the values of the form's model fields
   as they are now, signed (so a client cannot forge "nothing changed"), in a hidden field
   (``VERSION_FIELD``). It travels with the form.
2. On save, :func:`merge_edit` runs inside the write's transaction on a fresh copy of the row
   locked with ``SELECT … FOR UPDATE`` (:func:`locked`), so no other save can slip in between the
   check and the write:

   * a field the person did not change takes the row's *current* value, so a change someone else
     saved to it meanwhile is kept rather than overwritten by the form's stale copy;
   * a field the person changed that someone else also changed since the form was loaded is a
     conflict: :class:`EditConflict` lists those fields with their current values. The page answers
     **409** and shows the form again with the other person's values and a new version token, so
     saving again is a deliberate choice;
   * otherwise the person's values are written.

   Counters are the strictest case: two people who both turn a quantity of 10 into 11 conflict
   (the second one sees 11 and decides), so "+1" twice never makes 11.

Values are compared in a normal form (:func:`normal`): a related object by its key, a set of
related objects as sorted keys, decimals without trailing zeros, dates as ISO text.
A form posted without a token (an old page, a script) saves as before, on the locked fresh row.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core import signing
from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction

VERSION_FIELD = "edit_version"
SALT = "inkubator.core.concurrency"


class EditConflict(Exception):
    """A save based on an old version changed fields that someone else changed meanwhile.

    ``fields`` maps each such field's name to its current value (as stored now); ``kept`` the fields
    the person did not change to theirs; ``current`` is the row as it is now; ``token`` the version
    token of that row, to show the form again with.
    """

    def __init__(
        self, *, fields: Mapping[str, Any], kept: Mapping[str, Any], current: models.Model, token: str
    ) -> None:
        super().__init__(f"Changed meanwhile: {', '.join(fields)}")
        self.fields = dict(fields)
        self.kept = dict(kept)  # the fields this person did not change, as stored now
        self.current = current
        self.token = token


def normal(value: Any) -> Any:
    """``value`` in a form that compares equal exactly when the stored values are equal (JSON-safe)."""
    if value is None:
        return None
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, models.Manager):
        value = value.all()
    if isinstance(value, models.QuerySet | list | tuple | set | frozenset):
        return sorted(str(getattr(item, "pk", item)) for item in value)
    if isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value.is_finite() else str(value)
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    if hasattr(value, "name") and hasattr(value, "storage"):  # a stored file
        return value.name or ""
    return str(value)


def model_fields(model: type[models.Model], names: Iterable[str]) -> list[str]:
    """Those of ``names`` that are editable fields of ``model`` (columns or many-to-many), not the key."""
    found = []
    for name in names:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if getattr(field, "primary_key", False) or field.auto_created or not field.concrete and not field.many_to_many:
            continue
        found.append(name)
    return found


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The normal values of ``fields`` of ``instance`` as it is in memory."""
    values = {}
    for name in fields:
        field = instance._meta.get_field(name)
        values[name] = normal(getattr(instance, name).all() if field.many_to_many else getattr(instance, name))
    return values


def version_token(instance: models.Model, fields: Iterable[str]) -> str:
    """The signed version of ``instance`` for ``fields``: what an edit form carries in ``VERSION_FIELD``."""
    fields = list(fields)
    payload = {"m": instance._meta.label_lower, "pk": str(instance.pk), "v": snapshot(instance, fields)}
    return signing.dumps(payload, salt=SALT, compress=True)


def read_token(token: str | None, instance: models.Model) -> dict[str, Any] | None:
    """The values a form was loaded with, or None when the token is missing, forged or of another row."""
    if not token:
        return None
    try:
        payload = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if payload.get("m") != instance._meta.label_lower or payload.get("pk") != str(instance.pk):
        return None
    return payload.get("v")


def locked(instance: models.Model) -> models.Model:
    """A fresh copy of ``instance``'s row, locked until the transaction ends (call inside ``atomic``).

    SQLite has no row locks; it lets one writer at a time, which is enough for its single server.
    """
    assert transaction.get_connection().in_atomic_block, "locked() needs a transaction"
    return type(instance)._default_manager.select_for_update().get(pk=instance.pk)


def merge_edit(
    *, current: models.Model, token: str | None, submitted: dict[str, Any], fields: Iterable[str]
) -> dict[str, Any]:
    """The values to save for ``fields`` given the ``submitted`` ones, the row as it is now (locked)
    and the version the form was loaded with. Raises :class:`EditConflict` (see the module's note).

    ``submitted`` (a form's ``cleaned_data``) is changed in place and returned.
    """
    fields = [name for name in fields if name in submitted]
    original = read_token(token, current)
    if original is None:
        return submitted
    now = snapshot(current, fields)
    conflicts, kept = {}, {}
    for name in fields:
        if name not in original:
            continue
        stored = getattr(current, name)
        if current._meta.get_field(name).many_to_many:
            stored = list(stored.all())
        if normal(submitted[name]) == original[name]:
            # Not changed on this form: keep what is stored now (perhaps someone else's change).
            submitted[name] = kept[name] = stored
        elif now[name] != original[name]:
            conflicts[name] = stored
    if conflicts:
        raise EditConflict(fields=conflicts, kept=kept, current=current, token=version_token(current, list(original)))
    return submitted


def etag(data: Any) -> str:
    """A strong ETag of an API answer's data (the same data gives the same tag)."""
    encoded = json.dumps(data, sort_keys=True, default=str, separators=(",", ":")).encode()
    return '"' + hashlib.sha256(encoded).hexdigest()[:32] + '"'
