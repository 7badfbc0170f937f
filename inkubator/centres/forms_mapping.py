"""Phone-first forms of the asset mapping: fields, staff, certificates, assets and agreements of a centre.

These are ModelForms for their labels, widgets and model validation (``clean()`` errors land on
their field: a partner's gift without the partner, an instructor without a field, an expiry before
the issue date). They never save: views hand ``cleaned_data`` to ``inkubator.centres.services``.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from .models import Agreement, Asset, CentreField, Certificate, Staff
from .selectors import vocational_field_list

# Numeric keyboards on phones; dates with the browser's date picker.
NUMERIC = {"inputmode": "numeric"}


class BootstrapMixin:
    """Bootstrap 5 classes on every widget, so templates can loop over fields."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        for field in self.fields.values():  # type: ignore[attr-defined]
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def full_clean(self) -> None:
        """Validate, then mark the widgets of fields in error for Bootstrap's red outline."""
        super().full_clean()  # type: ignore[misc]
        self._mark_invalid()

    def _mark_invalid(self) -> None:
        form: forms.BaseForm = self  # type: ignore[assignment]
        for name in form.errors:
            if name in form.fields:
                attrs = form.fields[name].widget.attrs
                if "is-invalid" not in attrs.get("class", ""):
                    attrs["class"] = f"{attrs.get('class', '')} is-invalid".strip()
                attrs["aria-invalid"] = "true"

    def add_service_error(self, error: ValidationError) -> None:
        """Show a service's ValidationError on the form: at the field when the form has it, else on top."""
        form: forms.BaseForm = self  # type: ignore[assignment]
        if not hasattr(error, "error_dict"):
            form.add_error(None, error)
            return
        for name, messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
        self._mark_invalid()


class AssetForm(BootstrapMixin, forms.ModelForm):
    """Map a building or piece of equipment."""

    class Meta:
        model = Asset
        fields = [
            "kind",
            "name",
            "quantity",
            "condition",
            "year_acquired",
            "source",
            "partner",
            "estimated_value",
            "notes",
        ]
        widgets = {
            "quantity": forms.NumberInput(attrs=NUMERIC),
            "year_acquired": forms.NumberInput(attrs=NUMERIC),
            "estimated_value": forms.NumberInput(attrs=NUMERIC),
        }

    def __init__(self, *args: Any, partners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners


class StaffForm(BootstrapMixin, forms.ModelForm):
    """Add or change a manager, instructor or administrator."""

    class Meta:
        model = Staff
        fields = ["name", "role", "field", "phone", "email", "active"]
        widgets = {"phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["field"].queryset = vocational_field_list()


class CertificateForm(BootstrapMixin, forms.ModelForm):
    """Record a competency certificate of a staff member."""

    class Meta:
        model = Certificate
        fields = ["name", "number", "issuer", "issued_on", "expires_on"]
        widgets = {
            "issued_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "expires_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }


class CentreFieldForm(BootstrapMixin, forms.ModelForm):
    """Offer a vocational field at the centre, or change its capacity per batch."""

    class Meta:
        model = CentreField
        fields = ["field", "capacity"]
        widgets = {"capacity": forms.NumberInput(attrs=NUMERIC)}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["field"].queryset = vocational_field_list()

    def validate_unique(self) -> None:
        # Setting a field the centre already offers changes its capacity (centre_field_set): not an error.
        return None


class AgreementForm(BootstrapMixin, forms.ModelForm):
    """Record a signed agreement (PKS) with its document (PDF, JPG or PNG, checked by its first bytes)."""

    class Meta:
        model = Agreement
        fields = ["number", "signed_on", "subject", "document"]
        widgets = {
            "signed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "document": forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
        }
