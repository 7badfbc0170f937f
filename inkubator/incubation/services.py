"""Writes of the incubation app. Each is one transaction, validated with ``full_clean()``.

django-auditlog records each create and change of these models with the acting user; business
finances (monthly figures, grants, loans) are masked in the trail (see ``apps``).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from inkubator.accounts.models import User
from inkubator.core.roles import Role
from inkubator.people.models import Person
from inkubator.people.services import person_find_or_create

from . import stages
from .choices import Stage
from .models import (
    MAX_CUSTOMERS,
    MAX_GROUP_MEMBERS,
    MAX_MONTHLY_RUPIAH,
    MAX_WORKERS,
    Business,
    CoachingAction,
    CoachingSession,
    DiagnosedProblem,
    Diagnosis,
    Equipment,
    Grant,
    Licence,
    Loan,
    Milestone,
    MonthlyReport,
    ReportLock,
    StageGate,
    StageMove,
    Tenant,
    TenantMember,
)
from .permissions import can_coach

M = TypeVar("M", bound=models.Model)
REPORT_DAY = 10  # figures of a month are due by the 10th of the next month


def _save(instance: M, changes: Mapping[str, Any] | None = None) -> M:
    """Apply ``changes``, validate the whole object (constraints included) and save it."""
    for name, value in (changes or {}).items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    return instance


def _set_once(instance: M, field: str, on: datetime.date, already: str) -> M:
    """Set the date ``field`` of ``instance``'s row, locked, unless it is set: then ``already`` (a message
    with ``%(date)s``) and nothing changed. A fact such as "done" is recorded once, never re-dated."""
    current = type(instance).objects.select_for_update().get(pk=instance.pk)
    recorded = getattr(current, field)
    if recorded is not None:
        raise ValidationError(already % {"date": date_format(recorded, "SHORT_DATE_FORMAT")}, code="already_done")
    return _save(current, {field: on})


# Tenants ------------------------------------------------------------------------------------------


@transaction.atomic
def tenant_create(
    *,
    person: Person,
    business_name: str,
    sector: str,
    source_programme: str,
    joined_on: datetime.date,
    incubator: Any = None,
    venue_name: str = "",
    regency: Any = None,
    user: Any = None,
    entrepreneur: Any = None,
    business: Mapping[str, Any] | None = None,
    grant_amount: int | None = None,
    venue: Any = None,
    group_name: str = "",
) -> Tenant:
    """Take ``person`` in as a tenant with their business, in pre-incubation (the first move is recorded).

    The regency/city is the incubator's; a government venue needs ``regency`` given. A grant amount
    (e.g. the TKM grant the person came with) is recorded as received on the day they joined. With a
    ``group_name`` the tenant is a group (kelompok) and ``person`` its chair, its first member.
    """
    tenant = Tenant(
        person=person,
        person_name=person.name,  # the list's sort key (people.name_copies keeps it on renames)
        group_name=group_name.strip(),
        incubator=incubator,
        venue_name=venue_name.strip(),
        regency_id=incubator.regency_id if incubator is not None else getattr(regency, "pk", regency),
        source_programme=source_programme,
        stage=Stage.PRE,
        entrepreneur=entrepreneur,
        joined_on=joined_on,
        venue=venue,  # a training venue of the register (laid-off workers' service), when there is one
    )
    if tenant.regency_id is None:
        raise ValidationError({"regency": _("Give the regency/city of the government venue.")})
    _save(tenant)
    fields = dict(business or {})
    fields.setdefault("regency_id", tenant.regency_id)
    _save(Business(tenant=tenant, name=business_name.strip(), sector=sector.strip(), **fields))
    _save(
        StageMove(
            tenant=tenant,
            from_stage="",
            to_stage=Stage.PRE,
            moved_by=user,
            moved_at=timezone.now(),
            reason=_("Taken in"),
        )
    )
    if grant_amount:
        grant_create(tenant=tenant, programme=source_programme, amount=grant_amount, received_on=joined_on)
    if tenant.group_name:
        _save(TenantMember(tenant=tenant, person=person, chair=True))
    return tenant


@transaction.atomic
def tenant_register(
    *,
    nik: str,
    name: str,
    sex: str,
    birth_date: datetime.date,
    phone: str = "",
    person_fields: Mapping[str, Any] | None = None,
    **tenant_fields: Any,
) -> Tenant:
    """Find the person by NIK (one person per NIK across programmes) or register them, then take them in."""
    person, _made = person_find_or_create(
        nik=nik, name=name, sex=sex, birth_date=birth_date, phone=phone, **(person_fields or {})
    )
    return tenant_create(person=person, **tenant_fields)


# Groups (kelompok, issue 12.6) ----------------------------------------------------------------------


@transaction.atomic
def group_member_add(
    *, tenant: Tenant, nik: str, name: str, sex: str, birth_date: datetime.date, phone: str = "", user: Any = None
) -> TenantMember:
    """Add the person of ``nik`` (found, or registered) to the group ``tenant``; audited.

    The group's row is locked first, so that additions to one group take turns: the member count
    and the "already a member" answer are read after any addition made at the same moment.
    """
    tenant = Tenant.objects.select_for_update().get(pk=tenant.pk)
    if not tenant.group_name:
        raise ValidationError(_("Only a group has members."))
    person, _made = person_find_or_create(nik=nik, name=name, sex=sex, birth_date=birth_date, phone=phone)
    if TenantMember.objects.filter(tenant=tenant, person=person).exists():
        raise ValidationError({"nik": _("This person is already a member of the group.")})
    if TenantMember.objects.filter(tenant=tenant).count() >= MAX_GROUP_MEMBERS:
        raise ValidationError(_("A group has at most %(n)s members.") % {"n": MAX_GROUP_MEMBERS})
    return _save(TenantMember(tenant=tenant, person=person, chair=False))


@transaction.atomic
def group_member_remove(*, member: TenantMember, user: Any = None) -> None:
    """Take a member out of their group (the deletion is audited); the chair stays until another is chosen."""
    member = TenantMember.objects.select_for_update().get(pk=member.pk)
    if member.chair:
        raise ValidationError(_("The chair cannot leave the group: choose another chair first."))
    member.delete()


@transaction.atomic
def group_chair_set(*, member: TenantMember, user: Any = None) -> TenantMember:
    """Make ``member`` the chair of their group; the group tenant's person becomes theirs. Audited.

    The group's row is locked, so that two staff choosing different chairs at once leave one chair
    (the later choice), never two or none.
    """
    tenant = Tenant.objects.select_for_update().get(pk=member.tenant_id)
    member = TenantMember.objects.get(pk=member.pk, tenant=tenant)
    if member.chair:
        return member
    for old in TenantMember.objects.filter(tenant=tenant, chair=True):
        _save(old, {"chair": False})
    _save(member, {"chair": True})
    _save(tenant, {"person": member.person})
    return member


@transaction.atomic
def business_update(*, business: Business, **changes: Any) -> Business:
    """Correct a business's details."""
    return _save(business, changes)


