"""Query parameters of API lists that can never reach the database unchecked.

Every value a client sends is checked before a query is built: an id or a year is an integer within
bounds (``?tenant=1e30`` once overflowed the database integer and answered 500; ``?year=10000`` made
Python's ``date`` fail), and no parameter may hold a NUL character (PostgreSQL refuses them in a
string: another 500). A bad value answers 400 with the messages keyed by the parameter's name, the
shape ``BAD_FILTER`` documents. The bounds are also in the OpenAPI schema, so a client (or a fuzzer)
knows which values are valid before it asks.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ValidationError

# Primary keys are at most a signed 32-bit integer in every table the API filters by (and a filter
# on a larger one could only ever match nothing).
MAX_ID = 2**31 - 1
MIN_YEAR, MAX_YEAR = 1900, 2100
# No code, name or search term needs more; the schema says so (``maxLength``), the backend checks it.
MAX_VALUE_LENGTH = 100


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IdFilter(django_filters.NumberFilter):
    """An object's id (``?tenant=12``): an integer from 1 to ``MAX_ID``; another object's id matches nothing."""

    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


@extend_schema_field({"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR})
class YearFilter(django_filters.NumberFilter):
    """A calendar year (``?year=2025``) from ``MIN_YEAR`` to ``MAX_YEAR``."""

    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", MIN_YEAR)
        kwargs.setdefault("max_value", MAX_YEAR)
        super().__init__(*args, **kwargs)


class StrictBooleanField(forms.Field):
    """``true`` or ``false``, nothing else (Django's boolean fields read any other text as "unknown")."""

    def to_python(self, value: Any) -> bool | None:
        if value in self.empty_values:
            return None
        if value in ("true", "false"):
            return value == "true"
        raise forms.ValidationError(_("Either true or false."), code="invalid")


@extend_schema_field({"type": "boolean"})
class StrictBooleanFilter(django_filters.BooleanFilter):
    """A yes/no filter (``?active=true``) that refuses anything but ``true`` and ``false`` with 400.

    django-filter's own boolean filter ignores a value it cannot read, so ``?active=banana`` listed
    every row as if the filter had not been asked for.
    """

    field_class = StrictBooleanField


def check_query_values(params: Any) -> None:
    """400 naming each parameter whose value holds a NUL character or is absurdly long."""
    errors: dict[str, list[str]] = {}
    for name in params:
        for value in params.getlist(name):
            if "\x00" in value:
                errors.setdefault(name, []).append(_("This value holds a character that is not allowed."))
            elif len(value) > MAX_VALUE_LENGTH:
                errors.setdefault(name, []).append(
                    _("This value is too long (at most %(max)s characters).") % {"max": MAX_VALUE_LENGTH}
                )
    if errors:
        raise ValidationError(errors)


class ApiFilterBackend(DjangoFilterBackend):
    """django-filter's backend, after every query parameter has passed ``check_query_values``.

    django-filter itself answers 400 with the messages by parameter when its form is invalid.
    """

    def filter_queryset(self, request: Any, queryset: QuerySet, view: Any) -> QuerySet:
        params = request.query_params
        check_query_values(params)
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None:
            # An empty value is "any" for a text filter, but not a number, a date, a yes/no or a
            # choice: those answer 400 rather than silently listing everything. A yes/no filter
            # takes true or false only, whichever app declared it.
            errors: dict[str, list[str]] = {}
            for name, declared in filterset_class.base_filters.items():
                if name not in params:
                    continue
                value = params.get(name)
                if value == "" and not isinstance(declared, django_filters.CharFilter):
                    errors[name] = [_("Give a value, or leave the parameter out.")]
                elif isinstance(declared, django_filters.BooleanFilter) and value not in ("true", "false"):
                    # django-filter reads any other text as "unknown" and filters nothing.
                    errors[name] = [_("Either true or false.")]
            if errors:
                raise ValidationError(errors)
            if not _asked(filterset_class, params):
                return queryset  # what the filter set would return: a copy of it (see _asked)
        return super().filter_queryset(request, queryset, view)


def _asked(filterset_class: type[django_filters.FilterSet], params: Any) -> bool:
    """Whether the request names one of the filter set's filters (or the set filters its own way).

    Without one, a stock filter set validates an empty form and returns the queryset unchanged (every
    filter lets an empty value through); building it cost ~0.5 ms of a national API list's ~6 (issue 14).
    A parameter is matched by prefix, for filters whose widget suffixes their name (``_min``, ``_after``).
    """
    if filterset_class.filter_queryset is not django_filters.FilterSet.filter_queryset:
        return True
    if type(filterset_class).__dict__.get("qs") or "qs" in filterset_class.__dict__:
        return True
    filters = filterset_class.base_filters
    if any(declared.extra.get("required") for declared in filters.values()):
        return True
    return any(param.startswith(name) for param in params for name in filters)
