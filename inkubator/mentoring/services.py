"""Writes of the mentoring app. Each is one transaction, validated with ``full_clean()``.

django-auditlog records creates, updates and deletes of these models (registered in ``apps.py``).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inkubator.accounts.models import User
from inkubator.centres.choices import MentoringFocus
from inkubator.centres.models import Centre
from inkubator.core.roles import Role
from inkubator.core.scoping import forget_scope
from inkubator.core.uploads import image_gps
from inkubator.regions.selectors import regencies_visible_to, region_point

from .choices import PlanStatus, focus_for
from .models import ActionItem, Assignment, Facilitator, Plan, PlanCentre, Visit, VisitPhoto
from .selectors import entry_priority, facilitator_account_choices, other_plan_loads, plan_solver_inputs, point_of
from .solver import Infeasible, Shortage, greedy, road_km, solve
from .uploads import MAX_PHOTOS

M = TypeVar("M", bound=models.Model)


def _save(instance: M, changes: Mapping[str, Any] | None = None) -> M:
    """Apply ``changes``, validate the whole object and save it."""
    for name, value in (changes or {}).items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    return instance


def _home_point(changes: dict[str, Any], regency: Any) -> dict[str, Any]:
    """Without coordinates, a facilitator's home is their regency's centroid (see ``region_point``)."""
    if changes.get("latitude") is None and changes.get("longitude") is None and regency is not None:
        point = region_point(code=regency.code)
        if point is not None:
            changes["latitude"], changes["longitude"] = (Decimal(f"{v:.5f}") for v in point)
    return changes


# Facilitators -------------------------------------------------------------------------------------


def _check_facilitator_link(*, actor: Any, facilitator: Facilitator, changes: Mapping[str, Any]) -> None:
    """Both sides of a facilitator record's links must be the actor's: the home regency/city in their
    working area, and an account they may link (``facilitator_account_choices``: a facilitator account
    they see that no other record holds). Keeping the account the record already has is always allowed.

    ``actor`` None is the system (the demo, a migration): no check. The account row is locked so that
    two planners linking one account to two records at once cannot both succeed.
    """
    errors: dict[str, str] = {}
    regency = changes.get("regency")
    moved = "regency" in changes and regency is not None and regency != getattr(facilitator, "regency", None)
    if actor is not None and moved and not regencies_visible_to(actor).filter(pk=regency.pk).exists():
        errors["regency"] = _("Choose a regency/city of your region.")
    account = changes.get("user")
    if account is not None and account.pk != facilitator.user_id:
        locked = User.objects.select_for_update().filter(pk=account.pk, role=Role.FACILITATOR, is_active=True)
        taken = Facilitator.objects.filter(user=account).exclude(pk=facilitator.pk).exists()
        offered = (
            actor is None
            or facilitator_account_choices(user=actor, facilitator=facilitator).filter(pk=account.pk).exists()
        )
        if not locked.exists() or taken or not offered:
            errors["user"] = _(
                "This account cannot be linked: it is not a facilitator account of your region,"
                " or another facilitator record holds it."
            )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def facilitator_create(*, name: str, regency: Any, actor: Any = None, **fields: Any) -> Facilitator:
    """Add a member of the mentoring team; their home defaults to the regency's centroid.

    ``actor`` (every page passes it) must work in ``regency`` and may link only an account of their own
    scope that no other record holds (``_check_facilitator_link``); the link is in the audit trail.
    """
    _check_facilitator_link(actor=actor, facilitator=Facilitator(), changes={"regency": regency, **fields})
    changes = _home_point({"regency": regency, **fields}, regency)
    facilitator = _save(Facilitator(name=name.strip()), changes)
    if facilitator.user_id:
        forget_scope(facilitator.user)
    return facilitator


@transaction.atomic
def facilitator_update(*, facilitator: Facilitator, actor: Any = None, **changes: Any) -> Facilitator:
    """Change a facilitator's home, skills, capacity, availability or account (checked as on creation)."""
    _check_facilitator_link(actor=actor, facilitator=facilitator, changes=changes)
    regency = changes.get("regency", facilitator.regency)
    if "regency" in changes and changes["regency"] != facilitator.regency and "latitude" not in changes:
        changes["latitude"] = changes["longitude"] = None  # moved: the old coordinates no longer hold
    if "latitude" in changes or "longitude" in changes:
        changes = _home_point(dict(changes), regency)
    return _save(facilitator, changes)


# Plans --------------------------------------------------------------------------------------------


@transaction.atomic
def plan_create(
    *,
    name: str,
    period_start: datetime.date,
    period_end: datetime.date,
    created_by: Any,
    centres: Sequence[tuple[Centre, str]],
) -> Plan:
    """Create a draft plan with its centres; each gets the default focus and priority of its cluster.

    ``centres`` pairs each centre with the cluster it is planned as (usually its current cluster).
    """
    if not centres:
        raise ValidationError(_("Choose at least one centre for the plan."))
    plan = _save(Plan(name=name.strip(), period_start=period_start, period_end=period_end, created_by=created_by))
    seen: set[int] = set()
    for centre, cluster in centres:
        if centre.pk in seen:
            continue
        seen.add(centre.pk)
        _save(
            PlanCentre(
                plan=plan, centre=centre, cluster=cluster, focus=focus_for(cluster), priority=entry_priority(cluster)
            )
        )
    return plan


