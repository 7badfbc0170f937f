"""The pages, driven through the test client: entry with autosave, evidence upload, submit, verify, return,
instruments, rounds and assignment, the lists and export, the centre page, distribution and selection."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from inkubator.assessments import services
from inkubator.assessments.models import Assessment, Indicator, Instrument, Round, Selection
from inkubator.core.roles import Role
from tests.assessments.factories import PDF, assigned
from tests.assessments.test_scope import client_for
from tests.factories import CentreFactory, make_user

pytestmark = pytest.mark.django_db


def indicators(assessment: Assessment) -> list[Indicator]:
    return list(Indicator.objects.filter(dimension__instrument=assessment.round.instrument))


def test_the_assessor_fills_saves_uploads_and_submits(world) -> None:  # noqa: ANN001
    assessment = assigned(world.round, CentreFactory(regency=world.surabaya.regency), world.assessor)
    client = client_for(world.assessor)
    worklist = client.get(reverse("assessments:worklist"))
    assert assessment in worklist.context["assessments"]
    page = client.get(reverse("assessments:assessment_detail", args=[assessment.pk]))
    assert page.context["editable"] and page["Cache-Control"].startswith("max-age=0")
    first, *rest = indicators(assessment)
    # One answer saved as it changes (htmx).
    saved = client.post(
        reverse("assessments:answer_save", args=[assessment.pk, first.pk]),
        {f"value-{first.pk}": str(first.scale_max), f"note-{first.pk}": "SK 2024"},
        headers={"HX-Request": "true"},
    )
    assert saved.status_code == 200 and b'data-testid="saved"' in saved.content
    bad = client.post(reverse("assessments:answer_save", args=[assessment.pk, first.pk]), {f"value-{first.pk}": "x"})
    assert bad.status_code == 422 and first.code.encode() in bad.content
    # The rest by "save draft" (no JavaScript).
    data = {f"value-{i.pk}": str(i.scale_max) for i in rest}
    client.post(
        reverse("assessments:assessment_detail", args=[assessment.pk]),
        {**data, f"value-{first.pk}": str(first.scale_max)},
    )
    assert assessment.answers.count() == 35
    assert assessment.answers.get(indicator=first).note == ""  # the full form sends the (empty) note too
    # Submitting without the required evidence names what is missing.
    response = client.post(reverse("assessments:submit", args=[assessment.pk]), follow=True)
    assert "gov-decree" in response.content.decode()
    for indicator in [i for i in indicators(assessment) if i.evidence_required]:
        upload = SimpleUploadedFile("bukti.pdf", PDF, content_type="application/pdf")
        client.post(
            reverse("assessments:evidence_upload", args=[assessment.pk]), {"indicator": indicator.pk, "file": upload}
        )
    fake = SimpleUploadedFile("foto.png", b"not a png at all", content_type="image/png")
    response = client.post(
        reverse("assessments:evidence_upload", args=[assessment.pk]), {"indicator": first.pk, "file": fake}, follow=True
    )
    assert "PNG" in response.content.decode()
    client.post(reverse("assessments:submit", args=[assessment.pk]))
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.SUBMITTED and assessment.cluster_code == "mandiri"
    # Locked now: the form is gone and posts answer 404.
    assert not client.get(reverse("assessments:assessment_detail", args=[assessment.pk])).context["editable"]
    assert client.post(reverse("assessments:answer_save", args=[assessment.pk, first.pk]), {}).status_code == 404


def test_the_coordinator_returns_then_verifies(world) -> None:  # noqa: ANN001
    client = client_for(world.korwil_jatim)
    url = reverse("assessments:assessment_detail", args=[world.mine.pk])
    page = client.get(url)
    assert page.context["can_verify"] and b'data-testid="explanation"' in page.content
    response = client.post(reverse("assessments:review", args=[world.mine.pk, "return"]), {"comment": ""}, follow=True)
    world.mine.refresh_from_db()
    assert world.mine.status == Assessment.Status.SUBMITTED
    client.post(
        reverse("assessments:review", args=[world.mine.pk, "return"]), {"comment": "Foto bengkel kurang jelas."}
    )
    world.mine.refresh_from_db()
    assert world.mine.status == Assessment.Status.RETURNED
    services.assessment_submit(assessment=world.mine)
    client.post(reverse("assessments:review", args=[world.mine.pk, "verify"]), {"comment": "Sesuai."})
    world.mine.refresh_from_db()
    world.surabaya.refresh_from_db()
    assert world.mine.status == Assessment.Status.VERIFIED and world.mine.verified_by == world.korwil_jatim
    assert world.surabaya.cluster == world.mine.cluster_code == "berdaya"
    assert response.status_code == 200


def test_the_centre_page_shows_scores_cluster_explanation_and_history(world) -> None:  # noqa: ANN001
    page = client_for(world.korwil).get(reverse("assessments:centre", args=[world.bekasi.code]))
    html = page.content.decode()
    assert page.context["level"].code == "berdaya"
    assert 'data-testid="raises"' in html and "chart.umd.js" in html
    assert [row.move for row in page.context["history"]] == ["first"]
    # The centre's page links here (its registered section; entrepreneurs and partners have none).
    from inkubator.centres.sections import sections_for

    assert "assessments:centre" in [section.url_name for section in sections_for(world.korwil)]
    assert "assessments:centre" not in [section.url_name for section in sections_for(make_user(Role.ENTREPRENEUR))]


def test_promotions_and_demotions_show_in_the_history(world) -> None:  # noqa: ANN001
    from tests.assessments.factories import bottom, open_round, top, verified

    later = open_round(world.round.instrument, name="Putaran 2027")
    later.period_end = later.period_end.replace(year=2027)
    later.save()
    verified(later, world.bekasi, top, world.admin)
    latest = open_round(world.round.instrument, name="Putaran 2028")
    latest.period_end = latest.period_end.replace(year=2028)
    latest.save()
    verified(latest, world.bekasi, bottom, world.admin)
    page = client_for(world.admin).get(reverse("assessments:centre", args=[world.bekasi.code]))
    assert [(row.label, row.move) for row in page.context["history"]] == [
        ("Berdaya", "first"),
        ("Mandiri", "up"),
        ("Binaan", "down"),
    ]


def test_the_admin_edits_a_new_version_but_never_a_published_one(world) -> None:  # noqa: ANN001
    client = client_for(world.admin)
    published = world.round.instrument
    response = client.get(reverse("assessments:instrument_edit", args=[published.pk]))
    assert response.status_code == 302
    response = client.post(reverse("assessments:instrument_action", args=[published.pk, "new-version"]))
    draft = Instrument.objects.get(name=published.name, version=2)
    assert response.url == reverse("assessments:instrument_edit", args=[draft.pk])
    form = client.get(response.url).context["form"]
    # The form as the page fills it: every field's initial value (checked boxes as "on").
    data = {
        name: "on" if field.initial is True else field.initial
        for name, field in form.fields.items()
        if field.initial is not None and field.initial is not False
    }
    top_level = draft.cluster_levels.get(rank=3)
    data[f"lvl-{top_level.pk}-min_total"] = "80"
    data[f"lvl-{top_level.pk}-label"] = "Mandiri Plus"
    response = client.post(reverse("assessments:instrument_edit", args=[draft.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    top_level.refresh_from_db()
    assert (top_level.label, str(top_level.min_total)) == ("Mandiri Plus", "80.00")
    client.post(reverse("assessments:instrument_action", args=[draft.pk, "publish"]))
    draft.refresh_from_db()
    assert draft.status == "published"
    assert published.cluster_levels.get(rank=3).label == "Mandiri"


def test_the_admin_creates_a_round_assigns_a_province_and_follows_progress(world) -> None:  # noqa: ANN001
    client = client_for(world.admin)
    response = client.post(
        reverse("assessments:round_create"),
        {
            "name": "Putaran Jatim",
            "period_start": "2026-07-01",
            "period_end": "2026-06-01",
            "instrument": world.round.instrument.pk,
        },
    )
    assert "period_end" in response.context["form"].errors
    client.post(
        reverse("assessments:round_create"),
        {
            "name": "Putaran Jatim",
            "period_start": "2026-07-01",
            "period_end": "2026-12-31",
            "instrument": world.round.instrument.pk,
        },
    )
    the_round = Round.objects.get(name="Putaran Jatim")
    CentreFactory(regency=world.surabaya.regency)
    response = client.post(
        reverse("assessments:round_detail", args=[the_round.pk]),
        {"province": "35", "assessor": world.assessor.pk, "only_new": "on"},
    )
    assert response.status_code == 302
    assert the_round.assessments.count() == 2
    assert set(the_round.assessments.values_list("centre__province_id", flat=True)) == {"35"}
    client.post(reverse("assessments:round_advance", args=[the_round.pk]))
    page = client.get(reverse("assessments:round_detail", args=[the_round.pk]))
    assert page.context["progress"].assigned == 2 and page.context["round"].status == "open"
    # A coordinator may see the round but not assign.
    assert (
        client_for(world.korwil_jatim)
        .post(reverse("assessments:round_detail", args=[the_round.pk]), {"assessor": world.assessor.pk})
        .status_code
        == 404
    )
    listing = client.get(reverse("assessments:round_list"))
    assert the_round in [row.record for row in listing.context["table"].rows]
    closed = client.get(reverse("assessments:round_list"), {"status": "closed"})
    assert list(closed.context["table"].rows) == []


def test_the_list_filters_and_exports(world) -> None:  # noqa: ANN001
    client = client_for(world.admin)
    listing = client.get(reverse("assessments:list"), {"status": "verified"})
    assert [row.record.pk for row in listing.context["table"].page.object_list] == [world.done.pk]
    export = client.get(reverse("assessments:export", args=["xlsx"]), {"status": "verified"})
    sheet = load_workbook(BytesIO(b"".join(export.streaming_content) if export.streaming else export.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][0] == world.bekasi.code
    assert client.get(reverse("assessments:export", args=["pdf"])).status_code == 404


def test_the_distribution_counts_clusters_by_province(world) -> None:  # noqa: ANN001
    page = client_for(world.admin).get(reverse("assessments:distribution"))
    rows = {row["code"]: row for row in page.context["rows"]}
    assert page.context["headers"][:3] == ["Binaan", "Berdaya", "Mandiri"]
    assert rows["32"]["cells"][1] == 1  # Bekasi is berdaya
    assert page.context["grand_total"] == 3


def test_the_selection_page_previews_then_records(world) -> None:  # noqa: ANN001
    client = client_for(world.admin)
    url = reverse("assessments:selection_new", args=[world.round.pk])
    data = {"count": "1", "min_cluster": "berdaya", "max_per_province": "", "method": "topsis", "note": "Rapat"}
    data.update({f"weight_{code}": "1" for code in world.done.dimension_scores})
    preview = client.post(url, {**data, "preview": ""})
    assert preview.context["selected_count"] == 1 and preview.context["sensitivity"]
    assert not Selection.objects.exists()
    response = client.post(url, {**data, "record": ""})
    selection = Selection.objects.get()
    assert response.url == reverse("assessments:selection_detail", args=[selection.pk])
    detail = client.get(response.url)
    assert detail.status_code == 200 and world.bekasi.name in detail.content.decode()
    world.bekasi.refresh_from_db()
    assert world.bekasi.is_incubator
    export = client.get(reverse("assessments:selection_export", args=[selection.pk, "xlsx"]))
    sheet = load_workbook(BytesIO(b"".join(export.streaming_content) if export.streaming else export.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][1] == world.bekasi.code and len(rows) == 1 + selection.entries.count()
    assert (
        client_for(world.korwil).get(reverse("assessments:selection_export", args=[selection.pk, "xlsx"])).status_code
        == 404
    )
    bad = client.post(url, {**data, "host_pesantren": "5"})
    assert bad.context["form"].non_field_errors()


def test_pages_need_a_role_that_works_with_centres(world) -> None:  # noqa: ANN001
    entrepreneur = make_user(Role.ENTREPRENEUR)
    for name in ("assessments:list", "assessments:worklist", "assessments:distribution", "assessments:round_list"):
        assert client_for(entrepreneur).get(reverse(name)).status_code == 404


def test_the_assessor_removes_a_file_from_a_draft_only(world) -> None:  # noqa: ANN001
    from tests.assessments.factories import pdf

    assessment = assigned(world.round, CentreFactory(regency=world.surabaya.regency), world.assessor)
    indicator = indicators(assessment)[0]
    evidence = services.evidence_add(assessment=assessment, indicator=indicator, file=pdf(), user=world.assessor)
    url = reverse("assessments:evidence_remove", args=[assessment.pk, evidence.pk])
    assert client_for(world.korwil_jatim).post(url).status_code == 404
    assert client_for(world.assessor).post(url).status_code == 302
    assert not assessment.evidence.exists()
    submitted = world.mine.evidence.first()
    url = reverse("assessments:evidence_remove", args=[world.mine.pk, submitted.pk])
    assert client_for(world.assessor).post(url).status_code == 404  # submitted: locked
    assert world.mine.evidence.filter(pk=submitted.pk).exists()


def test_the_admin_adds_an_indicator_to_a_draft_only(world) -> None:  # noqa: ANN001
    client = client_for(world.admin)
    published = world.round.instrument
    draft = services.instrument_new_version(instrument=published)
    finances = draft.dimensions.get(code="finances")
    data = {
        "dimension": finances.pk,
        "code": "fin-savings",
        "question": "BLK memiliki tabungan cadangan operasional",
        "kind": "yes_no",
        "scale_min": "0",
        "scale_max": "1",
        "weight": "1",
    }
    response = client.post(reverse("assessments:indicator_add", args=[draft.pk]), data)
    assert response.status_code == 302
    assert finances.indicators.filter(code="fin-savings", evidence_required=False).exists()
    again = client.post(reverse("assessments:indicator_add", args=[draft.pk]), data, follow=True)
    assert finances.indicators.filter(code="fin-savings").count() == 1
    assert "fin-savings" not in [m.message for m in again.context["messages"]] and again.context["messages"]
    # The published version's dimension cannot be chosen, and a published version refuses additions.
    old = published.dimensions.get(code="finances")
    client.post(reverse("assessments:indicator_add", args=[published.pk]), {**data, "dimension": old.pk})
    assert not old.indicators.filter(code="fin-savings").exists()
    assert client_for(world.korwil).post(reverse("assessments:indicator_add", args=[draft.pk]), data).status_code == 404


def test_lists_queries_flat_at_5_and_60_rows(world) -> None:  # noqa: ANN001
    """The assessment list and the round list read a page in the same number of queries at 5 and 60 rows."""
    import datetime

    from tests.screens import assert_queries_flat

    client = client_for(world.admin)
    assessor = make_user(Role.FACILITATOR)

    def add_assessments(n: int) -> None:
        services.round_assign(round=world.round, centres=CentreFactory.create_batch(n), assessor=assessor)

    def add_rounds(n: int) -> None:
        for number in range(n):
            services.round_create(
                name=f"Putaran {Round.objects.count()}-{number}",
                period_start=datetime.date(2026, 1, 1),
                period_end=datetime.date(2026, 6, 30),
                instrument=world.round.instrument,
            )

    # The world holds three assessments and one round already.
    assert_queries_flat(client, reverse("assessments:list"), add_assessments, small=2, large=57)
    assert_queries_flat(client, reverse("assessments:round_list"), add_rounds, small=4, large=59)
