"""The public registration and status forms (no sign-in; Indonesian first; light for a cheap phone).

The NIK is checked the way the people app checks it (``people.nik``): 16 digits, a district that
exists, and the birth date and sex it encodes agreeing with those typed. ``website`` is a honeypot:
hidden from people by CSS, filled by scripts that fill every input.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.choices import normalize_choices
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from inkubator.centres.models import VocationalField
from inkubator.people.models import Sex
from inkubator.people.nik import NikError, clean_nik, district_codes, nik_check
from inkubator.people.phones import normalise_phone
from inkubator.regions.models import Regency
from inkubator.venues.selectors import public_venues

from .choices import BpjsStatus, JobLossReason, RuleKind
from .kept import KEPT, kept
from .models import MAX_PREFERRED_VENUES, CounsellingSession, EligibilityRule, IntakeWave, SupportOffer

OLDEST_JOB_LOSS_YEARS = 5  # a typing error past this (the eligibility rules decide what is recent enough)
YOUNGEST_AGE = 15  # the working age in Indonesian labour statistics


def years_before(day: datetime.date, years: int) -> datetime.date:
    """The same day ``years`` earlier (28 February for a 29th that year lacks)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


# The option lists and lookups below are kept per process (``kept``); the tests clear them by this name.
_CHOICES = KEPT


class _Options(list):
    """An option list made by ``cached_choices``: normalised once, when it was built."""


def cached_choices(name: str, build: Any) -> list:
    """The option list ``build()`` makes, kept a minute per process and language: the public page is
    asked for thousands of times in a surge, and regions, fields and venues change rarely."""
    return kept(name, lambda: _Options(normalize_choices(list(build()))), per_language=True)


def blank_form_html() -> SafeString:
    """The blank registration form's fields as HTML, kept like the choices they are made of.

    Every registration in a surge opens the page first: rendering 15 fields and ~600 options each time
    was two thirds of the page's time (issue 12: >= 50 registrations/s). Nothing in it depends on the
    visitor (the CSRF token is outside it); a form sent back with errors is rendered afresh.
    """
    from django.template.loader import render_to_string

    return kept(
        "blank-form",
        lambda: render_to_string("service/_registration_fields.html", {"form": RegistrationForm()}),
        per_language=True,
    )


# What a submitted form is checked against, kept like the option lists: a submission in a surge looked
# its regency, field and NIK district up in the database (three queries of ~25) to find rows that
# change a few times a year.
def regency_objects() -> dict[str, Regency]:
    """Every regency/city by code."""
    return kept("regency-objects", lambda: {regency.code: regency for regency in Regency.objects.all()})


def field_objects() -> dict[str, VocationalField]:
    """The active business fields by primary key (as text, as a form sends it)."""
    return kept("field-objects", lambda: {str(f.pk): f for f in VocationalField.objects.filter(active=True)})


def venue_objects() -> dict[str, Any]:
    """The venues a worker may prefer (``public_venues``) by primary key (as text)."""
    return kept("venue-objects", lambda: {str(venue.pk): venue for venue in public_venues()})


def known_districts() -> frozenset[str]:
    """Every district code (7,285), for the NIK's district check."""
    return kept("districts", district_codes)


class KeptChoiceField(forms.ModelChoiceField):
    """A choice of a row found in a lookup kept per process (``regency_objects`` …), not by a query.

    The row is the kept object itself: the services read it, never change it.
    """

    def __init__(self, *, lookup: Any, **kwargs: Any) -> None:
        super().__init__(queryset=None, **kwargs)
        self.lookup = lookup

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        found = self.lookup().get(str(value))
        if found is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value})
        return found


class FastSelect(forms.Select):
    """A ``<select>`` whose options are joined in Python rather than rendered one template each.

    The public form lists 514 regencies/cities and the venues three times: Django's template per
    option made that page cost ~300 ms to render, which a registration surge cannot afford.
    """

    @property
    def choices(self) -> Any:
        return self._choices

    @choices.setter
    def choices(self, value: Any) -> None:
        # The cached option lists are (value, label) pairs already: Django's normalising them again at
        # every form made (514 regencies, the venues three times) cost a POST ~600 calls for nothing.
        self._choices = value if isinstance(value, _Options) else normalize_choices(value)

    def render(self, name: str, value: Any, attrs: dict | None = None, renderer: Any = None) -> str:
        from django.forms.utils import flatatt
        from django.utils.html import format_html, format_html_join

        chosen = {str(v) for v in (value if isinstance(value, list | tuple) else [value]) if v not in (None, "")}
        final = self.build_attrs(self.attrs, attrs)
        final["name"] = name
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((str(key), " selected" if str(key) in chosen else "", label) for key, label in self.choices),
        )
        return format_html("<select{}>{}</select>", flatatt(final), options)


