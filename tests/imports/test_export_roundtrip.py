"""The register's own export imports back unchanged: what users download they can edit and upload."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from inkubator.centres.choices import CentreStatus, HostKind
from inkubator.core.roles import Role
from inkubator.imports.services import import_file
from inkubator.imports.validation import Action
from inkubator.regions.models import Regency, Village
from tests.factories import CentreFactory, HostInstitutionFactory, field, make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_an_export_imports_back_as_unchanged(client: Client, tmp_path: Path, fmt: str) -> None:
    village = Village.objects.filter(district__regency_id="35.78").order_by("code").first()
    centre = CentreFactory(
        regency=Regency.objects.get(code="35.78"), district=village.district, village=village, address="Jl. Uji 1"
    )
    centre.centre_fields.create(field=field("tik"), capacity=16)
    # A union host: its exported type label ("Serikat pekerja/serikat buruh (SP/SB)") must read back.
    union = HostInstitutionFactory(
        name="DPC Serikat Pekerja Uji", kind=HostKind.UNION, religion="", regency=centre.regency
    )
    CentreFactory(name="BLK Komunitas SP Uji", host=union, regency=centre.regency, status=CentreStatus.INACTIVE)
    CentreFactory(regency=Regency.objects.get(code="32.16"))
    user = make_user(Role.REGIONAL_COORDINATOR, provinces=["35"])
    client.force_login(user)
    response = client.get(reverse("centres:export", args=[fmt]))
    assert response.status_code == 200
    path = tmp_path / f"export.{fmt}"
    path.write_bytes(b"".join(response.streaming_content) if response.streaming else response.content)

    outcome = import_file(kind="centres", path=path, user=user, dry_run=True)

    assert outcome.report.ok, [str(error) for error in outcome.report.errors]
    assert outcome.report.counts[Action.UNCHANGED] == 2
    assert sum(outcome.report.counts.values()) == 2
