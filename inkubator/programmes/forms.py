"""The target form (ministry admins)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from inkubator.regions.models import Province, Regency

from .indicators import available_indicators
from .models import Target
from .selectors import programme_list


class TargetForm(forms.ModelForm):
    """An indicator's target for a year, nationally or for one province or regency/city."""

    indicator = forms.ChoiceField(label=_("Indicator"))

    class Meta:
        model = Target
        fields = ["programme", "indicator", "year", "province", "regency", "value", "note"]
        labels = {"value": _("Target value")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programme_list()
        self.fields["indicator"].choices = [(i.code, i.label) for i in available_indicators()]
        self.fields["province"].queryset = Province.objects.order_by("code")
        self.fields["province"].required = False
        self.fields["province"].help_text = _("Empty for a national target.")
        self.fields["regency"].queryset = Regency.objects.select_related("province").order_by("code")
        self.fields["regency"].required = False
        self.fields["regency"].help_text = _("Only for a target of one regency/city.")
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)
