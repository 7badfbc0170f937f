"""Group tenants (kelompok, issue 12.6): a TKM group with members by NIK, a chair and the group's grant.

Services (members, chair, audit), pages (take a group in, add/remove a member, choose the chair,
NIK masked, 404 outside the scope and for a tenant who is one person), and the TKM list import's
group rows.
"""

from __future__ import annotations

import csv
import datetime
import io
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from inkubator.core.roles import Role
from inkubator.incubation import services
from inkubator.incubation.choices import SourceProgramme
from inkubator.incubation.models import Grant, Tenant, TenantMember
from inkubator.people.models import Person
from inkubator.regions.models import Regency
from tests.factories import make_user
from tests.people.factories import PersonFactory, make_nik

from .factories import make_incubator, make_tenant

pytestmark = pytest.mark.django_db

BORN = datetime.date(1990, 3, 12)


def client_for(user) -> Client:  # noqa: ANN001
    client = Client()
    client.force_login(user)
    return client


def make_group(*, incubator=None, name: str = "Kelompok Tani Makmur", chair=None) -> Tenant:  # noqa: ANN001
    return make_tenant(
        incubator=incubator or make_incubator(),
        person=chair or PersonFactory(name="Ketua Sri"),
        group_name=name,
        grant_amount=10_000_000,
    )


def member_values(serial: int, *, name: str = "Anggota Budi") -> dict:
    return {"nik": make_nik(birth_date=BORN, sex="M", serial=serial), "name": name, "sex": "M", "birth_date": BORN}


def audit_count(model: type) -> int:
    return LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(model)).count()


# Services ---------------------------------------------------------------------------------------


def test_a_group_is_taken_in_with_its_chair_as_first_member_and_its_grant() -> None:
    group = make_group()
    assert group.is_group and str(group) == "Kelompok Tani Makmur"
    (chair,) = group.members.all()
    assert chair.chair and chair.person == group.person
    assert Grant.objects.get(tenant=group).amount == 10_000_000


def test_members_are_people_by_nik_once_each_and_audited() -> None:
    group = make_group()
    known = PersonFactory(nik=make_nik(birth_date=BORN, sex="M", serial=41), birth_date=BORN)
    before = audit_count(TenantMember)
    member = services.group_member_add(tenant=group, **member_values(41, name="Typed Otherwise"))
    assert member.person == known and not member.chair  # found by NIK, not duplicated
    new = services.group_member_add(tenant=group, **member_values(42))
    assert new.person.nik == make_nik(birth_date=BORN, sex="M", serial=42) and Person.objects.count() == 3
    assert audit_count(TenantMember) == before + 2
    with pytest.raises(ValidationError, match="sudah menjadi anggota"):
        services.group_member_add(tenant=group, **member_values(41))
    assert group.members.count() == 3


def test_a_tenant_who_is_one_person_has_no_members() -> None:
    tenant = make_tenant()
    with pytest.raises(ValidationError, match="Hanya kelompok yang memiliki anggota"):
        services.group_member_add(tenant=tenant, **member_values(43))
    assert not TenantMember.objects.exists()


def test_an_invalid_nik_is_refused() -> None:
    group = make_group()
    with pytest.raises(ValidationError, match="NIK"):
        services.group_member_add(tenant=group, nik="1234", name="X", sex="M", birth_date=BORN)
    assert group.members.count() == 1


def test_the_chair_changes_hands_and_the_group_follows_its_chair() -> None:
    group = make_group()
    old = group.members.get()
    member = services.group_member_add(tenant=group, **member_values(44))
    before = audit_count(TenantMember)
    services.group_chair_set(member=member)
    group.refresh_from_db()
    assert group.person == member.person
    assert list(group.members.filter(chair=True)) == [member]
    assert audit_count(TenantMember) == before + 2  # the old chair stepped down, the new one up
    with pytest.raises(ValidationError, match="Ketua tidak dapat keluar"):
        services.group_member_remove(member=TenantMember.objects.get(pk=member.pk))
    services.group_member_remove(member=old)
    assert list(group.members.all()) == [TenantMember.objects.get(pk=member.pk)]


# Pages ------------------------------------------------------------------------------------------


@pytest.fixture
def world() -> dict:
    bekasi = make_incubator(regency=Regency.objects.get(code="32.16"))
    kupang = make_incubator(regency=Regency.objects.get(code="53.71"))
    return {
        "bekasi": bekasi,
        "manager": make_user(Role.CENTRE_MANAGER, centres=[bekasi]),
        "group": make_group(incubator=bekasi),
        "other": make_group(incubator=kupang, name="Kelompok Jauh", chair=PersonFactory(name="Ketua Jauh")),
        "korwil_elsewhere": make_user(Role.REGIONAL_COORDINATOR, provinces=["53"]),
    }


