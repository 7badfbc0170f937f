"""The form that registers a centre or edits its registration (create and edit pages).

The form checks input shapes and the user's scope; the rules of the register (a village in its
district, a name once per regency, coordinates inside Indonesia, …) are the model's, checked by
``full_clean()`` inside the services. Their errors come back to the field they concern
(:meth:`CentreForm.add_service_errors`), so the form states each rule only once.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.forms.models import model_to_dict
from django.utils.translation import gettext_lazy as _

from inkubator.regions.choices import Level
from inkubator.regions.models import District, Province, Regency, Village
from inkubator.regions.selectors import regencies_visible_to

from .choices import HostKind, Religion
from .filters import narrow, region_select
from .models import Centre, HostInstitution
from .selectors import host_institution_list
from .services import centre_create, centre_update, host_institution_create

# The centre's own fields the form edits, in the order they are shown.
CENTRE_FIELDS = (
    "code",
    "name",
    "province",
    "regency",
    "district",
    "village",
    "address",
    "latitude",
    "longitude",
    "cohort_year",
    "status",
    "contact_person",
    "phone",
    "email",
)
COORDINATE_PLACES = Decimal("0.00001")  # the model keeps 5 decimals (about a metre)
# Where a service's error on a host institution belongs in this form.
HOST_ERROR_FIELDS = {
    "name": "new_host_name",
    "kind": "new_host_kind",
    "religion": "new_host_religion",
    "regency": "regency",
    NON_FIELD_ERRORS: "new_host_name",  # the one constraint: a name once per regency
}


def _constraint_message(model: type, name: str) -> str:
    constraint = next(c for c in model._meta.constraints if c.name == name)
    return str(constraint.get_violation_error_message())


class CoordinateField(forms.DecimalField):
    """A latitude or longitude; more decimals than stored (phones give 6–7) are rounded, not refused."""

    def to_python(self, value: Any) -> Decimal | None:
        number = super().to_python(value)
        return None if number is None else number.quantize(COORDINATE_PLACES, rounding=ROUND_HALF_UP)


class CentreForm(forms.Form):
    """A centre's registration: code, name, host (existing or new), region chain, place, cohort, contact."""

    code = Centre._meta.get_field("code").formfield()
    name = Centre._meta.get_field("name").formfield()
    host = forms.ModelChoiceField(
        label=_("Host institution"),
        queryset=HostInstitution.objects.none(),
        required=False,
        help_text=_("The host institutions of the chosen regency/city. If the host is new, name it below instead."),
    )
    new_host_name = forms.CharField(label=_("New host institution: name"), max_length=200, required=False)
    new_host_kind = forms.ChoiceField(
        label=_("New host institution: type"), choices=[("", "---------"), *HostKind.choices], required=False
    )
    new_host_religion = forms.ChoiceField(
        label=_("New host institution: religion"),
        choices=[("", "---------"), *Religion.choices],
        required=False,
        help_text=_("Only for a religious institution other than a pesantren."),
    )
    province = forms.ModelChoiceField(
        label=_("Province"), queryset=Province.objects.all(), widget=forms.Select(attrs={"class": "form-select"})
    )
    regency = forms.ModelChoiceField(
        label=_("Regency/city"),
        queryset=Regency.objects.none(),
        widget=region_select(Level.REGENCY, "province"),
        error_messages={"invalid_choice": _("Choose a regency/city within your region.")},
    )
    # Districts and villages are validated against the whole list, so that a village of another
    # district gets the model's clear message rather than "not one of the available choices".
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=District.objects.all(),
        required=False,
        widget=region_select(Level.DISTRICT, "regency"),
    )
    village = forms.ModelChoiceField(
        label=_("Village"),
        queryset=Village.objects.all(),
        required=False,
        widget=region_select(Level.VILLAGE, "district"),
    )
    address = Centre._meta.get_field("address").formfield()
    latitude = CoordinateField(label=_("Latitude"), required=False, help_text=_("e.g. -6.26151"))
    longitude = CoordinateField(label=_("Longitude"), required=False, help_text=_("e.g. 107.15246"))
    cohort_year = Centre._meta.get_field("cohort_year").formfield()
    status = Centre._meta.get_field("status").formfield()
    contact_person = Centre._meta.get_field("contact_person").formfield()
    phone = Centre._meta.get_field("phone").formfield()
    email = Centre._meta.get_field("email").formfield()

    def __init__(self, *args: Any, user: Any, instance: Centre | None = None, **kwargs: Any) -> None:
        if instance is not None:
            kwargs.setdefault("initial", {**model_to_dict(instance, fields=(*CENTRE_FIELDS, "host"))})
        super().__init__(*args, **kwargs)
        self.user = user
        self.instance = instance
        self.fields["regency"].queryset = regencies_visible_to(user)
        self.fields["host"].queryset = host_institution_list(user=user)
        self._narrow_choices()
        for field in self.fields.values():
            widget = field.widget
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            widget.attrs.setdefault("class", css)
        self.fields["host"].widget.attrs.update(
            {
                "hx-get": "?part=hosts",
                "hx-trigger": "change from:#id_regency, htmx:afterSwap from:#id_regency",
                "hx-include": "#id_regency",
                "hx-target": "this",
                "hx-swap": "innerHTML",
            }
        )

    @property
    def sections(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The fields in the groups the page shows them in."""
        groups = (
            (_("Registration"), ("code", "name", "cohort_year", "status")),
            (_("Host institution"), ("host", "new_host_name", "new_host_kind", "new_host_religion")),
            (_("Location"), ("province", "regency", "district", "village", "address", "latitude", "longitude")),
            (_("Contact"), ("contact_person", "phone", "email")),
        )
        return [(str(title), [self[name] for name in names]) for title, names in groups]

    def _value(self, name: str) -> str:
        """The region code chosen so far: the submitted one, else the initial one."""
        if self.is_bound:
            return self.data.get(self.add_prefix(name)) or ""
        value = self.initial.get(name)
        return str(getattr(value, "pk", value) or "")

    def _narrow_choices(self) -> None:
        # Each select offers only what lies in the level above as chosen so far; the server still
        # checks the chain on save, so this works (in two steps) without JavaScript too.
        province, regency, district = self._value("province"), self._value("regency"), self._value("district")
        regencies = self.fields["regency"].queryset
        narrow(self.fields["province"], Province.objects.filter(code__in=regencies.values("province_id")))
        narrow(self.fields["regency"], regencies.filter(province_id=province) if province else regencies.none())
        narrow(self.fields["district"], District.objects.filter(regency_id=regency or None).order_by("name"))
        narrow(self.fields["village"], Village.objects.filter(district_id=district or None).order_by("name"))
        hosts = self.fields["host"].queryset
        narrow(self.fields["host"], hosts.filter(regency_id=regency) if regency else hosts.none())

    def clean(self) -> dict[str, Any]:
        """Exactly one of an existing host and a new host's name; a new host needs its type."""
        data = super().clean()
        host, new_name = data.get("host"), (data.get("new_host_name") or "").strip()
        if host and new_name:
            self.add_error("new_host_name", _("Choose an existing host institution or name a new one, not both."))
        elif not host and not new_name and "host" not in self.errors:
            self.add_error("host", _("Choose the host institution, or name a new one below."))
        elif new_name and not data.get("new_host_kind"):
            self.add_error("new_host_kind", _("Give the type of the new host institution."))
        elif new_name and data.get("new_host_kind") == HostKind.RELIGIOUS and not data.get("new_host_religion"):
            # The register may hold a religious institution whose religion an import did not know;
            # a person entering one names it.
            self.add_error("new_host_religion", _("Give the religion of the religious institution."))
        return data

    def save(self) -> Centre:
        """Create or update the centre (and its new host) through the services, all or nothing.

        Raises ``ValidationError`` from the services; pass it to :meth:`add_service_errors`.
        """
        data = self.cleaned_data
        changes = {name: data[name] for name in CENTRE_FIELDS if name not in ("code", "name")}
        with transaction.atomic():
            host = data.get("host") or self._create_host()
            if self.instance is None:
                return centre_create(code=data["code"], name=data["name"], host=host, **changes)
            return centre_update(
                centre=self.instance, code=data["code"].strip(), name=data["name"].strip(), host=host, **changes
            )

    def _create_host(self) -> HostInstitution:
        data = self.cleaned_data
        try:
            return host_institution_create(
                name=data["new_host_name"],
                kind=data["new_host_kind"],
                religion=data.get("new_host_religion") or "",
                regency=data["regency"],
            )
        except ValidationError as error:
            # Tagged so that add_service_errors files it under the new host's fields.
            raise _HostError(error) from error

    def add_error(self, field: str | None, error: Any) -> None:
        """Record an error and mark the fields that have one (Bootstrap's ``is-invalid``)."""
        super().add_error(field, error)
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                classes = attrs.get("class", "").split()
                if "is-invalid" not in classes:
                    attrs["class"] = " ".join([*classes, "is-invalid"])

    def add_service_errors(self, error: ValidationError) -> None:
        """Attach a service's validation errors to the fields they concern."""
        if isinstance(error, _HostError):
            self._attach(error.error, HOST_ERROR_FIELDS)
            return
        duplicate_name = _constraint_message(Centre, "centre_unique_name_in_regency")
        if hasattr(error, "error_dict"):
            non_field = error.error_dict.pop(NON_FIELD_ERRORS, [])
            for item in non_field:
                # The name-per-regency constraint spans two fields; the name is what the user changes.
                target = "name" if duplicate_name in item.messages else NON_FIELD_ERRORS
                error.error_dict.setdefault(target, []).append(item)
        self._attach(error, {})

    def _attach(self, error: ValidationError, mapping: dict[str, str]) -> None:
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for name, errors in error.error_dict.items():
            target = mapping.get(name, name)
            self.add_error(target if target in self.fields else None, ValidationError(errors))


class _HostError(ValidationError):
    """A host institution's validation error while registering a centre."""

    def __init__(self, error: ValidationError) -> None:
        super().__init__(error.messages)
        self.error = error
