"""The navigation menu, by role: each entry names the roles that see it and the group it sits in.

A group with one visible entry shows as a plain link; with more, as a drop-down, so that the menu
fits on one line for every role (a ministry admin has some twenty entries).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .roles import Role

ALL_ROLES = frozenset(Role.values)
STAFF = frozenset({Role.MINISTRY_ADMIN, Role.REGIONAL_COORDINATOR, Role.FACILITATOR, Role.CENTRE_MANAGER})
STEERING = frozenset({Role.MINISTRY_ADMIN, Role.REGIONAL_COORDINATOR})


@dataclass(frozen=True)
class NavItem:
    """One link of the main menu."""

    label: str | Promise
    url_name: str
    icon: str
    roles: frozenset[str] = ALL_ROLES
    group: str = ""  # key of NAV_GROUPS; "" for a top-level link


# Drop-down groups: key -> (label, icon).
NAV_GROUPS: dict[str, tuple[str | Promise, str]] = {
    "centres": (_("Centres"), "building"),
    "people": (_("Training and incubation"), "mortarboard"),
    "steering": (_("Steering"), "bullseye"),
    "admin": (_("Administration"), "gear"),
}

MENU: tuple[NavItem, ...] = (
    NavItem(_("Home"), "dashboards:home", "house"),
    NavItem(_("Dashboard"), "dashboards:national", "speedometer2", STAFF),
    # Centres: the register, their assessment and their mentoring.
    NavItem(_("Centres"), "centres:list", "building", STAFF, "centres"),
    NavItem(_("Completeness"), "centres:completeness", "list-check", STEERING, "centres"),
    NavItem(
        _("Assessments"),
        "assessments:list",
        "clipboard-data",
        frozenset({Role.MINISTRY_ADMIN, Role.REGIONAL_COORDINATOR, Role.CENTRE_MANAGER}),
        "centres",
    ),
    NavItem(_("My assessments"), "assessments:worklist", "clipboard-check", frozenset({Role.FACILITATOR}), "centres"),
    NavItem(_("Mentoring"), "mentoring:plan_list", "people", STEERING, "centres"),
    NavItem(_("My schedule"), "mentoring:schedule", "calendar-week", frozenset({Role.FACILITATOR}), "centres"),
    # People: trainees and tenants.
    NavItem(_("Training"), "training:batches", "mortarboard", STAFF, "people"),
    NavItem(
        _("Tracer survey"),
        "training:tracer",
        "telephone",
        frozenset({Role.MINISTRY_ADMIN, Role.CENTRE_MANAGER}),
        "people",
    ),
    NavItem(
        _("Training output"),
        "training:output",
        "bar-chart",
        frozenset({Role.MINISTRY_ADMIN, Role.REGIONAL_COORDINATOR, Role.FACILITATOR}),
        "people",
    ),
    NavItem(_("Incubation"), "incubation:board", "rocket-takeoff", STAFF, "people"),
    NavItem(_("Possible duplicates"), "people:duplicates", "people", STEERING, "people"),
    NavItem(_("My business"), "incubation:mine", "shop", frozenset({Role.ENTREPRENEUR})),
    # Steering: targets and reports.
    NavItem(_("Targets"), "programmes:progress", "bullseye", STEERING, "steering"),
    NavItem(_("Reports"), "reports:list", "file-earmark-pdf", STAFF, "steering"),
    # Administration.
    NavItem(_("Imports"), "imports:index", "upload", STEERING | {Role.CENTRE_MANAGER}, "admin"),
    NavItem(_("Regions"), "regions:search", "geo-alt", STEERING, "admin"),
    NavItem(_("Audit trail"), "audit:list", "journal-text", frozenset({Role.MINISTRY_ADMIN}), "admin"),
)


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


def menu_for(role: str | None, is_superuser: bool = False) -> list[NavItem]:
    """The entries a user with ``role`` sees, in menu order."""
    if is_superuser:
        role = Role.MINISTRY_ADMIN
    return [item for item in MENU if role in item.roles]


def menu_entries(role: str | None, is_superuser: bool = False) -> list[NavEntry]:
    """The menu as shown: top-level links and groups, each group where its first entry stands."""
    entries: list[NavEntry] = []
    groups: dict[str, NavEntry] = {}
    for item in menu_for(role, is_superuser):
        if not item.group:
            entries.append(NavEntry(item.label, item.icon, [item]))
            continue
        if item.group not in groups:
            label, icon = NAV_GROUPS[item.group]
            groups[item.group] = NavEntry(label, icon)
            entries.append(groups[item.group])
        groups[item.group].items.append(item)
    return entries
