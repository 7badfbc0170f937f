"""In a real browser (phone-sized, Indonesian UI): a centre manager checks a messy trainee list, maps each
unknown value once on the page (suggestions pre-filled, one changed by hand), and imports it.
Selectors are test ids and form field names, not text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect

from inkubator.core.roles import Role
from inkubator.imports.models import ValueMapping
from inkubator.people.models import Education
from inkubator.training.models import Enrollment
from tests.e2e.test_roles import sign_in
from tests.factories import CentreFactory, make_user
from tests.training.factories import BatchFactory
from tests.training.test_import_values import messy_rows, write_csv


def test_manager_maps_unknown_values_on_the_page_and_imports(page: Page, live_server: Any, settings: Any,
                                                             tmp_path: Path) -> None:  # fmt: skip
    settings.MEDIA_ROOT = tmp_path / "media"
    centre = CentreFactory(code="BLKK-3216-001")
    tik = BatchFactory(code="BKS-2503-TIK", centre=centre)
    BatchFactory(code="BKS-2503-JHT", centre=centre)
    BatchFactory(code="SBY-2503-TIK")  # another centre's: never offered to this manager
    manager = make_user(Role.CENTRE_MANAGER, centres=[centre])
    path = write_csv(tmp_path / "peserta.csv", messy_rows())

    sign_in(page, live_server.url, manager.username)
    page.goto(f"{live_server.url}/training/import/")
    page.locator("input[name=file]").set_input_files(str(path))
    page.get_by_test_id("check").click()
    expect(page.get_by_test_id("error-rows")).to_have_text("5")
    values = page.get_by_test_id("import-unresolved")
    expect(values.locator("tbody tr")).to_have_count(6)
    assert "SBY-2503-TIK" not in page.content()
    # The suggestions are pre-filled; "SLTA/SMK" is said to be SMK by hand.
    education = values.locator("tbody tr", has_text="SLTA/SMK").locator("input")
    expect(education).to_have_value("SMA")
    education.fill("SMK")
    expect(values.locator("tbody tr", has_text="BKS 2503 TIK").locator("input")).to_have_value("BKS-2503-TIK")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_test_id("map-values").click()

    expect(page.get_by_test_id("error-rows")).to_have_text("0")
    expect(page.get_by_test_id("import-unresolved")).to_have_count(0)
    page.get_by_test_id("commit").click()
    expect(page).to_have_url(f"{live_server.url}/training/")
    assert Enrollment.objects.filter(batch=tik).count() == 4
    assert Enrollment.objects.get(person__name="Peserta 3").person.education == Education.VOCATIONAL
    assert ValueMapping.objects.filter(kind="trainees").count() == 6
