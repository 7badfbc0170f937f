"""The request form of province and national reports."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inkubator.centres.models import Centre
from inkubator.core.scoping import sees_everything
from inkubator.regions.models import Province

from .models import ReportKind


class ReportRequestForm(forms.Form):
    """Which report, for which province (province reports) and year; provinces of the user's scope only."""

    kind = forms.ChoiceField(label=_("Report"), choices=ReportKind.choices)
    code = forms.ChoiceField(label=_("Province"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = timezone.localdate().year
        self.fields["year"].choices = [(y, y) for y in range(current, current - 6, -1)]
        provinces = Province.objects.order_by("code")
        if not sees_everything(user):
            provinces = provinces.filter(pk__in=Centre.objects.visible_to(user).values("province_id"))
            # The national report of a coordinator covers their scope only; offer it all the same.
        self.fields["code"].choices = [("", "—"), *((p.code, p.name) for p in provinces)]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("kind") == ReportKind.PROVINCE and not data.get("code"):
            self.add_error("code", _("Choose the province of the report."))
        if data.get("kind") == ReportKind.NATIONAL:
            data["code"] = ""
        return data
