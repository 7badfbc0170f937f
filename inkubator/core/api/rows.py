"""API list pages read as ``values()`` rows, shaped as the endpoint's serializer shapes an object.

A DRF list builds a model instance for every row of the page and of every related object it shows
(a centre page: ~450 instances for 50 centres), then walks each serializer field through
``get_attribute``: on the national demo 60-70 % of an API list's Python time (issue 14). The
serializer stays what the API *is* — the OpenAPI schema, the detail view and the reference for the
list's JSON — but a list page reads its rows as tuples of the columns the serializer shows and builds
the same dicts from them.

:func:`row_reader` compiles an endpoint's serializer once per class: each field becomes a
:class:`Column` (the ``values()`` paths it reads and how its value is written), a nested serializer
becomes a nested dict (``None`` when its relation is empty), a nested ``many=True`` serializer over a
reverse foreign key one more query for the whole page (through the selector's ``Prefetch`` queryset
when it gives one, so its scope is the selector's). A value is written by the DRF field's own
``to_representation`` unless it is already what that would return (a text column under a
``CharField``, an integer column under an ``IntegerField``...). A field it cannot read this way (a
``SerializerMethodField`` or a model property) needs a :class:`Column` in the viewset's
``list_columns``; without one the endpoint keeps DRF's way. ``tests/api/test_rows.py`` holds every
list endpoint's JSON equal to its serializer's on the demo.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Prefetch, QuerySet
from rest_framework import fields as drf_fields
from rest_framework import relations, serializers
from rest_framework.settings import api_settings

from .. import paging


@dataclass(frozen=True)
class Column:
    """One key of a list row: the ``values()`` paths it reads, and ``build(*values)`` (default: the one value)."""

    paths: tuple[str, ...]
    build: Callable[..., Any] | None = None


class NotReadable(Exception):
    """A serializer field that cannot be read from ``values()`` rows (the endpoint keeps DRF's way)."""


# Model fields whose stored value these DRF fields write unchanged (exact classes: a subclass may
# write otherwise). Any other field is written by its own ``to_representation``.
_TEXT = (models.CharField, models.TextField)
_INTEGER = (models.IntegerField, models.AutoField)  # the big/small/positive ones and the auto keys derive
_UNCHANGED: dict[type, tuple[type, ...]] = {
    drf_fields.CharField: _TEXT,
    drf_fields.EmailField: _TEXT,
    relations.SlugRelatedField: _TEXT,
    drf_fields.BooleanField: (models.BooleanField,),
    drf_fields.IntegerField: _INTEGER,
    drf_fields.JSONField: (models.JSONField,),
}
# How a field reads its value from an object: only the stock ways are read from a column instead.
_STOCK_READS = (drf_fields.Field.get_attribute, relations.RelatedField.get_attribute)


def _model_field(model: type[models.Model], path: Sequence[str]) -> models.Field | None:
    """The model field at the end of ``path`` (a foreign key: the field it points to); None for an annotation."""
    field: Any = None
    for part in path:
        if model is None:
            return None
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return None
        model = field.related_model if field.is_relation else None
    while isinstance(field, models.ForeignKey):  # the stored value is the target's
        field = field.target_field
    return field


def _writes_unchanged(field: drf_fields.Field, model_field: models.Field | None) -> bool:
    """Whether ``field.to_representation`` returns the stored value as it is (so it need not be called)."""
    kind = type(field)
    if kind is drf_fields.ChoiceField:
        return isinstance(model_field, _TEXT) and all(isinstance(key, str) for key in field.choices)
    if kind is drf_fields.BigIntegerField:
        coerce = getattr(field, "coerce_to_string", None)
        if coerce if coerce is not None else api_settings.COERCE_BIGINT_TO_STRING:
            return False
        return isinstance(model_field, _INTEGER)
    if kind is drf_fields.JSONField and field.binary:
        return False
    return isinstance(model_field, _UNCHANGED.get(kind, ()))


def _written(field: drf_fields.Field) -> Callable[[Any], Any]:
    """``field.to_representation``, with ``None`` kept (DRF writes null without calling it)."""
    write = field.to_representation

    def value(raw: Any) -> Any:
        return None if raw is None else write(raw)

    return value


@dataclass
class _Many:
    """A nested ``many=True`` serializer over a reverse foreign key: one query for the page.

    Only the relation is kept here, never a queryset: the rows are read through the request's own
    queryset's ``Prefetch`` (built for the signed-in user by the selector), see :meth:`RowReader.read`.
    """

    key: str
    relation: str  # the reverse accessor (``centre_fields``)
    model: type[models.Model]  # the related model
    link: str  # its foreign key's attname (``centre_id``): the parent's key
    shape: _Shape

    def rows(self, lookups: Sequence[Any]) -> QuerySet:
        """The related rows: the queryset's ``Prefetch`` for this relation if it has one, else all."""
        rows = self.model._default_manager.all()
        for lookup in lookups:
            ours = isinstance(lookup, Prefetch) and lookup.prefetch_through == self.relation
            if ours and lookup.queryset is not None:
                rows = lookup.queryset
        # Rows its order leaves tied (or an unordered relation) come in the order the database finds
        # them, which the join of a related column changes: ties go by key, the order they were written.
        ordering = list(rows.query.order_by or (rows.model._meta.ordering if rows.query.default_ordering else ()))
        return rows.order_by(*ordering, "pk")


class _Shape:
    """A serializer compiled to ``values()`` paths and a function from a row tuple to the serializer's dict."""

    def __init__(self, serializer: serializers.Serializer, model: type[models.Model], columns: dict[str, Column],
                 prefix: str = "") -> None:  # fmt: skip
        if type(serializer).to_representation is not serializers.Serializer.to_representation:
            raise NotReadable(f"{type(serializer).__name__} writes its objects its own way")
        self.paths: list[str] = []
        self.many: list[_Many] = []
        # (key, kind, a, b): kind "value" -> (index, writer); "column" -> (indexes, build);
        # "nested" -> (index of the relation's key, shape); "many" -> (index of the own key, _Many).
        self.steps: list[tuple[str, str, Any, Any]] = []
        for key, field in serializer.fields.items():
            if field.write_only:
                continue
            if key in columns:
                column = columns[key]
                self.steps.append((key, "column", [self._path(prefix + path) for path in column.paths], column.build))
                continue
            source = field.source_attrs
            if not isinstance(field, serializers.BaseSerializer) and type(field).get_attribute not in _STOCK_READS:
                raise NotReadable(f"{type(serializer).__name__}.{key}: read its own way (give it a Column)")
            if not source or field.source == "*":
                raise NotReadable(f"{type(serializer).__name__}.{key}: not a column (give it a Column)")
            path = "__".join(source)
            if isinstance(field, serializers.ListSerializer):
                if prefix:
                    raise NotReadable(f"{type(serializer).__name__}.{key}: a list inside a nested object")
                many = self._many(key, field, model, path)
                self.many.append(many)
                self.steps.append((key, "many", self._path(model._meta.pk.name), many))
            elif isinstance(field, serializers.BaseSerializer):
                related = _related_model(model, source)
                shape = _Shape(field, related, {}, prefix=f"{prefix}{path}__")
                first = len(self.paths)
                self.paths.extend(shape.paths)
                self.steps.append((key, "nested", self._path(prefix + path), (first, shape)))
            elif isinstance(field, relations.PrimaryKeyRelatedField) and field.pk_field is None:
                self.steps.append((key, "value", self._path(prefix + path), None))
            elif isinstance(field, relations.RelatedField) and not isinstance(field, relations.SlugRelatedField):
                raise NotReadable(f"{type(serializer).__name__}.{key}: a {type(field).__name__}")
            else:
                if isinstance(field, relations.SlugRelatedField):
                    source = [*source, field.slug_field]
                    path = "__".join(source)
                if isinstance(field, (serializers.SerializerMethodField, serializers.HiddenField)):
                    raise NotReadable(f"{type(serializer).__name__}.{key}: a method (give it a Column)")
                model_field = _model_field(model, source)
                if model_field is None and len(source) > 1:
                    raise NotReadable(f"{type(serializer).__name__}.{key}: {path} is not a model field")
                writer = None if _writes_unchanged(field, model_field) else _written(field)
                self.steps.append((key, "value", self._path(prefix + path), writer))

    def _path(self, path: str) -> int:
        self.paths.append(path)
        return len(self.paths) - 1

    def _many(self, key: str, field: serializers.ListSerializer, model: type[models.Model], path: str) -> _Many:
        try:
            relation = model._meta.get_field(path)
        except FieldDoesNotExist:
            raise NotReadable(f"{model.__name__}.{path} is not a relation") from None
        if not (relation.one_to_many and relation.field.target_field.primary_key):
            raise NotReadable(f"{model.__name__}.{path}: only a reverse foreign key to the key is read")
        shape = _Shape(field.child, relation.related_model, {})
        if shape.many:
            raise NotReadable(f"{model.__name__}.{path}: a list inside a list")
        return _Many(key, path, relation.related_model, relation.field.attname, shape)

    def build(self, row: Sequence[Any], offset: int = 0) -> dict[str, Any]:
        """The serializer's dict of one row (``row[offset:]`` holds this shape's columns)."""
        out: dict[str, Any] = {}
        for key, kind, a, b in self.steps:
            if kind == "value":
                value = row[offset + a]
                out[key] = value if b is None else b(value)
            elif kind == "column":
                values = [row[offset + index] for index in a]
                out[key] = values[0] if b is None else b(*values)
            elif kind == "nested":
                first, shape = b
                out[key] = None if row[offset + a] is None else shape.build(row, offset + first)
            else:  # "many": filled in by RowReader.read for the page at once
                out[key] = row[offset + a]
        return out


def _related_model(model: type[models.Model], source: Sequence[str]) -> type[models.Model]:
    for part in source:
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            raise NotReadable(f"{model.__name__}.{part} is not a relation") from None
        if not (field.is_relation and (field.many_to_one or field.one_to_one)):
            raise NotReadable(f"{model.__name__}.{part} is not a single related object")
        model = field.related_model
    return model


class RowReader:
    """Reads pages of a queryset as the rows ``serializer_class`` would write for its objects."""

    def __init__(self, serializer_class: type[serializers.Serializer], model: type[models.Model],
                 columns: dict[str, Column]) -> None:  # fmt: skip
        self.shape = _Shape(serializer_class(), model, columns)
        self.paths = tuple(self.shape.paths)

    def read(self, queryset: QuerySet, bottom: int, top: int, count: int) -> list[dict[str, Any]]:
        """Rows ``bottom:top`` of ``queryset`` (``count`` in all), written as the serializer writes them.

        From ``core.paging.KEYS_FIRST_FROM`` rows the page's keys are read first (see ``core.paging``),
        then its rows by key; a shorter list is read in one query.
        """
        lookups = queryset._prefetch_related_lookups
        queryset = queryset.prefetch_related(None)
        if count >= paging.KEYS_FIRST_FROM:
            keys = list(queryset[bottom:top].values_list("pk", flat=True))
            if not keys:
                return []
            found = {row[0]: row[1:] for row in queryset.filter(pk__in=keys).order_by().values_list("pk", *self.paths)}
            rows = [found[key] for key in keys if key in found]
        else:
            rows = list(queryset.values_list(*self.paths)[bottom:top])
        out = [self.shape.build(row) for row in rows]
        for many in self.shape.many:
            self._fill(many, many.rows(lookups), out)
        return out

    @staticmethod
    def _fill(many: _Many, related: QuerySet, out: list[dict[str, Any]]) -> None:
        """Each row's list of related rows, read for the whole page in one query."""
        keys = [row[many.key] for row in out]
        if not keys:
            return
        children: dict[Any, list[dict[str, Any]]] = {key: [] for key in keys}
        shape = many.shape
        for row in related.filter(**{f"{many.link}__in": keys}).values_list(many.link, *shape.paths):
            children[row[0]].append(shape.build(row, 1))
        for row in out:
            row[many.key] = children[row[many.key]]


def row_reader(view: Any, queryset: QuerySet) -> RowReader | None:
    """The compiled reader of ``view``'s list (kept on its class), or None when its serializer cannot be read so."""
    cls = type(view)
    reader = cls.__dict__.get("_row_reader", False)
    if reader is False:
        try:
            reader = RowReader(view.get_serializer_class(), queryset.model, dict(cls.list_columns))
        except NotReadable:
            reader = None
        cls._row_reader = reader
    return reader


__all__ = ["Column", "NotReadable", "RowReader", "row_reader"]
