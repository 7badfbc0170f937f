"""The to-do items of the domain apps below ``dashboards``, registered by ``DashboardsConfig.ready()``.

Each function reads through a selector of its app (``visible_to(user)``) and returns the items with
their count and the page where the work is done. Apps above ``dashboards`` register their own (see
``todo.py``).
"""

from __future__ import annotations

import datetime
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from inkubator.assessments.choices import AssessmentStatus
from inkubator.assessments.selectors import assessment_list, worklist
from inkubator.centres.models import Centre, Certificate
from inkubator.centres.selectors import completeness_missing, with_completeness
from inkubator.core.roles import Role
from inkubator.incubation.selectors import months_to_report, next_coaching_session, tenant_of, tenants_missing_report
from inkubator.mentoring.choices import ActionStatus
from inkubator.mentoring.selectors import action_item_list, facilitator_of, last_visits, schedule_assignments
from inkubator.programmes.indicators import INDICATORS
from inkubator.programmes.models import Target
from inkubator.programmes.selectors import centres_behind_count
from inkubator.training.choices import OutcomeWave
from inkubator.training.selectors import tracer_worklist

from .todo import TodoItem, TodoSource, register_todo

CERTIFICATE_WARNING_DAYS = 60
VISIT_INTERVAL_DAYS = 30  # a centre of an active plan is due a visit when not visited for this long
BEHIND_RATIO = 0.5  # "furthest behind": below half of what its share of the target expects by now


def _url(name: str, *args: Any, **query: Any) -> str:
    url = reverse(name, args=args)
    return f"{url}?{urlencode(query)}" if query else url


# Regional coordinators (and ministry admins) --------------------------------------------------------


def assessments_to_verify(user: Any, today: datetime.date) -> list[TodoItem]:

    count = assessment_list(user=user).filter(status=AssessmentStatus.SUBMITTED).count()
    return [
        TodoItem(
            "assessments.verify",
            _("Assessments to verify"),
            count,
            _url("assessments:list", status=AssessmentStatus.SUBMITTED),
            icon="clipboard-check",
        )
    ]


def centres_behind(user: Any, today: datetime.date) -> list[TodoItem]:
    """Centres below half of their expected figure on the first national target of the year."""

    code = (
        Target.objects.filter(year=today.year, region_key="", indicator__in=list(INDICATORS))
        .order_by("indicator")
        .values_list("indicator", flat=True)
        .first()
    )
    if code is None:
        return []
    indicator = INDICATORS[code]
    count = centres_behind_count(user=user, indicator=indicator, year=today.year, below=BEHIND_RATIO, today=today)
    return [
        TodoItem(
            "programmes.behind",
            _("Centres furthest behind their target"),
            count,
            _url("programmes:progress", behind=code) + "#behind",
            detail=_("%(indicator)s: below half of what is expected by now") % {"indicator": INDICATORS[code].label},
            icon="graph-down-arrow",
        )
    ]


def certificates_expiring(user: Any, today: datetime.date) -> list[TodoItem]:
    """Staff certificates that expire within two months: the centre has to renew them (BNSP).

    Agreements (PKS) carry no end date in the register, so a certificate is the expiry the data has.
    """
    rows = Certificate.objects.visible_to(user).filter(
        expires_on__gte=today, expires_on__lte=today + datetime.timedelta(days=CERTIFICATE_WARNING_DAYS)
    )
    first = (
        rows.select_related("staff__centre")
        .only("expires_on", "staff__centre__code", "staff__centre__name")
        .order_by("expires_on", "pk")
        .first()
    )
    url = _url("centres:detail", first.staff.centre.code, tab="staff") if first is not None else _url("centres:list")
    return [
        TodoItem(
            "centres.certificates",
            _("Certificates expiring within 60 days"),
            rows.count(),
            url,
            detail=(
                _("First: %(centre)s, %(date)s")
                % {"centre": first.staff.centre.name, "date": date_format(first.expires_on, "SHORT_DATE_FORMAT")}
                if first
                else ""
            ),
            icon="patch-exclamation",
        )
    ]


# Facilitators ---------------------------------------------------------------------------------------


def assessments_to_fill(user: Any, today: datetime.date) -> list[TodoItem]:

    open_statuses = [AssessmentStatus.ASSIGNED, AssessmentStatus.DRAFT, AssessmentStatus.RETURNED]
    count = worklist(user=user).filter(status__in=open_statuses).count()
    return [TodoItem("assessments.fill", _("Assessments to fill in"), count, _url("assessments:worklist"))]


def visits_due(user: Any, today: datetime.date) -> list[TodoItem]:
    """Centres of the facilitator's active plans not visited for a month: the visits of this week."""

    facilitator = facilitator_of(user)
    if facilitator is None:
        return []
    centre_ids = list(
        # Unordered: the schedule's order (by regency name) joins two more tables for ids that go into a set.
        schedule_assignments(user=user, facilitator=facilitator)
        .order_by()
        .values_list("plan_centre__centre", flat=True)
    )
    last = last_visits(user=user, facilitator=facilitator, centre_ids=centre_ids)
    since = today - datetime.timedelta(days=VISIT_INTERVAL_DAYS)
    count = sum(1 for centre in set(centre_ids) if last.get(centre) is None or last[centre] < since)
    return [
        TodoItem(
            "mentoring.visits",
            _("Visits due this week"),
            count,
            _url("mentoring:schedule"),
            detail=_("Centres of your plan not visited for 30 days"),
            icon="geo-alt",
        )
    ]


