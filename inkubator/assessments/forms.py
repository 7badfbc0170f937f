"""Forms of the assessments app. They check input; views hand ``cleaned_data`` to ``services``."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from inkubator.accounts.models import User
from inkubator.centres.choices import HostKind, MentoringFocus
from inkubator.centres.forms_mapping import BootstrapMixin
from inkubator.core.roles import Role
from inkubator.core.uploads import validate_document
from inkubator.regions.models import Province

from .choices import SelectionMethod
from .models import ClusterLevel, Dimension, Indicator, Round

NUMERIC = {"inputmode": "decimal"}


def _weight_field(label: str, initial: Decimal) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        initial=initial,
        max_digits=5,
        decimal_places=2,
        min_value=Decimal("0.01"),
        widget=forms.NumberInput(attrs={**NUMERIC, "step": "0.01"}),
    )


def _score_field(label: str, initial: Decimal) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        initial=initial,
        max_digits=5,
        decimal_places=2,
        min_value=0,
        max_value=100,
        widget=forms.NumberInput(attrs={**NUMERIC, "step": "0.01"}),
    )


class InstrumentEditForm(BootstrapMixin, forms.Form):
    """A draft version's weights, questions, evidence rules, cluster names and thresholds, and gates, on one page."""

    def __init__(self, *args: Any, dimensions: list[Dimension], levels: list[ClusterLevel], **kwargs: Any) -> None:
        self.dimensions, self.levels = dimensions, levels
        fields: dict[str, forms.Field] = {}
        for dimension in dimensions:
            fields[f"dim-{dimension.pk}-weight"] = _weight_field(_("Weight"), dimension.weight)
            for indicator in dimension.indicators.all():
                fields[f"ind-{indicator.pk}-question"] = forms.CharField(
                    label=_("Question"), max_length=300, initial=indicator.question
                )
                fields[f"ind-{indicator.pk}-weight"] = _weight_field(_("Weight"), indicator.weight)
                fields[f"ind-{indicator.pk}-evidence"] = forms.BooleanField(
                    label=_("Evidence required"), required=False, initial=indicator.evidence_required
                )
        for level in levels:
            fields[f"lvl-{level.pk}-code"] = forms.SlugField(label=_("Code"), max_length=20, initial=level.code)
            fields[f"lvl-{level.pk}-label"] = forms.CharField(label=_("Name"), max_length=60, initial=level.label)
            fields[f"lvl-{level.pk}-min_total"] = _score_field(_("Minimum total score"), level.min_total)
            fields[f"lvl-{level.pk}-focus"] = forms.ChoiceField(
                label=_("Mentoring focus"), choices=MentoringFocus.choices, initial=level.mentoring_focus
            )
            for gate in level.gates.all():
                fields[f"gate-{gate.pk}-min"] = _score_field(
                    _("Minimum %(dimension)s score") % {"dimension": gettext(gate.dimension.name)}, gate.min_score
                )
        super().__init__(*args, **kwargs)
        self.fields.update(fields)
        # BootstrapMixin styled the (empty) declared fields only: style the dynamic ones too.
        for field in self.fields.values():
            css = (
                "form-check-input"
                if isinstance(field.widget, forms.CheckboxInput)
                else ("form-select" if isinstance(field.widget, forms.Select) else "form-control")
            )
            field.widget.attrs.setdefault("class", css)

    def changes(self) -> dict[str, dict[int, dict[str, Any]]]:
        """What changed, by kind and primary key: ``{"dimension": {pk: {"weight": …}}, …}``."""
        data = self.cleaned_data
        out: dict[str, dict[int, dict[str, Any]]] = {"dimension": {}, "indicator": {}, "level": {}, "gate": {}}
        for dimension in self.dimensions:
            if data[f"dim-{dimension.pk}-weight"] != dimension.weight:
                out["dimension"][dimension.pk] = {"weight": data[f"dim-{dimension.pk}-weight"]}
            for indicator in dimension.indicators.all():
                wanted = {
                    "question": data[f"ind-{indicator.pk}-question"],
                    "weight": data[f"ind-{indicator.pk}-weight"],
                    "evidence_required": data[f"ind-{indicator.pk}-evidence"],
                }
                diff = {k: v for k, v in wanted.items() if getattr(indicator, k) != v}
                if diff:
                    out["indicator"][indicator.pk] = diff
        for level in self.levels:
            wanted = {
                "code": data[f"lvl-{level.pk}-code"],
                "label": data[f"lvl-{level.pk}-label"],
                "min_total": data[f"lvl-{level.pk}-min_total"],
                "mentoring_focus": data[f"lvl-{level.pk}-focus"],
            }
            diff = {k: v for k, v in wanted.items() if getattr(level, k) != v}
            if diff:
                out["level"][level.pk] = diff
            for gate in level.gates.all():
                if data[f"gate-{gate.pk}-min"] != gate.min_score:
                    out["gate"][gate.pk] = {"min_score": data[f"gate-{gate.pk}-min"]}
        return out


