"""What the partner and matching pages share: lists on core screens with the partners' tabs and
action buttons (``RegisterListView``), Bootstrap-styled filters and forms (their pages are core screens'
``ObjectEditView``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

import django_filters
from django import forms
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy

from inkubator.core.screens import ObjectListView

ANY = gettext_lazy("Any")


def style(fields: Any) -> None:
    """Bootstrap classes on every widget of a form."""
    for field in fields.values():
        widget = field.widget
        base = "form-select" if isinstance(widget, forms.Select) else "form-control"
        if isinstance(widget, forms.CheckboxInput):
            base = "form-check-input"
        if isinstance(widget, forms.CheckboxSelectMultiple):
            continue
        if isinstance(widget, forms.SelectMultiple):
            widget.attrs.setdefault("size", 6)
        widget.attrs["class"] = " ".join(filter(None, [widget.attrs.get("class"), base]))


def date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class StyledFilterSet(django_filters.FilterSet):
    """A filter set styled for Bootstrap that knows whether it may be applied."""

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        style(self.form.fields)

    @property
    def is_valid_or_unbound(self) -> bool:
        """Whether the filters can be applied as asked (an invalid value must not widen a list)."""
        return not self.is_bound or self.form.is_valid()


class RegisterListView(ObjectListView):
    """A list of the partner and matching pages on core screens: the partners' tabs above, the
    ``actions`` (label, url, test id) the user may take, and ``warnings`` above the filters."""

    template_name = "partners/screen_list.html"

    # The "New …" button: (label, URL name, test id), shown to those ``may_create`` lets in (the create
    # page's own check), so a list does not write the same permission-and-reverse method again.
    create: ClassVar[tuple[Any, str, str] | None] = None
    may_create: ClassVar[Callable[[Any], bool] | None] = None

    def get_actions(self, request: HttpRequest) -> list[tuple[str, str, str]]:
        may_create = type(self).may_create
        if self.create is None or may_create is None or not may_create(request.user):
            return []
        label, url_name, testid = self.create
        return [(str(label), reverse(url_name), testid)]

    def get_warnings(self, request: HttpRequest) -> list[str]:
        return []

    def get_extra_context(self, request: HttpRequest) -> dict[str, Any]:
        return {"actions": self.get_actions(request), "warnings": self.get_warnings(request)}