def overdue_actions(user: Any, today: datetime.date) -> list[TodoItem]:

    count = action_item_list(user=user).filter(status=ActionStatus.OPEN, due_date__lt=today).count()
    return [
        TodoItem(
            "mentoring.actions",
            _("Overdue action items"),
            count,
            _url("mentoring:action_list", overdue="true"),
            icon="exclamation-circle",
        )
    ]


# Centre managers -----------------------------------------------------------------------------------


def tracer_calls(user: Any, today: datetime.date) -> list[TodoItem]:

    return [
        TodoItem(
            f"training.tracer.{wave}",
            _("Tracer calls due (%(wave)s)") % {"wave": label},
            tracer_worklist(user=user, wave=wave, today=today).count(),
            _url("training:tracer", wave=wave),
            icon="telephone",
        )
        for wave, label in OutcomeWave.choices
    ]


def missing_reports(user: Any, today: datetime.date) -> list[TodoItem]:

    return [
        TodoItem(
            "incubation.reports",
            _("Tenants whose monthly figures are missing"),
            tenants_missing_report(user=user, today=today).count(),
            _url("incubation:tenant_list", missing="true"),
            icon="cash-coin",
        )
    ]


def profile_gaps(user: Any, today: datetime.date) -> list[TodoItem]:

    # Filtered here, not in SQL: a manager has a centre or a few, and a filter on the annotation repeats
    # its nine checks in the WHERE clause (the query's compilation is most of this item's time).
    annotated = with_completeness(Centre.objects.visible_to(user)).order_by("code")
    centres = [centre for centre in annotated if centre.completeness < 100]
    if len(centres) == 1:
        missing = completeness_missing(centres[0])
        return [
            TodoItem(
                "centres.profile",
                _("Gaps in your centre's profile"),
                len(missing),
                _url("centres:detail", centres[0].code),
                detail=", ".join(str(label) for label in missing),
                icon="card-checklist",
            )
        ]
    return [
        TodoItem(
            "centres.profile",
            _("Centre profiles with gaps"),
            len(centres),
            _url("centres:completeness"),
            icon="card-checklist",
        )
    ]


# Entrepreneurs --------------------------------------------------------------------------------------


def month_to_report(user: Any, today: datetime.date) -> list[TodoItem]:

    tenant = tenant_of(user=user)
    if tenant is None:
        return []
    months = months_to_report(tenant, today=today)
    detail = ""
    if months:
        detail = ngettext(
            "%(month)s is the month to report.",
            "%(count)d months to report, the earliest first: %(month)s.",
            len(months),
        ) % {"count": len(months), "month": date_format(months[0], "YEAR_MONTH_FORMAT")}
    return [
        TodoItem(
            "incubation.month",
            _("Monthly figures to report"),
            len(months),
            _url("incubation:report_create", tenant.pk),
            detail=detail,
            icon="pencil-square",
        )
    ]


def next_session(user: Any, today: datetime.date) -> list[TodoItem]:

    tenant = tenant_of(user=user)
    if tenant is None:
        return []
    session = next_coaching_session(user=user, tenant=tenant, today=today)
    detail = (
        _("%(date)s: %(topic)s") % {"date": date_format(session.date, "DATE_FORMAT"), "topic": session.topic}
        if session
        else _("None planned yet")
    )
    return [
        TodoItem(
            "incubation.session",
            _("Next coaching session"),
            None,
            _url("incubation:tenant_detail", tenant.pk) + "#coaching",
            detail=detail,
            icon="calendar-event",
        )
    ]


COORDINATION = {Role.MINISTRY_ADMIN, Role.REGIONAL_COORDINATOR}


def register_builtin() -> None:
    """The items of the apps below ``dashboards`` (called from ``DashboardsConfig.ready()``)."""
    register_todo(
        TodoSource("assessments.verify", COORDINATION, assessments_to_verify, order=10),
        TodoSource("programmes.behind", COORDINATION, centres_behind, order=20),
        TodoSource("centres.certificates", COORDINATION, certificates_expiring, order=30),
        TodoSource("assessments.fill", {Role.FACILITATOR}, assessments_to_fill, order=10),
        TodoSource("mentoring.visits", {Role.FACILITATOR}, visits_due, order=20),
        TodoSource("mentoring.actions", {Role.FACILITATOR}, overdue_actions, order=30),
        TodoSource("training.tracer", {Role.CENTRE_MANAGER}, tracer_calls, order=10),
        TodoSource("incubation.reports", {Role.CENTRE_MANAGER}, missing_reports, order=20),
        TodoSource("centres.profile", {Role.CENTRE_MANAGER}, profile_gaps, order=30),
        TodoSource("incubation.month", {Role.ENTREPRENEUR}, month_to_report, order=10),
        TodoSource("incubation.session", {Role.ENTREPRENEUR}, next_session, order=20),
    )
