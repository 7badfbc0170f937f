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

Value reconciliation: a centre code, round, indicator or assessor nothing matches is listed once
with suggestions and mapped once for the organisation (``inkubator.imports.values``). Unknown
centres, rounds and indicators fail their rows; an unknown assessor is left empty with a warning
(the round page assigns one). Understood out of the box: codes with other separators, a centre's
unique name ("BLKK …" for "BLK Komunitas …"), round names with roman numerals ("Putaran II"),
indicator codes in any case or spacing or the question written out, a facilitator's full name or
e-mail, checklist ticks and everyday yes/no words ("Lengkap", "Belum lengkap"). A yes/no word the
sheet invents ("Tidak sesuai") is offered for mapping to Ya or Tidak (Tidak first after a negation).
"""

from __future__ import annotations

import re
from collections import defaultdict
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
from inkubator.centres.lookup import CentreFinder
from inkubator.centres.models import Centre
from inkubator.core.roles import Role
from inkubator.imports.cells import as_text, choice_key, text_of_length
from inkubator.imports.mapping import Column, ImportSpec
from inkubator.imports.suggest import Suggester, likeness
from inkubator.imports.validation import Action, ParsedRow, RowResult

# Roman numerals as separate words, as round names are often written ("Putaran II 2026").
ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5", "vi": "6", "vii": "7", "viii": "8", "ix": "9", "x": "10"}
YES = {"ya", "y", "yes", "ada", "sudah", "1", "true", "benar", "iya", "lengkap", "memenuhi", "terpenuhi", "punya"}
NO = {"tidak", "t", "no", "n", "belum", "tidakada", "0", "false", "salah", "tdk", "blm", "belumada", "tidaklengkap",
      "tidakmemenuhi", "tidakpunya", "belumlengkap", "kuranglengkap"}  # fmt: skip
# Words that turn an answer into a no: "Tidak sesuai", "Belum dibuat", "Kurang memadai".
NEGATIONS = {"tidak", "tdk", "belum", "blm", "bukan", "kurang", "no", "not"}
# Ticks and crosses of a checklist sheet: no letters or digits in them, so they could not be mapped either.
TICKS = {"\u2713": "ya", "\u2714": "ya", "\u221a": "ya", "\u2611": "ya", "\u2717": "tidak", "\u2718": "tidak"}


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
    key = TICKS.get(as_text(value)) or choice_key(value)
    if key in YES or key in NO:
        return key
    raise ValidationError(
        _('"%(value)s" is neither a whole number nor Ya/Tidak.') % {"value": as_text(value)}, code="number"
    )


def yes_no_suggestions(text: str) -> list[str]:
    """Ya and Tidak: Tidak first for a phrase with a negation in it, else the one whose words are likest ``text``."""
    if NEGATIONS & set(re.findall(r"[a-z]+", text.lower())):
        return ["Tidak", "Ya"]
    scores = {answer: max(likeness(text, word) for word in words) for answer, words in (("Ya", YES), ("Tidak", NO))}
    return sorted(scores, key=lambda answer: -scores[answer])


def round_key(name: Any) -> str:
    """How a round's name is compared: roman numerals as digits, then letters and digits only."""
    words = re.findall(r"[a-z0-9]+", as_text(name).lower())
    return "".join(ROMAN.get(word, word) for word in words)


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
    """Validates answer rows against rounds, instruments and the user's centres, and writes them.

    Centre codes, rounds, indicator codes and assessors a sheet names but nothing matches are offered
    for mapping (value reconciliation) with suggestions among what the user may see: their centres
    (``visible_to``), the rounds they see, the round's own indicators, the facilitators of their scope.
    """

    spec = ASSESSMENT_SPEC

    def __init__(self, *, user: Any = None) -> None:
        self.user = user
        self.centres = CentreFinder(user=user)
        # Any round is found by its name (a coordinator adds their centres to a round that has none of
        # them yet); only the rounds the user sees are offered for a name that finds none.
        self.rounds: dict[str, list[Round]] = defaultdict(list)
        for found in Round.objects.all():
            self.rounds[round_key(found.name)].append(found)
        visible = Round.objects.all() if user is None else Round.objects.visible_to(user)
        # Open rounds first: of two names as like the value, the one a sheet can still go into.
        rounds = sorted(
            visible.values_list("status", "name"), key=lambda pair: (pair[0] == RoundStatus.CLOSED, pair[1])
        )
        self.round_suggester = Suggester((name, name) for _status, name in rounds)
        self.indicators: dict[tuple[int, str], list[Indicator]] = defaultdict(list)
        entries: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for indicator in Indicator.objects.select_related("dimension").order_by("dimension__order", "order", "pk"):
            instrument = indicator.dimension.instrument_id
            # By code ("gov-decree", "GOV DECREE"), or by its question written out in full.
            for key in {choice_key(indicator.code), choice_key(indicator.question)}:
                self.indicators[(instrument, key)].append(indicator)
            entries[instrument] += [(indicator.code, indicator.code), (indicator.code, indicator.question)]
        self.indicator_suggesters = {instrument: Suggester(known) for instrument, known in entries.items()}
        self.assessments = {
            (a["round_id"], a["centre_id"]): a
            for a in Assessment.objects.values("pk", "round_id", "centre_id", "status")
        }
        self.answers = {
            (a["assessment_id"], a["indicator_id"]): (a["value"], a["note"])
            for a in Answer.objects.values("assessment_id", "indicator_id", "value", "note")
        }
        # Assessors: active facilitators of the user's scope (what the round page lets them choose),
        # by user name, e-mail or full name.
        facilitators = User.objects.all() if user is None else User.objects.visible_to(user)
        self.assessors: dict[str, set[int]] = defaultdict(set)
        known: list[tuple[str, str]] = []
        for pk, username, email, first, last in facilitators.filter(role=Role.FACILITATOR, is_active=True).values_list(
            "pk", "username", "email", "first_name", "last_name"
        ):
            texts = {username, email, f"{first} {last}"}
            for key in {choice_key(text) for text in texts} - {""}:
                self.assessors[key].add(pk)
            known += [(username, text) for text in texts]
        self.assessor_suggester = Suggester(known)
        self._seen: dict[tuple[int, int, int], int] = {}

    def validate_row(self, row: ParsedRow) -> RowResult:
        """Check one answer row and plan its write."""
        label = row.get("centre", "")
        centre_pk = self._centre(row)
        the_round = self._round(row)
        if the_round is not None and the_round.status == RoundStatus.CLOSED:
            row.error("round", _("The round %(name)s is closed.") % {"name": the_round.name}, code="closed")
        indicator = self._indicator(row, the_round) if the_round is not None and row.has("indicator") else None
        value = self._value(row, indicator) if indicator is not None and row.has("value") else None
        written = as_text(row.written.get("value") or "")
        if not row.has("value") and re.search(r"[^\W\d_]", written):
            # A word that is not a known yes or no ("Lengkap sebagian"): mapped once to Ya or Tidak. A number
            # that is not whole is not offered: the cell is wrong, not a variant of a word.
            row.unresolved("value", written, yes_no_suggestions(written))
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

    def _centre(self, row: ParsedRow) -> int | None:
        if not row.has("centre"):
            return None
        text = as_text(row.get("centre"))
        pk = self.centres.find(text)
        if pk is None:
            row.error(
                "centre",
                _("No centre with registration code %(code)s in the regions you may import for.") % {"code": text},
                code="unknown_centre",
            )
            written = as_text(row.written["centre"])  # offered as the file writes it, so that mapping it takes
            row.unresolved("centre", written, self.centres.suggestions(written))
        return pk

    def _round(self, row: ParsedRow) -> Round | None:
        if not row.has("round"):
            return None
        text = as_text(row.get("round"))
        found = self.rounds.get(round_key(text), [])
        if len(found) == 1:
            return found[0]
        row.error("round", _('There is no round named "%(name)s".') % {"name": text}, code="unknown_round")
        written = as_text(row.written["round"])
        row.unresolved("round", written, self.round_suggester(written))
        return None

    def _indicator(self, row: ParsedRow, the_round: Round) -> Indicator | None:
        text = as_text(row.get("indicator"))
        found = self.indicators.get((the_round.instrument_id, choice_key(text)), [])
        if len(found) == 1:
            return found[0]
        row.error(
            "indicator",
            _("%(code)s is not an indicator of the instrument of round %(round)s.")
            % {"code": text, "round": the_round.name},
            code="unknown_indicator",
        )
        suggester = self.indicator_suggesters.get(the_round.instrument_id)
        written = as_text(row.written["indicator"])
        row.unresolved("indicator", written, suggester(written) if suggester else [])
        return None

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
        """The facilitator named for a centre new to the round: a detail, assigned on the round page if unknown."""
        if not row.has("assessor"):
            return None
        text = as_text(row.get("assessor"))
        found = self.assessors.get(choice_key(text), set())
        if len(found) == 1:
            return next(iter(found))
        message = _('"%(name)s" is not the user name of a facilitator.') % {"name": text}
        left_empty = _("Left empty: choose the assessor on the round page.")
        row.warn("assessor", f"{message} {left_empty}", code="unknown_assessor")
        written = as_text(row.written["assessor"])
        row.unresolved("assessor", written, self.assessor_suggester(written))
        return None

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
