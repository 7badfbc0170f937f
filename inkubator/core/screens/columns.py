"""Date and date-time columns that format in Python: django-tables2's own are TemplateColumns.

``django_tables2.DateColumn`` and ``DateTimeColumn`` render every cell by compiling and rendering a
small template (``{{ value|date:"..." }}``): two such columns on a 25-row page are 50 template
renders, most of a list page's time under load (issue 14). These call the same ``date`` filter
directly, with the same arguments and output, and are registered in django-tables2's column library
so that a table's model date fields (``Meta.fields``) get them too.
"""

from __future__ import annotations

import datetime
from typing import Any

import django_tables2 as tables
from django.db import models
from django.template.defaultfilters import date as date_filter
from django.utils.timezone import template_localtime
from django_tables2.columns import library


@library.register
class DateColumn(tables.Column):
    """A date in ``format`` (a ``date`` filter format; ``SHORT_DATE_FORMAT`` unless ``short=False``)."""

    def __init__(self, format: str | None = None, short: bool = True, *args: Any, **kwargs: Any) -> None:  # noqa: A002
        self.format = format or ("SHORT_DATE_FORMAT" if short else "DATE_FORMAT")
        super().__init__(*args, **kwargs)

    def render(self, value: Any) -> Any:
        # What {{ value|date:format|default:default }} printed: local time for an aware date-time.
        return date_filter(template_localtime(value), self.format) or self.default

    def value(self, value: Any, **kwargs: Any) -> Any:
        if isinstance(value, datetime.date):
            return value.isoformat()
        return super().value(value=value, **kwargs)

    @classmethod
    def from_field(cls, field: models.Field, **kwargs: Any) -> DateColumn | None:
        if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
            return cls(**kwargs)
        return None


@library.register
class DateTimeColumn(DateColumn):
    """A date-time in local time, in ``format`` (``SHORT_DATETIME_FORMAT`` unless ``short=False``)."""

    def __init__(self, format: str | None = None, short: bool = True, *args: Any, **kwargs: Any) -> None:  # noqa: A002
        super().__init__(format or ("SHORT_DATETIME_FORMAT" if short else "DATETIME_FORMAT"), short, *args, **kwargs)

    @classmethod
    def from_field(cls, field: models.Field, **kwargs: Any) -> DateTimeColumn | None:
        if isinstance(field, models.DateTimeField):
            return cls(**kwargs)
        return None
