"""Entering, submitting, verifying and returning an assessment; evidence checks; the centre's cluster."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from inkubator.assessments import services
from inkubator.assessments.models import Assessment, Indicator
from inkubator.core.roles import Role
from tests.assessments.factories import assigned, bottom, fill, middle, open_round, pdf, top, verified
from tests.factories import CentreFactory, make_user

pytestmark = pytest.mark.django_db


def test_answers_save_one_by_one_and_the_assessment_becomes_a_draft() -> None:
    assessment = assigned(open_round(), CentreFactory())
    indicator = Indicator.objects.filter(dimension__instrument=assessment.round.instrument).first()
    services.assessment_answer_set(assessment=assessment, indicator=indicator, value=1, note="ada SK")
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.DRAFT
    assert assessment.answers.get().note == "ada SK"
    services.assessment_answer_set(assessment=assessment, indicator=indicator, value=None)
    assert not assessment.answers.exists()


def test_an_answer_outside_the_scale_is_refused_with_the_range() -> None:
    assessment = assigned(open_round(), CentreFactory())
    scale = Indicator.objects.filter(dimension__instrument=assessment.round.instrument, kind="scale").first()
    with pytest.raises(ValidationError, match="Isi nilai dari 1 sampai 5") as caught:
        services.assessment_answer_set(assessment=assessment, indicator=scale, value=9)
    assert "1" in caught.value.message_dict["value"][0] and "5" in caught.value.message_dict["value"][0]


def test_submit_needs_every_answer_and_the_required_evidence() -> None:
    assessment = assigned(open_round(), CentreFactory())
    with pytest.raises(ValidationError, match="belum dijawab") as caught:
        services.assessment_submit(assessment=assessment)
    assert len(caught.value.messages) == 35
    fill(assessment, top, evidence=False)
    with pytest.raises(ValidationError, match="memerlukan berkas bukti dukung") as caught:
        services.assessment_submit(assessment=assessment)
    assert any("gov-decree" in message for message in caught.value.messages)
    # The lowest answer claims nothing, so it needs no evidence.
    fill(assessment, bottom, evidence=False)
    submitted = services.assessment_submit(assessment=assessment)
    assert submitted.status == Assessment.Status.SUBMITTED
    assert submitted.cluster_code == "binaan" and submitted.total_score == 0


def test_evidence_type_and_content_are_checked() -> None:
    assessment = assigned(open_round(), CentreFactory())
    indicator = Indicator.objects.filter(dimension__instrument=assessment.round.instrument).first()
    fake = SimpleUploadedFile("bukti.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError, match="Isi berkas bukan PDF"):
        services.evidence_add(assessment=assessment, indicator=indicator, file=fake, user=assessment.assessor)
    exe = SimpleUploadedFile("bukti.exe", b"MZ", content_type="application/octet-stream")
    with pytest.raises(ValidationError, match="Unggah berkas PDF, JPG, atau PNG"):
        services.evidence_add(assessment=assessment, indicator=indicator, file=exe, user=assessment.assessor)
    services.evidence_add(assessment=assessment, indicator=indicator, file=pdf(), user=assessment.assessor)
    assert assessment.evidence.count() == 1


def test_a_submitted_assessment_is_locked_until_returned() -> None:
    assessment = fill(assigned(open_round(), CentreFactory()), middle)
    services.assessment_submit(assessment=assessment)
    indicator = Indicator.objects.filter(dimension__instrument=assessment.round.instrument).first()
    with pytest.raises(ValidationError, match="sudah diajukan dan tidak dapat diubah"):
        services.assessment_answer_set(assessment=assessment, indicator=indicator, value=1)
    coordinator = make_user(Role.REGIONAL_COORDINATOR, provinces=["32"])
    with pytest.raises(ValidationError, match="Sebutkan apa yang harus diperbaiki asesor"):
        services.assessment_return(assessment=assessment, user=coordinator, comment="  ")
    services.assessment_return(assessment=assessment, user=coordinator, comment="Lampirkan SK pengelola.")
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.RETURNED and assessment.comment == "Lampirkan SK pengelola."
    services.assessment_answer_set(assessment=assessment, indicator=indicator, value=1)
    services.assessment_submit(assessment=assessment)


def test_verifying_sets_the_centres_cluster_from_the_latest_round() -> None:
    centre = CentreFactory()
    recent = verified(open_round(name="Putaran 2026"), centre, top)
    centre.refresh_from_db()
    assert recent.cluster_code == "mandiri" and centre.cluster == "mandiri"
    assert recent.explanation["target"] is None
    # An older round verified later does not overwrite the newer cluster.
    older = services.round_create(
        name="Putaran 2024",
        period_start=recent.round.period_start.replace(year=2024),
        period_end=recent.round.period_end.replace(year=2024),
        instrument=recent.round.instrument,
    )
    services.round_advance(round=older)
    verified(older, centre, bottom)
    centre.refresh_from_db()
    assert centre.cluster == "mandiri"


def test_the_stored_explanation_applied_moves_the_centre_up() -> None:
    from inkubator.assessments import scoring
    from inkubator.assessments.selectors import instrument_spec
    from inkubator.assessments.services import assessment_answers

    assessment = verified(open_round(), CentreFactory(), middle)
    assert assessment.cluster_code == "berdaya"
    explanation = assessment.explanation
    assert explanation["target"] == "mandiri" and explanation["raises"]
    spec = instrument_spec(assessment.round.instrument)
    answers = assessment_answers(assessment)
    improved = dict(answers, **{r["indicator"]: r["to"] for r in explanation["raises"]})
    assert scoring.cluster(spec, scoring.score(spec, improved)).code == "mandiri"
    # And one indicator fewer is never enough (minimal set).
    for skipped in explanation["raises"]:
        partial = dict(improved, **{skipped["indicator"]: skipped["current"]})
        assert scoring.cluster(spec, scoring.score(spec, partial)).code != "mandiri"


def test_only_a_facilitator_can_be_the_assessor_and_a_closed_round_takes_nobody() -> None:
    the_round = open_round()
    with pytest.raises(ValidationError, match="Pengelola BLKK mengelola tepat satu BLK Komunitas"):
        services.round_assign(round=the_round, centres=[CentreFactory()], assessor=make_user(Role.CENTRE_MANAGER))
    services.round_advance(round=the_round)
    with pytest.raises(ValidationError, match="Putaran sudah ditutup"):
        services.round_assign(round=the_round, centres=[CentreFactory()], assessor=make_user(Role.FACILITATOR))
