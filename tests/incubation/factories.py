"""Builders of incubation records for tests: tenants through the real service, and their evidence."""

from __future__ import annotations

import datetime
from typing import Any

from inkubator.centres.models import Centre
from inkubator.incubation import services, stages
from inkubator.incubation.choices import LicenceKind, MilestoneKind, SourceProgramme
from inkubator.incubation.models import Tenant
from tests.factories import CentreFactory
from tests.people.factories import PersonFactory

TODAY = datetime.date(2026, 6, 15)


def make_incubator(**kwargs: Any) -> Centre:
    """A designated incubator centre (Kabupaten Bekasi unless told otherwise)."""
    centre = CentreFactory(**kwargs)
    Centre.objects.filter(pk=centre.pk).update(is_incubator=True)  # set by assessments, not editable here
    centre.refresh_from_db()
    return centre


def make_tenant(*, incubator: Centre | None = None, user: Any = None, **kwargs: Any) -> Tenant:
    """A tenant in pre-incubation at ``incubator`` (a new one when not given), with its business."""
    person = kwargs.pop("person", None) or PersonFactory()
    return services.tenant_create(
        person=person,
        incubator=incubator or make_incubator(),
        business_name=kwargs.pop("business_name", f"Keripik {person.name}"),
        sector=kwargs.pop("sector", "Industri makanan"),
        source_programme=kwargs.pop("source_programme", SourceProgramme.TKM_PEMULA),
        joined_on=kwargs.pop("joined_on", datetime.date(2025, 1, 6)),
        user=user,
        **kwargs,
    )


def satisfy_graduation(tenant: Tenant, *, today: datetime.date = TODAY) -> None:
    """Give ``tenant`` everything the default gates ask for: NIB, a business plan, three months of figures."""
    services.licence_create(
        business=tenant.business, kind=LicenceKind.NIB, number="9120001234567", issued_on=datetime.date(2025, 3, 1)
    )
    services.milestone_create(
        tenant=tenant, kind=MilestoneKind.BUSINESS_PLAN, title="Rencana usaha", achieved_on=datetime.date(2025, 2, 1)
    )
    for month in (3, 4, 5):
        report(tenant, datetime.date(today.year, month, 1))


def report(tenant: Tenant, month: datetime.date, *, revenue: int = 5_000_000, workers: int = 2) -> Any:
    """On-time figures of ``month``."""
    return services.report_submit(
        tenant=tenant,
        month=month,
        revenue=revenue,
        costs=3_000_000,
        workers=workers,
        customers=40,
        user=None,
        # On the 5th of the next month: a month is reported once it has ended, and by the 10th is on time.
        now=datetime.datetime.combine(
            stages.add_months(month, 1).replace(day=5), datetime.time(10), tzinfo=datetime.UTC
        ),
    )
