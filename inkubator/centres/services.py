"""Writes to the centre register. Each is one transaction, validated with ``full_clean()``.

django-auditlog records every create, update and delete of these models with the acting user
(``AuditlogMiddleware`` on web requests, ``auditlog.context.set_actor`` in commands and imports).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db import models, transaction
from django.utils import timezone

from inkubator.core.audit import audit_created, audit_entry, audit_write

from .models import Agreement, Asset, Centre, CentreField, Certificate, HostInstitution, Staff

M = TypeVar("M", bound=models.Model)


def _save(instance: M, changes: Mapping[str, Any] | None = None) -> M:
    """Apply ``changes``, validate the whole object (constraints included) and save it."""
    for name, value in (changes or {}).items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    return instance


def _region_fields(changes: dict[str, Any]) -> dict[str, Any]:
    """Fill the province from the regency, so that a form or a file needs only the regency."""
    regency = changes.get("regency")
    if regency is not None and "province" not in changes:
        changes["province_id"] = regency.province_id
    return changes


@transaction.atomic
def host_institution_create(*, name: str, kind: str, regency: Any, **fields: Any) -> HostInstitution:
    """Register a host institution (name unique within its regency/city)."""
    return _save(HostInstitution(name=name.strip(), kind=kind, regency=regency, **fields))


@transaction.atomic
def host_institution_update(*, host: HostInstitution, **changes: Any) -> HostInstitution:
    """Change a host institution's details."""
    return _save(host, changes)


@transaction.atomic
def centre_create(
    *, code: str, name: str, host: HostInstitution, regency: Any, cohort_year: int, **fields: Any
) -> Centre:
    """Register a centre; its province follows from the regency/city."""
    changes = _region_fields({"regency": regency, **fields})
    return _save(Centre(code=code.strip(), name=name.strip(), host=host, cohort_year=cohort_year), changes)


def _with_notes(centre: Centre, changes: Mapping[str, Any]) -> dict[str, Any]:
    """``changes`` plus the centre's import notes without those about the fields being set."""
    changes = dict(changes)
    if centre.import_notes and "import_notes" not in changes:
        notes = {
            key: text for key, text in centre.import_notes.items() if key not in changes and f"{key}_id" not in changes
        }
        if notes != centre.import_notes:
            changes["import_notes"] = notes
    return changes


@transaction.atomic
def centre_update(*, centre: Centre, **changes: Any) -> Centre:
    """Change a centre's registration or contact details (an import note about a field set goes away)."""
    return _save(centre, _region_fields(_with_notes(centre, changes)))


@transaction.atomic
def centre_field_set(*, centre: Centre, field: Any, capacity: int) -> CentreField:
    """Offer a vocational field at a centre, or change its capacity."""
    existing = CentreField.objects.filter(centre=centre, field=field).first()
    return _save(existing or CentreField(centre=centre, field=field), {"capacity": capacity})


@transaction.atomic
def centre_field_remove(*, centre_field: CentreField) -> None:
    """Stop offering a field."""
    centre_field.delete()


@transaction.atomic
def agreement_create(*, centre: Centre, number: str, signed_on: Any, subject: str, document: Any = None) -> Agreement:
    """Record a signed agreement (PKS) with its document."""
    return _save(
        Agreement(centre=centre, number=number.strip(), signed_on=signed_on, subject=subject, document=document or "")
    )


@transaction.atomic
def staff_create(*, centre: Centre, name: str, role: str, **fields: Any) -> Staff:
    """Add a manager, instructor or administrator to a centre."""
    return _save(Staff(centre=centre, name=name.strip(), role=role, **fields))


@transaction.atomic
def staff_update(*, staff: Staff, **changes: Any) -> Staff:
    """Change a staff member's details."""
    return _save(staff, changes)


@transaction.atomic
def staff_delete(*, staff: Staff) -> None:
    """Remove a staff member (the audit trail keeps what they were)."""
    staff.delete()


@transaction.atomic
def certificate_create(*, staff: Staff, name: str, number: str, **fields: Any) -> Certificate:
    """Record a competency certificate of a staff member."""
    return _save(Certificate(staff=staff, name=name.strip(), number=number.strip(), **fields))


@transaction.atomic
def certificate_delete(*, certificate: Certificate) -> None:
    """Remove a certificate."""
    certificate.delete()


@transaction.atomic
def asset_create(*, centre: Centre, kind: str, name: str, condition: str, source: str, **fields: Any) -> Asset:
    """Map a building or piece of equipment of a centre."""
    return _save(Asset(centre=centre, kind=kind, name=name.strip(), condition=condition, source=source, **fields))


@transaction.atomic
def asset_update(*, asset: Asset, **changes: Any) -> Asset:
    """Change an asset's quantity, condition or details."""
    return _save(asset, changes)


