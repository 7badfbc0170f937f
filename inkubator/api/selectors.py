"""Reads the API serves, built on the register's scoped selectors.

Each function starts from ``Model.objects.visible_to(user)`` (through ``inkubator.centres.selectors``)
and adds only what the API's serializers need loaded, so that a page of results costs a fixed
number of queries whatever its size.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from inkubator.centres.models import Centre, CentreField, HostInstitution, VocationalField
from inkubator.centres.selectors import centre_list, host_institution_list


def api_centre_list(*, user: Any) -> QuerySet[Centre]:
    """The centres ``user`` may see, with host, regions and offered fields loaded (no N+1).

    The fields are prefetched through ``CentreField.objects.visible_to(user)`` too: the same scope
    as their centre, stated again so that no query serving a user reaches a row another way.
    """
    centre_fields = CentreField.objects.visible_to(user).select_related("field").order_by("field__name")
    return centre_list(user=user).prefetch_related(Prefetch("centre_fields", queryset=centre_fields))


def api_host_institution_list(*, user: Any) -> QuerySet[HostInstitution]:
    """The host institutions ``user`` may see, with their regency and province loaded."""
    return host_institution_list(user=user).select_related("regency__province")


def api_vocational_field_list(*, user: Any) -> QuerySet[VocationalField]:
    """The whole master list of vocational fields (in use or retired) for any active signed-in user.

    The list is public reference data (see ``VocationalField``), but the API serves nothing to
    anonymous or inactive users. ``inkubator.centres.selectors.vocational_field_list`` returns the
    fields in use only; the API lets clients filter on ``active`` instead, so it needs retired ones too.
    """
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return VocationalField.objects.none()
    return VocationalField.objects.all()
