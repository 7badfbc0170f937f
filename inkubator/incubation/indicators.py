"""The programme indicators incubation gives: tenants in incubation and graduated, jobs created.

Registered in ``IncubationConfig.ready()`` (``inkubator.core.indicators``). Tenants lie where the
tenant's ``Scope`` says: their regency/city and their incubator (a centre). All are stocks: a level
as it stands now.
"""

from __future__ import annotations

from django.db.models import Q, Sum
from django.utils.translation import gettext_lazy as _

from inkubator.core.indicators import Indicator

from .choices import Stage
from .models import Tenant

INDICATORS = (
    Indicator(
        "tenants_incubated",
        _("Tenants in incubation"),
        "incubators",
        Tenant,
        kind="stock",
        where=Q(stage__in=[Stage.PRE, Stage.INCUBATION, Stage.POST]),
        unit=_("tenants"),
        order=200,
    ),
    Indicator(
        "tenants_graduated",
        _("Tenants graduated"),
        "incubators",
        Tenant,
        kind="stock",
        where=Q(stage=Stage.GRADUATED),
        unit=_("tenants"),
        order=210,
    ),
    Indicator(
        "jobs_created",
        _("Jobs created by tenants"),
        "incubators",
        Tenant,
        kind="stock",
        where=~Q(stage=Stage.DROPPED),
        total=Sum("business__workers"),
        unit=_("jobs"),
        order=220,
    ),
)
