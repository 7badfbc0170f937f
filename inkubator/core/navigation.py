"""The navigation menu, by role: apps register their entries; core names none of them.

Each app calls :func:`register_menu` in its ``AppConfig.ready()`` with the links it adds (label, URL
name, icon, the roles that see it, the group it sits in, its order) and the groups it introduces.
The menu shows entries by ``order``; a group stands where its first entry the user sees stands, as a
plain link when the user sees one of its entries and as a drop-down when more, so that the menu fits
on one line for every role (a ministry admin has some twenty entries).

Orders in use: 10–99 top-level links, 100–199 the ``centres`` group, 200–299 ``people``, 300–399
``steering``, 400–499 ``admin``. Leave gaps; two entries of the same order keep registration order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import Promise

from .roles import Role

ALL_ROLES = frozenset(Role.values)
STAFF = frozenset({Role.MINISTRY_ADMIN, Role.REGIONAL_COORDINATOR, Role.FACILITATOR, Role.CENTRE_MANAGER})
STEERING = frozenset({Role.MINISTRY_ADMIN, Role.REGIONAL_COORDINATOR})


@dataclass(frozen=True)
class NavGroup:
    """A drop-down of the menu: its key (named by entries), label and icon."""

    key: str
    label: str | Promise
    icon: str


@dataclass(frozen=True)
class NavItem:
    """One link of the main menu."""

    label: str | Promise
    url_name: str
    icon: str
    roles: frozenset[str] = ALL_ROLES
    group: str = ""  # key of a registered NavGroup; "" for a top-level link
    order: int = 100


_GROUPS: dict[str, NavGroup] = {}
_ITEMS: list[NavItem] = []


def register_menu(*items: NavItem, groups: Iterable[NavGroup] = ()) -> None:
    """Add ``items`` (and the ``groups`` they introduce) to the menu; call it from ``AppConfig.ready()``.

    Registering the same group or entry again is a no-op (``ready()`` may run twice in tests); a
    different definition under a key or URL name already taken is a configuration error.
    """
    for group in groups:
        known = _GROUPS.setdefault(group.key, group)
        if known != group:
            raise ImproperlyConfigured(f"Menu group {group.key!r} is already registered as {known!r}.")
    for item in items:
        known_item = next((i for i in _ITEMS if i.url_name == item.url_name), None)
        if known_item is None:
            _ITEMS.append(item)
        elif known_item != item:
            raise ImproperlyConfigured(f"Menu entry {item.url_name!r} is already registered as {known_item!r}.")
    _ITEMS.sort(key=lambda i: i.order)  # stable: equal orders keep registration order


def menu_items() -> list[NavItem]:
    """Every registered entry, in menu order."""
    return list(_ITEMS)


def menu_groups() -> dict[str, NavGroup]:
    """Every registered group, by key."""
    return dict(_GROUPS)


@dataclass
class NavEntry:
    """What the menu shows in one place: a link, or a drop-down of links."""

    label: str | Promise
    icon: str
    items: list[NavItem] = field(default_factory=list)

    @property
    def is_group(self) -> bool:
        return len(self.items) > 1

    @property
    def url_names(self) -> list[str]:
        return [item.url_name for item in self.items]


def menu_for(role: str | None) -> list[NavItem]:
    """The entries a user with ``role`` (``core.roles.effective_role``) sees, in menu order."""
    return [item for item in _ITEMS if role in item.roles]


def menu_entries(role: str | None) -> list[NavEntry]:
    """The menu as shown: top-level links and groups, each group where its first entry stands."""
    entries: list[NavEntry] = []
    groups: dict[str, NavEntry] = {}
    for item in menu_for(role):
        if not item.group:
            entries.append(NavEntry(item.label, item.icon, [item]))
            continue
        if item.group not in groups:
            group = _GROUPS[item.group]
            groups[item.group] = NavEntry(group.label, group.icon)
            entries.append(groups[item.group])
        groups[item.group].items.append(item)
    return entries


def check_menu(**kwargs: object) -> list[checks.CheckMessage]:
    """System check: every entry's group is registered (else the menu would fail on the first page)."""
    return [
        checks.Error(
            f"Menu entry {item.url_name!r} names the group {item.group!r}, which no app registers.",
            hint="Pass the NavGroup in register_menu(..., groups=[...]) from the app that introduces it.",
            id="inkubator.core.E001",
        )
        for item in _ITEMS
        if item.group and item.group not in _GROUPS
    ]
