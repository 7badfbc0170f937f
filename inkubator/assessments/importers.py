"""The assessment import: the score sheets assessor teams keep (XLSX or CSV), one answer per row.

Assessor teams keep a long sheet, one row per centre and indicator, because the instrument's
indicators change between versions while the sheet's columns do not:

=================  ===========================================  ==========
Header             Meaning                                      Required
=================  ===========================================  ==========
Kode BLK           the centre's registration code               yes
Putaran            the round's name, as in Inkubator            yes
Kode Indikator     the indicator's code (e.g. ``gov-decree``)   yes
Nilai              the value: a number on the indicator's       yes
                   scale, or Ya/Tidak for a yes/no indicator
Catatan            the assessor's note                          no
Asesor             the assessor's user name (new centres only)  no
=================  ===========================================  ==========

A row creates the answer, updates it (another value or note) or leaves it unchanged. A centre not
yet in the round is added to it (with the named assessor, who must be a facilitator). Rows of a
round that is closed, of an assessment already submitted or verified, of an indicator outside the
round's instrument version, or repeating a centre and indicator, are errors. Imported assessments
stay drafts: evidence files are attached and the assessment submitted in the application, so that
the coordinator verifies what every other assessment goes through. Every write goes through
``inkubator.assessments.services``. The importing user only reaches centres in their scope; the
system (command line without ``--user``) reaches every centre.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inkubator.accounts.models import User
from inkubator.assessments.choices import IndicatorKind, RoundStatus
from inkubator.assessments.models import Answer, Assessment, Indicator, Round
from inkubator.assessments.services import assessment_answer_set, round_assign
from inkubator.centres.models import Centre
from inkubator.core.roles import Role
from inkubator.imports.cells import as_text, choice_key, text_of_length
from inkubator.imports.mapping import Column, ImportSpec
from inkubator.imports.validation import Action, ParsedRow, RowResult

YES = {"ya", "y", "yes", "ada", "sudah", "1", "true", "benar"}
NO = {"tidak", "t", "no", "n", "belum", "tidakada", "0", "false", "salah"}


def parse_value(value: Any) -> int | str:
    """A whole number, or a yes/no word kept as text until the indicator is known."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float):
        if float(value).is_integer():
            return int(value)
        raise ValidationError(_('"%(value)s" is not a whole number.') % {"value": as_text(value)}, code="number")
    try:
        return int(as_text(value))
    except ValueError:
        pass
    key = choice_key(value)
    if key in YES or key in NO:
        return key
    raise ValidationError(
        _('"%(value)s" is neither a whole number nor Ya/Tidak.') % {"value": as_text(value)}, code="number"
    )


ASSESSMENT_SPEC = ImportSpec(
    kind="assessments",
    label=gettext_lazy("Assessment scores"),
    columns=(
        Column(
            "centre",
            gettext_lazy("Registration code"),
            ("Kode BLK", "Kode BLKK", "Kode Registrasi", "Kode BLK Komunitas", "Kode"),
            required=True,
            parser=text_of_length(32),
        ),
        Column("round", gettext_lazy("Round"), ("Putaran", "Putaran Asesmen", "Periode", "Round"), required=True),
        Column(
            "indicator",
            gettext_lazy("Indicator code"),
            ("Kode Indikator", "Indikator", "Kode Pertanyaan"),
            required=True,
            parser=text_of_length(40),
        ),
        Column("value", gettext_lazy("Value"), ("Nilai", "Skor", "Jawaban"), required=True, parser=parse_value),
        Column("note", gettext_lazy("Note"), ("Catatan", "Keterangan"), parser=text_of_length(500)),
        Column("assessor", gettext_lazy("Assessor"), ("Asesor", "Nama Pengguna Asesor", "Username Asesor")),
    ),
)


@dataclass
class AnswerPlan:
    """What committing one row does."""

    round_pk: int
    centre_pk: int
    indicator_pk: int
    value: int
    note: str
    assessor_pk: int | None


