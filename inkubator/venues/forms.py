"""The form that registers a venue or edits it. The rules are the model's (``full_clean`` in the services)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from inkubator.centres.models import Centre, VocationalField
from inkubator.core.scoping import working_area_q
from inkubator.regions.models import Regency

from .models import Venue
from .services import venue_create, venue_update

VENUE_FIELDS = (
    "code",
    "name",
    "kind",
    "centre",
    "regency",
    "address",
    "latitude",
    "longitude",
    "fields",
    "capacity_per_wave",
    "active",
)


class VenueForm(forms.ModelForm):
    """A venue's details; regencies and centres offered are those of the user's working area."""

    class Meta:
        model = Venue
        fields = VENUE_FIELDS
        widgets = {"fields": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        kwargs.pop("files", None)  # no file fields
        super().__init__(*args, **kwargs)
        self.user = user
        area = working_area_q(user, region="")
        self.fields["regency"].queryset = (
            Regency.objects.none() if area is None else Regency.objects.filter(area).order_by("code")
        )
        self.fields["centre"].queryset = Centre.objects.visible_to(user).filter(is_incubator=True).order_by("code")
        self.fields["fields"].queryset = VocationalField.objects.filter(active=True)
        self.fields["fields"].required = False
        for name, field in self.fields.items():
            if name not in {"fields", "active"}:
                css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
                field.widget.attrs.setdefault("class", css)
        self.fields["active"].widget.attrs["class"] = "form-check-input"

    def _post_clean(self) -> None:
        # The model is validated once, by the service (``save``): not here as well.
        pass

    def save(self, commit: bool = True) -> Venue:  # noqa: FBT001, FBT002 - ModelForm's signature
        """Create or update through the services; their errors come back to the fields they concern."""
        data = {name: self.cleaned_data[name] for name in VENUE_FIELDS if name != "fields"}
        try:
            if self.instance.pk:
                return venue_update(venue=self.instance, fields=self.cleaned_data["fields"], **data)
            return venue_create(fields=self.cleaned_data["fields"], **data)
        except ValidationError:
            raise  # shown on the form by the edit screen (core.screens.show_service_error)
