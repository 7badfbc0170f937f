"""A form renderer that writes the common widgets (inputs, selects) in Python: the list pages' filters.

Django renders a ``<select>`` through its template and each ``<option>`` through an included
template (with the attributes' template included again): a filter form of eight selects and a few
hundred options was ~200 template renders per list page, a third of a list's time (issue 14). This
renderer gives the same markup as Django's own templates (``django/forms/widgets/select.html``,
``select_option.html``, ``attrs.html``, ``input.html``) for those widgets, escaped as the template
engine escapes, and hands every other template to Django's renderer.
"""

from __future__ import annotations

from typing import Any

from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.html import conditional_escape

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"
# Every template that only includes ``input.html`` (Django's TextInput, NumberInput, DateInput, …).
INPUTS = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in ("input", "text", "search", "number", "email", "url", "tel", "password", "hidden", "date", "datetime",
                 "time")
)  # fmt: skip


def _text(value: Any) -> str:
    """``{{ value|stringformat:'s' }}``: the value as text, escaped unless already safe."""
    return str(conditional_escape(value if hasattr(value, "__html__") else "%s" % (value,)))  # noqa: UP031


def _attrs(attrs: dict[str, Any]) -> str:
    """``django/forms/widgets/attrs.html``: ``False`` leaves the attribute out, ``True`` writes its name alone."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        name = conditional_escape(name)
        parts.append(f" {name}" if value is True else f' {name}="{_text(value)}"')
    return "".join(parts)


def _label(value: Any) -> str:
    """``{{ widget.label }}``: localized when not text, escaped unless safe."""
    return str(conditional_escape(localize(value)))


def _option(option: dict[str, Any]) -> str:
    return f'<option value="{_text(option["value"])}"{_attrs(option["attrs"])}>{_label(option["label"])}</option>'


def _select(widget: dict[str, Any]) -> str:
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_label(group_name)}">')
        for option in group_choices:
            if option.get("template_name", OPTION) != OPTION:
                return ""  # an option of its own template: leave the whole select to Django
            parts.append(f"\n  {_option(option)}\n")  # the option template's file ends in a newline
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _input(widget: dict[str, Any]) -> str:
    value = widget["value"]
    shown = "" if value is None else f' value="{_text(value)}"'
    return f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"{shown}{_attrs(widget["attrs"])}>'


class PythonWidgetRenderer(DjangoTemplates):
    """Django's template renderer, except for inputs and selects of Django's own templates (above)."""

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        widget = context.get("widget") if isinstance(context, dict) else None
        if widget is not None and widget.get("template_name") == template_name:
            if template_name == SELECT:
                html = _select(widget)
                if html:
                    return html
            elif template_name in INPUTS:
                return _input(widget)
        return super().render(template_name, context, request=request)


RENDERER = PythonWidgetRenderer()
