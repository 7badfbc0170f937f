"""Asset mapping by the centre itself: forms for assets, staff, certificates, fields and agreements.

Every form is scoped twice: the centre must be visible (else 404) and the record must belong to the
centre in the URL (another centre's id under it is a 404 too). Writes go through the services and are
audited with the signed-in user as actor.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from inkubator.centres import services
from inkubator.centres.choices import AssetCondition, StaffRole
from inkubator.centres.models import Agreement, Asset, CentreField, Certificate, Staff
from inkubator.core.roles import Role
from inkubator.regions.models import Regency
from tests.factories import AssetFactory, CentreFactory, PartnerFactory, StaffFactory, field, make_user

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def centres():
    a = CentreFactory(name="BLK Komunitas A", regency=Regency.objects.get(code="32.16"))
    b = CentreFactory(name="BLK Komunitas B", regency=Regency.objects.get(code="35.78"))
    return a, b


@pytest.fixture
def manager(centres):
    return make_user(Role.CENTRE_MANAGER, centres=[centres[0]])


@pytest.fixture(autouse=True)
def _media(settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def english(client: Client) -> None:
    client.post(reverse("set_language"), {"language": "en"})


def asset_data(**overrides: object) -> dict:
    data = {
        "kind": "equipment",
        "name": "Mesin Jahit Juki",
        "quantity": "5",
        "condition": "good",
        "year_acquired": "2021",
        "source": "ministry",
        "partner": "",
        "estimated_value": "12500000",
        "notes": "",
    }
    data.update({k: str(v) for k, v in overrides.items()})
    return data


def records_of(centre) -> dict[str, list[str]]:
    """Every mapping URL of ``centre`` with a real record of it behind each id."""
    asset = AssetFactory(centre=centre)
    staff = StaffFactory(centre=centre)
    certificate = Certificate.objects.create(staff=staff, name="Menjahit", number="N-1")
    centre_field = services.centre_field_set(centre=centre, field=field("tik"), capacity=10)
    agreement = services.agreement_create(
        centre=centre,
        number="PKS-1",
        signed_on=dt.date(2022, 1, 5),
        subject="Bangun",
        document=SimpleUploadedFile("pks.pdf", PDF),
    )
    code = centre.code
    return {
        "get": [
            reverse("centres:asset_create", args=[code]),
            reverse("centres:asset_update", args=[code, asset.pk]),
            reverse("centres:asset_delete", args=[code, asset.pk]),
            reverse("centres:staff_create", args=[code]),
            reverse("centres:staff_update", args=[code, staff.pk]),
            reverse("centres:staff_deactivate", args=[code, staff.pk]),
            reverse("centres:certificate_create", args=[code, staff.pk]),
            reverse("centres:certificate_delete", args=[code, certificate.pk]),
            reverse("centres:field_set", args=[code]),
            reverse("centres:field_remove", args=[code, centre_field.pk]),
            reverse("centres:agreement_create", args=[code]),
            reverse("centres:agreement_document", args=[code, agreement.pk]),
        ],
        "post": [
            reverse("centres:asset_delete", args=[code, asset.pk]),
            reverse("centres:staff_deactivate", args=[code, staff.pk]),
            reverse("centres:certificate_delete", args=[code, certificate.pk]),
            reverse("centres:field_remove", args=[code, centre_field.pk]),
        ],
    }


# Scope ----------------------------------------------------------------------------------------------


def test_manager_of_a_gets_404_on_every_form_and_the_document_of_b(client: Client, centres, manager) -> None:
    _, b = centres
    urls = records_of(b)
    client.force_login(manager)
    for url in urls["get"]:
        assert client.get(url).status_code == 404, url
    for url in urls["post"]:
        assert client.post(url).status_code == 404, url
    # Nothing of B was touched by the POSTs.
    assert Asset.objects.filter(centre=b).count() == 1
    assert Staff.objects.get(centre=b).active
    assert Certificate.objects.filter(staff__centre=b).count() == 1
    assert CentreField.objects.filter(centre=b).count() == 1


@pytest.mark.parametrize(
    "scope",
    [
        {"role": Role.REGIONAL_COORDINATOR, "provinces": ["35"]},
        {"role": Role.FACILITATOR, "centres": "b"},
        {"role": Role.ENTREPRENEUR},
        {"role": Role.PARTNER, "partner": "new"},
    ],
)
def test_others_get_404_on_every_form_of_a(client: Client, centres, scope: dict) -> None:
    a, b = centres
    urls = records_of(a)
    role = scope.pop("role")
    if scope.get("centres") == "b":
        scope["centres"] = [b]
    if scope.get("partner") == "new":
        scope["partner"] = PartnerFactory()
    client.force_login(make_user(role, **scope))
    for url in urls["get"]:
        assert client.get(url).status_code == 404, url
    for url in urls["post"]:
        assert client.post(url).status_code == 404, url
    assert Asset.objects.filter(centre=a).count() == 1


def test_record_of_another_centre_under_a_url_is_404(client: Client, centres, manager) -> None:
    a, b = centres
    urls_b = records_of(b)
    client.force_login(manager)
    # Swap B's code for A's in each URL: the ids are B's records, the centre is A (visible).
    for url in urls_b["get"]:
        if "/new/" in url and "certificates" not in url or "fields/set" in url:
            continue  # no record id in these
        swapped = url.replace(f"/{b.code}/", f"/{a.code}/")
        assert client.get(swapped).status_code == 404, swapped
    for url in urls_b["post"]:
        assert client.post(url.replace(f"/{b.code}/", f"/{a.code}/")).status_code == 404
    assert Asset.objects.filter(centre=b).count() == 1


def test_manager_may_not_add_an_agreement(client: Client, centres, manager) -> None:
    a, _ = centres
    client.force_login(manager)
    assert client.get(reverse("centres:agreement_create", args=[a.code])).status_code == 404


# Assets -------------------------------------------------------------------------------------------


def test_manager_adds_edits_and_deletes_an_asset_audited(client: Client, centres, manager) -> None:
    a, _ = centres
    client.force_login(manager)
    english(client)
    response = client.post(reverse("centres:asset_create", args=[a.code]), asset_data())
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('centres:detail', args=[a.code])}?tab=assets"
    asset = Asset.objects.get(centre=a)
    assert (asset.name, asset.quantity, asset.estimated_value) == ("Mesin Jahit Juki", 5, 12500000)
    created = LogEntry.objects.get_for_object(asset).get(action=LogEntry.Action.CREATE)
    assert created.actor == manager
    assert "The asset was added." in client.get(response["Location"]).content.decode()

    url = reverse("centres:asset_update", args=[a.code, asset.pk])
    response = client.post(url, asset_data(quantity=3, condition=AssetCondition.LIGHT_DAMAGE))
    assert response.status_code == 302
    asset.refresh_from_db()
    assert (asset.quantity, asset.condition) == (3, AssetCondition.LIGHT_DAMAGE)
    updated = LogEntry.objects.get_for_object(asset).get(action=LogEntry.Action.UPDATE)
    assert updated.actor == manager and "quantity" in updated.changes_dict

    delete_url = reverse("centres:asset_delete", args=[a.code, asset.pk])
    assert client.get(delete_url).status_code == 200  # the confirmation
    assert Asset.objects.filter(pk=asset.pk).exists()
    assert client.post(delete_url).status_code == 302
    assert not Asset.objects.filter(pk=asset.pk).exists()
    deleted = LogEntry.objects.filter(object_id=asset.pk, action=LogEntry.Action.DELETE).get()
    assert deleted.actor == manager


def test_partner_gift_without_partner_is_an_error_at_the_field(client: Client, centres, manager) -> None:
    a, _ = centres
    client.force_login(manager)
    english(client)
    response = client.post(reverse("centres:asset_create", args=[a.code]), asset_data(source="partner"))
    assert response.status_code == 400
    body = response.content.decode()
    assert 'data-testid="error-partner"' in body and "Name the partner that gave the asset." in body
    assert not Asset.objects.exists()


def test_partner_gift_with_partner_is_saved(client: Client, centres, manager) -> None:
    a, _ = centres
    partner = PartnerFactory(name="PT Astra")
    client.force_login(manager)
    data = asset_data(source="partner", partner=partner.pk)
    assert client.post(reverse("centres:asset_create", args=[a.code]), data).status_code == 302
    assert Asset.objects.get(centre=a).partner == partner


def test_bad_numbers_are_errors_naming_the_field(client: Client, centres, manager) -> None:
    a, _ = centres
    client.force_login(manager)
    response = client.post(reverse("centres:asset_create", args=[a.code]), asset_data(quantity=0, year_acquired=1800))
    assert response.status_code == 400
    body = response.content.decode()
    assert 'data-testid="error-quantity"' in body and 'data-testid="error-year_acquired"' in body
    assert not Asset.objects.exists()


# Staff, certificates, fields ----------------------------------------------------------------------


def test_instructor_without_field_is_an_error_and_then_saved(client: Client, centres, manager) -> None:
    a, _ = centres
    client.force_login(manager)
    english(client)
    url = reverse("centres:staff_create", args=[a.code])
    data = {"name": "Ibu Sari", "role": StaffRole.INSTRUCTOR, "field": "", "phone": "", "email": "", "active": "on"}
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Give the field the instructor teaches." in response.content.decode()
    assert client.post(url, {**data, "field": field("menjahit").pk}).status_code == 302
    staff = Staff.objects.get(centre=a)
    assert staff.field.code == "menjahit" and staff.active

    deactivate = reverse("centres:staff_deactivate", args=[a.code, staff.pk])
    assert client.post(deactivate).status_code == 302
    staff.refresh_from_db()
    assert not staff.active


def test_certificate_expiry_before_issue_is_an_error_then_add_and_delete(client: Client, centres, manager) -> None:
    a, _ = centres
    staff = StaffFactory(centre=a)
    client.force_login(manager)
    english(client)
    url = reverse("centres:certificate_create", args=[a.code, staff.pk])
    data = {"name": "Menjahit Pakaian", "number": "BNSP-1", "issuer": "BNSP", "issued_on": "2024-05-01"}
    response = client.post(url, {**data, "expires_on": "2024-01-01"})
    assert response.status_code == 400
    assert 'data-testid="error-expires_on"' in response.content.decode()
    assert client.post(url, {**data, "expires_on": "2027-05-01"}).status_code == 302
    certificate = Certificate.objects.get(staff=staff)
    delete_url = reverse("centres:certificate_delete", args=[a.code, certificate.pk])
    assert client.post(delete_url)["Location"].endswith("?tab=staff")
    assert not Certificate.objects.exists()


def test_set_change_and_remove_a_field(client: Client, centres, manager) -> None:
    a, _ = centres
    client.force_login(manager)
    url = reverse("centres:field_set", args=[a.code])
    assert client.post(url, {"field": field("tik").pk, "capacity": "16"}).status_code == 302
    # Setting it again changes the capacity, not a duplicate.
    assert client.post(url, {"field": field("tik").pk, "capacity": "24"}).status_code == 302
    centre_field = CentreField.objects.get(centre=a)
    assert centre_field.capacity == 24
    assert 'value="24"' in client.get(f"{url}?field=tik").content.decode()
    assert client.post(url, {"field": field("tik").pk, "capacity": "0"}).status_code == 400
    assert client.post(reverse("centres:field_remove", args=[a.code, centre_field.pk])).status_code == 302
    assert not CentreField.objects.exists()


# Agreements and their documents ---------------------------------------------------------------------


def test_coordinator_adds_an_agreement_and_the_document_downloads_safely(client: Client, centres) -> None:
    a, _ = centres
    coordinator = make_user(Role.REGIONAL_COORDINATOR, provinces=["32"])
    client.force_login(coordinator)
    url = reverse("centres:agreement_create", args=[a.code])
    data = {"number": "PKS/7/2023", "signed_on": "2023-02-01", "subject": "Pelatihan"}
    response = client.post(url, {**data, "document": SimpleUploadedFile("pks.pdf", PDF)})
    assert response.status_code == 302
    agreement = Agreement.objects.get(centre=a)
    assert agreement.document.name.startswith("agreements/")
    # Only through the scoped view: the page never shows a /media/ URL.
    page = client.get(f"{reverse('centres:detail', args=[a.code])}?tab=agreements").content.decode()
    assert "/media/" not in page
    download = client.get(reverse("centres:agreement_document", args=[a.code, agreement.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == PDF
    # A manager of the centre may read it too; a coordinator of Jawa Timur may not.
    client.force_login(make_user(Role.CENTRE_MANAGER, centres=[a]))
    assert client.get(reverse("centres:agreement_document", args=[a.code, agreement.pk])).status_code == 200
    client.force_login(make_user(Role.REGIONAL_COORDINATOR, provinces=["35"]))
    assert client.get(reverse("centres:agreement_document", args=[a.code, agreement.pk])).status_code == 404


def test_a_document_that_is_not_what_it_says_is_refused(client: Client, centres) -> None:
    a, _ = centres
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    english(client)
    url = reverse("centres:agreement_create", args=[a.code])
    data = {"number": "PKS/8/2023", "signed_on": "2023-02-01", "subject": "Pelatihan"}
    fake = SimpleUploadedFile("pks.pdf", b"MZ\x90\x00 not a pdf")
    response = client.post(url, {**data, "document": fake})
    assert response.status_code == 400
    assert "The file&#x27;s content is not a PDF." in response.content.decode()
    assert not Agreement.objects.exists()
    exe = SimpleUploadedFile("pks.exe", b"MZ")
    assert "Upload a PDF, JPG or PNG file." in client.post(url, {**data, "document": exe}).content.decode()


def test_duplicate_agreement_number_is_an_error_not_a_crash(client: Client, centres) -> None:
    a, _ = centres
    services.agreement_create(centre=a, number="PKS/9", signed_on=dt.date(2023, 1, 1), subject="x")
    client.force_login(make_user(Role.MINISTRY_ADMIN))
    english(client)
    url = reverse("centres:agreement_create", args=[a.code])
    response = client.post(url, {"number": "PKS/9", "signed_on": "2023-02-01", "subject": "y"})
    assert response.status_code == 400
    assert "This agreement number is already recorded for the centre." in response.content.decode()
    assert Agreement.objects.count() == 1


def test_donor_choices_come_from_the_partner_register_in_scope(client: Client, centres, manager) -> None:
    """The donor list is ``Partner.objects.visible_to``: a centre manager is offered the active partners,
    not a closed one, yet an asset that names a closed partner keeps it when edited."""
    a, _ = centres
    PartnerFactory(name="PT Astra")
    closed = PartnerFactory(name="PT Lama", active=False)
    gift = AssetFactory(centre=a, source="partner", partner=closed)
    client.force_login(manager)
    new_page = client.get(reverse("centres:asset_create", args=[a.code])).content.decode()
    assert "PT Astra" in new_page and "PT Lama" not in new_page
    edit_page = client.get(reverse("centres:asset_update", args=[a.code, gift.pk])).content.decode()
    assert "PT Lama" in edit_page and "PT Astra" in edit_page
    refused = client.post(
        reverse("centres:asset_create", args=[a.code]), asset_data(source="partner", partner=closed.pk)
    )
    assert refused.status_code == 400 and Asset.objects.filter(centre=a).count() == 1