@transaction.atomic
def plan_entry_update(*, entry: PlanCentre, focus: str | None = None, priority: int | None = None) -> PlanCentre:
    """Change a centre's focus or priority in a plan by hand; an assignment that no longer fits is dropped."""
    changes: dict[str, Any] = {}
    if focus is not None:
        changes["focus"] = focus
    if priority is not None:
        changes["priority"] = priority
    entry = _save(entry, changes)
    assignment = Assignment.objects.filter(plan_centre=entry).select_related("facilitator").first()
    if assignment is not None and entry.focus not in assignment.facilitator.skills:
        assignment.delete()
    return entry


# The status a plan may take → the statuses it may come from.
_PLAN_MOVES = {PlanStatus.ACTIVE: {PlanStatus.DRAFT}, PlanStatus.CLOSED: {PlanStatus.DRAFT, PlanStatus.ACTIVE}}


@transaction.atomic
def plan_set_status(*, plan: Plan, status: str) -> Plan:
    """Activate a draft plan or close one. Activating needs every centre assigned; facilitators then see
    their centres. The row is locked and the move checked against the status it has now, so a second
    click or a stale page never re-activates a plan closed meanwhile."""
    plan.status = Plan.objects.select_for_update().values_list("status", flat=True).get(pk=plan.pk)
    if status not in _PLAN_MOVES or plan.status not in _PLAN_MOVES[status]:
        raise ValidationError(
            _("A plan that is %(status)s cannot become %(to)s.")
            % {"status": PlanStatus(plan.status).label, "to": dict(PlanStatus.choices).get(status, status)},
            code="invalid_move",
        )
    if status == PlanStatus.ACTIVE:
        missing = plan.entries.filter(assignment__isnull=True).count()
        if missing:
            raise ValidationError(
                _("%(count)s centres of the plan have no facilitator yet: run the assignment first.")
                % {"count": missing}
            )
    plan = _save(plan, {"status": status})
    return plan


def shortage_message(shortage: Shortage) -> str:
    """A sentence that says what is short, in the user's language."""
    foci = ", ".join(f"'{MentoringFocus(f).label}'" for f in shortage.foci)
    if not foci:
        return _("%(count)s centres cannot be reached by any facilitator with the right skill.") % {
            "count": shortage.centres
        }
    return _("%(centres)s centres need %(foci)s but facilitators with that skill have %(places)s places left.") % {
        "centres": shortage.centres,
        "foci": foci,
        "places": shortage.places,
    }


@transaction.atomic
def plan_optimise(*, plan: Plan, user: Any) -> Plan:
    """Assign facilitators to the plan's centres at the least travel (OR-Tools), keeping pairs set by hand.

    The facilitators are those the user sees and who are available; their capacity is net of the
    centres they mentor in other active plans of the same period. Also records the greedy baseline's
    travel for the saving shown on the plan. Raises ``ValidationError`` saying what is short when the
    team cannot cover the plan; nothing is changed then.
    """
    inputs = plan_solver_inputs(user=user, plan=plan)
    if not inputs.entries:
        raise ValidationError(_("The plan has no centre in your scope to assign."))
    if inputs.no_point:
        names = ", ".join(c.code for c in inputs.no_point[:10])
        raise ValidationError(
            _("These centres have no coordinates and no regency point: %(codes)s.") % {"codes": names}
        )
    try:
        solution = solve(inputs.facilitators, inputs.centres, fixed=inputs.fixed)
    except Infeasible as error:
        raise ValidationError([shortage_message(s) for s in error.shortages[:3]]) from error
    baseline = greedy(inputs.facilitators, sorted(inputs.centres, key=lambda c: (c.priority, c.id)), fixed=inputs.fixed)
    # Replace the optimiser's pairs; pairs set by hand stay as they are (their km is refreshed).
    Assignment.objects.filter(plan=plan, is_manual=False).delete()
    manual = {a.plan_centre_id: a for a in Assignment.objects.filter(plan=plan, is_manual=True)}
    for entry_id, facilitator_id in solution.pairs.items():
        km = Decimal(f"{solution.km[entry_id]:.1f}")
        if entry_id in manual:
            _save(manual[entry_id], {"travel_km": km})
            continue
        _save(
            Assignment(
                plan=plan,
                plan_centre=inputs.entries[entry_id],
                facilitator=inputs.people[facilitator_id],
                travel_km=km,
            )
        )
    return _save(
        plan,
        {
            "solved_at": timezone.now(),
            "total_km": Decimal(f"{solution.total_km:.1f}"),
            "greedy_km": Decimal(f"{baseline.total_km:.1f}"),
            "greedy_unassigned": len(baseline.unassigned),
            "max_load": max(solution.loads().values(), default=0),
            "greedy_max_load": max(baseline.loads().values(), default=0),
        },
    )