class IndicatorAddForm(BootstrapMixin, forms.ModelForm):
    """Add a question to a dimension of a draft version."""

    class Meta:
        model = Indicator
        fields = ["dimension", "code", "question", "kind", "scale_min", "scale_max", "weight", "evidence_required"]
        widgets = {
            "scale_min": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "scale_max": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "weight": forms.NumberInput(attrs={**NUMERIC, "step": "0.01"}),
        }

    def __init__(self, *args: Any, dimensions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["dimension"].queryset = dimensions
        self.fields["dimension"].label_from_instance = lambda d: gettext(d.name)

    def validate_unique(self) -> None:
        # The service validates the whole indicator (code unique in its dimension) with full_clean().
        return None


class RoundForm(BootstrapMixin, forms.ModelForm):
    """Prepare a round: its name, period and published instrument version."""

    class Meta:
        model = Round
        fields = ["name", "period_start", "period_end", "instrument"]
        widgets = {
            "period_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "period_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args: Any, instruments: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["instrument"].queryset = instruments


class AssignForm(BootstrapMixin, forms.Form):
    """Put the centres of a province (or all) in a round with one assessor."""

    province = forms.ModelChoiceField(
        label=_("Province"), queryset=Province.objects.order_by("name"), required=False, empty_label=_("All provinces")
    )
    assessor = forms.ModelChoiceField(label=_("Assessor"), queryset=User.objects.none())
    only_new = forms.BooleanField(label=_("Only centres not yet in the round"), required=False, initial=True)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        accounts = User.objects.visible_to(user)
        self.fields["assessor"].queryset = accounts.filter(role=Role.FACILITATOR, is_active=True).order_by("username")


class CommentForm(BootstrapMixin, forms.Form):
    """The verifier's comment: optional when verifying, required when returning."""

    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class EvidenceForm(BootstrapMixin, forms.Form):
    """A PDF, JPG or PNG of at most 10 MB for one indicator."""

    indicator = forms.ModelChoiceField(label=_("Indicator"), queryset=Indicator.objects.none())
    file = forms.FileField(
        label=_("File"),
        validators=[validate_document],
        widget=forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )

    def __init__(self, *args: Any, indicators: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = indicators
        # Questions of the default instrument are msgids: show them in the user's language.
        # The question, not its code: the code is the instrument's key, not something an assessor reads.
        self.fields["indicator"].label_from_instance = lambda i: gettext(i.question)


class SelectionForm(BootstrapMixin, forms.Form):
    """The ministry's constraints, the ranking method and the dimension weights of a selection."""

    count = forms.IntegerField(label=_("Centres to select"), min_value=1, max_value=5000, initial=100)
    min_cluster = forms.ChoiceField(label=_("Minimum cluster"), required=False)
    max_per_province = forms.IntegerField(
        label=_("Maximum per province"), min_value=1, required=False, help_text=_("Empty: no maximum.")
    )
    method = forms.ChoiceField(label=_("Ranking method"), choices=SelectionMethod.choices)
    note = forms.CharField(label=_("Decision note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, levels: list[ClusterLevel], dimensions: list[Dimension], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["min_cluster"].choices = [("", _("Any cluster")), *((lvl.code, lvl.label) for lvl in levels)]
        self.levels = {level.code: level.rank for level in levels}
        for kind, label in HostKind.choices:
            self.fields[f"host_{kind}"] = forms.IntegerField(
                label=_("Minimum from: %(type)s") % {"type": label},
                min_value=0,
                required=False,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )
        self.dimension_codes = [d.code for d in dimensions]
        for dimension in dimensions:
            self.fields[f"weight_{dimension.code}"] = forms.FloatField(
                label=_("Weight: %(dimension)s") % {"dimension": gettext(dimension.name)},
                initial=float(dimension.weight),
                validators=[MinValueValidator(0.0), MaxValueValidator(100.0)],
                widget=forms.NumberInput(attrs={**NUMERIC, "step": "0.1"}),
            )
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        weights = {code: data.get(f"weight_{code}") for code in self.dimension_codes}
        if all(w is not None for w in weights.values()) and sum(weights.values()) <= 0:
            raise forms.ValidationError(_("At least one dimension needs a weight above zero."))
        minimums = sum(data.get(f"host_{kind}") or 0 for kind in HostKind.values)
        if data.get("count") and minimums > data["count"]:
            raise forms.ValidationError(_("The minimums per host type add up to more than the centres to select."))
        return data

    def weights(self) -> dict[str, float]:
        return {code: self.cleaned_data[f"weight_{code}"] for code in self.dimension_codes}

    def min_per_host(self) -> dict[str, int]:
        return {
            kind: self.cleaned_data[f"host_{kind}"] for kind in HostKind.values if self.cleaned_data.get(f"host_{kind}")
        }

    def min_cluster_rank(self) -> int | None:
        code = self.cleaned_data.get("min_cluster")
        return self.levels.get(code) if code else None


def _bound(form: forms.Form, prefix: str) -> list[forms.BoundField]:
    return [form[name] for name in form.fields if name.startswith(prefix)]


def instrument_edit_layout(form: InstrumentEditForm) -> dict[str, list]:
    """The edit form's bound fields grouped as the page shows them: by cluster, and by dimension and indicator."""
    return {
        "levels": [
            (
                level,
                _bound(form, f"lvl-{level.pk}-"),
                [field for gate in level.gates.all() for field in _bound(form, f"gate-{gate.pk}-")],
            )
            for level in form.levels
        ],
        "dimensions": [
            (
                dimension,
                _bound(form, f"dim-{dimension.pk}-"),
                [(indicator, _bound(form, f"ind-{indicator.pk}-")) for indicator in dimension.indicators.all()],
            )
            for dimension in form.dimensions
        ],
    }
