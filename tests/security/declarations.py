"""What every URL pattern promises: which roles may use it, on which object, and what a refusal is.

``ROUTES`` maps a pattern's name (``"incubation:tenant_detail"``, ``"api:tenant-list"``) to a
:class:`Route`. ``tests/security/test_matrix.py`` walks the URL resolver and fails on a pattern with
no entry here, naming it — so **a new URL must be declared here** (``README.md`` beside this file).

A declaration says:

* ``kwargs``: how to fill the URL for a zone's record (``kw(pk="tenant")``: the pk of the zone's
  tenant; ``"centre.code"``: its code; ``lit("csv")``: a constant) — see ``tests/security/world.py``;
* ``target``: the world key whose ``visible_to(user)`` decides whether the case is in scope
  (by default the first key ``kwargs`` names); patterns that name nothing have one case;
* ``get`` / ``post``: the roles (``core.roles.Role`` values, and ``ANON`` for the public) whose
  request is carried out when the target is in their scope; ``post=None``: the page takes no POST
  (405 for signed-in users);
* ``listing``: for lists, exports and API lists, the model whose ``visible_to(user)`` ids the answer
  must hold exactly, and how to read them (``"table"``, ``"api"``, ``"csv"``);
* exceptions, each with the reason: ``ok`` (statuses of a carried-out GET besides 200),
  ``refused`` (a signed-in refusal that is not 404), ``visible`` (scope not decided by the target's
  ``visible_to``).

Helpers by family keep entries to one line: :func:`page`, :func:`form`, :func:`action`,
:func:`listing`, :func:`export`, :func:`api_list`, :func:`api_detail`, :func:`public`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model

from inkubator.core.roles import Role

from .world import ANONYMOUS, MIXED, World

ANON = ANONYMOUS
ADMIN = Role.MINISTRY_ADMIN.value
KORWIL = Role.REGIONAL_COORDINATOR.value
FAC = Role.FACILITATOR.value
MGR = Role.CENTRE_MANAGER.value
ENT = Role.ENTREPRENEUR.value
PARTNER = Role.PARTNER.value
VENUE = Role.VENUE_STAFF.value
SIGNED_IN = frozenset(Role.values)
NOBODY: frozenset[str] = frozenset()
BOTH = frozenset({"GET", "POST"})  # a page that answers a POST as it answers a GET (no form, no write)

Kwargs = Callable[[World, str], dict[str, Any]]


def roles(*names: str) -> frozenset[str]:
    return frozenset(names)


def lit(value: Any) -> Callable[[World, str], Any]:
    """A constant URL argument."""
    return lambda w, z: value


def kw(**spec: str | Callable[[World, str], Any]) -> Kwargs:
    """URL kwargs from world keys: ``"tenant"`` → the zone's tenant pk, ``"centre.code"`` → its code."""

    keys = [s.removesuffix(".code") for s in spec.values() if isinstance(s, str)]

    def build(w: World, zone: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, source in spec.items():
            if callable(source):
                out[name] = source(w, zone)
                continue
            key = source.removesuffix(".code")
            # The mixed case: the parent records of the in zone, the record acted on of the near zone.
            z = ("near" if key == keys[-1] else "in") if zone == MIXED else zone
            out[name] = w.code(z, key) if source.endswith(".code") else w.pk(z, key)
        return out

    build.keys = keys  # type: ignore[attr-defined]
    return build


@dataclass(frozen=True)
class Listing:
    """A list whose rows must be exactly ``model.objects.visible_to(user)`` (narrowed by ``where``)."""

    model: type[Model] | str  # a model or "app_label.Model"
    read: str  # "table" (the page's table queryset), "api" (JSON results), "csv" (rows of the export)
    where: dict[str, Any] = field(default_factory=dict)  # what the list shows of the scope, with why
    key: str = "id"  # the API field holding the lookup value
    hidden_from: frozenset[str] = frozenset()  # roles the list shows nothing, whatever their scope


@dataclass(frozen=True)
class Route:
    """One URL pattern's promise (see the module docstring)."""

    kwargs: Kwargs | None = None
    target: str | None = None
    methods: frozenset[str] = frozenset({"GET", "POST"})  # the others answer 405 to signed-in users
    get: frozenset[str] | None = None  # None: not declared yet (the test fails)
    post: frozenset[str] | None = None
    listing: Listing | None = None
    ok: frozenset[int] = frozenset({200})
    post_ok: frozenset[int] = frozenset({200, 302, 400, 409})
    refused: int = 404
    api: bool = False
    visible: Callable[[World, str, str], bool] | None = None  # (world, principal, zone) → in scope
    data: Callable[[World, str], dict[str, Any]] | None = None  # a plausible POST besides the empty one
    data_ok: frozenset[int] = frozenset({302})  # what the plausible POST answers when carried out (saved)

    def target_key(self) -> str | None:
        if self.target is not None or self.kwargs is None:
            return self.target
        keys = getattr(self.kwargs, "keys", [])
        return keys[-1] if keys else None


def _roles(names: Iterable[str] | None) -> frozenset[str] | None:
    return None if names is None else frozenset(names)


def page(get: Iterable[str] | None, kwargs: Kwargs | None = None, *, methods: frozenset[str] = frozenset({"GET"}),
         post: Iterable[str] = NOBODY, **more: Any) -> Route:  # fmt: skip
    """A page read with GET only (POST answers 405 to signed-in users unless ``methods=BOTH``)."""
    return Route(kwargs=kwargs, methods=methods, get=_roles(get), post=frozenset(post), **more)


def any_method(get: Iterable[str] | None, kwargs: Kwargs | None = None, **more: Any) -> Route:
    """A page that answers a POST as it answers a GET (a function view with no form and no method check)."""
    return page(get, kwargs, methods=BOTH, post=get or (), **more)


def form(
    get: Iterable[str] | None, kwargs: Kwargs | None = None, post: Iterable[str] | None = None, **more: Any
) -> Route:
    """A page with a form: GET shows it, POST saves (the same roles unless ``post`` says otherwise)."""
    return Route(kwargs=kwargs, get=_roles(get), post=_roles(get) if post is None else _roles(post), **more)


def action(post: Iterable[str] | None, kwargs: Kwargs | None = None, **more: Any) -> Route:
    """A button: POST only (GET answers 405 to signed-in users)."""
    return Route(kwargs=kwargs, methods=frozenset({"POST"}), get=NOBODY, post=_roles(post), **more)


def listing(get: Iterable[str] | None, model: Any, where: dict[str, Any] | None = None, **more: Any) -> Route:
    """An HTML list on core screens: its table holds exactly the rows in the user's scope."""
    return page(get, listing=Listing(model, "table", where or {}), **more)


def export(get: Iterable[str] | None, model: Any, where: dict[str, Any] | None = None, **more: Any) -> Route:
    """A list's CSV export: as many rows as the user's scope holds, no out-of-scope marker."""
    return page(get, kw(fmt=lit("csv")), listing=Listing(model, "csv", where or {}), **more)


def api_list(model: Any, key: str = "id", where: dict[str, Any] | None = None, hidden_from: Iterable[str] = (),
             **more: Any) -> Route:  # fmt: skip
    """An API list: every signed-in user may call it; it returns exactly their scope's ids."""
    return Route(methods=frozenset({"GET"}), get=SIGNED_IN, post=NOBODY, api=True,
                 listing=Listing(model, "api", where or {}, key, frozenset(hidden_from)), **more)  # fmt: skip


def api_detail(target: str, key: str = "pk", get: Iterable[str] = SIGNED_IN, **more: Any) -> Route:
    """An API detail: 404 outside the user's scope; read-only (POST 405)."""
    lookup = f"{target}.code" if key == "code" else target
    return Route(kwargs=kw(**{key: lookup}), methods=frozenset({"GET"}), get=frozenset(get), post=NOBODY, api=True,
                 **more)  # fmt: skip


def public(post: bool = False, methods: frozenset[str] | None = None, **more: Any) -> Route:
    """A page for everyone, signed in or not (``post``: its form too)."""
    everyone = SIGNED_IN | {ANON}
    methods = methods or (BOTH if post else frozenset({"GET"}))
    return Route(methods=methods, get=everyone, post=everyone if "POST" in methods else NOBODY, **more)