@transaction.atomic
def assignment_set_manual(*, entry: PlanCentre, facilitator: Facilitator, actor: Any = None) -> Assignment:
    """Give a plan's centre to ``facilitator`` by hand; the pair is kept when the plan is optimised again.

    The facilitator must have the skill (``Assignment.clean``) and a place left: their capacity minus
    their other centres in this plan and in other active plans of the same period. With an ``actor``
    (every page passes one), both sides must be in their scope: the plan's centre and the facilitator
    (``visible_to``); the assignment is in the audit trail.
    """
    if actor is not None and not (
        PlanCentre.objects.visible_to(actor).filter(pk=entry.pk).exists()
        and Facilitator.objects.visible_to(actor).filter(pk=facilitator.pk, active=True).exists()
    ):
        raise ValidationError({"facilitator": _("Choose an active facilitator of your region.")})
    plan = entry.plan
    current = Assignment.objects.filter(plan_centre=entry).first()
    if current is None or current.facilitator_id != facilitator.pk:
        used = Assignment.objects.filter(plan=plan, facilitator=facilitator).exclude(
            plan_centre=entry
        ).count() + other_plan_loads(plan=plan).get(facilitator.pk, 0)
        if used >= facilitator.capacity_centres:
            raise ValidationError(
                {
                    "facilitator": _("%(name)s already mentors %(count)s centres, their capacity.")
                    % {"name": facilitator.name, "count": used}
                }
            )
    centre_point, home = point_of(entry.centre), point_of(facilitator)
    km = Decimal(f"{road_km(home, centre_point):.1f}") if centre_point and home else Decimal(0)
    assignment = current or Assignment(plan=plan, plan_centre=entry)
    return _save(assignment, {"facilitator": facilitator, "is_manual": True, "travel_km": km})


@transaction.atomic
def assignment_release(*, entry: PlanCentre) -> None:
    """Let the optimiser decide this centre again (the pair stays until the next run)."""
    Assignment.objects.filter(plan_centre=entry).update(is_manual=False)


# Visits and action items --------------------------------------------------------------------------


def _photo_point(photos: Sequence[Any]) -> tuple[Decimal | None, Decimal | None]:
    """The first GPS point a photo's EXIF gives that a visit may hold (in Indonesia), else none."""
    for photo in photos:
        point = image_gps(photo)
        if point is None:
            continue
        try:
            Visit._meta.get_field("latitude").run_validators(point[0])
            Visit._meta.get_field("longitude").run_validators(point[1])
        except ValidationError:
            continue
        return point
    return None, None


@transaction.atomic
def visit_create(
    *,
    facilitator: Facilitator,
    centre: Centre,
    date: datetime.date,
    focus: str,
    attendees: int = 0,
    notes: str = "",
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    photos: Iterable[Any] = (),
    created_by: Any = None,
) -> Visit:
    """Log a mentoring visit with its photos (JPG/PNG, content checked) and the phone's GPS point."""
    photos = list(photos)
    if len(photos) > MAX_PHOTOS:
        raise ValidationError({"photos": _("Attach at most %(count)s photos.") % {"count": MAX_PHOTOS}})
    if date > timezone.localdate():
        raise ValidationError({"date": _("A visit cannot be logged for a future date.")})
    if latitude is None and longitude is None:
        # No position from the phone: a photo's EXIF may have one. Read it now, as the stored copy
        # keeps no metadata (core.uploads re-encodes every image).
        latitude, longitude = _photo_point(photos)
    visit = _save(
        Visit(
            facilitator=facilitator,
            centre=centre,
            date=date,
            focus=focus,
            attendees=attendees,
            notes=notes.strip(),
            latitude=latitude,
            longitude=longitude,
            created_by=created_by,
        )
    )
    for photo in photos:
        try:
            _save(VisitPhoto(visit=visit, image=photo))
        except ValidationError as error:
            raise ValidationError({"photos": [f"{photo.name}: {m}" for m in error.messages]}) from error
    return visit


@transaction.atomic
def action_item_create(
    *,
    centre: Centre,
    focus: str,
    title: str,
    owner: str,
    due_date: datetime.date,
    created_by: Any = None,
    visit: Visit | None = None,
) -> ActionItem:
    """Agree an action with a centre: what, who at the centre, by when."""
    return _save(
        ActionItem(
            centre=centre,
            focus=focus,
            title=title.strip(),
            owner=owner.strip(),
            due_date=due_date,
            created_by=created_by,
            visit=visit,
        )
    )


@transaction.atomic
def action_item_set_status(*, item: ActionItem, status: str) -> ActionItem:
    """Mark an action item open, done or dropped."""
    return _save(item, {"status": status})
