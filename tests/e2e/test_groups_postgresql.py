"""Two staff changing one group (kelompok, issue 12.6) at once on PostgreSQL (threads, real transactions).

Adding the same NIK from several tabs makes one member (and one person); choosing different chairs at
once leaves exactly one chair, and the group's person is that chair's. Transactional like the browser
tests, so it lives with them (see tests/e2e/conftest.py); what the threads commit is emptied by the
flush after the test (tenants, people, audit entries).
"""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from inkubator.incubation import services
from inkubator.incubation.models import Tenant, TenantMember
from inkubator.people.models import Person
from tests.e2e.test_races_postgresql import at_once
from tests.incubation.factories import make_tenant
from tests.people.factories import PersonFactory, make_nik

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are what is tested: PostgreSQL only"),
]

BORN = datetime.date(1991, 4, 2)


def test_the_same_new_nik_added_from_eight_tabs_makes_one_member() -> None:
    group = make_tenant(person=PersonFactory(), group_name="Kelompok Serentak")
    nik = make_nik(birth_date=BORN, sex="M", serial=77)

    def add() -> str:
        services.group_member_add(tenant=group, nik=nik, name="Anggota Serentak", sex="M", birth_date=BORN)
        return "added"

    results = at_once([add] * 8)
    assert results.count("added") == 1, results
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(refused) == 7 and all("sudah menjadi anggota" in " ".join(r.messages) for r in refused), results
    assert Person.objects.filter(nik=nik).count() == 1
    assert TenantMember.objects.filter(tenant=group, person__nik=nik).count() == 1


def test_different_chairs_chosen_at_once_leave_one_chair() -> None:
    group = make_tenant(person=PersonFactory(), group_name="Kelompok Rebutan")
    members = [
        services.group_member_add(
            tenant=group, nik=make_nik(birth_date=BORN, sex="M", serial=80 + n), name=f"Anggota {n}", sex="M",
            birth_date=BORN,
        )
        for n in range(6)
    ]  # fmt: skip

    def choose(member: TenantMember):  # noqa: ANN202
        return lambda: services.group_chair_set(member=member).pk

    results = at_once([choose(member) for member in members])
    assert all(isinstance(r, int) for r in results), results
    chairs = list(TenantMember.objects.filter(tenant=group, chair=True))
    assert len(chairs) == 1
    assert Tenant.objects.get(pk=group.pk).person_id == chairs[0].person_id
    assert TenantMember.objects.filter(tenant=group).count() == 7
