"""``load_regions``: the whole Kemendagri list with centroids, idempotent."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from inkubator.regions.models import District, Province, Regency, Village
from inkubator.regions.services import RegionLoadResult, regions_load

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions_loaded")]


def test_every_region_is_loaded(regions_loaded: RegionLoadResult) -> None:
    assert Province.objects.count() == 38
    assert Regency.objects.count() == 514
    assert District.objects.count() == 7285
    assert Village.objects.count() == 83762
    totals = {name: counts.total for name, counts in regions_loaded.levels().items()}
    assert totals == {"provinces": 38, "regencies": 514, "districts": 7285, "villages": 83762}


def test_known_codes_names_and_kinds() -> None:
    assert Province.objects.get(code="32").name == "Jawa Barat"
    bekasi = Regency.objects.get(code="32.16")
    assert (bekasi.name, bekasi.kind, bekasi.province_id) == ("Kabupaten Bekasi", Regency.Kind.REGENCY, "32")
    surabaya = Regency.objects.get(code="35.78")
    assert (surabaya.name, surabaya.kind) == ("Kota Surabaya", Regency.Kind.CITY)
    assert Regency.objects.get(code="31.71").kind == Regency.Kind.CITY  # Kota Administrasi Jakarta Pusat
    assert Village.objects.filter(kind=Village.Kind.CUSTOMARY, code__startswith="91.03.").count() == 14
    assert Village.objects.exclude(postal_code="").count() == 83762


def test_centroids() -> None:
    # Every regency has a point, Mahakam Ulu's being its seat Ujoh Bilang (data/README.md).
    assert not Regency.objects.filter(latitude__isnull=True).exists()
    mahakam_ulu = Regency.objects.get(code="64.11")
    assert (mahakam_ulu.latitude, mahakam_ulu.longitude) == (Decimal("0.78060"), Decimal("115.13690"))
    # Kota Binjai's source point is at sea 1,000 km away; the override puts it in Sumatera Utara.
    binjai = Regency.objects.get(code="12.75")
    assert 3 < binjai.latitude < 4 and 98 < binjai.longitude < 99
    # Labuhanhaji (Aceh Selatan) was joined to a namesake on Lombok: that point is dropped.
    assert District.objects.get(code="11.01.04").latitude is None
    assert District.objects.filter(latitude__isnull=False).count() > 6000


def test_loading_again_repairs_changes_then_writes_nothing() -> None:
    Regency.objects.filter(code="32.16").update(name="Bekasi (edited)")
    Village.objects.filter(code="32.16.01.2001").delete()

    repaired = regions_load()
    assert (repaired.regencies.updated, repaired.villages.created) == (1, 1)
    assert Regency.objects.get(code="32.16").name == "Kabupaten Bekasi"

    # The command runs the same service: now nothing is left to write (it speaks Indonesian, the default).
    out = StringIO()
    call_command("load_regions", stdout=out)
    text = out.getvalue()
    assert "83,762 (baru 0, diperbarui 0, usang 0)" in text
    assert "7,285 (baru 0, diperbarui 0, usang 0)" in text
    assert (Province.objects.count(), Regency.objects.count()) == (38, 514)
    assert (District.objects.count(), Village.objects.count()) == (7285, 83762)


def test_second_load_reports_no_changes(regions_loaded: RegionLoadResult) -> None:
    # tests/conftest.py loads the regions in django_db_setup, so the fixture's load is always a second one.
    assert not regions_loaded.changed
    assert all(counts.updated == counts.obsolete == 0 for counts in regions_loaded.levels().values())
