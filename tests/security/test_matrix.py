"""The authorization matrix (issue 19): every URL pattern × every role and anonymous × in / near / far.

The test walks Django's URL resolver (includes, the API router and the admin site), so a pattern
nobody declared in ``routes.py`` fails here with its name and route. For every declared pattern,
each principal (``world.PRINCIPALS``) requests the URL for the record of each zone (``world.ZONES``):

* GET and an empty POST (and the declared plausible POST) answer as declared: the declared roles get
  their page when the record is in their scope (``Model.objects.visible_to(user)``), everyone else
  404 (or the declared refusal); anonymous users are sent to sign in (401/403 under ``/api/``);
* no answered body holds the marker of a near or far record the principal may not see;
* a refused POST changes no row: the row count of every table and the target row's values are the
  same after it;
* lists, their CSV exports and API lists hold exactly the ids ``visible_to(user)`` gives.

Every request runs in a savepoint rolled back after it, so a carried-out POST changes nothing the
next case sees; the world is built once for the module (``tests/once.py``). The counts of patterns,
cases and requests are printed in the closing summary (``conftest.py``).
"""

from __future__ import annotations

import copy
import csv
import functools
import io
import json
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection, models, transaction
from django.http import HttpResponse
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from pytest_django import DjangoDbBlocker

from inkubator.core.roles import Role
from tests.once import built_once

from .declarations import BOTH, SIGNED_IN, Listing, Route
from .routes import ROUTES
from .world import ANONYMOUS, GLOBAL, MIXED, PRINCIPALS, ZONES, World, build_world

pytestmark = [pytest.mark.django_db]
# The patterns are two xdist groups (every other pattern), so that the suite's two workers share the
# matrix (each builds the world once, ~2 s) instead of one worker carrying all its ~8,500 requests.
GROUPS = ("security-a", "security-b")

DISCOVER = os.environ.get("MATRIX_DISCOVER") == "1"  # print what each pattern answers, to write a declaration
ADMIN_NAMESPACE = "admin"
# Tables a request may write whatever it is refused: sessions, the cache, sign-in attempts.
UNCOUNTED_TABLES = {
    "django_session",
    "inkubator_cache",
    "axes_accessattempt",
    "axes_accesslog",
    "axes_accessfailurelog",
}
TEXT_TYPES = ("text/", "application/json", "application/javascript", "application/problem+json")


@dataclass(frozen=True)
class Pattern:
    """One URL pattern as the resolver holds it: its name (namespaced) and its full route."""

    name: str
    route: str
    namespace: str = ""

    @property
    def is_admin(self) -> bool:
        return self.namespace.split(":")[0] == ADMIN_NAMESPACE


def _walk(resolver: URLResolver, prefix: str = "", namespace: str = "") -> Iterator[Pattern]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else (entry.name or "")
            yield Pattern(name or prefix + str(entry.pattern), prefix + str(entry.pattern), namespace)


def all_patterns() -> list[Pattern]:
    """Every URL pattern of the project, includes followed."""
    return list(_walk(get_resolver()))


PATTERNS = all_patterns()
APP_PATTERNS = [p for p in PATTERNS if not p.is_admin]
ADMIN_PATTERNS = [p for p in PATTERNS if p.is_admin]


# ---------------------------------------------------------------------------------------------- world


@dataclass
class Setting:
    """The world, and what each principal may not see."""

    world: World
    forbidden: dict[str, list[str]] = field(default_factory=dict)  # principal → markers absent from bodies
    clients: dict[str, Client] = field(default_factory=dict)  # signed in once for the module


