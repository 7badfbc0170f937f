"""A centre's page: its tabs, scoped (404 outside), with a fixed number of queries each, and its history."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from auditlog.context import set_actor
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from inkubator.centres import services
from inkubator.centres.choices import AssetCondition, AssetKind, AssetSource, StaffRole
from inkubator.centres.models import Certificate
from inkubator.centres.selectors_profile import format_rupiah, mask_phone
from inkubator.core.roles import Role
from inkubator.regions.models import District, Regency
from tests.factories import AssetFactory, CentreFactory, PartnerFactory, StaffFactory, field, make_user

pytestmark = pytest.mark.django_db

TABS = ["profile", "fields", "staff", "assets", "agreements", "history"]


@pytest.fixture
def bekasi():
    return CentreFactory(name="BLK Komunitas Al-Hikmah", regency=Regency.objects.get(code="32.16"))


@pytest.fixture
def surabaya():
    return CentreFactory(name="BLK Komunitas Darul Ulum", regency=Regency.objects.get(code="35.78"))


def detail(centre, tab: str | None = None) -> str:
    url = reverse("centres:detail", args=[centre.code])
    return f"{url}?tab={tab}" if tab else url


def english(client: Client) -> None:
    client.post(reverse("set_language"), {"language": "en"})


def fill(centre, size: int) -> None:
    """``size`` assets, staff with two certificates each, fields and agreements on ``centre``."""
    partner = PartnerFactory()
    codes = ["tik", "menjahit", "otomotif"]
    for n in range(size):
        AssetFactory(centre=centre, name=f"Mesin {n}", source=AssetSource.PARTNER, partner=partner)
        member = StaffFactory(centre=centre, role=StaffRole.INSTRUCTOR, field=field(codes[n % 3]))
        for k in range(2):
            Certificate.objects.create(staff=member, name=f"Kompetensi {k}", number=f"C-{n}-{k}")
        services.agreement_create(centre=centre, number=f"PKS-{n}", signed_on=dt.date(2022, 1, 1), subject="Bantuan")
    for code in codes[: min(size, 3)]:
        services.centre_field_set(centre=centre, field=field(code), capacity=16)


# Scope ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("tab", TABS)
def test_manager_of_another_centre_gets_404_on_every_tab(client: Client, bekasi, surabaya, tab: str) -> None:
    client.force_login(make_user(Role.CENTRE_MANAGER, centres=[bekasi]))
    assert client.get(detail(bekasi, tab)).status_code == 200
    assert client.get(detail(surabaya, tab)).status_code == 404


@pytest.mark.parametrize(
    "scope",
    [
        {"role": Role.REGIONAL_COORDINATOR, "provinces": ["35"]},
        {"role": Role.REGIONAL_COORDINATOR, "regencies": ["32.75"]},
        {"role": Role.FACILITATOR, "centres": "surabaya"},
        {"role": Role.ENTREPRENEUR},
        {"role": Role.PARTNER, "partner": "new"},
    ],
)
def test_others_get_404_on_every_tab(client: Client, bekasi, surabaya, scope: dict) -> None:
    role = scope.pop("role")
    if scope.get("centres") == "surabaya":
        scope["centres"] = [surabaya]
    if scope.get("partner") == "new":
        scope["partner"] = PartnerFactory()
    client.force_login(make_user(role, **scope))
    for tab in TABS:
        assert client.get(detail(bekasi, tab)).status_code == 404, tab


def test_anonymous_is_sent_to_sign_in(client: Client, bekasi) -> None:
    response = client.get(detail(bekasi))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_unknown_tab_falls_back_to_profile(client: Client, bekasi) -> None:
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    response = client.get(detail(bekasi, "nonsense"))
    assert response.status_code == 200
    assert b'data-testid="tab-pane-profile"' in response.content


# Content --------------------------------------------------------------------------------------------


def test_profile_shows_host_region_chain_completeness_and_an_approximate_pin(client: Client, bekasi) -> None:
    district = District.objects.filter(regency_id="32.16").order_by("code").first()
    services.centre_update(centre=bekasi, district=district)
    client.force_login(make_user(Role.CENTRE_MANAGER, centres=[bekasi]))
    english(client)
    response = client.get(detail(bekasi))
    body = response.content.decode()
    assert response["Cache-Control"].startswith("max-age=0") or "no-store" in response["Cache-Control"]
    assert bekasi.host.name in body
    assert "Islamic boarding school (pondok pesantren)" in body
    assert f"{district.name} › Kabupaten Bekasi › Jawa Barat" in body
    # Nothing but the region is filled in: the missing list names what to add.
    assert "Street address" in body and "Mapped assets" in body and "A signed agreement (PKS)" in body
    assert 'data-testid="completeness">' in body
    assert 'data-testid="map-pin" data-approximate="true"' in body
    assert "Approximate position" in body
    assert "CC BY 4.0" in body


def test_profile_pin_at_the_centre_coordinates(client: Client, bekasi) -> None:
    services.centre_update(centre=bekasi, latitude=Decimal("-6.24"), longitude=Decimal("107.15"))
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    body = client.get(detail(bekasi)).content.decode()
    assert 'data-approximate="false"' in body
    assert "http://" not in body.split('data-testid="centre-map"')[1].split("</figure>")[0]


def test_last_updated_of_assets_and_staff_on_every_tab(client: Client, bekasi) -> None:
    AssetFactory(centre=bekasi)
    client.force_login(make_user(Role.REGIONAL_COORDINATOR, provinces=["32"]))
    for tab in TABS:
        body = client.get(detail(bekasi, tab)).content.decode()
        marker = body.split('data-testid="last-updated"')[1].split("</p>")[0]
        assert timezone.localdate().strftime("%Y") in marker, tab


def test_assets_tab_shows_condition_source_partner_and_rupiah(client: Client, bekasi) -> None:
    partner = PartnerFactory(name="PT Astra Mitra")
    services.asset_create(
        centre=bekasi,
        kind=AssetKind.EQUIPMENT,
        name="Mesin Jahit Juki",
        condition=AssetCondition.LIGHT_DAMAGE,
        source=AssetSource.PARTNER,
        partner=partner,
        quantity=12,
        year_acquired=2021,
        estimated_value=Decimal("45500000"),
    )
    client.force_login(make_user(Role.CENTRE_MANAGER, centres=[bekasi]))
    english(client)
    body = client.get(detail(bekasi, "assets")).content.decode()
    assert "Mesin Jahit Juki" in body and "PT Astra Mitra" in body
    assert "Rp 45.500.000" in body  # Indonesian grouping in the English UI too
    assert "text-bg-warning" in body and "Light damage" in body
    assert "2021" in body and 'data-testid="asset-quantity">12<' in body


def test_staff_tab_flags_expired_and_expiring_certificates(client: Client, bekasi) -> None:
    member = StaffFactory(centre=bekasi, name="Siti Aminah", role=StaffRole.MANAGER)
    today = timezone.localdate()
    Certificate.objects.create(staff=member, name="Lama", number="A1", expires_on=today - dt.timedelta(days=1))
    Certificate.objects.create(staff=member, name="Segera", number="A2", expires_on=today + dt.timedelta(days=30))
    Certificate.objects.create(staff=member, name="Baru", number="A3", expires_on=today + dt.timedelta(days=400))
    client.force_login(make_user(Role.CENTRE_MANAGER, centres=[bekasi]))
    body = client.get(detail(bekasi, "staff")).content.decode()
    assert "Siti Aminah" in body
    assert 'data-expiry="expired"' in body and 'data-expiry="expiring"' in body and 'data-expiry="valid"' in body


def test_fields_and_agreements_tabs(client: Client, bekasi) -> None:
    services.centre_field_set(centre=bekasi, field=field("menjahit"), capacity=20)
    services.agreement_create(centre=bekasi, number="PKS/123/2022", signed_on=dt.date(2022, 3, 1), subject="Bangun")
    client.force_login(make_user(Role.FACILITATOR, centres=[bekasi]))
    assert "Menjahit" in client.get(detail(bekasi, "fields")).content.decode()
    body = client.get(detail(bekasi, "agreements")).content.decode()
    assert "PKS/123/2022" in body
    # A facilitator maps but does not register: no "add agreement" button.
    assert 'data-testid="add-agreement"' not in body


def test_htmx_gets_the_tab_frame_only(client: Client, bekasi) -> None:
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    response = client.get(detail(bekasi, "assets"), headers={"HX-Request": "true", "HX-Target": "centre-tabs"})
    body = response.content.decode()
    assert 'data-testid="tab-pane-assets"' in body and "<html" not in body
    assert "HX-Request" in response["Vary"]


def test_rupiah_and_phone_mask() -> None:
    assert format_rupiah(Decimal("1500000")) == "Rp 1.500.000"
    assert format_rupiah(None) == "—"
    assert mask_phone("081234567890") == "••••••••7890"


# History --------------------------------------------------------------------------------------------


def test_history_lists_the_centre_and_its_records_deleted_ones_included(client: Client, bekasi, surabaya) -> None:
    manager = make_user(Role.CENTRE_MANAGER, centres=[bekasi])
    with set_actor(manager):
        asset = services.asset_create(
            centre=bekasi, kind=AssetKind.BUILDING, name="Gedung Workshop", condition="good", source="ministry"
        )
        services.asset_update(asset=asset, condition=AssetCondition.HEAVY_DAMAGE)
        gone = services.staff_create(centre=bekasi, name="Pak Budi", role=StaffRole.ADMINISTRATOR)
        services.certificate_create(staff=gone, name="Administrasi Perkantoran", number="X-1")
        services.staff_delete(staff=gone)  # takes its certificate with it
        services.staff_create(centre=bekasi, name="Ibu Ani", role=StaffRole.INSTRUCTOR, field=field("menjahit"))
        services.centre_update(centre=bekasi, address="Jl. Raya Cikarang 1")
        services.asset_create(
            centre=surabaya, kind=AssetKind.BUILDING, name="Gedung Surabaya", condition="good", source="own"
        )
    client.force_login(manager)
    english(client)
    body = client.get(detail(bekasi, "history")).content.decode()
    assert "Gedung Workshop" in body and "Heavy damage" in body
    assert "Pak Budi" in body and "Administrasi Perkantoran" in body
    assert "Jl. Raya Cikarang 1" in body
    assert "Gedung Surabaya" not in body
    assert manager.username in body
    # Foreign keys by name, reverse relations and bookkeeping left out.
    assert "<strong>vocational field</strong>: Menjahit" in body
    assert ".None" not in body and "<strong>updated</strong>" not in body
    rows = body.split('data-testid="history-row"')[1:]
    assert "Jl. Raya Cikarang 1" in rows[0]  # newest first


def test_history_is_capped_at_50(client: Client, bekasi) -> None:
    for n in range(55):
        services.asset_create(centre=bekasi, kind="equipment", name=f"Alat {n}", condition="good", source="own")
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    body = client.get(detail(bekasi, "history")).content.decode()
    assert body.count('data-testid="history-row"') == 50


# Queries --------------------------------------------------------------------------------------------


# Sign-in, session and scope cost ~5; history adds at most 12 reads of the trail and one per kind of
# foreign key named in its entries (8 kinds), so its count varies with what the newest entries name.
MAX_QUERIES = {"history": 26}


@pytest.mark.parametrize("tab", TABS)
def test_each_tab_costs_a_fixed_number_of_queries_at_two_sizes(
    client: Client, django_assert_max_num_queries, tab: str
) -> None:
    small, large = CentreFactory(), CentreFactory()
    fill(small, 2)
    fill(large, 15)
    client.force_login(make_user(Role.REGIONAL_COORDINATOR, provinces=["32"]))
    client.get(detail(small, tab))  # warm the content-type cache and the session
    counts = []
    for centre in (small, large):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(detail(centre, tab)).status_code == 200
        counts.append(len(queries.captured_queries))
    if tab == "history":
        assert max(counts) <= MAX_QUERIES["history"], counts
    else:
        assert counts[0] == counts[1] <= 9, counts
    with django_assert_max_num_queries(MAX_QUERIES.get(tab, 9)):
        client.get(detail(large, tab))
