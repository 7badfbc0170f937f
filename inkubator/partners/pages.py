"""What the partner and matching pages share: lists on core screens with the partners' tabs and
expiry warnings (``RegisterListView``), Bootstrap-styled filters and forms (their pages are core screens'
``ObjectEditView``)."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy, ngettext_lazy

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
    """A list of the partner and matching pages on core screens: the partners' tabs above and
    ``warnings`` above the filters (the "New …" button is core screens' ``create``/``may_create``)."""

    template_name = "partners/screen_list.html"
    count_label = ngettext_lazy("%(counter)s row", "%(counter)s rows", "counter")

    def get_warnings(self, request: HttpRequest) -> list[str]:
        return []

    def get_extra_context(self, request: HttpRequest) -> dict[str, Any]:
        return {"warnings": self.get_warnings(request)}