def tenant_facts(tenant: Tenant, *, today: datetime.date | None = None) -> stages.TenantFacts:
    """What the stage gates look at, read from the database."""
    today = today or timezone.localdate()
    return stages.TenantFacts(
        licences=frozenset(Licence.objects.filter(business__tenant=tenant).values_list("kind", flat=True)),
        milestones=frozenset(
            Milestone.objects.filter(tenant=tenant, achieved_on__isnull=False).values_list("kind", flat=True)
        ),
        reported_months=frozenset(MonthlyReport.objects.filter(tenant=tenant).values_list("month", flat=True)),
        today=today,
    )


def gates_in_force() -> list[stages.Gate]:
    """The active gates (national rules: read whole, not per user)."""
    return [
        stages.Gate(g.to_stage, g.kind, g.licence_kind, g.milestone_kind, g.months)
        for g in StageGate.objects.filter(active=True)
    ]


@transaction.atomic
def tenant_move(
    *, tenant: Tenant, to_stage: str, user: Any, reason: str, today: datetime.date | None = None
) -> StageMove:
    """Move ``tenant`` to ``to_stage`` and record who, when and why.

    Raises ValidationError naming every failed gate (or the move the machine does not have).
    """
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the tenant moves.")})
    tenant = Tenant.objects.select_for_update().get(pk=tenant.pk)  # two coaches moving at once: one wins
    problems = stages.move_problems(tenant.stage, to_stage, gates_in_force(), tenant_facts(tenant, today=today))
    if problems:
        raise ValidationError(
            {"to_stage": _("The move to %(stage)s is blocked: %(problems)s.")
             % {"stage": Stage(to_stage).label, "problems": "; ".join(problems)}}
        )  # fmt: skip
    move = _save(
        StageMove(
            tenant=tenant,
            from_stage=tenant.stage,
            to_stage=to_stage,
            moved_by=user,
            moved_at=timezone.now(),
            reason=reason,
        )
    )
    _save(tenant, {"stage": to_stage})
    return move


# Monthly figures ----------------------------------------------------------------------------------


def report_deadline(month: datetime.date) -> datetime.date:
    """The last day figures of ``month`` are on time: the 10th of the next month."""
    return stages.add_months(month, 1).replace(day=REPORT_DAY)


