"""Forms of the data-subject rights pages. The NIK is typed into a POST form, never put in a URL."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from inkubator.people.models import Person
from inkubator.people.nik import NikError, clean_nik

from .models import LegalBasis
from .services import CORRECTABLE


class BootstrapMixin:
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        for field in self.fields.values():  # type: ignore[attr-defined]
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)


class NikForm(BootstrapMixin, forms.Form):
    nik = forms.CharField(
        label=_("NIK of the person"),
        max_length=24,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_nik(self) -> str:
        try:
            nik = clean_nik(self.cleaned_data["nik"])
        except NikError as error:
            raise forms.ValidationError(error.problem.message) from error
        if len(nik) != 16 or not nik.isdigit():
            raise forms.ValidationError(_("A NIK has exactly 16 digits."))
        return nik


class RequestFields(forms.Form):
    """The legal basis and the requester of an act, recorded with it."""

    basis = forms.ChoiceField(label=_("Legal basis"), choices=LegalBasis.choices)
    basis_detail = forms.CharField(label=_("Basis in detail"), max_length=300, required=False)
    requester = forms.CharField(
        label=_("Requested by"),
        max_length=200,
        help_text=_("Who asked and how, e.g. “the person, letter of 3 March 2026”."),
    )


class RequestForm(BootstrapMixin, RequestFields):
    """An act's request fields alone (the erasure and export forms add theirs)."""


class ExportForm(RequestForm):
    format = forms.ChoiceField(label=_("Format"), choices=[("json", "JSON"), ("pdf", "PDF")])


class CorrectionForm(BootstrapMixin, forms.ModelForm, RequestFields):
    """The person's own details, then the legal basis and the requester recorded with the correction
    (``RequestFields`` come after the model's: one form, one page of the core screens)."""

    class Meta:
        model = Person
        fields = list(CORRECTABLE)
        widgets = {"birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class ErasureForm(RequestForm):
    confirm = forms.CharField(label=_("Type the record number to confirm"), max_length=20)

    def __init__(self, *args: Any, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.person = person

    def clean_confirm(self) -> str:
        value = self.cleaned_data["confirm"].strip()
        if value != str(self.person.pk):
            raise forms.ValidationError(
                _("Type %(number)s, the record number of this person.") % {"number": self.person.pk}
            )
        return value
