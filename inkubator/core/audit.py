"""Audit entries for set-based writes: the entries django-auditlog's signals would write, in one insert.

django-auditlog writes an entry from ``post_save``/``pre_save`` signals, one query (and for an
update one more to read the old row) per object. ``bulk_create``/``bulk_update`` send no signals,
so a service writing many objects at once builds their entries here and inserts them together:
the same content type, object key and representation, the same ``changes`` (auditlog's own
``model_instance_diff``, which applies each model's registered include/exclude/mask fields), the
same correlation id and the actor and address of the ``auditlog.context.set_actor`` block around
the write — one entry per created or changed object, as before, in one ``INSERT`` per thousand.

Objects just created in numbers (an import's thousands of centres) get their entries from
:func:`audit_created`: the same changes as auditlog's diff, with the model's fields, registration
and mask looked at once per model instead of once per object (that diff was half of a 4,300-centre
import's commit).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from auditlog.cid import get_cid
from auditlog.context import auditlog_value
from auditlog.diff import get_field_value, get_mask_function, is_primitive, model_instance_diff, track_field
from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS, connection, connections, models
from django.db.models import DateTimeField, JSONField
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
    for name, value in _context().items():
        setattr(entry, name, value)


def _context() -> dict[str, Any]:
    """The entry fields the open ``set_actor`` block gives (actor, its e-mail, address and port); none outside one."""
    try:
        context: dict[str, Any] = auditlog_value.get()
    except LookupError:
        return {}
    # auditlog leaves an ended block's context in place (its own entries stop using it because the block
    # disconnects its receiver on leaving): only a block still open counts, or an entry written after a
    # request, a test or a task would name that one's actor.
    uid = context.get("signal_duid")
    if not any(receiver[0][0] == uid for receiver in pre_save.receivers):
        return {}
    values: dict[str, Any] = {}
    actor = context.get("actor")
    if isinstance(actor, get_user_model()):
        values["actor"] = actor
        values["actor_email"] = getattr(actor, "email", None)
    for key in ("remote_addr", "remote_port"):
        if context.get(key) is not None:
            values[key] = context[key]
    return values


# How a created object's field is read for its entry (``_CreatedFields``).
_PLAIN, _KEY, _ONE, _SAME, _AUDITLOG = range(5)


class _CreatedFields:
    """What auditlog's ``model_instance_diff(None, instance)`` does for one model, worked out once.

    The diff of a created object compares each tracked field's value with the value "no object" has
    ("None", or None in JSON mode) and keeps those that differ, masked where the model's registration
    says so. Which fields are tracked (every field and reverse relation but many-to-many ones, then the
    registration's include/exclude), the old side, the mask and how each field is read are the same for
    every object of a model, so they are settled here; per object only the new values are read, the
    common kinds the way ``get_field_value`` reads them, the others by ``get_field_value`` itself:

    * ``_PLAIN``: a concrete field that is neither a date-time, JSON nor a key: ``smart_str(getattr())``;
    * ``_KEY``: a foreign key (auditlog stores the key, not the related object's text): its ``attname``;
    * ``_ONE``: a reverse one-to-one relation: nothing points at a row just inserted (see
      ``_nothing_points_here``), so no change unless a related object is cached on the instance;
    * ``_SAME``: a reverse many relation: auditlog stores the text of the related manager, which names
      the related model and no object ("centres.Staff.None"): the same for every object, read once;
    * ``_AUDITLOG``: anything else (date-times, JSON): ``get_field_value``.
    """

    def __init__(self, model: type[models.Model]) -> None:
        from auditlog.registry import auditlog

        self.json = settings.AUDITLOG_STORE_JSON_CHANGES
        registration = auditlog.get_model_fields(model)
        fields = [field for field in model._meta.get_fields() if track_field(field)]
        # The registration's filter, as model_instance_diff applies it.
        if registration["include_fields"]:
            fields = [field for field in fields if field.name in registration["include_fields"]]
        if registration["exclude_fields"]:
            fields = [field for field in fields if field.name not in registration["exclude_fields"]]
        self.mask: Callable[[str], str] | None = (
            get_mask_function(registration.get("mask_callable")) if registration["mask_fields"] else None
        )
        fk_text = settings.AUDITLOG_USE_FK_STRING_REPRESENTATION
        self.fields: list[tuple[Any, int, str, Any, bool]] = []
        for field in fields:
            if not field.concrete:
                kind = _ONE if field.one_to_one else _SAME if field.one_to_many else _AUDITLOG
            elif isinstance(field, (DateTimeField, JSONField)):
                kind = _AUDITLOG
            elif (field.one_to_one or field.many_to_one) and hasattr(field, "rel_class"):
                kind = _AUDITLOG if fk_text else _KEY
            else:
                kind = _PLAIN
            name = field.get_attname() if kind == _KEY else field.name
            masked = field.name in registration["mask_fields"]
            self.fields.append((field, kind, name, get_field_value(None, field, self.json), masked))
        self.same: dict[str, Any] = {}

    def changes(self, instance: models.Model) -> dict[str, tuple[Any, Any]]:
        """``model_instance_diff(None, instance)`` (without its None for no change: an empty dict)."""
        json = self.json
        diff: dict[str, tuple[Any, Any]] = {}
        for field, kind, name, old, masked in self.fields:
            if kind == _PLAIN:
                new = getattr(instance, name)
                if not json and type(new) is not str:
                    new = smart_str(new)
                    if type(new).__name__ == "__proxy__":
                        new = str(new)
            elif kind == _KEY:
                new = getattr(instance, name)
                if type(new) is not int:  # smart_str(strings_only=True) keeps an int as it is
                    new = smart_str(new, strings_only=True)
            elif kind == _ONE:
                if field.get_cached_value(instance, None) is None:
                    continue  # auditlog reads the relation's default, as for "no object": no change
                new = get_field_value(instance, field, json)
            elif kind == _SAME:
                if name not in self.same:
                    self.same[name] = get_field_value(instance, field, json)
                new = self.same[name]
            else:
                new = get_field_value(instance, field, json)
            if old == new:
                continue
            if masked:
                assert self.mask is not None
                diff[field.name] = (self.mask(smart_str(old)), self.mask(smart_str(new)))
            elif not json:
                # Both sides as text (smart_str): old is already ("None"), new mostly is.
                diff[field.name] = (
                    old if type(old) is str else smart_str(old),
                    new if type(new) is str else smart_str(new),
                )
            else:
                diff[field.name] = (
                    old if is_primitive(old) else smart_str(old),
                    new if is_primitive(new) else smart_str(new),
                )
        return diff


def audit_created(instances: Iterable[models.Model]) -> list[LogEntry]:
    """The unsaved entries of objects just created (after their insert: they need their keys).

    Each holds what :func:`audit_entry` would give it — auditlog's diff from no object, the same
    masking — with each model's fields worked out once (``_CreatedFields``) and the content type,
    correlation id and ``set_actor`` context read once for all.
    """
    cid = get_cid()
    context = _context()
    plans: dict[type[models.Model], tuple[_CreatedFields, ContentType]] = {}
    entries = []
    for instance in instances:
        model = type(instance)
        if model not in plans:
            plans[model] = (_CreatedFields(model), ContentType.objects.get_for_model(instance))
        plan, content_type = plans[model]
        changes = plan.changes(instance)
        if not changes:
            continue
        pk = instance.pk
        entries.append(
            LogEntry(
                content_type=content_type,
                object_pk=pk,
                object_id=pk if isinstance(pk, int) else None,
                object_repr=smart_str(instance),
                action=LogEntry.Action.CREATE,
                changes=changes,
                cid=cid,
                **context,
            )
        )
    return entries


def _copy(entries: list[LogEntry]) -> None:
    """PostgreSQL: the entries by COPY. An INSERT of thousands of entries spent most of its time
    quoting their JSON into the statement on the client (1.4 s of a 1,000-centre import's 4.8 s)."""
    fields = [field for field in LogEntry._meta.concrete_fields if not field.primary_key]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    table = quote(LogEntry._meta.db_table)
    rows = _prepared(entries, fields)
    with connection.cursor() as cursor, cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


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


def _prepared(entries: list[LogEntry], fields: list[Any]) -> list[list[Any]]:
    """Each entry's column values as the database takes them (what an ``INSERT`` of the entry would send).

    Through the connection object itself: ``django.db.connection`` is a proxy that looks the
    connection up again on every attribute read, once per field of every entry.
    """
    own = connections[DEFAULT_DB_ALIAS]
    return [[field.get_db_prep_save(field.pre_save(entry, True), own) for field in fields] for entry in entries]


def _insert_many(entries: list[LogEntry]) -> None:
    """SQLite: one prepared ``INSERT`` run for every entry (``executemany``). ``bulk_create`` wrote 66
    entries a statement (SQLite's 999 parameters) and spent more time building those statements'
    SQL and parameters than SQLite took to run them (5,900 entries of a centre import: ~0.4 s)."""
    fields = [field for field in LogEntry._meta.concrete_fields if not field.primary_key]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    marks = ", ".join(["%s"] * len(fields))
    rows = _prepared(entries, fields)
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {quote(LogEntry._meta.db_table)} ({columns}) VALUES ({marks})", rows)  # noqa: S608


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
        _insert_many(kept)
    post_save.send(
        sender=LogEntry, instance=kept[-1], created=True, update_fields=None, raw=False, using=kept[-1]._state.db
    )
    return len(kept)
