"""Optimistic concurrency of edit pages (issue 16.1): the version a form was loaded with travels with it.

Two people edit one centre or one asset from forms loaded at the same time: different fields are
both kept; the same field answers 409 to the second, with the first one's value and a new version,
and saving again then keeps the second one's value. (The threaded race on PostgreSQL is in
tests/e2e/test_concurrency_postgresql.py.)
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from inkubator.centres.models import Asset, Centre
from inkubator.core import concurrency
from inkubator.core.roles import Role
from tests.factories import AssetFactory, CentreFactory, make_user

pytestmark = pytest.mark.django_db


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def loaded(client: Client, url: str) -> dict[str, Any]:
    """The form as the page shows it: its initial values, as a browser would post them back."""
    form = client.get(url).context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        data[name] = "on" if value is True else (value if isinstance(value, list) else str(value))
    return data


@pytest.fixture
def admin() -> Any:
    return make_user(Role.MINISTRY_ADMIN)


def test_two_people_changing_different_fields_keep_both(admin: Any) -> None:
    centre = CentreFactory(phone="021-1111", email="lama@blk.id")
    url = reverse("centres:update", args=[centre.code])
    first, second = signed_in(admin), signed_in(make_user(Role.MINISTRY_ADMIN))
    mine, theirs = loaded(first, url), loaded(second, url)
    assert mine[concurrency.VERSION_FIELD]
    assert first.post(url, {**mine, "phone": "021-2222"}).status_code == 302
    assert second.post(url, {**theirs, "email": "baru@blk.id"}).status_code == 302
    centre.refresh_from_db()
    assert (centre.phone, centre.email) == ("021-2222", "baru@blk.id")


def test_the_same_field_changed_twice_answers_409_with_the_other_value(admin: Any) -> None:
    centre = CentreFactory(contact_person="Pak Lama")
    url = reverse("centres:update", args=[centre.code])
    first, second = signed_in(admin), signed_in(make_user(Role.MINISTRY_ADMIN))
    mine, theirs = loaded(first, url), loaded(second, url)
    assert first.post(url, {**mine, "contact_person": "Bu Sari", "phone": "021-3333"}).status_code == 302
    stale = second.post(url, {**theirs, "contact_person": "Pak Budi"})
    assert stale.status_code == 409
    page = stale.content.decode()
    assert "Bu Sari" in page and 'data-testid="form-errors"' in page
    form = stale.context["form"]
    assert form.data["contact_person"] == "Pak Budi"  # their own value stays in the field
    assert form.data["phone"] == "021-3333"  # the other person's change to another field is shown
    centre.refresh_from_db()
    assert centre.contact_person == "Bu Sari"
    # Saving again with the version the 409 gave is a deliberate choice: it keeps theirs.
    again = dict(form.data.items())
    assert second.post(url, again).status_code == 302
    centre.refresh_from_db()
    assert (centre.contact_person, centre.phone) == ("Pak Budi", "021-3333")


def test_two_plus_ones_on_a_quantity_never_make_one(admin: Any) -> None:
    asset = AssetFactory(quantity=10)
    url = reverse("centres:asset_update", args=[asset.centre.code, asset.pk])
    first, second = signed_in(admin), signed_in(make_user(Role.MINISTRY_ADMIN))
    mine, theirs = loaded(first, url), loaded(second, url)
    assert first.post(url, {**mine, "quantity": "11"}).status_code == 302
    assert second.post(url, {**theirs, "quantity": "11"}).status_code == 409
    retried = loaded(second, url)
    assert second.post(url, {**retried, "quantity": str(int(retried["quantity"]) + 1)}).status_code == 302
    assert Asset.objects.get(pk=asset.pk).quantity == 12


def test_a_forged_or_missing_version_checks_nothing_but_writes_the_current_row(admin: Any) -> None:
    centre = CentreFactory(phone="021-1")
    url = reverse("centres:update", args=[centre.code])
    client = signed_in(admin)
    data = loaded(client, url)
    forged = signing.dumps({"m": "centres.centre", "pk": str(centre.pk), "v": {}}, salt="other")
    for version in (forged, ""):
        assert (
            client.post(url, {**data, concurrency.VERSION_FIELD: version, "phone": f"021-{len(version)}"}).status_code
            == 302
        )
    assert Centre.objects.get(pk=centre.pk).phone == "021-0"


def test_a_version_of_another_row_is_no_version(admin: Any) -> None:
    one, other = CentreFactory(), CentreFactory()
    token = concurrency.version_token(one, ["name"])
    assert concurrency.read_token(token, other) is None
    assert concurrency.read_token(token, one) == {"name": one.name}


def test_normal_forms_compare_stored_values() -> None:
    from decimal import Decimal

    assert concurrency.normal(Decimal("1.50")) == concurrency.normal(Decimal("1.5000"))
    assert concurrency.normal(None) is None and concurrency.normal(True) is True


def test_api_details_carry_an_etag_that_changes_with_the_object(admin: Any) -> None:
    centre = CentreFactory(phone="021-1")
    client = signed_in(admin)
    url = f"/api/v1/centres/{centre.code}/"
    first, again = client.get(url), client.get(url)
    assert first["ETag"] == again["ETag"] and first["ETag"].startswith('"')
    Centre.objects.filter(pk=centre.pk).update(phone="021-2")
    assert client.get(url)["ETag"] != first["ETag"]
    # Writes are refused whatever the tag says: the API is read-only.
    assert client.put(url, {}, content_type="application/json", headers={"If-Match": first["ETag"]}).status_code == 405
