"""Forms of the training pages. They check input shapes and scope; the rules are the services'."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from inkubator.centres.models import Centre, VocationalField
from inkubator.core.scoping import sees_everything
from inkubator.people.models import Education, Sex
from inkubator.people.nik import NikError, clean_nik
from inkubator.regions.models import Regency

from .choices import EnrollmentStatus, FundingSource, OutcomeStatus, OutcomeWave, Sector, VenueKind, WageBand
from .models import DEFAULT_QUOTA

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class StyledForm(forms.Form):
    """Bootstrap classes on every widget."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")

    def add_service_errors(self, error: ValidationError) -> None:
        """Put a service's ValidationError on the fields it names (or on the form)."""
        if hasattr(error, "error_dict"):
            for field, messages in error.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)
        else:
            self.add_error(None, error.messages)


class BatchForm(StyledForm):
    """Plan a batch: at one of the user's centres, or (ministry) at a government venue."""

    venue_kind = forms.ChoiceField(label=_("Venue"), choices=VenueKind.choices, initial=VenueKind.CENTRE)
    centre = forms.ModelChoiceField(label=_("Centre"), queryset=Centre.objects.none(), required=False)
    venue_name = forms.CharField(label=_("Government venue"), max_length=200, required=False)
    regency = forms.ModelChoiceField(
        label=_("Regency/city of the venue"), queryset=Regency.objects.all(), required=False
    )
    field = forms.ModelChoiceField(label=_("Vocational field"), queryset=VocationalField.objects.filter(active=True))
    start_date = forms.DateField(label=_("Start"), widget=DATE)
    end_date = forms.DateField(label=_("End"), widget=DATE)
    hours = forms.IntegerField(label=_("Hours"), min_value=8, max_value=2000, initial=240)
    quota = forms.IntegerField(label=_("Quota"), min_value=1, max_value=500, initial=DEFAULT_QUOTA)
    funding = forms.ChoiceField(label=_("Funding source"), choices=FundingSource.choices)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = Centre.objects.visible_to(user).order_by("name")
        if not sees_everything(user):
            # Government venues are planned by the ministry; a centre manager plans at their centre.
            for name in ("venue_kind", "venue_name", "regency"):
                del self.fields[name]
            self.fields["centre"].required = True

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("venue_kind", VenueKind.CENTRE) != VenueKind.CENTRE and not data.get("regency"):
            self.add_error("regency", _("Choose the regency/city of the government venue."))
        return data


class NikForm(StyledForm):
    """The first step of an enrolment: the person's NIK (the key of every person)."""

    nik = forms.CharField(
        label=_("NIK"),
        max_length=40,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_nik(self) -> str:
        try:
            nik = clean_nik(self.cleaned_data["nik"])
        except NikError as error:
            raise ValidationError(error.problem.message) from error
        if len(nik) != 16 or not nik.isdigit():
            raise ValidationError(_("A NIK has exactly 16 digits."))
        return nik


class NewPersonForm(StyledForm):
    """A person not registered yet, enrolled at once (the NIK comes from the first step)."""

    nik = forms.CharField(label=_("NIK"), widget=forms.HiddenInput)
    name = forms.CharField(label=_("Name"), max_length=150)
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices)
    birth_place = forms.CharField(label=_("Place of birth"), max_length=100, required=False)
    birth_date = forms.DateField(label=_("Date of birth"), widget=DATE)
    phone = forms.CharField(
        label=_("Phone"), max_length=25, required=False, widget=forms.TextInput(attrs={"inputmode": "tel"})
    )
    address = forms.CharField(label=_("Address"), max_length=255, required=False)
    education = forms.ChoiceField(label=_("Education"), choices=[("", "---------"), *Education.choices], required=False)


class EnrollmentForm(StyledForm):
    """A trainee's status and attendance."""

    status = forms.ChoiceField(label=_("Status"), choices=EnrollmentStatus.choices)
    attendance = forms.IntegerField(label=_("Attendance (%)"), min_value=0, max_value=100, required=False)


class CertificateForm(StyledForm):
    """A graduate's competency certificate."""

    number = forms.CharField(label=_("Certificate number"), max_length=100)
    scheme = forms.CharField(label=_("Certification scheme"), max_length=200)
    issued_on = forms.DateField(label=_("Issued on"), widget=DATE)


class OutcomeForm(StyledForm):
    """The tracer survey's answer, short enough to fill in on a phone during the call."""

    wave = forms.TypedChoiceField(
        label=_("Survey wave"), choices=OutcomeWave.choices, coerce=int, widget=forms.HiddenInput
    )
    status = forms.ChoiceField(label=_("Outcome"), choices=OutcomeStatus.choices, widget=forms.RadioSelect)
    employer = forms.CharField(label=_("Employer"), max_length=200, required=False)
    sector = forms.ChoiceField(label=_("Sector"), choices=[("", "---------"), *Sector.choices], required=False)
    wage_band = forms.ChoiceField(
        label=_("Monthly wage"), choices=[("", "---------"), *WageBand.choices], required=False
    )
    business_name = forms.CharField(label=_("Business name"), max_length=200, required=False)
    wants_incubation = forms.BooleanField(label=_("Interested in incubation"), required=False)
    surveyed_at = forms.DateField(label=_("Surveyed on"), widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].widget.attrs["class"] = "form-check-input"


class TraineeUploadForm(StyledForm):
    """A trainee list to import (CSV or XLSX)."""

    file = forms.FileField(label=_("File (CSV or XLSX)"))