@pytest.fixture(scope="module")
def setting(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[Setting]:
    with built_once(django_db_blocker):
        w = build_world()
        s = Setting(w)
        for principal in PRINCIPALS:
            user = w.user(principal)
            # In-zone records are each principal's own place: a page may name them (a tenant's incubator).
            s.forbidden[principal] = [
                m for model, pk, m in w.markers
                if not m.startswith("ZQin") and not model.objects.visible_to(user).filter(pk=pk).exists()
                and not _shown_with_something_visible(model, pk, user)
            ]  # fmt: skip
            client = Client()
            if user is not None:
                client.force_login(user)
            s.clients[principal] = client
        # Refusals are expected by the thousand: their log lines (with tracebacks for 403s) cost time.
        quiet = logging.getLogger("django.request")
        level, quiet.level = quiet.level, logging.ERROR
        try:
            yield s
        finally:
            quiet.setLevel(level)


# ---------------------------------------------------------------------------------------------- helpers


# Records whose name is part of another record a user may see: (model label, field of the other record).
SHOWN_WITH = {
    "partners.Partner": ("matching.Offer", "partner"),  # a published offer names the partner that makes it
}


def _shown_with_something_visible(model: type[models.Model], pk: int, user: Any) -> bool:
    other = SHOWN_WITH.get(model._meta.label)
    if other is None:
        return False
    return apps.get_model(other[0]).objects.visible_to(user).filter(**{other[1]: pk}).exists()


@functools.cache
def _tables() -> list[str]:
    """The tables a refused POST must leave as they were: every model's but the regions' (91,599 rows of
    reference data no page writes; counting them twice a request was most of a refused POST's cost)."""
    names = {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and model._meta.app_label != "regions"
    }
    return sorted(names - UNCOUNTED_TABLES)


def row_counts() -> tuple[int, ...]:
    """The row count of every table, in one query."""
    quote = connection.ops.quote_name
    tables = _tables()
    with connection.cursor() as cursor:
        # Table names from the models, quoted by the backend: nothing here comes from a request.
        cursor.execute("SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {quote(t)})" for t in tables))  # noqa: S608
        return tuple(cursor.fetchone())


def _changed_tables(before: tuple[int, ...], after: tuple[int, ...]) -> list[str]:
    return [t for t, a, b in zip(_tables(), before, after, strict=True) if a != b]


def body(response: HttpResponse) -> str | None:
    """The answered text, or None for a binary answer (a PDF, an image, a spreadsheet)."""
    kind = response.get("Content-Type", "")
    if not kind.startswith(TEXT_TYPES):
        return None
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    return raw.decode("utf-8", errors="replace")


def _model(spec: type[models.Model] | str) -> type[models.Model]:
    return apps.get_model(spec) if isinstance(spec, str) else spec


@dataclass
class Case:
    """One request's circumstances, for messages."""

    pattern: Pattern
    principal: str
    zone: str | None
    method: str
    url: str

    def __str__(self) -> str:
        where = f" on the {self.zone} record" if self.zone else ""
        if self.zone == MIXED:
            where = " on the near record under the in zone's parent"
        return f"{self.method} {self.url} ({self.pattern.name}) as {self.principal}{where}"


class Runner:
    """Sends a pattern's requests, checks each answer, and counts."""

    def __init__(self, s: Setting, pattern: Pattern, route: Route | None) -> None:
        self.s, self.w, self.pattern, self.route = s, s.world, pattern, route
        self.requests = 0
        self.cases = 0
        self.seen: dict[tuple[str, str | None, str], int] = {}  # discovery: (principal, zone, method) → status

    def client(self, principal: str) -> Client:
        return self.s.clients[principal]

    def send(self, principal: str, method: str, url: str, data: dict[str, Any] | None = None,
             watch: tuple[type[models.Model], int] | None = None, count: bool = False,
             ) -> tuple[HttpResponse, str | None, list[str], bool]:  # fmt: skip
        """The answer, its text, the tables whose row count changed and whether the watched row changed.

        Rows are counted (``count``) around the requests expected to be refused: one query each way.

        The request runs in a savepoint rolled back after it; the client's cookies are put back (a
        sign-out or a language switch must not change who the next request is).
        """
        client = self.client(principal)
        cookies = copy.deepcopy(client.cookies)
        self.requests += 1
        with transaction.atomic():
            before = row_counts() if count else ()
            row_before = list(watch[0]._base_manager.filter(pk=watch[1]).values()) if watch and count else None
            response = client.get(url) if method == "GET" else client.post(url, data or {})
            text = body(response)
            changed = _changed_tables(before, row_counts()) if count else []
            row_changed = (
                bool(watch and count) and list(watch[0]._base_manager.filter(pk=watch[1]).values()) != row_before
            )
            transaction.set_rollback(True)
        client.cookies = cookies
        return response, text, changed, row_changed


def _login_redirect(response: HttpResponse, login_url: str) -> bool:
    return response.status_code == 302 and response["Location"].startswith(login_url)


def _visible(w: World, route: Route, principal: str, zone: str | None) -> bool:
    if zone == MIXED:
        return False  # the record named is not the parent's: 404 for everyone
    if route.visible is not None:
        return route.visible(w, principal, zone or "")
    key = route.target_key()
    if key is None or zone is None:
        return True
    model = w.model(key)
    if getattr(model, "scope", None) is None:
        return True  # reference data (a wave, a rule, a target): the page's role check is all there is
    return model.objects.visible_to(w.user(principal)).filter(pk=w.pk(zone, key)).exists()