class DateInput(forms.DateInput):
    """A native date picker: no script, and phones show their own."""

    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def _regency_options() -> list[tuple[str, str]]:
    rows = Regency.objects.select_related("province").order_by("province__code", "name")
    return [("", str(_("— choose —"))), *((r.code, f"{r.name} ({r.province.name})") for r in rows)]


def _field_options() -> list[tuple[Any, str]]:
    return [("", str(_("— choose —"))), *((f.pk, f.name) for f in VocationalField.objects.filter(active=True))]


def _venue_options() -> list[tuple[Any, str]]:
    return [("", str(_("— none —"))), *((v.pk, f"{v.name} — {v.regency.name}") for v in public_venues())]


class RegistrationForm(forms.Form):
    """What a laid-off worker gives when registering (issue 12.2), in the order the page asks it."""

    nik = forms.CharField(
        label=_("NIK (16 digits, on your KTP)"),
        max_length=24,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    name = forms.CharField(label=_("Full name (as on your KTP)"), max_length=150)
    birth_date = forms.DateField(label=_("Date of birth"), widget=DateInput())
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, widget=forms.RadioSelect)
    phone = forms.CharField(
        label=_("Mobile phone (WhatsApp)"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(label=_("E-mail (optional)"), required=False)
    regency = KeptChoiceField(
        label=_("Home regency/city"), lookup=regency_objects, empty_label=_("— choose —"), widget=FastSelect
    )
    former_employer = forms.CharField(label=_("Former employer (company name)"), max_length=200)
    job_lost_on = forms.DateField(label=_("Date you lost your job"), widget=DateInput())
    reason = forms.ChoiceField(label=_("Why you lost your job"), choices=JobLossReason.choices, widget=FastSelect)
    proof = forms.FileField(
        label=_("Proof of job loss (optional now, needed to be accepted)"),
        required=False,
        help_text=_("Termination letter (surat PHK), a BPJS JKP statement or similar: PDF, JPG or PNG, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )
    bpjs_status = forms.ChoiceField(
        label=_("BPJS Ketenagakerjaan / job-loss benefit (JKP)"), choices=BpjsStatus.choices
    )
    business_idea = forms.CharField(
        label=_("Your business idea"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
    field = KeptChoiceField(
        label=_("Business field"), lookup=field_objects, empty_label=_("— choose —"), widget=FastSelect
    )
    venue_1 = KeptChoiceField(
        label=_("Preferred venue (first choice)"), lookup=venue_objects, required=False, widget=FastSelect
    )
    venue_2 = KeptChoiceField(
        label=_("Second choice (optional)"), lookup=venue_objects, required=False, widget=FastSelect
    )
    venue_3 = KeptChoiceField(
        label=_("Third choice (optional)"), lookup=venue_objects, required=False, widget=FastSelect
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the Ministry of Manpower processes these data to run this service "
            "(UU 27/2022 on personal data protection)."
        )
    )
    website = forms.CharField(
        label=_("Leave this empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),  # never reached nor autofilled
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The options shown and the values accepted both come from what this process keeps.
        self.fields["regency"].widget.choices = cached_choices("regencies", _regency_options)
        self.fields["field"].widget.choices = cached_choices("fields", _field_options)
        venues = cached_choices("venues", _venue_options)
        for rank in range(1, MAX_PREFERRED_VENUES + 1):
            self.fields[f"venue_{rank}"].widget.choices = venues

    @property
    def is_spam(self) -> bool:
        """The honeypot was filled: a script, not a person."""
        return bool(self.data.get("website"))

    def clean_nik(self) -> str:
        try:
            return clean_nik(self.cleaned_data["nik"])
        except NikError as error:
            raise ValidationError(error.problem.message) from error

    def clean_phone(self) -> str:
        return normalise_phone(self.cleaned_data["phone"])

    def clean_birth_date(self) -> datetime.date:
        value = self.cleaned_data["birth_date"]
        today = timezone.localdate()
        if value > years_before(today, YOUNGEST_AGE):
            raise ValidationError(_("Check the date of birth: you must be at least %(age)s.") % {"age": YOUNGEST_AGE})
        return value

    def clean_job_lost_on(self) -> datetime.date:
        value = self.cleaned_data["job_lost_on"]
        today = timezone.localdate()
        if value > today:
            raise ValidationError(_("The date of job loss cannot be in the future."))
        if value < years_before(today, OLDEST_JOB_LOSS_YEARS):
            raise ValidationError(
                _("Check the date: more than %(years)s years ago.") % {"years": OLDEST_JOB_LOSS_YEARS}
            )
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        nik = data.get("nik")
        if nik and data.get("birth_date") and data.get("sex"):
            problems = nik_check(nik, districts=known_districts(), birth_date=data["birth_date"], sex=data["sex"])
            if problems:
                self.add_error("nik", [problem.message for problem in problems])
        chosen = [data.get(f"venue_{rank}") for rank in range(1, MAX_PREFERRED_VENUES + 1)]
        chosen = [venue for venue in chosen if venue is not None]
        if len({venue.pk for venue in chosen}) != len(chosen):
            self.add_error("venue_2", _("Choose each venue once."))
        data["venues"] = chosen
        return data


class StatusForm(forms.Form):
    """NIK and registration code: both are needed, and neither alone reveals anything."""

    nik = forms.CharField(
        label=_("NIK"), max_length=24, widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
    )
    code = forms.CharField(
        label=_("Registration code"), max_length=20, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )

    def clean_nik(self) -> str:
        try:
            return clean_nik(self.cleaned_data["nik"])
        except NikError as error:
            raise ValidationError(error.problem.message) from error


class ProofForm(forms.Form):
    """The proof of job loss, sent after registering (from the participant's account)."""

    proof = forms.FileField(
        label=_("Proof of job loss"),
        help_text=_("Termination letter (surat PHK), a BPJS JKP statement or similar: PDF, JPG or PNG, at most 10 MB."),
        widget=forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )


class PublicProofForm(StatusForm):
    """NIK and registration code, and the proof of job loss (the public page: no account needed)."""

    proof = ProofForm.base_fields["proof"]


class WaveForm(forms.ModelForm):
    """An intake wave's name, dates and status (the ministry's)."""

    class Meta:
        model = IntakeWave
        fields = ("name", "opens_on", "closes_on", "training_starts_on", "status")
        widgets = {"opens_on": DateInput(), "closes_on": DateInput(), "training_starts_on": DateInput()}

    def _post_clean(self) -> None:
        pass  # the model is validated once, by the service


class RuleForm(forms.ModelForm):
    """An eligibility rule's parameters and whether it applies."""

    class Meta:
        model = EligibilityRule
        fields = ("months", "min_age", "max_age", "active")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind = self.instance.kind
        # Only the parameters the rule's kind has.
        if kind != RuleKind.JOB_LOSS_RECENT:
            del self.fields["months"]
        if kind != RuleKind.AGE_RANGE:
            del self.fields["min_age"], self.fields["max_age"]

    def _post_clean(self) -> None:
        pass  # the model is validated once, by the service


class OverrideForm(forms.Form):
    """The ministry's decision on a registration's eligibility, with its reason."""

    ELIGIBLE, INELIGIBLE, RULES = "eligible", "ineligible", "rules"
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (ELIGIBLE, _("Eligible, whatever the rules say")),
            (INELIGIBLE, _("Not eligible, whatever the rules say")),
            (RULES, _("As the rules say (withdraw the decision)")),
        ],
    )
    reason = forms.CharField(label=_("Reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))

    @property
    def eligible(self) -> bool | None:
        return {self.ELIGIBLE: True, self.INELIGIBLE: False}.get(self.cleaned_data["decision"])


class CounsellingForm(forms.ModelForm):
    """A counselling session with a participant."""

    class Meta:
        model = CounsellingSession
        fields = ("held_on", "counsellor", "topic", "notes")
        widgets = {"held_on": DateInput(), "notes": forms.Textarea(attrs={"rows": 2})}


class OfferForm(forms.ModelForm):
    """An offer from business matching."""

    class Meta:
        model = SupportOffer
        fields = ("kind", "provider", "description", "amount", "status", "offered_on")
        widgets = {"offered_on": DateInput()}


class BusinessForm(forms.Form):
    """The participant's business as it starts (it becomes a tenant of the incubation pipeline)."""

    business_name = forms.CharField(label=_("Business name"), max_length=200)
    sector = forms.CharField(label=_("Sector"), max_length=150, help_text=_("The KBLI label, e.g. Food and drink"))
    joined_on = forms.DateField(label=_("Started on"), widget=DateInput())


class AccountForm(forms.Form):
    """NIK and code prove who the participant is; the password is theirs (the password rules apply)."""

    nik = forms.CharField(
        label=_("NIK"), max_length=24, widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
    )
    code = forms.CharField(
        label=_("Registration code"), max_length=20, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    password1 = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}), strip=False
    )
    password2 = forms.CharField(
        label=_("Password again"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}), strip=False
    )

    def clean_nik(self) -> str:
        try:
            return clean_nik(self.cleaned_data["nik"])
        except NikError as error:
            raise ValidationError(error.problem.message) from error

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        return data
