"""Audit entries for set-based writes: the entries django-auditlog's signals would write, in one insert.

django-auditlog writes an entry from ``post_save``/``pre_save`` signals, one query (and for an
update one more to read the old row) per object. ``bulk_create``/``bulk_update`` send no signals,
so a service writing many objects at once builds their entries here and inserts them together:
the same content type, object key and representation, the same ``changes`` (auditlog's own
``model_instance_diff``, which applies each model's registered include/exclude/mask fields), the
same correlation id and the actor and address of the ``auditlog.context.set_actor`` block around
the write — one entry per created or changed object, as before, in one ``INSERT`` per thousand.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from auditlog.cid import get_cid
from auditlog.context import auditlog_value
from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.db.models.signals import post_save, pre_save
from django.utils.encoding import smart_str

BATCH = 1_000  # entries per INSERT: PostgreSQL takes at most 65,535 parameters in one statement
# From this many entries PostgreSQL gets them by COPY; fewer (a registration's two) go in one INSERT
# (``_insert``), one round trip where COPY takes two (its start, then its data and end).
COPY_FROM = 50


def audit_entry(instance: models.Model, *, old: models.Model | None = None) -> LogEntry | None:
    """The unsaved entry of ``instance`` just created (``old`` None) or changed from ``old``; None if nothing changed.

    Call it after the write (a created object needs its primary key) and, for a change, before
    ``updated_at`` is set: auditlog compares the old row with the object as it is before its
    ``auto_now`` fields are filled, so a save's own timestamp is not reported as a change.
    """
    if old is None:
        _nothing_points_here(instance)
    changes = model_instance_diff(old, instance, use_json_for_changes=settings.AUDITLOG_STORE_JSON_CHANGES)
    if not changes:
        return None
    entry = LogEntry(
        content_type=ContentType.objects.get_for_model(instance),
        object_pk=instance.pk,
        object_id=instance.pk if isinstance(instance.pk, int) else None,
        object_repr=smart_str(instance),
        action=LogEntry.Action.CREATE if old is None else LogEntry.Action.UPDATE,
        changes=changes,
        cid=get_cid(),
    )
    _set_context(entry)
    return entry


def _nothing_points_here(instance: models.Model) -> None:
    """Tell the object just created that no row points at it through a one-to-one relation.

    auditlog's diff of a created object reads each reverse one-to-one relation too (a centre's
    incubator, say): one query per object that can find nothing, as nothing can refer to a row
    inserted a moment ago by this transaction. The empty answer is cached instead of asked for.
    """
    for relation in instance._meta.related_objects:
        if relation.one_to_one and not relation.is_cached(instance):
            relation.set_cached_value(instance, None)


def _set_context(entry: LogEntry) -> None:
    """The actor and address of the ``set_actor`` block, as auditlog's ``pre_save`` hook would set them."""
    try:
        context: dict[str, Any] = auditlog_value.get()
    except LookupError:
        return
    # auditlog leaves an ended block's context in place (its own entries stop using it because the block
    # disconnects its receiver on leaving): only a block still open counts, or an entry written after a
    # request, a test or a task would name that one's actor.
    uid = context.get("signal_duid")
    if not any(receiver[0][0] == uid for receiver in pre_save.receivers):
        return
    actor = context.get("actor")
    if isinstance(actor, get_user_model()):
        entry.actor = actor
        entry.actor_email = getattr(actor, "email", None)
    for key in ("remote_addr", "remote_port"):
        if context.get(key) is not None:
            setattr(entry, key, context[key])


def _copy(entries: list[LogEntry]) -> None:
    """PostgreSQL: the entries by COPY. An INSERT of thousands of entries spent most of its time
    quoting their JSON into the statement on the client (1.4 s of a 1,000-centre import's 4.8 s)."""
    fields = [field for field in LogEntry._meta.concrete_fields if not field.primary_key]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    table = quote(LogEntry._meta.db_table)
    with connection.cursor() as cursor, cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for entry in entries:
            copy.write_row([field.get_db_prep_save(field.pre_save(entry, True), connection) for field in fields])


def _insert(entries: list[LogEntry]) -> None:
    """A few entries in one ``INSERT … VALUES``. Django's PostgreSQL bulk insert sends each column as an
    array to ``UNNEST``: quoting the JSON arrays on the client took longer than the insert (a public
    registration's two entries: ~1 ms of CPU, half of it saved here)."""
    from django.db.models.sql import InsertQuery
    from django.db.models.sql.compiler import SQLInsertCompiler

    fields = [field for field in LogEntry._meta.concrete_fields if not field.primary_key]
    query = InsertQuery(LogEntry)
    query.insert_values(fields, entries)
    SQLInsertCompiler(query, connection, connection.alias).execute_sql()


def audit_write(entries: Sequence[LogEntry | None]) -> int:
    """Insert the entries (None ones skipped) together; the number written.

    Receivers of a saved audit entry (the indicator summaries' refresh) hear of the batch once, by
    its last entry: they act once per transaction whatever the number of entries.
    """
    kept = [entry for entry in entries if entry is not None]
    if not kept:
        return 0
    if connection.vendor == "postgresql" and len(kept) >= COPY_FROM:
        _copy(kept)
    elif connection.vendor == "postgresql":
        _insert(kept)
    else:
        LogEntry.objects.bulk_create(kept, batch_size=BATCH)
    post_save.send(
        sender=LogEntry, instance=kept[-1], created=True, update_fields=None, raw=False, using=kept[-1]._state.db
    )
    return len(kept)