def _zones(w: World, route: Route) -> tuple[str | None, ...]:
    key = route.target_key()
    if route.kwargs is None or key is None:
        return (None,)
    if key in w.objects[GLOBAL]:
        return (GLOBAL,)
    keys = getattr(route.kwargs, "keys", [])
    nested = route.target is None and len(keys) > 1 and not any(k in w.objects[GLOBAL] for k in keys)
    return (*ZONES, MIXED) if nested else ZONES


def _ids(response: HttpResponse, text: str | None, listing: Listing) -> set[Any] | int:
    """The ids an answered list holds (a count for a CSV export)."""
    if listing.read == "table":
        rows = response.context["table"].data.data
        return {row.pk for row in rows}
    if listing.read == "api":
        data = json.loads(text or "null")
        items = data["results"] if isinstance(data, dict) else data
        return {item[listing.key] for item in items}
    rows = [row for row in csv.reader(io.StringIO((text or "").lstrip("\ufeff"))) if row]
    return len(rows) - 1


def _expected_ids(w: World, principal: str, listing: Listing) -> set[Any] | int:
    model = _model(listing.model)
    if getattr(model, "scope", None) is None:  # reference data (intake waves): the role check is all there is
        rows = model._default_manager.filter(**listing.where)
    else:
        rows = model.objects.visible_to(w.user(principal)).filter(**listing.where)
    if principal in listing.hidden_from:
        rows = rows.none()
    if listing.read == "csv":
        return rows.count()
    key = "pk" if listing.key == "id" else listing.key
    return set(rows.values_list(key, flat=True))


# ---------------------------------------------------------------------------------------------- tests


def test_every_role_is_a_principal() -> None:
    assert set(PRINCIPALS) == {ANONYMOUS, *Role.values}, "a role of core.roles.Role has no principal in the matrix"
    assert frozenset(Role.values) == SIGNED_IN


def test_every_url_pattern_is_declared() -> None:
    """A new URL pattern must be declared in tests/security/routes.py (README.md there says how)."""
    missing = [f"{p.name} ({p.route})" for p in APP_PATTERNS if p.name not in ROUTES]
    assert not missing, "URL patterns with no declaration in tests/security/routes.py: " + "; ".join(missing)


def test_no_declaration_outlives_its_pattern() -> None:
    names = {p.name for p in APP_PATTERNS}
    stale = sorted(set(ROUTES) - names)
    assert not stale, f"declarations of URL patterns that no longer exist: {stale}"


@pytest.mark.parametrize(
    "pattern",
    [
        pytest.param(p, id=p.name, marks=pytest.mark.xdist_group(GROUPS[index % len(GROUPS)]))
        for index, p in enumerate(APP_PATTERNS)
    ],
)
def test_pattern(setting: Setting, pattern: Pattern, record_property: Any) -> None:
    route = ROUTES.get(pattern.name)
    assert route is not None, (
        f"URL pattern {pattern.name!r} (route {pattern.route!r}) has no declaration in tests/security/routes.py"
    )
    runner = Runner(setting, pattern, route)
    problems: list[str] = []
    for principal in PRINCIPALS:
        for zone in _zones(setting.world, route):
            problems += check_case(runner, principal, zone)
    record_property("security_matrix", {"patterns": 1, "cases": runner.cases, "requests": runner.requests})
    if DISCOVER:
        print(f"\nDISCOVER {pattern.name}: " + " ".join(f"{p}/{z}/{m}={st}" for (p, z, m), st in runner.seen.items()))
        return
    assert not problems, f"{pattern.name} ({pattern.route}):\n" + "\n".join(problems)


