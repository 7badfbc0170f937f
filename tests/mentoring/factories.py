"""Builders of mentoring records for tests: facilitators, plans with centres, assignments, visits."""

from __future__ import annotations

import datetime
from typing import Any

import factory

from inkubator.centres.choices import Cluster, MentoringFocus
from inkubator.centres.models import Centre
from inkubator.mentoring import services
from inkubator.mentoring.models import ActionItem, Facilitator, Plan, Visit
from inkubator.regions.models import Regency

TODAY = datetime.date(2026, 1, 1)


class FacilitatorFactory(factory.django.DjangoModelFactory):
    """A facilitator based in Kabupaten Bekasi with every skill, capacity 5, at the regency's centroid."""

    class Meta:
        model = Facilitator

    name = factory.Sequence(lambda n: f"Pendamping Uji {n}")
    regency = factory.LazyFunction(lambda: Regency.objects.get(code="32.16"))
    latitude = factory.LazyAttribute(lambda o: o.regency.latitude)
    longitude = factory.LazyAttribute(lambda o: o.regency.longitude)
    skill_people_assets = True
    skill_management = True
    skill_incubator = True
    capacity_centres = 5


def make_plan(centres: list[Centre], *, user: Any = None, name: str = "Rencana Uji", **kwargs: Any) -> Plan:
    """A draft plan over ``centres`` (their cluster, or binaan when they have none) through the service."""
    return services.plan_create(
        name=name,
        period_start=kwargs.pop("period_start", TODAY),
        period_end=kwargs.pop("period_end", TODAY + datetime.timedelta(days=180)),
        created_by=user,
        centres=[(c, c.cluster or Cluster.BINAAN) for c in centres],
    )


def make_active_plan(centres: list[Centre], facilitator: Facilitator, **kwargs: Any) -> Plan:
    """An active plan whose centres are all assigned by hand to ``facilitator``."""
    plan = make_plan(centres, **kwargs)
    for entry in plan.entries.all():
        services.assignment_set_manual(entry=entry, facilitator=facilitator)
    return services.plan_set_status(plan=plan, status=Plan.Status.ACTIVE)


def make_visit(centre: Centre, facilitator: Facilitator, **kwargs: Any) -> Visit:
    """A visit logged through the service."""
    return services.visit_create(
        facilitator=facilitator,
        centre=centre,
        date=kwargs.pop("date", TODAY),
        focus=kwargs.pop("focus", MentoringFocus.PEOPLE_ASSETS),
        attendees=kwargs.pop("attendees", 8),
        **kwargs,
    )


def make_action(centre: Centre, **kwargs: Any) -> ActionItem:
    """An open action item of ``centre``."""
    return services.action_item_create(
        centre=centre,
        focus=kwargs.pop("focus", MentoringFocus.MANAGEMENT),
        title=kwargs.pop("title", "Susun SOP keuangan"),
        owner=kwargs.pop("owner", "Kepala BLKK"),
        due_date=kwargs.pop("due_date", TODAY + datetime.timedelta(days=30)),
        **kwargs,
    )
