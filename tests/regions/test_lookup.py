"""Name lookup: the spellings real files use, ambiguity, scope; and points."""

from __future__ import annotations

import pytest

from inkubator.regions.choices import Level
from inkubator.regions.names import name_key, name_readings
from inkubator.regions.selectors import RegionIndex, region_lookup, region_point

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions_loaded")]


@pytest.fixture(scope="module")
def index(regions_loaded, django_db_blocker) -> RegionIndex:  # noqa: ANN001
    # One index for the module, as an import builds one per file; it only reads at build time.
    with django_db_blocker.unblock():
        return RegionIndex()


@pytest.mark.parametrize(
    ("spelling", "code"),
    [
        ("Jatim", "35"),
        ("Jawa Timur", "35"),
        ("JAWA TIMUR", "35"),
        ("Prov. Jawa Timur", "35"),
        ("DKI Jakarta", "31"),
        ("Jakarta", "31"),
        ("Prov. Jawa Barat", "32"),
        ("Provinsi Jawa Barat", "32"),
        ("Jabar", "32"),
        ("DIY", "34"),
        ("D.I. Yogyakarta", "34"),
        ("Yogyakarta", "34"),
        ("NTT", "53"),
        ("N.T.B.", "52"),
        ("Sumut", "12"),
        ("Sumatra Utara", "12"),
        ("Sulsel", "73"),
        ("Kaltim", "64"),
        ("Babel", "19"),
        ("Kab. Bekasi", "32.16"),
        ("Kabupaten Bekasi", "32.16"),
        ("Kab Bekasi", "32.16"),
        ("KAB.BEKASI", "32.16"),
        ("  kab .   bekasi  ", "32.16"),
        ("Bekasi, Kab.", "32.16"),
        ("Kota Bekasi", "32.75"),
        ("Kota Surabaya", "35.78"),
        ("SURABAYA", "35.78"),
        ("Kodya Surabaya", "35.78"),
        ("Kotamadya Surabaya", "35.78"),
        ("Kota Yogyakarta", "34.71"),
        ("Jakarta Pusat", "31.71"),
        ("Kota Adm. Jakarta Pusat", "31.71"),
        ("Kep. Seribu", "31.01"),
        ("Tolitoli", "72.04"),
        ("Gunung Kidul", "34.03"),
        ("Kulonprogo", "34.01"),
        ("Kota Baru", "63.02"),  # no city of that name: Kabupaten Kotabaru
        ("Kec. Cibinong", "32.01.01"),
        ("Pontianak Kota", "61.71.05"),  # a district whose name ends like a designator
        ("32.16", "32.16"),
        ("3578", "35.78"),
    ],
)
def test_spellings_resolve(index: RegionIndex, spelling: str, code: str) -> None:
    result = index.lookup(name=spelling)
    assert result.match is not None, result.message
    assert result.match.code == code
    assert not result.ambiguous


def test_ambiguous_name_lists_both_and_says_so(index: RegionIndex) -> None:
    result = index.lookup(name="Bekasi")
    assert result.match is None and result.ambiguous
    assert [ref.code for ref in result.candidates] == ["32.16", "32.75"]
    assert [ref.name for ref in result.candidates] == ["Kabupaten Bekasi", "Kota Bekasi"]
    assert '"Bekasi"' in result.message


def test_ambiguity_is_resolved_by_kind_or_scope(index: RegionIndex) -> None:
    assert index.lookup(name="Bekasi", kind="kota").match.code == "32.75"
    assert index.lookup(name="Bekasi", within="32.16").match.code == "32.16"
    # Within the province both still fit: the kind is what tells them apart.
    assert index.lookup(name="Bekasi", within="32").ambiguous


def test_level_and_scope(index: RegionIndex) -> None:
    # A bare province name is the province; asked for a regency, it is the city of that name.
    assert index.lookup(name="Jambi").match.code == "15"
    assert index.lookup(name="Jambi", level=Level.REGENCY).match.code == "15.71"
    assert index.lookup(name="Prov. Jawa Barat", level="regency").match is None
    assert index.lookup(name="Surabaya", within="32").match is None
    # Villages are read only when asked for; a scoped index reads only its subtree.
    jayapura = RegionIndex(within="91.03")
    assert jayapura.lookup(name="Desa Adat Yoboi", level="village").match.code == "91.03.01.3007"
    assert jayapura.lookup(name="Yoboi", level="village", kind="desa_adat").match.code == "91.03.01.3007"


def test_not_found_names_the_input_and_suggests(index: RegionIndex) -> None:
    result = index.lookup(name="Kab. Surabaya")
    assert result.match is None and not result.ambiguous
    assert "Kab. Surabaya" in result.message
    assert result.suggestions[0].code == "35.78"
    assert index.lookup(name="Surabya").suggestions[0].code == "35.78"
    assert index.lookup(name="Surabya", suggest=False).suggestions == ()
    assert index.lookup(name="").match is None


def test_parent_path(index: RegionIndex) -> None:
    cibinong = index.lookup(name="Cibinong").match
    assert cibinong.level == Level.DISTRICT
    assert cibinong.parent_path == "Kabupaten Bogor, Jawa Barat"
    village = RegionIndex(within="32.16.01").get(code="32.16.01.2001")
    assert village.level == Level.VILLAGE and village.parents[1:] == ("Kabupaten Bekasi", "Jawa Barat")


def test_function_form_and_scoped_index() -> None:
    assert region_lookup(name="Kab. Bekasi").match.code == "32.16"
    assert region_lookup(name="Cibinong", within="32.01").match.code == "32.01.01"
    scoped = RegionIndex(within="32")
    assert scoped.lookup(name="Kota Bekasi").match.code == "32.75"
    with pytest.raises(ValueError, match="outside"):
        scoped.lookup(name="Surabaya", within="35")


def test_name_keys_are_symmetric() -> None:
    assert name_key("Toli-Toli") == name_key("Tolitoli")
    assert name_key("Kep. Seribu") == name_key("Kepulauan Seribu")
    assert name_key("Ma’u") == name_key("Mau")
    readings = name_readings("Kab. Bekasi")
    assert (readings[0].key, readings[0].level, readings[0].kind) == ("bekasi", Level.REGENCY, "kabupaten")


def test_points_fall_back_to_the_regency() -> None:
    latitude, longitude = region_point(code="32.16")
    assert -7 < latitude < -6 and 106 < longitude < 108
    # Mahakam Ulu's districts have no points of their own: they answer the seat's.
    assert region_point(code="64.11.01") == (0.7806, 115.1369)
    assert region_point(code="32.16.01.2001") == region_point(code="32.16.01")
    assert region_point(code="11.01.04") == region_point(code="11.01")
    assert region_point(code="32") is None
    assert region_point(code="99.99") is None
