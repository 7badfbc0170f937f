"""A published instrument cannot change; editing makes a new draft version; old results keep their version."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from inkubator.assessments import services
from inkubator.assessments.models import ClusterLevel, Dimension, Gate, Indicator, Instrument
from tests.assessments.factories import default_instrument, middle, open_round, verified
from tests.factories import CentreFactory

pytestmark = pytest.mark.django_db


def test_the_default_instrument_covers_seven_dimensions_and_the_three_clusters() -> None:
    instrument = default_instrument()
    assert instrument.status == Instrument.Status.PUBLISHED
    codes = list(instrument.dimensions.values_list("code", flat=True))
    assert codes == ["governance", "people", "facilities", "training", "partnerships", "finances", "incubation"]
    assert Indicator.objects.filter(dimension__instrument=instrument).count() == 35
    levels = list(instrument.cluster_levels.values_list("code", "mentoring_focus"))
    assert levels == [("binaan", "people_assets"), ("berdaya", "management"), ("mandiri", "incubator")]
    assert Gate.objects.filter(level__instrument=instrument, dimension__code="governance").exists()


def test_every_part_of_a_published_version_refuses_changes() -> None:
    instrument = default_instrument()
    dimension = instrument.dimensions.first()
    indicator = dimension.indicators.first()
    level = instrument.cluster_levels.last()
    attempts = [
        lambda: services.instrument_update(instrument=instrument, description="baru"),
        lambda: services.dimension_update(dimension=dimension, weight=Decimal("3")),
        lambda: services.dimension_create(instrument=instrument, code="baru", name="Baru"),
        lambda: services.indicator_update(indicator=indicator, question="Pertanyaan lain"),
        lambda: services.indicator_create(dimension=dimension, code="baru", question="?"),
        lambda: services.cluster_level_update(level=level, min_total=Decimal("10")),
        lambda: services.gate_set(level=level, dimension=dimension, min_score=Decimal("1")),
        lambda: services.instrument_publish(instrument=instrument),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError, match="sudah terbit dan tidak dapat diubah") as caught:
            attempt()
        assert caught.value.code == "published"
    dimension.refresh_from_db()
    assert dimension.weight == Decimal("1.50")


def test_a_new_version_is_an_editable_copy_and_can_carry_another_scheme() -> None:
    v1 = default_instrument()
    v2 = services.instrument_new_version(instrument=v1)
    assert (v2.name, v2.version, v2.status, v2.based_on) == (v1.name, 2, "draft", v1)
    assert Indicator.objects.filter(dimension__instrument=v2).count() == 35
    assert Gate.objects.filter(level__instrument=v2).count() == Gate.objects.filter(level__instrument=v1).count()
    # The 2023 status tiers as a scheme: tumbuh / berkembang / mandiri, with no new code.
    for level, (code, label) in zip(
        v2.cluster_levels.order_by("rank"),
        [("tumbuh", "Tumbuh"), ("berkembang", "Berkembang")],
        strict=False,
    ):
        services.cluster_level_update(level=level, code=code, label=label)
    services.instrument_publish(instrument=v2)
    assert list(ClusterLevel.objects.filter(instrument=v2).values_list("code", flat=True)) == [
        "tumbuh",
        "berkembang",
        "mandiri",
    ]
    assert list(ClusterLevel.objects.filter(instrument=v1).values_list("code", flat=True)) == [
        "binaan",
        "berdaya",
        "mandiri",
    ]


def test_publishing_needs_a_complete_instrument() -> None:
    draft = services.instrument_create(name="Kosong")
    with pytest.raises(ValidationError, match="Instrumen belum memiliki dimensi") as caught:
        services.instrument_publish(instrument=draft)
    assert len(caught.value.messages) == 2  # no dimensions; fewer than two clusters


def test_old_results_keep_their_version_when_a_new_version_changes_the_weights() -> None:
    v1 = default_instrument()
    old_round = open_round(v1, name="Putaran 2025")
    centre = CentreFactory()
    assessment = verified(old_round, centre, middle)
    before = (assessment.total_score, dict(assessment.dimension_scores), assessment.cluster_code)

    v2 = services.instrument_new_version(instrument=v1)
    governance = Dimension.objects.get(instrument=v2, code="governance")
    services.dimension_update(dimension=governance, weight=Decimal("5"))
    for level in v2.cluster_levels.all():
        services.cluster_level_update(
            level=level, min_total=Decimal("0") if level.rank == 1 else Decimal("1") * level.rank
        )
    services.instrument_publish(instrument=v2)

    assessment.refresh_from_db()
    assert assessment.round.instrument_id == v1.pk
    assert (assessment.total_score, assessment.dimension_scores, assessment.cluster_code) == before
    # Scoring it again (verification of a resubmission would) still uses v1.
    from inkubator.assessments.services import _snapshot

    assert _snapshot(assessment)["total_score"] == before[0]
    assert Dimension.objects.get(instrument=v1, code="governance").weight == Decimal("1.50")


def test_a_round_takes_only_a_published_version() -> None:
    draft = services.instrument_create(name="Draf")
    with pytest.raises(ValidationError, match="Putaran harus memakai versi instrumen yang sudah terbit") as caught:
        open_round(draft)
    assert "instrument" in caught.value.message_dict
