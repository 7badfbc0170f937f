"""The filter form of the audit trail page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from inkubator.accounts.models import User


class AuditFilterForm(forms.Form):
    """Narrow the trail by who acted, on which kind of object, on which object."""

    actor = forms.ModelChoiceField(
        label=_("User"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    content_type = forms.ModelChoiceField(
        label=_("Kind of record"),
        # Safe unscoped: the kinds of record (Django's model registry), not records.
        queryset=ContentType.objects.filter(app_label__in=["accounts", "centres", "partners"]).order_by("model"),
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    object_pk = forms.CharField(
        label=_("Record key"), required=False, max_length=255, widget=forms.TextInput(attrs={"class": "form-control"})
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = User.objects.visible_to(user).order_by("username")
