"""Forms of the people pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import Person


class MergeForm(forms.Form):
    """Two records of a duplicate group (both in the user's scope): which one stays."""

    keep = forms.ModelChoiceField(queryset=Person.objects.none(), label=_("Keep"))
    other = forms.ModelChoiceField(queryset=Person.objects.none(), label=_("Merge into it and remove"))

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["keep"].queryset = people
        self.fields["other"].queryset = people

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("keep") and data.get("keep") == data.get("other"):
            raise ValidationError(_("A record cannot be merged with itself."))
        return data
