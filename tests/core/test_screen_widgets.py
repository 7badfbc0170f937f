"""core.screens.widgets: the filter forms' inputs and selects written in Python are Django's own markup."""

from __future__ import annotations

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from inkubator.core.screens.widgets import RENDERER


class AllWidgets(forms.Form):
    """Every kind of widget the list filters use, with values that need escaping."""

    q = forms.CharField(widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Name & <code>")}))
    number = forms.IntegerField(required=False)
    when = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    hidden = forms.CharField(required=False, widget=forms.HiddenInput)
    kind = forms.ChoiceField(
        choices=[("", _("Any")), ("a&b", "A & B"), ("<c>", mark_safe("<b>C</b>")), (3, 3000)],  # noqa: S308
        required=False,
        widget=forms.Select(attrs={"class": "form-select", "hx-vals": '{"level": "x"}', "disabled": False}),
    )
    grouped = forms.ChoiceField(
        choices=[("", "—"), ("Java", [("32", "Jawa Barat"), ("35", "Jawa Timur")]), ("Bali", [("51", "Bali")])],
        required=False,
    )
    several = forms.MultipleChoiceField(choices=[("x", "X"), ("y", "Y")], required=False)
    flag = forms.BooleanField(required=False)


@pytest.mark.parametrize(
    "data",
    [None, {"q": 'a"<b>&', "number": "12", "when": "2026-01-02", "hidden": "h'i", "kind": "a&b", "grouped": "35",
            "several": ["y"], "flag": "on"}, {"kind": "nope", "number": "x"}],
)  # fmt: skip
def test_same_markup_as_django_templates(data: dict | None) -> None:
    ours, django = AllWidgets(data, renderer=RENDERER), AllWidgets(data, renderer=DjangoTemplates())
    for mine, theirs in zip(ours, django, strict=True):
        assert str(mine) == str(theirs), mine.name


def test_selected_option_escaped() -> None:
    html = str(AllWidgets({"kind": "a&b"}, renderer=RENDERER)["kind"])
    assert '<option value="a&amp;b" selected>A &amp; B</option>' in html
    assert "<b>C</b>" in html  # a label marked safe is not escaped again, as in the template