def report_check(
    *, month: datetime.date, revenue: int, costs: int, workers: int, customers: int, today: datetime.date
) -> None:
    """Refuse negative figures, absurd ones and months not yet begun, each with a message by field."""
    errors: dict[str, str] = {}
    money = {"revenue": (revenue, _("Revenue")), "costs": (costs, _("Costs"))}
    for key, (value, label) in money.items():
        if value < 0:
            errors[key] = _("%(what)s cannot be negative.") % {"what": label}
        elif value > MAX_MONTHLY_RUPIAH:
            errors[key] = _(
                "%(what)s of more than Rp 10 billion in a month is beyond a micro business: check the figure "
                "(it is in rupiah, without decimals)."
            ) % {"what": label}
    counts = {
        "workers": (workers, MAX_WORKERS, _("Workers employed")),
        "customers": (customers, MAX_CUSTOMERS, _("Customers")),
    }
    for key, (value, ceiling, label) in counts.items():
        if value < 0:
            errors[key] = _("%(what)s cannot be negative.") % {"what": label}
        elif value > ceiling:
            errors[key] = _("%(what)s cannot be more than %(max)s: check the figure.") % {
                "what": label,
                "max": f"{ceiling:,}".replace(",", "."),
            }
    if month.day != 1:
        errors["month"] = _("The month must be given by its first day.")
    elif month >= stages.month_start(today):
        # A month's figures are its totals: they exist once it has ended, not on its 4th day.
        errors["month"] = _("A month can be reported only after it ends.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def report_submit(
    *,
    tenant: Tenant,
    month: datetime.date,
    revenue: int,
    costs: int,
    workers: int,
    customers: int,
    user: Any,
    now: datetime.datetime | None = None,
) -> MonthlyReport:
    """Record a month's figures (once per tenant and month); late when after the 10th of the next month."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    report_check(month=month, revenue=revenue, costs=costs, workers=workers, customers=customers, today=today)
    if MonthlyReport.objects.filter(tenant=tenant, month=month).exists():
        raise ValidationError(
            {
                "month": _("The figures of %(month)s are already reported: open that month to correct them.")
                % {"month": f"{month:%m/%Y}"}
            }
        )
    return _save(
        MonthlyReport(
            tenant=tenant,
            month=month,
            revenue=revenue,
            costs=costs,
            workers=workers,
            customers=customers,
            reported_by=user,
            reported_at=now,
            late=today > report_deadline(month),
        )
    )


@transaction.atomic
def report_correct(
    *,
    report: MonthlyReport,
    revenue: int,
    costs: int,
    workers: int,
    customers: int,
    user: Any,
    now: datetime.datetime | None = None,
) -> MonthlyReport:
    """Correct a reported month's figures, until the incubator locks it; the audit trail keeps the change.

    The row is locked first, so a correction racing the incubator's lock either lands before it or is
    refused. ``late`` stays as first reported: a correction does not make late figures on time.
    """
    now = now or timezone.now()
    report = MonthlyReport.objects.select_for_update().get(pk=report.pk)
    if ReportLock.objects.filter(report=report).exists():
        raise ValidationError(
            {"month": _("The figures of %(month)s are locked by the incubator.") % {"month": f"{report.month:%m/%Y}"}}
        )
    report_check(
        month=report.month,
        revenue=revenue,
        costs=costs,
        workers=workers,
        customers=customers,
        today=timezone.localdate(now),
    )
    return _save(report, {"revenue": revenue, "costs": costs, "workers": workers, "customers": customers})


@transaction.atomic
def report_lock(*, report: MonthlyReport, user: Any, now: datetime.datetime | None = None) -> ReportLock:
    """The incubator locks a reported month: its figures are final (locking twice keeps the first lock)."""
    report = MonthlyReport.objects.select_for_update().get(pk=report.pk)
    existing = ReportLock.objects.filter(report=report).first()
    if existing is not None:
        return existing
    return _save(ReportLock(report=report, locked_by=user, locked_at=now or timezone.now()))


# Coaching, milestones, diagnosis --------------------------------------------------------------------


@transaction.atomic
def coaching_session_create(
    *,
    tenant: Tenant,
    coach: Any,
    date: datetime.date,
    topic: str,
    notes: str = "",
    actions: Iterable[tuple[str, datetime.date]] = (),
) -> CoachingSession:
    """Record a coaching session and the actions agreed in it (each with a due date)."""
    session = _save(CoachingSession(tenant=tenant, coach=coach, date=date, topic=topic.strip(), notes=notes))
    for text, due_on in actions:
        if due_on < date:
            raise ValidationError({"actions": _("An action cannot be due before the session.")})
        _save(CoachingAction(session=session, text=text.strip(), due_on=due_on))
    return session


@transaction.atomic
def coaching_action_done(*, action: CoachingAction, done_on: datetime.date) -> CoachingAction:
    """Mark an agreed action done, once: the row is locked and an action already done keeps its date
    (a second click, or a second coach, would otherwise rewrite when it was done)."""
    return _set_once(
        action, "done_on", done_on, _("This action was already marked done on %(date)s: nothing was changed.")
    )


@transaction.atomic
def milestone_create(*, tenant: Tenant, kind: str, title: str, **fields: Any) -> Milestone:
    """Plan (or record achieved) a milestone of a tenant."""
    return _save(Milestone(tenant=tenant, kind=kind, title=title.strip(), **fields))


@transaction.atomic
def milestone_achieve(*, milestone: Milestone, achieved_on: datetime.date) -> Milestone:
    """Record that a milestone is achieved, once: the row is locked and a milestone already achieved
    keeps its date."""
    return _set_once(
        milestone,
        "achieved_on",
        achieved_on,
        _("This milestone was already recorded as achieved on %(date)s: nothing was changed."),
    )


@transaction.atomic
def diagnosis_create(
    *, tenant: Tenant, date: datetime.date, user: Any, problems: Mapping[str, int], notes: str = ""
) -> Diagnosis:
    """Record a diagnosis with its problems (area → severity 1–3); earlier diagnoses stay as history."""
    if not problems:
        raise ValidationError({"problems": _("Give at least one problem with its severity.")})
    diagnosis = _save(Diagnosis(tenant=tenant, date=date, diagnosed_by=user, notes=notes))
    for area, severity in problems.items():
        _save(DiagnosedProblem(diagnosis=diagnosis, area=area, severity=severity))
    return diagnosis


# Licences and capital ------------------------------------------------------------------------------


@transaction.atomic
def licence_create(*, business: Business, kind: str, number: str, issued_on: datetime.date) -> Licence:
    """Record a licence of the business."""
    return _save(Licence(business=business, kind=kind, number=number.strip(), issued_on=issued_on))


@transaction.atomic
def grant_create(*, tenant: Tenant, programme: str, amount: int, received_on: datetime.date) -> Grant:
    """Record a grant received (e.g. TKM)."""
    return _save(Grant(tenant=tenant, programme=programme, amount=amount, received_on=received_on))


@transaction.atomic
def equipment_create(*, tenant: Tenant, name: str, received_on: datetime.date, **fields: Any) -> Equipment:
    """Record equipment received."""
    return _save(Equipment(tenant=tenant, name=name.strip(), received_on=received_on, **fields))


@transaction.atomic
def loan_create(
    *, tenant: Tenant, amount: int, applied_on: datetime.date, bank: Any = None, bank_name: str = "", **fields: Any
) -> Loan:
    """Record a loan application (e.g. KUR) from a partner bank (``bank``) or another lender (``bank_name``)."""
    return _save(Loan(tenant=tenant, bank=bank, bank_name=bank_name, amount=amount, applied_on=applied_on, **fields))


@transaction.atomic
def loan_update(*, loan: Loan, **changes: Any) -> Loan:
    """Change a loan's status or amount."""
    return _save(loan, changes)


