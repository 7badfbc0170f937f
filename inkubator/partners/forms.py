"""Forms of the partner register: input shapes only; the rules are the models' (``full_clean``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from inkubator.regions.models import Province

from . import services
from .models import Partner, PartnerAgreement
from .pages import date_input, style


class PartnerForm(forms.ModelForm):
    """A partner's details and the provinces it works in."""

    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Partner
        fields = [
            "name", "short_name", "kind", "province", "provinces", "website",
            "contact_name", "contact_email", "contact_phone", "active",
        ]  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = Province.objects.order_by("name")
        self.fields["provinces"].queryset = Province.objects.order_by("name")
        style(self.fields)

    def save(self, commit: bool = True) -> Partner:  # noqa: FBT001, FBT002
        data = dict(self.cleaned_data)
        provinces = data.pop("provinces")
        if self.instance.pk:
            return services.partner_update(partner=self.instance, provinces=provinces, **data)
        return services.partner_create(provinces=provinces, **data)


class AgreementForm(forms.ModelForm):
    """An MoU or PKS: who signed it, its period, value, status and document."""

    class Meta:
        model = PartnerAgreement
        fields = [
            "partner", "kind", "party", "province", "centre", "number", "title",
            "signed_on", "starts_on", "ends_on", "value", "status", "document",
        ]  # fmt: skip
        widgets = {"signed_on": date_input(), "starts_on": date_input(), "ends_on": date_input()}

    def __init__(self, *args: Any, partners: Any, centres: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners
        self.fields["centre"].queryset = centres
        self.fields["province"].queryset = Province.objects.order_by("name")
        style(self.fields)

    def save(self, commit: bool = True) -> PartnerAgreement:  # noqa: FBT001, FBT002
        data = dict(self.cleaned_data)
        if not data.get("document"):
            data.pop("document", None)
        if self.instance.pk:
            return services.partner_agreement_update(agreement=self.instance, **data)
        return services.partner_agreement_create(**data)
