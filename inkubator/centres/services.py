"""Writes to the centre register. Each is one transaction, validated with ``full_clean()``.

django-auditlog records every create, update and delete of these models with the acting user
(``AuditlogMiddleware`` on web requests, ``auditlog.context.set_actor`` in commands and imports).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from django.db import models, transaction

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


@transaction.atomic
def centre_update(*, centre: Centre, **changes: Any) -> Centre:
    """Change a centre's registration or contact details (an import note about a field set goes away)."""
    changes = dict(changes)
    if centre.import_notes and "import_notes" not in changes:
        notes = {
            key: text for key, text in centre.import_notes.items() if key not in changes and f"{key}_id" not in changes
        }
        if notes != centre.import_notes:
            changes["import_notes"] = notes
    return _save(centre, _region_fields(changes))


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
