"""Forms of the incubation pages. They check input shapes; the rules are the services' (``full_clean``),
whose errors come back to the field they concern (:meth:`ServiceForm.add_service_errors`)."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inkubator.partners.models import Partner
from inkubator.partners.selectors import banks as lenders
from inkubator.people.models import Person

from . import selectors, services, stages
from .choices import (
    GateKind,
    LegalForm,
    LicenceKind,
    LoanStatus,
    MilestoneKind,
    ProblemArea,
    Severity,
    SourceProgramme,
    Stage,
)
from .models import MonthlyReport, Tenant

ACTION_ROWS = 3  # agreed actions a session form offers; more in a later session


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _money(label: Any, *, required: bool = True) -> forms.IntegerField:
    """A rupiah amount typed as digits (the numeric keypad on a phone)."""
    return forms.IntegerField(
        label=label, required=required, widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": "1"})
    )


class ServiceForm(forms.Form):
    """A Bootstrap-styled form whose ``save`` calls a service; service errors land on their fields."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            base = "form-select" if isinstance(widget, forms.Select) else "form-control"
            if isinstance(widget, forms.CheckboxInput):
                base = "form-check-input"
            widget.attrs["class"] = " ".join(filter(None, [widget.attrs.get("class"), base]))

    def add_error(self, field: str | None, error: Any) -> None:
        super().add_error(field, error)
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                if "is-invalid" not in attrs.get("class", ""):
                    attrs["class"] = f"{attrs.get('class', '')} is-invalid".strip()

    def add_service_errors(self, error: ValidationError) -> None:
        """Attach a service's validation errors to the fields they concern (others to the form)."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for name, errors in error.error_dict.items():
            self.add_error(name if name in self.fields else None, ValidationError(errors))


class MoveForm(ServiceForm):
    """Move a tenant to the next stage, or drop them, saying why."""

    to_stage = forms.ChoiceField(label=_("Move to"))
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, tenant: Tenant, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tenant = self.instance = tenant  # the page's version check puts the locked current row here
        self.fields["to_stage"].choices = [(s, Stage(s).label) for s in stages.allowed_moves(tenant.stage)]

    def save(self, *, user: Any) -> Any:
        data = self.cleaned_data
        return services.tenant_move(tenant=self.instance, to_stage=data["to_stage"], user=user, reason=data["reason"])


class MonthField(forms.CharField):
    """A month typed as ``YYYY-MM`` (the browser's month picker), cleaned to its first day."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": "2026-05", "pattern": r"\d{4}-\d{2}"})

    def to_python(self, value: Any) -> datetime.date | None:
        text = super().to_python(value)
        if not text:
            return None
        try:
            return datetime.datetime.strptime(text, "%Y-%m").date()
        except ValueError:
            raise ValidationError(_("Give the month as year and month, e.g. 2026-05."), code="month") from None


class ReportForm(ServiceForm):
    """A month's figures; limits and the once-a-month rule are the service's."""

    month = MonthField(label=_("Month"))
    revenue = _money(_("Revenue (Rp)"))
    costs = _money(_("Costs (Rp)"))
    workers = forms.IntegerField(label=_("Workers employed"), widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    customers = forms.IntegerField(label=_("Customers"), widget=forms.NumberInput(attrs={"inputmode": "numeric"}))

    correcting = MonthField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, tenant: Tenant, month: str | None = None, **kwargs: Any) -> None:
        """Open on ``month`` (``YYYY-MM``, from the link of a reported month) or the month to report
        (:func:`report_to_open`)."""
        super().__init__(*args, **kwargs)
        self.tenant = tenant
        self.existing: MonthlyReport | None = None
        self.instance: MonthlyReport | None = None  # the month corrected, locked by the page's version check
        if not self.is_bound:
            chosen = month_to_open(tenant, month)
            self.initial["month"] = f"{chosen:%Y-%m}"
            self.existing = tenant.reports.select_related("lock").filter(month=chosen).first()
            if self.existing is not None:
                # The figures as reported, to be corrected; the month is fixed while correcting.
                self.initial.update(
                    correcting=f"{chosen:%Y-%m}",
                    revenue=self.existing.revenue,
                    costs=self.existing.costs,
                    workers=self.existing.workers,
                    customers=self.existing.customers,
                )
                self.fields["month"].widget.attrs["readonly"] = True

    @property
    def is_correction(self) -> bool:
        return self.existing is not None or bool(self.data.get("correcting"))

    def save(self, *, user: Any) -> Any:
        """A new month is submitted; the month being corrected (and only that one) is corrected."""
        data = dict(self.cleaned_data)
        correcting = data.pop("correcting", None)
        month = data["month"]
        existing = self.instance or self.tenant.reports.filter(month=month).first()
        if existing is not None and correcting == month:
            data.pop("month")
            return services.report_correct(report=existing, user=user, **data)
        return services.report_submit(tenant=self.tenant, user=user, **data)


def month_to_open(tenant: Tenant, month: str | None) -> datetime.date:
    """The month the figures form opens on: ``month`` (``YYYY-MM``) when it has ended, otherwise the
    earliest closed month not yet reported; when every month is reported, the last closed month (to
    correct it)."""
    today = timezone.localdate()
    chosen = _month_or_none(month)
    if chosen is None or chosen >= stages.month_start(today):
        chosen = selectors.month_to_report(tenant, today=today) or stages.add_months(stages.month_start(today), -1)
    return chosen


def report_to_open(tenant: Tenant, *, month: str | None, correcting: str | None) -> MonthlyReport | None:
    """The reported month a figures form corrects: on a POST the one it says it corrects, otherwise the
    month it opens on (None: a month not yet reported). The page versions this row."""
    chosen = _month_or_none(correcting) if correcting is not None else month_to_open(tenant, month)
    return tenant.reports.filter(month=chosen).first() if chosen is not None else None


def _month_or_none(text: str | None) -> datetime.date | None:
    try:
        return datetime.datetime.strptime(text or "", "%Y-%m").date()
    except ValueError:
        return None


class SessionForm(ServiceForm):
    """A coaching session with up to three agreed actions."""

    date = forms.DateField(label=_("Date"), widget=_date_input())
    topic = forms.CharField(label=_("Topic"), max_length=200)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, tenant: Tenant, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tenant = tenant
        for index in range(1, ACTION_ROWS + 1):
            self.fields[f"action_{index}"] = forms.CharField(
                label=_("Agreed action %(n)s") % {"n": index}, max_length=300, required=False
            )
            self.fields[f"due_{index}"] = forms.DateField(label=_("Due on"), required=False, widget=_date_input())
        # Added after ServiceForm styled the declared fields: styled here.
        for name in self.fields:
            if name.startswith(("action_", "due_")):
                self.fields[name].widget.attrs.setdefault("class", "form-control")
        if not self.is_bound:
            self.initial.setdefault("date", timezone.localdate())

    def action_rows(self) -> list[tuple[Any, Any]]:
        """The (action, due) bound fields, for the template."""
        return [(self[f"action_{i}"], self[f"due_{i}"]) for i in range(1, ACTION_ROWS + 1)]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for index in range(1, ACTION_ROWS + 1):
            if data.get(f"action_{index}") and not data.get(f"due_{index}"):
                self.add_error(f"due_{index}", _("Give the date this action is due."))
        return data

    def save(self, *, user: Any) -> Any:
        data = self.cleaned_data
        actions = [
            (data[f"action_{i}"], data[f"due_{i}"]) for i in range(1, ACTION_ROWS + 1) if data.get(f"action_{i}")
        ]
        return services.coaching_session_create(
            tenant=self.tenant, coach=user, date=data["date"], topic=data["topic"], notes=data["notes"], actions=actions
        )


class DiagnosisForm(ServiceForm):
    """A diagnosis: for each problem of the taxonomy, its severity (empty: not a problem)."""

    date = forms.DateField(label=_("Date"), widget=_date_input())
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, tenant: Tenant, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tenant = tenant
        choices = [("", _("Not a problem")), *Severity.choices]
        for area, label in ProblemArea.choices:
            self.fields[f"problem_{area}"] = forms.TypedChoiceField(
                label=label, choices=choices, required=False, coerce=int, empty_value=None,
                widget=forms.Select(attrs={"class": "form-select"}),
            )  # fmt: skip
        if not self.is_bound:
            self.initial.setdefault("date", timezone.localdate())

    def problem_fields(self) -> list[Any]:
        return [self[f"problem_{area}"] for area in ProblemArea.values]

    def save(self, *, user: Any) -> Any:
        data = self.cleaned_data
        problems = {area: data[f"problem_{area}"] for area in ProblemArea.values if data.get(f"problem_{area}")}
        return services.diagnosis_create(
            tenant=self.tenant, date=data["date"], user=user, problems=problems, notes=data["notes"]
        )


class LicenceForm(ServiceForm):
    """A licence of the business."""

    kind = forms.ChoiceField(label=_("Kind"), choices=LicenceKind.choices)
    number = forms.CharField(label=_("Number"), max_length=60)
    issued_on = forms.DateField(label=_("Issued on"), widget=_date_input())

    def __init__(self, *args: Any, tenant: Tenant, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tenant = tenant

    def save(self, *, user: Any) -> Any:
        return services.licence_create(business=self.tenant.business, **self.cleaned_data)


class MilestoneForm(ServiceForm):
    """A milestone, planned by a date or already achieved."""

    kind = forms.ChoiceField(label=_("Kind"), choices=MilestoneKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    due_on = forms.DateField(label=_("Due on"), required=False, widget=_date_input())
    achieved_on = forms.DateField(label=_("Achieved on"), required=False, widget=_date_input())

    def __init__(self, *args: Any, tenant: Tenant, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tenant = tenant

    def save(self, *, user: Any) -> Any:
        return services.milestone_create(tenant=self.tenant, **self.cleaned_data)


class GrantForm(ServiceForm):
    """A grant received (e.g. TKM)."""

    programme = forms.ChoiceField(label=_("Programme"), choices=SourceProgramme.choices)
    amount = _money(_("Amount (Rp)"))
    received_on = forms.DateField(label=_("Received on"), widget=_date_input())

    def __init__(self, *args: Any, tenant: Tenant, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tenant = tenant

    def save(self, *, user: Any) -> Any:
        return services.grant_create(tenant=self.tenant, **self.cleaned_data)


class EquipmentForm(ServiceForm):
    """Equipment received."""

    name = forms.CharField(label=_("Equipment"), max_length=200)
    value = _money(_("Value (Rp)"), required=False)
    source = forms.CharField(label=_("From"), max_length=200, required=False)
    received_on = forms.DateField(label=_("Received on"), widget=_date_input())

    def __init__(self, *args: Any, tenant: Tenant, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tenant = tenant

    def save(self, *, user: Any) -> Any:
        data = dict(self.cleaned_data)
        data["value"] = data.get("value") or 0
        return services.equipment_create(tenant=self.tenant, **data)


class LoanForm(ServiceForm):
    """A loan application (e.g. KUR): the bank from the partner register, or another lender by name."""

    takes_user = True  # the banks offered are the partners the user sees
    bank = forms.ModelChoiceField(
        label=_("Bank"), queryset=Partner.objects.none(), required=False, empty_label=_("Not a partner bank")
    )
    bank_name = forms.CharField(
        label=_("Other lender"), max_length=120, required=False, help_text=_("Only when the bank is not listed.")
    )
    scheme = forms.CharField(label=_("Scheme"), max_length=60, initial="KUR")
    amount = _money(_("Amount (Rp)"))
    status = forms.ChoiceField(label=_("Status"), choices=LoanStatus.choices)
    applied_on = forms.DateField(label=_("Applied on"), widget=_date_input())

    def __init__(self, *args: Any, tenant: Tenant, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tenant = tenant
        self.fields["bank"].queryset = lenders(user=user)

    def save(self, *, user: Any) -> Any:
        return services.loan_create(tenant=self.tenant, **self.cleaned_data)


class GateForm(ServiceForm):
    """A new stage gate (ministry rule)."""

    to_stage = forms.ChoiceField(
        label=_("To stage"), choices=[(s, Stage(s).label) for s in (Stage.INCUBATION, Stage.POST, Stage.GRADUATED)]
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=GateKind.choices)
    licence_kind = forms.ChoiceField(label=_("Licence kind"), choices=[("", "—"), *LicenceKind.choices], required=False)
    milestone_kind = forms.ChoiceField(
        label=_("Milestone kind"), choices=[("", "—"), *MilestoneKind.choices], required=False
    )
    months = forms.IntegerField(label=_("Months"), required=False, min_value=0, max_value=24)

    def save(self, *, user: Any) -> Any:
        data = dict(self.cleaned_data)
        data["months"] = data.get("months") or 0
        return services.stage_gate_create(**data)


class IntakeForm(ServiceForm):
    """Take a person in as a tenant: found by NIK (or registered), with their business and incubator."""

    nik = forms.CharField(label=_("NIK"), max_length=24, widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    name = forms.CharField(label=_("Name"), max_length=150)
    sex = forms.ChoiceField(label=_("Sex"), choices=Person.Sex.choices)
    birth_date = forms.DateField(label=_("Date of birth"), widget=_date_input())
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    incubator = forms.ModelChoiceField(label=_("Incubator"), queryset=None, to_field_name="code")
    source_programme = forms.ChoiceField(label=_("Source programme"), choices=SourceProgramme.choices)
    joined_on = forms.DateField(label=_("Joined on"), widget=_date_input())
    business_name = forms.CharField(label=_("Business name"), max_length=200)
    sector = forms.CharField(label=_("Sector"), max_length=150)
    kbli_code = forms.CharField(label=_("KBLI code"), max_length=5, required=False)
    grant_amount = _money(_("Grant amount (Rp)"), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["incubator"].queryset = selectors.incubator_list(user=user)
        if not self.is_bound:
            self.initial.setdefault("joined_on", timezone.localdate())

    def save(self, *, user: Any) -> Tenant:
        data = self.cleaned_data
        return services.tenant_register(
            nik=data["nik"],
            name=data["name"],
            sex=data["sex"],
            birth_date=data["birth_date"],
            phone=data["phone"],
            incubator=data["incubator"],
            source_programme=data["source_programme"],
            joined_on=data["joined_on"],
            business_name=data["business_name"],
            sector=data["sector"],
            business={"kbli_code": data["kbli_code"]},
            grant_amount=data.get("grant_amount"),
            group_name=data.get("group_name", ""),  # GroupIntakeForm's field; a person's intake has none
            user=user,
        )


class GroupIntakeForm(IntakeForm):
    """Take a group (kelompok, e.g. a TKM group) in as a tenant: its name, its chair (found by NIK or
    registered), its business and the group's grant; members are added on the group's page."""

    group_name = forms.CharField(label=_("Group name"), max_length=150)

    field_order = ["group_name", "nik", "name", "sex", "birth_date", "phone"]

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        for name, label in (
            ("nik", _("Chair's NIK")),
            ("name", _("Chair's name")),
            ("birth_date", _("Chair's date of birth")),
            ("phone", _("Chair's phone")),
        ):
            self.fields[name].label = label  # fmt: skip
        self.fields["sex"].label = _("Chair's sex")
        self.fields["grant_amount"].label = _("The group's grant (Rp)")
        if not self.is_bound:
            self.initial.setdefault("source_programme", SourceProgramme.TKM_PEMULA)


class MemberForm(ServiceForm):
    """Add a member to a group: found by NIK, or registered with their name, sex and date of birth."""

    nik = forms.CharField(label=_("NIK"), max_length=24, widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    name = forms.CharField(label=_("Name"), max_length=150)
    sex = forms.ChoiceField(label=_("Sex"), choices=Person.Sex.choices)
    birth_date = forms.DateField(label=_("Date of birth"), widget=_date_input())
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)

    def __init__(self, *args: Any, tenant: Tenant, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tenant = tenant

    def save(self, *, user: Any) -> Any:
        return services.group_member_add(tenant=self.tenant, user=user, **self.cleaned_data)


class BusinessForm(ServiceForm):
    """Correct the business's details."""

    name = forms.CharField(label=_("Business name"), max_length=200)
    sector = forms.CharField(label=_("Sector"), max_length=150)
    kbli_code = forms.CharField(label=_("KBLI code"), max_length=5, required=False)
    legal_form = forms.ChoiceField(label=_("Legal form"), choices=LegalForm.choices)
    started_on = forms.DateField(label=_("Started on"), required=False, widget=_date_input())
    address = forms.CharField(label=_("Address"), max_length=255, required=False)
    workers = forms.IntegerField(label=_("Workers"), min_value=0)
    products = forms.CharField(label=_("Products"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, tenant: Tenant, **kwargs: Any) -> None:
        business = tenant.business
        kwargs.setdefault("initial", {name: getattr(business, name) for name in self.base_fields})
        super().__init__(*args, **kwargs)
        self.tenant = tenant
        self.instance = business  # the page's version check puts the locked current row here

    def save(self, *, user: Any) -> Any:
        return services.business_update(business=self.instance, **self.cleaned_data)


class AccountForm(ServiceForm):
    """Link the entrepreneur's account to their tenant record."""

    username = forms.CharField(
        label=_("Entrepreneur's username"),
        max_length=150,
        help_text=_("The username of the entrepreneur's own account (role entrepreneur)."),
    )

    def __init__(self, *args: Any, tenant: Tenant, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tenant = tenant

    def save(self, *, user: Any) -> Any:
        return services.tenant_link_account(tenant=self.tenant, username=self.cleaned_data["username"], actor=user)


class LoanStatusForm(ServiceForm):
    """Where a loan application stands now."""

    status = forms.ChoiceField(label=_("Status"), choices=LoanStatus.choices)
