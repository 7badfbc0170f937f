"""Fixtures of the assessment tests: a round in West Java with one verified and one assigned centre.

Building it (the default instrument, three filled assessments with evidence) takes seconds, so it is
built once per module and rolled back after the module's last test (``tests/once.py``); each test
gets the rows re-read, so what one test changes, in the database or on the objects, no other sees.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, fields
from typing import get_type_hints

import pytest
from pytest_django import DjangoDbBlocker

from inkubator.accounts.models import User
from inkubator.assessments.models import Assessment, Round
from inkubator.centres.models import Centre
from inkubator.core.roles import Role
from inkubator.regions.models import Regency
from tests.assessments.factories import assigned, fill, middle, open_round, verified
from tests.factories import CentreFactory, make_user
from tests.once import built_once


@dataclass
class World:
    round: Round
    bekasi: Centre  # West Java (32), verified
    surabaya: Centre  # East Java (35), assigned to ``assessor``, filled and submitted
    kupang: Centre  # NTT (53), assigned to another assessor
    done: Assessment
    mine: Assessment
    theirs: Assessment
    admin: User
    korwil: User  # coordinator of 32
    korwil_jatim: User  # coordinator of 35
    assessor: User
    other_assessor: User
    manager: User  # manages ``bekasi``


def _build() -> World:
    the_round = open_round()
    admin = make_user(Role.MINISTRY_ADMIN)
    bekasi = CentreFactory(regency=Regency.objects.get(code="32.16"))
    surabaya = CentreFactory(regency=Regency.objects.get(code="35.78"))
    kupang = CentreFactory(regency=Regency.objects.get(code="53.71"))
    assessor = make_user(Role.FACILITATOR)
    other = make_user(Role.FACILITATOR)
    done = verified(the_round, bekasi, middle, admin)
    mine = fill(assigned(the_round, surabaya, assessor), middle)
    from inkubator.assessments import services

    services.assessment_submit(assessment=mine)
    theirs = assigned(the_round, kupang, other)
    return World(
        round=the_round,
        bekasi=bekasi,
        surabaya=surabaya,
        kupang=kupang,
        done=done,
        mine=mine,
        theirs=theirs,
        admin=admin,
        korwil=make_user(Role.REGIONAL_COORDINATOR, provinces=["32"]),
        korwil_jatim=make_user(Role.REGIONAL_COORDINATOR, provinces=["35"]),
        assessor=assessor,
        other_assessor=other,
        manager=make_user(Role.CENTRE_MANAGER, centres=[bekasi]),
    )


@pytest.fixture(scope="module")
def _world_keys(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[dict[str, int]]:
    with built_once(django_db_blocker):
        built = _build()
        yield {field.name: getattr(built, field.name).pk for field in fields(World)}


@pytest.fixture
def world(db: None, _world_keys: dict[str, int]) -> World:
    """The world, read afresh for this test from the rows built once for the module."""
    models = get_type_hints(World)
    return World(**{name: models[name].objects.get(pk=pk) for name, pk in _world_keys.items()})
