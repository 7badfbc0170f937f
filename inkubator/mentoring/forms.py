"""Phone-first forms of mentoring. They validate input; views hand ``cleaned_data`` to ``services``."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from inkubator.centres.choices import Cluster, MentoringFocus
from inkubator.centres.forms_mapping import BootstrapMixin
from inkubator.regions.models import Province, Regency

from .choices import ActionStatus
from .models import ActionItem, Facilitator, Plan, Visit
from .selectors import facilitator_account_choices
from .uploads import MAX_PHOTOS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
NUMERIC = {"inputmode": "numeric"}


class FacilitatorForm(BootstrapMixin, forms.ModelForm):
    """A facilitator's record. Leave the coordinates empty to use the home regency's centroid."""

    class Meta:
        model = Facilitator
        fields = [
            "name",
            "user",
            "regency",
            "latitude",
            "longitude",
            "skill_people_assets",
            "skill_management",
            "skill_incubator",
            "capacity_centres",
            "days_per_month",
            "active",
        ]
        widgets = {
            "capacity_centres": forms.NumberInput(attrs=NUMERIC),
            "days_per_month": forms.NumberInput(attrs=NUMERIC),
        }

    def __init__(self, *args: Any, user: Any, regencies: QuerySet[Regency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["regency"].queryset = regencies.order_by("name")
        self.fields["user"].queryset = facilitator_account_choices(user=user, facilitator=self.instance)
        self.fields["user"].required = False
        self.fields["latitude"].help_text = _("Empty: the centroid of the home regency/city.")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not any(data.get(name) for name in ("skill_people_assets", "skill_management", "skill_incubator")):
            self.add_error("skill_people_assets", _("Tick at least one mentoring skill."))
        return data

    def _post_clean(self) -> None:
        # The service validates the model (after filling the home point); the form only checks input.
        pass


class PlanForm(BootstrapMixin, forms.Form):
    """Name and period of a plan."""

    name = forms.CharField(label=_("Plan name"), max_length=200)
    period_start = forms.DateField(label=_("Period start"), widget=DATE)
    period_end = forms.DateField(label=_("Period end"), widget=DATE)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period must end after it starts."))
        return data


class CentrePickFilter(BootstrapMixin, forms.Form):
    """Narrow the centres offered for a plan built by hand."""

    province = forms.ModelChoiceField(
        label=_("Province"), queryset=Province.objects.order_by("name"), required=False, empty_label=_("Any")
    )
    cluster = forms.ChoiceField(
        label=_("Cluster"), required=False, choices=[("", _("Any")), *Cluster.choices, ("none", _("Not yet assessed"))]
    )
    q = forms.CharField(label=_("Search"), required=False, max_length=100)


class ProposeForm(PlanForm):
    """A plan proposed by the ministry's rule: how many centres of each cluster, optionally in one province."""

    province = forms.ModelChoiceField(
        label=_("Province"),
        queryset=Province.objects.order_by("name"),
        required=False,
        empty_label=_("Whole scope"),
    )
    binaan = forms.IntegerField(label=_("Binaan centres"), min_value=0, max_value=5000, initial=9)
    berdaya = forms.IntegerField(label=_("Berdaya centres"), min_value=0, max_value=5000, initial=16)
    mandiri = forms.IntegerField(label=_("Mandiri centres"), min_value=0, max_value=5000, initial=25)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not any(data.get(c) for c in Cluster.values):
            raise ValidationError(_("Ask for at least one centre."))
        return data


class EntryForm(BootstrapMixin, forms.Form):
    """Change one centre of a plan by hand: its focus, and the facilitator (kept on re-optimising)."""

    focus = forms.ChoiceField(label=_("Mentoring focus"), choices=MentoringFocus.choices)
    facilitator = forms.ModelChoiceField(
        label=_("Facilitator"),
        queryset=Facilitator.objects.none(),
        required=False,
        empty_label=_("Leave to the optimiser"),
    )

    def __init__(self, *args: Any, facilitators: QuerySet[Facilitator], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["facilitator"].queryset = facilitators.order_by("name")


class MultipleFileInput(forms.ClearableFileInput):
    """A file input that takes several files (Django's documented recipe)."""

    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several uploaded files as a list; each is checked by the service's photo validation."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class VisitForm(BootstrapMixin, forms.ModelForm):
    """A visit as logged from a phone: the GPS point comes from the browser into hidden fields."""

    photos = MultipleFileField(
        label=_("Photos"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png"}),
        help_text=_("Up to %(count)s JPG or PNG photos.") % {"count": MAX_PHOTOS},
    )

    class Meta:
        model = Visit
        fields = ["facilitator", "date", "focus", "attendees", "notes", "latitude", "longitude"]
        widgets = {
            "date": DATE,
            "attendees": forms.NumberInput(attrs=NUMERIC),
            "notes": forms.Textarea(attrs={"rows": 4}),
            "latitude": forms.HiddenInput(),
            "longitude": forms.HiddenInput(),
        }

    def __init__(self, *args: Any, facilitators: QuerySet[Facilitator] | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = datetime.date.today
        if facilitators is None:  # a facilitator logs their own visits
            del self.fields["facilitator"]
        else:
            self.fields["facilitator"].queryset = facilitators.order_by("name")

    def _post_clean(self) -> None:
        pass  # the service validates the visit and each photo


class ActionItemForm(BootstrapMixin, forms.ModelForm):
    """An action agreed with a centre."""

    class Meta:
        model = ActionItem
        fields = ["focus", "title", "owner", "due_date"]
        widgets = {"due_date": DATE}

    def _post_clean(self) -> None:
        pass  # the service validates


class ActionStatusForm(forms.Form):
    """A new status for an action item (one button per status)."""

    status = forms.ChoiceField(choices=ActionStatus.choices)


class WhatIfForm(BootstrapMixin, forms.Form):
    """The what-if's assumptions: capacity per facilitator, reach, and the step between team sizes."""

    capacity = forms.IntegerField(label=_("Centres per facilitator"), min_value=1, max_value=60, initial=5)
    max_km = forms.IntegerField(
        label=_("Farthest trip (km, empty: no limit)"), min_value=1, max_value=5000, required=False
    )
    step = forms.IntegerField(label=_("Step between team sizes"), min_value=1, max_value=100, required=False)


class PlanStatusForm(forms.Form):
    """Activate or close a plan."""

    status = forms.ChoiceField(choices=Plan.Status.choices)
