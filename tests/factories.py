"""Test data builders. Users go through the real service, so tests exercise the same rules as the app."""

from __future__ import annotations

import itertools
from typing import Any

import factory

from inkubator.accounts.models import User
from inkubator.accounts.services import user_create
from inkubator.centres.choices import AssetCondition, AssetKind, AssetSource, HostKind, StaffRole
from inkubator.centres.models import Asset, Centre, HostInstitution, Staff, VocationalField
from inkubator.partners.models import Partner
from inkubator.regions.models import Province, Regency

PASSWORD = "Rahasia-Kuat-2026"
_serial = itertools.count(1)


class HostInstitutionFactory(factory.django.DjangoModelFactory):
    """A pondok pesantren in Kabupaten Bekasi unless told otherwise."""

    class Meta:
        model = HostInstitution

    name = factory.Sequence(lambda n: f"Pondok Pesantren Uji {n}")
    kind = HostKind.PESANTREN
    religion = "islam"
    regency = factory.LazyFunction(lambda: Regency.objects.get(code="32.16"))


class CentreFactory(factory.django.DjangoModelFactory):
    """A centre in Kabupaten Bekasi unless told otherwise, hosted by a pesantren of its regency."""

    class Meta:
        model = Centre

    code = factory.Sequence(lambda n: f"T-{n:05d}")
    name = factory.Sequence(lambda n: f"BLK Komunitas Uji {n}")
    regency = factory.LazyFunction(lambda: Regency.objects.get(code="32.16"))
    province = factory.LazyAttribute(lambda o: o.regency.province)
    host = factory.SubFactory(HostInstitutionFactory, regency=factory.SelfAttribute("..regency"))
    cohort_year = 2020


class StaffFactory(factory.django.DjangoModelFactory):
    """A manager of a centre."""

    class Meta:
        model = Staff

    centre = factory.SubFactory(CentreFactory)
    name = factory.Sequence(lambda n: f"Staf Uji {n}")
    role = StaffRole.MANAGER


class AssetFactory(factory.django.DjangoModelFactory):
    """Ten computers from ministry aid."""

    class Meta:
        model = Asset

    centre = factory.SubFactory(CentreFactory)
    kind = AssetKind.EQUIPMENT
    name = "Komputer"
    quantity = 10
    condition = AssetCondition.GOOD
    source = AssetSource.MINISTRY


def field(code: str = "tik") -> VocationalField:
    """A vocational field of the seeded master list."""
    return VocationalField.objects.get(code=code)


class PartnerFactory(factory.django.DjangoModelFactory):
    """A partner organisation."""

    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"PT Mitra Uji {n}")
    kind = Partner.Kind.COMPANY


def make_user(role: str, **scope: Any) -> User:
    """A user of ``role`` created by ``user_create``; scope given as model instances or codes."""
    if "provinces" in scope:
        scope["provinces"] = [
            p if isinstance(p, Province) else Province.objects.get(code=p) for p in scope["provinces"]
        ]
    if "regencies" in scope:
        scope["regencies"] = [r if isinstance(r, Regency) else Regency.objects.get(code=r) for r in scope["regencies"]]
    username = scope.pop("username", f"{role}{next(_serial)}")
    return user_create(username=username, password=PASSWORD, role=role, **scope)