def check_case(runner: Runner, principal: str, zone: str | None) -> list[str]:
    """Every request of one principal on one zone's record; the problems found."""
    w, route, pattern = runner.w, runner.route, runner.pattern
    assert route is not None
    runner.cases += 1
    url = reverse(pattern.name, kwargs=route.kwargs(w, zone or GLOBAL) if route.kwargs else None)
    visible = _visible(w, route, principal, zone)
    key = route.target_key()
    watch = (w.model(key), w.pk("near" if zone == MIXED else zone, key)) if key and zone else None
    login_url = resolve_url(settings.LOGIN_URL) if not pattern.route.startswith("api/") else None
    problems: list[str] = []

    requests: list[tuple[str, dict[str, Any] | None]] = [("GET", None), ("POST", None)]
    if route.data is not None:
        requests.append(("POST", route.data(w, zone or GLOBAL)))
    for method, data in requests:
        case = Case(pattern, principal, zone, method, url)
        allowed_roles = (route.get if method == "GET" else route.post) or frozenset()
        carried_out = principal in allowed_roles and visible and method in route.methods
        if carried_out and method == "POST" and data is None and route.methods == BOTH and route.post == route.get:
            continue  # a page that answers a POST as its GET (no form): the GET was checked, spare a render
        count = method == "POST" and not carried_out
        response, text, changed, row_changed = runner.send(principal, method, url, data, watch, count)
        status = response.status_code
        runner.seen[(principal, zone, method if data is None else "POST+")] = status
        if route.get is None:
            problems.append(f"{case}: roles not declared (answered {status})")
            continue
        if carried_out:
            expected = route.ok if method == "GET" else route.post_ok if data is None else route.data_ok
            if status not in expected:
                problems.append(f"{case}: answered {status}, declared {sorted(expected)}")
        else:
            if principal == ANONYMOUS and ANONYMOUS in route.get and method not in route.methods:
                refused, what = status == 405, "405"  # a public page: the method is what is refused
            elif principal == ANONYMOUS:
                refused = (status in (401, 403)) if login_url is None else _login_redirect(response, login_url)
                what = "401/403" if login_url is None else f"a redirect to {login_url}"
            elif method not in route.methods:
                refused, what = status == 405, "405"
            else:
                refused, what = status == route.refused, str(route.refused)
            if not refused:
                problems.append(f"{case}: answered {status}, expected {what} (a refusal)")
            if method == "POST" and (changed or row_changed):
                problems.append(f"{case}: a refused POST changed rows: tables {changed}, target row {row_changed}")
        if text is not None:
            # A 404 page may repeat the address asked for (a centre's code in it): that is no disclosure.
            said = text.replace(url, "")
            leaked = [m for m in runner.s.forbidden[principal] if m in said]
            if leaked:
                problems.append(f"{case}: the answer ({status}) names out-of-scope records {leaked}")
        if carried_out and method == "GET" and route.listing is not None and status == 200:
            got, want = _ids(response, text, route.listing), _expected_ids(w, principal, route.listing)
            if got != want:
                problems.append(f"{case}: the list holds {got}, visible_to(user) gives {want}")
    return problems


@pytest.mark.xdist_group(GROUPS[0])
@pytest.mark.parametrize("pattern", ADMIN_PATTERNS[:1], ids=["django-admin"])
def test_admin_site_is_for_staff_only(setting: Setting, pattern: Pattern, record_property: Any) -> None:
    """The admin site, declared as one group: ministry admins (staff) only, everyone else sent to its sign-in."""
    from django.contrib import admin

    w = setting.world
    runner = Runner(setting, pattern, None)
    problems: list[str] = []
    admin_login = reverse("admin:login")
    for p in ADMIN_PATTERNS:
        url = _admin_url(p)
        if url is None or p.name in ("admin:login", "admin:logout"):
            continue
        for principal in PRINCIPALS:
            runner.cases += 1
            is_staff = principal != ANONYMOUS and w.user(principal).is_staff  # type: ignore[union-attr]
            # Staff get Django's own admin (only GET: its forms are Django's); the others must be refused both ways.
            for method in ("GET",) if is_staff else ("GET", "POST"):
                response, _text, changed, _row = runner.send(principal, method, url, count=not is_staff)
                if is_staff:
                    if response.status_code >= 500:
                        problems.append(f"{method} {url} as {principal}: {response.status_code}")
                    continue
                if not (response.status_code == 302 and response["Location"].startswith(admin_login)):
                    problems.append(
                        f"{method} {url} as {principal}: {response.status_code}, expected the admin sign-in"
                    )
                if changed:
                    problems.append(f"{method} {url} as {principal}: a refused POST changed {changed}")
    assert admin.site.has_permission  # the group's rule is Django's own: is_active and is_staff
    record_property(
        "security_matrix", {"patterns": len(ADMIN_PATTERNS), "cases": runner.cases, "requests": runner.requests}
    )
    assert not problems, "\n".join(problems)


def _admin_url(p: Pattern) -> str | None:
    """The admin pattern's URL with placeholder arguments (the refusal comes before they are read)."""
    from django.urls.exceptions import NoReverseMatch

    for kwargs in ({}, {"app_label": "centres"}, {"object_id": "1"}, {"content_type_id": "1", "object_id": "1"}):
        try:
            return reverse(p.name, kwargs=kwargs or None)
        except NoReverseMatch:
            continue
    return None
