"""Who may see what: the one place that decides scope.

Every scoped model declares a :class:`Scope` (how it reaches a regency, a centre, its owner and its
partner) and uses :class:`ScopedQuerySet`. Every list, detail, export, report and API endpoint
starts from ``Model.objects.visible_to(user)``; an object outside it answers 404.

Rules (DESIGN.md, "Who uses it"):

* ``ministry_admin`` sees everything;
* ``regional_coordinator`` sees what lies in their provinces or regencies;
* ``facilitator`` and ``centre_manager`` see what belongs to their assigned centres;
* ``entrepreneur`` sees their own records;
* ``partner`` sees their own organisation's records;
* ``venue_staff`` sees what belongs to their assigned training venues (laid-off workers' service);
* anyone else, anonymous or inactive users included, sees nothing.

A model without a path for a role shows that role nothing: scope is closed unless opened.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, reduce
from operator import or_
from typing import Any

from django.db import models
from django.db.models import Q

from .roles import Role, is_ministry_admin


@dataclass(frozen=True)
class Scope:
    """Lookup paths from a model to the things scope is decided by.

    ``region``: path to a ``regions.Regency`` foreign key (e.g. ``"regency"``, ``"centre__regency"``).
    ``centre``: path to a ``centres.Centre`` (``"pk"`` on Centre itself, ``"centre"`` elsewhere).
    ``owner``: path to the ``accounts.User`` who owns the record (entrepreneurs).
    ``partner``: path to a ``partners.Partner`` (partner users).
    ``venue``: path to a ``venues.Venue`` (venue staff: ``User.venues``).
    ``owner_roles``: the roles the ``owner`` path opens records to (entrepreneurs by default; a
    private record such as an upload names every role).
    ``distinct``: set when a path crosses a one-to-many relation (e.g. a host institution's centres),
    so that a row reached twice is listed once.
    ``listed``: lookups (``(("status", "published"),)``) that make a row public to ``listed_roles``
    besides the paths above, e.g. a partner's published offer that every coach may browse and
    propose; a draft stays with its partner and the ministry.
    """

    region: str | None = None
    centre: str | None = None
    owner: str | None = None
    partner: str | None = None
    venue: str | None = None
    owner_roles: frozenset[str] = frozenset({Role.ENTREPRENEUR})
    distinct: bool = False
    listed: tuple[tuple[str, Any], ...] = ()
    listed_roles: frozenset[str] = frozenset()


CentreSource = Callable[[Any], models.QuerySet]
_CENTRE_SOURCES: list[CentreSource] = []


def register_centre_source(source: CentreSource) -> None:
    """Let another app open centres to facilitators and managers, e.g. an assessment round's assignments.

    ``source(user)`` returns a queryset of centre primary keys (``.values("centre")``), used as a
    subquery; core knows no other app, so apps register their sources in ``AppConfig.ready()``.
    DESIGN.md: a facilitator sees the centres they are assigned to in an active plan or round.
    """
    if source not in _CENTRE_SOURCES:
        _CENTRE_SOURCES.append(source)


class UserScope:
    """What a user's scope is made of, read on first use and kept on the user object."""

    def __init__(self, user: Any) -> None:
        self.user = user

    @cached_property
    def province_codes(self) -> list[str]:
        return list(self.user.provinces.values_list("code", flat=True))

    @cached_property
    def regency_codes(self) -> list[str]:
        return list(self.user.regencies.values_list("code", flat=True))

    def centre_ids(self) -> models.QuerySet:
        """The centres assigned to the user by hand, as a subquery (no query of its own)."""
        return self.user.centres.values("pk")

    def venue_ids(self) -> models.QuerySet:
        """The training venues assigned to the user (venue staff), as a subquery."""
        return self.user.venues.values("pk")

    def centre_subqueries(self) -> list[models.QuerySet]:
        """Every subquery of centre ids the user reaches: by hand, plus each registered source."""
        return [self.centre_ids(), *(source(self.user) for source in _CENTRE_SOURCES)]


def user_scope(user: Any) -> UserScope:
    """The cached :class:`UserScope` of ``user`` (one pair of queries per request at most)."""
    cached = getattr(user, "_inkubator_scope", None)
    if cached is None:
        cached = UserScope(user)
        user._inkubator_scope = cached
    return cached


def forget_scope(user: Any) -> None:
    """Drop the cached scope after the user's assignments change."""
    if hasattr(user, "_inkubator_scope"):
        del user._inkubator_scope


def sees_everything(user: Any) -> bool:
    """Whether ``user`` sees the whole country: an active ministry admin (or superuser)."""
    return is_ministry_admin(user)


def region_q(path: str, province_codes: list[str], regency_codes: list[str]) -> Q | None:
    """Q for records whose regency lies in the given provinces or regencies; None if both are empty.

    ``path`` leads to a regency foreign key; ``""`` means the rows are regencies themselves.
    """
    code = f"{path}__code" if path else "code"
    parts = [Q(**{f"{code}__startswith": f"{province}."}) for province in province_codes]
    if regency_codes:
        parts.append(Q(**{f"{code}__in": regency_codes}))
    return reduce(or_, parts) if parts else None


def working_area_q(user: Any, *, region: str = "", province: str | None = None) -> Q | None:
    """Where ``user`` works, as a filter: ``Q()`` for those who see everything, a regional coordinator's
    provinces and regencies/cities, ``None`` (nowhere) for every other role and for anyone signed out.

    For public reference data narrowed to what concerns the user — the regions a form offers for a new
    record, the targets of one's place — not for records, which declare a :class:`Scope`. ``region``
    leads to a regency foreign key (``""`` when the rows are regencies); ``province``, if given, to a
    province foreign key, for rows placed at a whole province (a coordinator of regencies only does
    not work at the province level).
    """
    if sees_everything(user):
        return Q()
    if not _is_active(user) or getattr(user, "role", None) != Role.REGIONAL_COORDINATOR:
        return None
    us = user_scope(user)
    q = region_q(region, us.province_codes, us.regency_codes)
    if province is not None and us.province_codes:
        whole_province = Q(**{f"{province}__in": us.province_codes})
        q = whole_province if q is None else q | whole_province
    return q


def in_working_area(user: Any, code: str) -> bool:
    """Whether the province (``"32"``) or regency/city (``"32.16"``) with ``code`` concerns ``user``.

    True for those who see everything; for a coordinator when the place and their provinces or
    regencies overlap (a province that holds one of their regencies, a regency of one of their
    provinces); False for every other role. No query beyond the user's scope, read once a request.
    """
    if sees_everything(user):
        return True
    if not _is_active(user) or getattr(user, "role", None) != Role.REGIONAL_COORDINATOR:
        return False
    us = user_scope(user)
    province = code.split(".")[0]
    return (
        code in us.regency_codes
        or province in us.province_codes
        or any(regency.startswith(f"{code}.") for regency in us.regency_codes)
    )


def _is_active(user: Any) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and user.is_active


def scope_q(scope: Scope, user: Any) -> Q | None:
    """The filter that restricts a model with ``scope`` to what ``user`` may see.

    Returns ``Q()`` (everything) for ministry admins and ``None`` (nothing) when the user has no way in.
    Rows matching ``scope.listed`` are added for ``scope.listed_roles``.
    """
    q = _path_q(scope, user)
    if q is None or q:  # nothing, or a real restriction: listed rows may widen it
        role = getattr(user, "role", None) if _is_active(user) else None
        if scope.listed and role in scope.listed_roles:
            listed = Q(*scope.listed)
            q = listed if q is None else q | listed
    return q


def _path_q(scope: Scope, user: Any) -> Q | None:
    """The filter of ``scope``'s paths alone (see :func:`scope_q`)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    role = getattr(user, "role", None)
    if sees_everything(user):
        return Q()
    if role == Role.REGIONAL_COORDINATOR and scope.region:
        us = user_scope(user)
        return region_q(scope.region, us.province_codes, us.regency_codes)
    if role == Role.CENTRE_MANAGER and scope.centre:
        return Q(**{f"{scope.centre}__in": user_scope(user).centre_ids()})
    if role == Role.FACILITATOR and scope.centre:
        subqueries = user_scope(user).centre_subqueries()
        return reduce(or_, (Q(**{f"{scope.centre}__in": ids}) for ids in subqueries))
    if scope.owner and role in scope.owner_roles:
        return Q(**{scope.owner: user.pk})
    if role == Role.PARTNER and scope.partner and getattr(user, "partner_id", None):
        return Q(**{scope.partner: user.partner_id})
    if role == Role.VENUE_STAFF and scope.venue:
        return Q(**{f"{scope.venue}__in": user_scope(user).venue_ids()})
    return None


class ScopedQuerySet(models.QuerySet):
    """A queryset that knows how to restrict itself to one user's scope (cf. NetBox ``restrict``)."""

    def visible_to(self, user: Any) -> ScopedQuerySet:
        """Only the rows ``user`` may see; see the module docstring for the rules."""
        scope: Scope | None = getattr(self.model, "scope", None)
        if scope is None:
            raise TypeError(f"{self.model.__name__} declares no scope; it cannot be served to users.")
        q = scope_q(scope, user)
        if q is None:
            return self.none()
        filtered = self.filter(q)
        return filtered.distinct() if scope.distinct and q else filtered


ScopedManager = models.Manager.from_queryset(ScopedQuerySet)