@transaction.atomic
def stage_gate_create(*, to_stage: str, kind: str, **fields: Any) -> StageGate:
    """Add a gate to a stage (ministry rule)."""
    return _save(StageGate(to_stage=to_stage, kind=kind, **fields))


@transaction.atomic
def stage_gate_set_active(*, gate: StageGate, active: bool) -> StageGate:
    """Put a gate in force or out of it (kept for the record rather than deleted)."""
    return _save(gate, {"active": active})


@transaction.atomic
def tenant_link_account(*, tenant: Tenant, username: str, actor: Any = None) -> Tenant:
    """Link the entrepreneur's own account (role entrepreneur) so they see their record and report figures.

    With an ``actor`` (every page does), both sides must be theirs: the tenant one they coach
    (``visible_to``) and an account that is free or already linked only to tenants of the same person
    that they also see. An account linked to another person's tenant — at their centre or any other —
    is never taken over: its owner would see that tenant's finances and lose their own. The answer is
    the same whether the username does not exist or belongs to someone else's account, so the form
    does not tell which accounts exist elsewhere. The account row is locked, so two coaches linking
    one account at once cannot both win. The change of ``entrepreneur`` is in the audit trail.
    """
    refused = ValidationError({"username": _("No active entrepreneur account with this username can be linked here.")})
    if actor is not None and not (can_coach(actor) and Tenant.objects.visible_to(actor).filter(pk=tenant.pk).exists()):
        raise refused
    account = (
        User.objects.select_for_update()
        .filter(username=username.strip(), role=Role.ENTREPRENEUR, is_active=True)
        .first()
    )
    if account is None:
        raise refused
    others = Tenant.objects.filter(entrepreneur=account).exclude(pk=tenant.pk)
    if others.exclude(person_id=tenant.person_id).exists():
        raise refused
    if actor is not None and others.exclude(pk__in=Tenant.objects.visible_to(actor).values("pk")).exists():
        raise refused
    return _save(tenant, {"entrepreneur": account})
