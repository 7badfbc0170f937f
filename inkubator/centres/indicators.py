"""The programme indicators the register gives: designated incubators, centres by cluster, agreements.

Registered in ``CentresConfig.ready()`` (``inkubator.core.indicators``); where a row lies comes from
each model's ``Scope``.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from inkubator.core.indicators import Indicator

from .choices import Cluster
from .models import Agreement, Centre

INDICATORS = (
    Indicator(
        "incubators_designated",
        _("Incubators designated"),
        "incubators",
        Centre,
        kind="stock",
        where=Q(is_incubator=True),
        unit=_("centres"),
        order=10,
    ),
    Indicator(
        "centres_binaan",
        _("Centres in cluster binaan"),
        "blkk",
        Centre,
        kind="stock",
        where=Q(cluster=Cluster.BINAAN),
        unit=_("centres"),
        order=20,
    ),
    Indicator(
        "centres_berdaya",
        _("Centres in cluster berdaya"),
        "blkk",
        Centre,
        kind="stock",
        where=Q(cluster=Cluster.BERDAYA),
        unit=_("centres"),
        order=21,
    ),
    Indicator(
        "centres_mandiri",
        _("Centres in cluster mandiri"),
        "blkk",
        Centre,
        kind="stock",
        where=Q(cluster=Cluster.MANDIRI),
        unit=_("centres"),
        order=22,
    ),
    Indicator(
        "agreements_signed",
        _("New agreements signed"),
        "blkk",
        Agreement,
        kind="flow",
        date="signed_on",
        unit=_("agreements"),
        order=30,
    ),
)