def test_a_manager_takes_a_group_in_and_adds_a_member(world: dict) -> None:
    client = client_for(world["manager"])
    page = client.get(reverse("incubation:group_create"))
    assert page.status_code == 200 and 'name="group_name"' in page.content.decode()
    chair_nik = make_nik(birth_date=BORN, sex="F", serial=51)
    answer = client.post(
        reverse("incubation:group_create"),
        {
            "group_name": "KUB Sumber Rejeki", "nik": chair_nik, "name": "Sri Wahyuni", "sex": "F",
            "birth_date": "1990-03-12", "incubator": world["bekasi"].code,
            "source_programme": SourceProgramme.TKM_PEMULA,
            "joined_on": "2026-01-05", "business_name": "Keripik Singkong", "sector": "Industri makanan",
            "grant_amount": "10000000",
        },
    )  # fmt: skip
    group = Tenant.objects.get(group_name="KUB Sumber Rejeki")
    assert answer.status_code == 302 and answer["Location"].endswith(f"/tenants/{group.pk}/#members")
    assert group.person.nik == chair_nik and Grant.objects.get(tenant=group).amount == 10_000_000
    added = client.post(
        reverse("incubation:member_add", args=[group.pk]),
        {**member_values(52), "birth_date": "1990-03-12", "phone": ""},
    )
    assert added.status_code == 302 and group.members.count() == 2
    detail = client.get(reverse("incubation:tenant_detail", args=[group.pk])).content.decode()
    assert "KUB Sumber Rejeki" in detail and 'data-testid="member"' in detail
    # NIKs are masked on the page: the full number is never shown.
    assert chair_nik not in detail and make_nik(birth_date=BORN, sex="M", serial=52) not in detail
    again = client.post(
        reverse("incubation:member_add", args=[group.pk]), {**member_values(52), "birth_date": "1990-03-12"}
    )
    assert again.status_code == 400 and "sudah menjadi anggota" in again.content.decode()


def test_the_board_names_a_group_by_its_name_as_the_list_and_its_page_do(world: dict) -> None:
    board = client_for(world["manager"]).get(reverse("incubation:board")).content.decode()
    assert ">Kelompok Tani Makmur</a>" in board and ">Ketua Sri</a>" not in board  # the card's link, not its chair


def test_the_chair_and_removal_pages_act_after_confirmation(world: dict) -> None:
    client = client_for(world["manager"])
    group = world["group"]
    member = services.group_member_add(tenant=group, **member_values(53))
    chair_url = reverse("incubation:member_chair", args=[group.pk, member.pk])
    assert client.get(chair_url).status_code == 200 and group.members.get(chair=True) != member
    assert client.post(chair_url).status_code == 302
    group.refresh_from_db()
    assert group.person == member.person
    old = group.members.get(chair=False)
    # The chair cannot be removed: the page says so and nothing changes.
    refused = client.post(reverse("incubation:member_remove", args=[group.pk, member.pk]), follow=True)
    assert refused.status_code == 200 and group.members.count() == 2
    assert client.post(reverse("incubation:member_remove", args=[group.pk, old.pk])).status_code == 302
    assert list(group.members.values_list("pk", flat=True)) == [member.pk]


