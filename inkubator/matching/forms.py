"""Forms of contributions, offers and matches: input shapes; the rules are the services' and models'."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inkubator.centres.models import Asset, Centre
from inkubator.incubation.choices import LicenceKind, Stage
from inkubator.incubation.models import Tenant
from inkubator.partners.pages import date_input, style
from inkubator.regions.models import Province
from inkubator.training.models import TrainingBatch

from . import services
from .choices import READINESS_LICENCES, READINESS_MILESTONES, ContributionKind
from .models import Contribution, Offer


def _readiness_choices() -> list[tuple[str, Any]]:
    from inkubator.incubation.choices import MilestoneKind

    return [(k, LicenceKind(k).label) for k in READINESS_LICENCES] + [
        (k, MilestoneKind(k).label) for k in READINESS_MILESTONES
    ]


class ContributionForm(forms.ModelForm):
    """What a partner gave, to whom (a centre by code, a batch by code, a tenant by number) and its value."""

    centre = forms.ModelChoiceField(
        label=_("Centre (registration code)"),
        queryset=Centre.objects.none(),
        to_field_name="code",
        required=False,
        widget=forms.TextInput,
    )
    batch = forms.ModelChoiceField(
        label=_("Training batch (code)"),
        queryset=TrainingBatch.objects.none(),
        to_field_name="code",
        required=False,
        widget=forms.TextInput,
        help_text=_("A centre's batch, or a laid-off workers' service cohort at a venue."),
    )
    tenant = forms.ModelChoiceField(
        label=_("Tenant (number)"),
        queryset=Tenant.objects.none(),
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    asset = forms.ModelChoiceField(
        label=_("Asset of the centre (number)"), queryset=Asset.objects.none(), required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text=_("For equipment: the centre's asset it became."),
    )  # fmt: skip

    class Meta:
        model = Contribution
        fields = [
            "partner",
            "kind",
            "title",
            "centre",
            "batch",
            "tenant",
            "asset",
            "value",
            "people",
            "given_on",
            "notes",
        ]
        widgets = {"given_on": date_input()}

    def __init__(self, *args: Any, user: Any, partners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["partner"].queryset = partners
        self.fields["centre"].queryset = Centre.objects.visible_to(user)
        self.fields["batch"].queryset = TrainingBatch.objects.visible_to(user)
        self.fields["tenant"].queryset = Tenant.objects.visible_to(user)
        self.fields["asset"].queryset = Asset.objects.visible_to(user)
        self.fields["kind"].initial = ContributionKind.EQUIPMENT
        self.fields["given_on"].initial = timezone.localdate()
        style(self.fields)

    def save(self, commit: bool = True) -> Contribution:  # noqa: FBT001, FBT002
        return services.contribution_create(user=self.user, **self.cleaned_data)


class OfferForm(forms.ModelForm):
    """An offer: what it is, for whom (regions, stages, readiness, figures) and how many places."""

    stages = forms.MultipleChoiceField(
        label=_("Stages"),
        choices=[(s, Stage(s).label) for s in (Stage.PRE, Stage.INCUBATION, Stage.POST)],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: any open stage."),
    )
    required = forms.MultipleChoiceField(
        label=_("Readiness required"),
        choices=_readiness_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    licence_kind = forms.ChoiceField(
        label=_("Licence facilitated"), choices=[("", "—"), *LicenceKind.choices], required=False,
    )  # fmt: skip

    class Meta:
        model = Offer
        fields = [
            "partner", "kind", "title", "description", "status", "buyer", "kbli_prefixes", "volume",
            "scheme", "amount_min", "amount_max", "interest_rate", "collateral", "requirements", "licence_kind",
            "provinces", "stages", "required", "min_months_figures", "min_monthly_revenue", "slots", "closes_on",
        ]  # fmt: skip
        widgets = {"closes_on": date_input(), "description": forms.Textarea(attrs={"rows": 3}),
                   "requirements": forms.Textarea(attrs={"rows": 3})}  # fmt: skip

    def __init__(self, *args: Any, user: Any, partners: Any, own_partner: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.own_partner = own_partner
        if own_partner is not None:
            del self.fields["partner"]  # a partner publishes for its own organisation only
        else:
            self.fields["partner"].queryset = partners
            self.fields["partner"].empty_label = str(_("The ministry"))
        self.fields["provinces"].queryset = Province.objects.order_by("name")
        style(self.fields)

    def save(self, commit: bool = True) -> Offer:  # noqa: FBT001, FBT002
        data = dict(self.cleaned_data)
        provinces = data.pop("provinces")
        if self.own_partner is not None:
            data["partner"] = self.own_partner
        if self.instance.pk:
            return services.offer_update(offer=self.instance, provinces=provinces, **data)
        return services.offer_create(user=self.user, provinces=provinces, **data)


class ProposeForm(forms.Form):
    """Why this tenant: a note for the partner."""

    note = forms.CharField(
        label=_("Note for the partner"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style(self.fields)


class DeclineForm(forms.Form):
    """The partner's reason for declining."""

    decline_reason = forms.CharField(label=_("Reason"), max_length=300)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style(self.fields)


class OutcomeForm(forms.Form):
    """What came of an agreed match: the figure its offer is about."""

    outcome_on = forms.DateField(label=_("Date"), widget=date_input())
    deal_value = forms.IntegerField(label=_("Deal value (Rp)"), required=False, min_value=1)
    loan_amount = forms.IntegerField(label=_("Loan disbursed (Rp)"), required=False, min_value=1)
    licence_number = forms.CharField(label=_("Licence number"), required=False, max_length=60)
    outcome_note = forms.CharField(label=_("Note"), required=False, max_length=300)

    def __init__(self, *args: Any, offer: Offer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind = offer.kind
        # Only the figure the offer is about is asked.
        if kind != "market":
            del self.fields["deal_value"]
        if kind != "finance":
            del self.fields["loan_amount"]
        if kind != "licence":
            del self.fields["licence_number"]
        self.fields["outcome_on"].initial = timezone.localdate()
        style(self.fields)