class AssessmentImporter:
    """Validates answer rows against rounds, instruments and the user's centres, and writes them."""

    spec = ASSESSMENT_SPEC

    def __init__(self, *, user: Any = None) -> None:
        self.user = user
        centres = Centre.objects.all() if user is None else Centre.objects.visible_to(user)
        self.centres = {code.casefold(): pk for pk, code in centres.values_list("pk", "code")}
        self.rounds = {r.name.casefold(): r for r in Round.objects.all()}
        self.indicators: dict[tuple[int, str], Indicator] = {
            (i.dimension.instrument_id, i.code.casefold()): i for i in Indicator.objects.select_related("dimension")
        }
        self.assessments = {
            (a["round_id"], a["centre_id"]): a
            for a in Assessment.objects.values("pk", "round_id", "centre_id", "status")
        }
        self.answers = {
            (a["assessment_id"], a["indicator_id"]): (a["value"], a["note"])
            for a in Answer.objects.values("assessment_id", "indicator_id", "value", "note")
        }
        self.assessors = {
            u.casefold(): pk for pk, u in User.objects.filter(role=Role.FACILITATOR).values_list("pk", "username")
        }
        self._seen: dict[tuple[int, int, int], int] = {}

    def validate_row(self, row: ParsedRow) -> RowResult:
        """Check one answer row and plan its write."""
        label = row.get("centre", "")
        centre_pk = self.centres.get(row.get("centre", "").casefold()) if row.has("centre") else None
        if row.has("centre") and centre_pk is None:
            row.error(
                "centre",
                _("No centre with registration code %(code)s in the regions you may import for.")
                % {"code": row.get("centre")},
                code="unknown_centre",
            )
        the_round = self.rounds.get(as_text(row.get("round", "")).casefold()) if row.has("round") else None
        if row.has("round") and the_round is None:
            row.error(
                "round", _('There is no round named "%(name)s".') % {"name": row.get("round")}, code="unknown_round"
            )
        elif the_round is not None and the_round.status == RoundStatus.CLOSED:
            row.error("round", _("The round %(name)s is closed.") % {"name": the_round.name}, code="closed")
        indicator = None
        if the_round is not None and row.has("indicator"):
            indicator = self.indicators.get((the_round.instrument_id, row.get("indicator").casefold()))
            if indicator is None:
                row.error(
                    "indicator",
                    _("%(code)s is not an indicator of the instrument of round %(round)s.")
                    % {"code": row.get("indicator"), "round": the_round.name},
                    code="unknown_indicator",
                )
        value = self._value(row, indicator) if indicator is not None and row.has("value") else None
        assessor_pk = self._assessor(row)
        if row.errors or centre_pk is None or the_round is None or indicator is None or value is None:
            return RowResult(row.number, Action.ERROR, label=label)
        key = (the_round.pk, centre_pk, indicator.pk)
        if key in self._seen:
            row.error(
                "indicator",
                _("Row %(row)s already gives this centre's answer to this indicator.") % {"row": self._seen[key]},
                code="duplicate",
            )
            return RowResult(row.number, Action.ERROR, label=label)
        self._seen[key] = row.number
        existing = self.assessments.get((the_round.pk, centre_pk))
        if existing is not None and existing["status"] in ("submitted", "verified"):
            row.error(
                "centre",
                _("The centre's assessment in this round is already submitted: it can no longer change."),
                code="locked",
            )
            return RowResult(row.number, Action.ERROR, label=label)
        note = row.get("note", "")
        before = self.answers.get((existing["pk"], indicator.pk)) if existing else None
        action = Action.CREATE if before is None else Action.UNCHANGED if before == (value, note) else Action.UPDATE
        plan = AnswerPlan(the_round.pk, centre_pk, indicator.pk, value, note, assessor_pk)
        return RowResult(row.number, action, plan=plan, label=label)

    def _value(self, row: ParsedRow, indicator: Indicator) -> int | None:
        raw = row.get("value")
        if isinstance(raw, str):
            if indicator.kind != IndicatorKind.YES_NO:
                row.error("value", _("%(code)s takes a number, not Ya/Tidak.") % {"code": indicator.code}, code="kind")
                return None
            raw = 1 if raw in YES else 0
        if not indicator.scale_min <= raw <= indicator.scale_max:
            row.error(
                "value",
                _("%(value)s is outside the scale of %(code)s (%(low)s to %(high)s).")
                % {"value": raw, "code": indicator.code, "low": indicator.scale_min, "high": indicator.scale_max},
                code="range",
            )
            return None
        return raw

    def _assessor(self, row: ParsedRow) -> int | None:
        if not row.has("assessor"):
            return None
        pk = self.assessors.get(as_text(row.get("assessor")).casefold())
        if pk is None:
            row.error(
                "assessor",
                _('"%(name)s" is not the user name of a facilitator.') % {"name": as_text(row.get("assessor"))},
                code="unknown_assessor",
            )
        return pk

    def commit(self, results: Sequence[RowResult]) -> dict[str, int]:
        """Write the answers through the assessment services (inside the caller's transaction)."""
        plans: list[AnswerPlan] = [r.plan for r in results if r.plan is not None]
        counts = dict.fromkeys((Action.CREATE, Action.UPDATE, Action.UNCHANGED), 0)
        rounds = Round.objects.select_related("instrument").in_bulk({p.round_pk for p in plans})
        centres = Centre.objects.in_bulk({p.centre_pk for p in plans})
        indicators = Indicator.objects.select_related("dimension__instrument").in_bulk({p.indicator_pk for p in plans})
        assessors = User.objects.in_bulk({p.assessor_pk for p in plans if p.assessor_pk})
        assessments: dict[tuple[int, int], Assessment] = {}
        for result in results:
            plan = result.plan
            if plan is None:
                continue
            counts[result.action] += 1
            if result.action == Action.UNCHANGED:
                continue
            key = (plan.round_pk, plan.centre_pk)
            assessment = assessments.get(key)
            if assessment is None:
                assessment = (
                    Assessment.objects.select_related("round__instrument")
                    .filter(round_id=plan.round_pk, centre_id=plan.centre_pk)
                    .first()
                )
                if assessment is None:
                    round_assign(
                        round=rounds[plan.round_pk],
                        centres=[centres[plan.centre_pk]],
                        assessor=assessors.get(plan.assessor_pk),
                    )
                    assessment = Assessment.objects.select_related("round__instrument").get(
                        round_id=plan.round_pk, centre_id=plan.centre_pk
                    )
                assessments[key] = assessment
            assessment_answer_set(
                assessment=assessment, indicator=indicators[plan.indicator_pk], value=plan.value, note=plan.note
            )
        return {str(key): value for key, value in counts.items()}