def test_group_pages_answer_404_outside_the_scope(world: dict) -> None:
    other = world["other"]
    stranger = other.members.get()
    client = client_for(world["manager"])
    urls = [
        reverse("incubation:tenant_detail", args=[other.pk]),
        reverse("incubation:member_add", args=[other.pk]),
        reverse("incubation:member_remove", args=[other.pk, stranger.pk]),
        reverse("incubation:member_chair", args=[other.pk, stranger.pk]),
        # The in-scope group's URL with another group's member: 404 too.
        reverse("incubation:member_remove", args=[world["group"].pk, stranger.pk]),
        reverse("incubation:member_chair", args=[world["group"].pk, stranger.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
        if "/members/" in url:
            assert client.post(url, member_values(54)).status_code == 404, url
    assert other.members.count() == 1 and world["group"].members.count() == 1
    # A coordinator of another region neither sees nor changes the in-scope group.
    korwil = client_for(world["korwil_elsewhere"])
    group = world["group"]
    assert korwil.get(reverse("incubation:tenant_detail", args=[group.pk])).status_code == 404
    assert korwil.get(reverse("incubation:member_add", args=[group.pk])).status_code == 404


def test_a_tenant_who_is_one_person_has_no_member_page(world: dict) -> None:
    tenant = make_tenant(incubator=world["bekasi"])
    assert client_for(world["manager"]).get(reverse("incubation:member_add", args=[tenant.pk])).status_code == 404


def test_the_list_filters_groups_and_finds_them_by_name(world: dict) -> None:
    make_tenant(incubator=world["bekasi"], business_name="Bengkel Las Jaya")
    client = client_for(world["manager"])
    groups = client.get(reverse("incubation:tenant_list"), {"group": "true"}).context["table"].paginator.count
    people = client.get(reverse("incubation:tenant_list"), {"group": "false"}).context["table"].paginator.count
    found = client.get(reverse("incubation:tenant_list"), {"q": "Tani Makmur"}).context["table"].paginator.count
    assert (groups, people, found) == (1, 1, 1)


# Import -----------------------------------------------------------------------------------------

HEADERS = [
    "NIK", "Nama", "Jenis Kelamin", "Tanggal Lahir", "Nama Usaha", "Sektor", "Kode BLK", "Program", "Nilai Bantuan",
    "Nama Kelompok", "Jabatan",
]  # fmt: skip


def write(tmp_path: Path, rows: list[dict]) -> Path:
    path = tmp_path / "tkm_kelompok.csv"
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(HEADERS)
        for values in rows:
            writer.writerow([values.get(h, "") for h in HEADERS])
    return path


def list_row(serial: int, name: str, **overrides: str) -> dict:
    values = {
        "NIK": make_nik(birth_date=BORN, sex="M", serial=serial), "Nama": name, "Jenis Kelamin": "L",
        "Tanggal Lahir": "12-03-1990", "Nama Usaha": "Usaha Bersama", "Sektor": "Industri makanan",
        "Kode BLK": "BLKK-3216-009", "Program": "TKM Pemula", "Nilai Bantuan": "Rp 10.000.000",
        "Nama Kelompok": "Kelompok Mekar", "Jabatan": "Anggota",
    }  # fmt: skip
    values.update(overrides)
    return values


def run(*args: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command("import", *args, stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def test_the_tkm_list_import_takes_group_rows_in_as_one_group(tmp_path: Path) -> None:
    make_incubator(code="BLKK-3216-009")
    path = write(
        tmp_path,
        [
            list_row(61, "Anggota Satu"),
            list_row(62, "Ketua Dua", Jabatan="Ketua"),
            list_row(63, "Anggota Tiga", **{"Nilai Bantuan": ""}),
            list_row(64, "Sendiri", **{"Nama Kelompok": "", "Jabatan": ""}),
        ],
    )
    run("tenants", str(path))
    group = Tenant.objects.get(group_name="Kelompok Mekar")
    assert group.person.name == "Ketua Dua" and group.members.get(chair=True).person.name == "Ketua Dua"
    assert sorted(group.members.values_list("person__name", flat=True)) == ["Anggota Satu", "Anggota Tiga", "Ketua Dua"]
    assert Grant.objects.filter(tenant=group).get().amount == 10_000_000  # the group's grant, once
    assert Tenant.objects.get(group_name="").person.name == "Sendiri"
    # The same list with one new member: the group gets the new member, nothing else changes.
    path = write(
        tmp_path,
        [list_row(61, "Anggota Satu"), list_row(62, "Ketua Dua", Jabatan="Ketua"), list_row(65, "Anggota Baru")],
    )
    run("tenants", str(path))
    assert Tenant.objects.count() == 2 and group.members.count() == 4
    assert Grant.objects.filter(tenant=group).count() == 1


def test_a_group_with_two_chairs_in_the_list_is_refused(tmp_path: Path) -> None:
    make_incubator(code="BLKK-3216-009")
    path = write(tmp_path, [list_row(71, "Satu", Jabatan="Ketua"), list_row(72, "Dua", Jabatan="Ketua")])
    from inkubator.imports.services import import_file

    run_ = import_file(kind="tenants", path=path, dry_run=True)
    messages = [str(error.message) for error in run_.report.errors]
    assert any("sudah memiliki ketua di baris" in message for message in messages), messages
    assert not Tenant.objects.exists()


def test_a_group_without_a_chair_row_is_chaired_by_its_first_row(tmp_path: Path) -> None:
    make_incubator(code="BLKK-3216-009")
    run("tenants", str(write(tmp_path, [list_row(81, "Pertama"), list_row(82, "Kedua")])))
    group = Tenant.objects.get(group_name="Kelompok Mekar")
    assert group.person.name == "Pertama" and group.members.count() == 2
