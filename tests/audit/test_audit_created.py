"""Set-based writes' entries for created objects (``core.audit.audit_created``) hold what auditlog itself writes.

``audit_created`` works a model's diff out once and reads only the new values per object; these tests
pin that its entries are the ones django-auditlog's own ``post_save`` hook stored for the same
objects (saved one by one here), masked personal fields and reverse relations included, and that
its changes equal auditlog's ``model_instance_diff`` in the text and the JSON mode.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from auditlog.context import set_actor
from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from django.db import models
from django.test import override_settings

from inkubator.centres.models import CentreField
from inkubator.core.audit import audit_created, audit_write
from inkubator.core.roles import Role
from inkubator.people.services import person_create
from inkubator.venues.choices import VenueKind
from tests.factories import CentreFactory, PartnerFactory, StaffFactory, field, make_user
from tests.people.factories import make_nik
from tests.venues.factories import make_venue

pytestmark = pytest.mark.django_db

# Everything an entry stores about its object and its writer (not its key or time).
STORED = [
    "content_type_id",
    "object_pk",
    "object_id",
    "object_repr",
    "serialized_data",
    "action",
    "changes_text",
    "changes",
    "actor_id",
    "actor_email",
    "cid",
    "remote_addr",
    "remote_port",
    "additional_data",
]


def _created_objects() -> list[models.Model]:
    """Objects of several kinds saved one by one (auditlog's hook writes each one's entry): keys to codes
    and to ids, decimals, booleans, dates and date-times, JSON, reverse relations, masked personal fields
    (a person's NIK, phone and blank address; a staff member's phone), an excluded field (name_key) and a
    many-to-many one (a partner's provinces)."""
    centre = CentreFactory(latitude=Decimal("-6.25000"), longitude=Decimal("107.10000"), phone="081234567890")
    person = person_create(
        nik=make_nik(birth_date=datetime.date(1990, 1, 1), sex="F", serial=1739),
        name="Sri Wahyuni",
        sex="F",
        birth_date=datetime.date(1990, 1, 1),
        phone="081298769876",
    )
    staff = StaffFactory(centre=centre, phone="0812-3456-7890")
    offered = CentreField.objects.create(centre=centre, field=field(), capacity=16)
    partner = PartnerFactory(contact_phone="021-555-0101")
    return [centre.host, centre, person, staff, offered, partner]


def _stored(entry: LogEntry) -> dict[str, object]:
    return {name: getattr(entry, name) for name in STORED}


def test_created_entries_are_the_ones_auditlog_writes() -> None:
    admin = make_user(Role.MINISTRY_ADMIN)
    with set_actor(admin, remote_addr="10.1.2.3"):
        objects = _created_objects()
        ours = audit_created(objects)
    auditlogs = [LogEntry.objects.get_for_object(instance).get() for instance in objects]

    assert len(ours) == len(objects)
    before = LogEntry.objects.order_by("pk").last().pk
    audit_write(ours)
    written = LogEntry.objects.filter(pk__gt=before).order_by("pk")
    assert [_stored(entry) for entry in written] == [_stored(entry) for entry in auditlogs]
    # What is compared: the masked NIK and phone (never the numbers), the reverse relations' text.
    person = next(entry for entry in written if entry.object_repr == "Sri Wahyuni")
    assert person.changes["nik"] == ["None", "••••••••••••1739"] and person.changes["phone"][1] == "••••••••••9876"
    assert person.changes["address"] == ["None", ""] and "name_key" not in person.changes
    centre = next(entry for entry in written if entry.changes.get("code"))
    assert centre.changes["staff"] == ["None", "centres.Staff.None"] and "venue" not in centre.changes
    assert centre.actor_id == admin.pk and centre.remote_addr == "10.1.2.3"


@pytest.mark.parametrize("json", [False, True])
def test_created_changes_equal_auditlogs_diff(json: bool) -> None:
    objects = _created_objects()
    centre = objects[1]
    # A centre that a venue points at (the reverse one-to-one cached on it): that relation is a change too.
    make_venue(kind=VenueKind.BLKK_INCUBATOR, centre=centre)
    assert centre.venue is not None

    with override_settings(AUDITLOG_STORE_JSON_CHANGES=json):
        ours = [entry.changes for entry in audit_created(objects)]
        theirs = [model_instance_diff(None, instance, use_json_for_changes=json) for instance in objects]

    assert ours == theirs
    assert "venue" in ours[1]


def test_nothing_created_nothing_written() -> None:
    assert audit_created([]) == []
    assert audit_write(audit_created([])) == 0
