"""Forms of the import pages: the upload and the column mapping."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .files import MAX_IMPORT_BYTES
from .mapping import ImportSpec
from .validation import MappingError, check_mapping


class UploadForm(forms.Form):
    """A CSV or XLSX file; its content is checked by ``services.import_upload``."""

    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV or XLSX, at most 10 MB. The first sheet of a workbook is read."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv", "class": "form-control"}),
    )

    def add_service_errors(self, error: forms.ValidationError) -> None:
        """What ``services.import_upload`` finds wrong is about the file (core.screens shows it there)."""
        self.add_error("file", error)

    def clean_file(self) -> Any:
        file = self.cleaned_data["file"]
        # Refused before the file is read: the service checks the content itself.
        if file.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."), code="size")
        return file


class MappingForm(forms.Form):
    """One select per column of the file: which field of the import it feeds (or none)."""

    def __init__(
        self, *args: Any, spec: ImportSpec, headers: list[str], initial_mapping: dict[int, str], **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        self.spec = spec
        self.headers = headers
        choices = [("", _("— do not import —"))] + [
            (column.key, f"{column.label} *" if column.required else str(column.label)) for column in spec.columns
        ]
        for index, header in enumerate(headers):
            self.fields[f"column_{index}"] = forms.ChoiceField(
                label=header, choices=choices, required=False, initial=initial_mapping.get(index, "")
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        try:
            check_mapping(self.spec, self.mapping(), self.headers)
        except MappingError as error:
            for message in error.messages:
                self.add_error(None, message)
        return cleaned

    def mapping(self) -> dict[int, str]:
        """{column index: target key} of the chosen selects."""
        return {
            index: self.cleaned_data.get(f"column_{index}")
            for index in range(len(self.headers))
            if self.cleaned_data.get(f"column_{index}")
        }

    def column_fields(self) -> list[tuple[int, forms.BoundField]]:
        """(index, bound select) pairs, for the template."""
        return [(index, self[f"column_{index}"]) for index in range(len(self.headers))]
