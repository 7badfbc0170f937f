"""The region search form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import Level


class RegionSearchForm(forms.Form):
    """A name or code as people write it ("Kab. Bekasi", "Jatim", "32.16"), and optionally a level."""

    q = forms.CharField(
        label=_("Region name or code"),
        max_length=200,
        required=False,
        widget=forms.TextInput(
            attrs={
                "class": "form-control",
                "type": "search",
                "placeholder": _("e.g. Kab. Bekasi, Jatim, 32.16"),
                "autocomplete": "off",
            }
        ),
    )
    level = forms.ChoiceField(
        label=_("Level"),
        choices=[("", _("Any level")), *Level.choices],
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