@transaction.atomic
def asset_delete(*, asset: Asset) -> None:
    """Remove an asset from the mapping."""
    asset.delete()


# Set-based writes of a centre import ----------------------------------------------------------


@dataclass
class CentreWrites:
    """What one import writes, gathered before anything is written (``centres_write``).

    ``new_hosts`` and ``new_centres`` are unsaved objects; a new centre may point at a new host and
    a new offered field at a new centre (their keys are filled in as each kind is inserted).
    ``host_changes`` and ``centre_changes`` pair a loaded object with the values to set on it.
    """

    new_hosts: list[HostInstitution] = field(default_factory=list)
    host_changes: list[tuple[HostInstitution, dict[str, Any]]] = field(default_factory=list)
    new_centres: list[Centre] = field(default_factory=list)
    centre_changes: list[tuple[Centre, dict[str, Any]]] = field(default_factory=list)
    new_fields: list[CentreField] = field(default_factory=list)


# The checks a row's values get before a set-based write: every field's own validation and each
# model's clean(). Foreign keys and uniqueness are left to the database: the import resolved every
# key from the register it loaded (one query each), and a full_clean per object asked the database
# once per foreign key and unique field of every row (4,300 centres: minutes); the constraints still
# refuse a clash, which rolls the whole import back.
_DATABASE_CHECKED = {
    HostInstitution: ["regency"],
    Centre: ["host", "province", "regency", "district", "village"],
    CentreField: ["centre", "field"],
}


def _check(instance: models.Model) -> None:
    instance.full_clean(exclude=_DATABASE_CHECKED[type(instance)], validate_unique=False, validate_constraints=False)


Changed = dict[tuple[str, ...], list[Any]]  # objects by the names of the fields that changed in them


def _changed(objects: Sequence[tuple[M, Mapping[str, Any]]], *, centres: bool = False) -> tuple[Changed, list[Any]]:
    """Apply each object's changes and check it; the changed objects by changed fields, and their audit entries."""
    changed: Changed = {}
    entries = []
    for instance, changes in objects:
        old = copy.copy(instance)
        values = _with_notes(instance, changes) if centres else changes
        for name, value in values.items():
            setattr(instance, name, value)
        _check(instance)
        names = tuple(
            f.name for f in instance._meta.concrete_fields if getattr(old, f.attname) != getattr(instance, f.attname)
        )
        if names:
            changed.setdefault(names, []).append(instance)
            entries.append(audit_entry(instance, old=old))
    return changed, entries


def _update(model: type[models.Model], changed: Changed, now: Any) -> None:
    """One ``UPDATE`` per batch of objects that changed in the same fields, only those fields written.

    Writing every column of every object made Django build a CASE of 500 values per column and
    batch: 43 s of Python for 4,300 changed phones. A file changes a few columns, the same in most rows.
    """
    for names, objects in changed.items():
        for instance in objects:
            instance.updated_at = now
        model.objects.bulk_update(objects, [*names, "updated_at"], batch_size=500)


@transaction.atomic
def centres_write(*, writes: CentreWrites) -> dict[str, int]:
    """Write an import's hosts, centres and offered fields set-based, with one audit entry per object.

    Each object is checked as ``_save`` checks it (fields and ``clean()``; keys and uniqueness by the
    database's constraints, see ``_DATABASE_CHECKED``); then each kind goes in with one ``INSERT``
    or ``UPDATE`` per batch, and the audit entries of every created or changed object with one
    ``INSERT`` per thousand, under the caller's ``set_actor``. Returns the objects written by kind.
    """
    now = timezone.now()
    for instance in (*writes.new_hosts, *writes.new_centres, *writes.new_fields):
        _check_new(instance)
    hosts, host_entries = _changed(writes.host_changes)
    centres, centre_entries = _changed(writes.centre_changes, centres=True)
    _update(HostInstitution, hosts, now)
    # bulk_create fills each object's foreign key from the related object saved just before it.
    HostInstitution.objects.bulk_create(writes.new_hosts, batch_size=500)
    Centre.objects.bulk_create(writes.new_centres, batch_size=500)
    _update(Centre, centres, now)
    CentreField.objects.bulk_create(writes.new_fields, batch_size=1000)
    created = audit_created([*writes.new_hosts, *writes.new_centres, *writes.new_fields])
    audit_write([*host_entries, *centre_entries, *created])
    return {
        "hosts_created": len(writes.new_hosts),
        "hosts_updated": sum(map(len, hosts.values())),
        "centres_created": len(writes.new_centres),
        "centres_updated": sum(map(len, centres.values())),
        "fields_added": len(writes.new_fields),
    }


def _check_new(instance: models.Model) -> None:
    if isinstance(instance, HostInstitution):
        instance.name = instance.name.strip()
    elif isinstance(instance, Centre):
        instance.code, instance.name = instance.code.strip(), instance.name.strip()
    _check(instance)
