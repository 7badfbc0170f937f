"""The navigation menu, by role: each entry names the roles that see it."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .roles import Role

ALL_ROLES = frozenset(Role.values)


@dataclass(frozen=True)
class NavItem:
    """One link of the main menu."""

    label: str | Promise
    url_name: str
    icon: str
    roles: frozenset[str] = ALL_ROLES


MENU: tuple[NavItem, ...] = (
    NavItem(_("Home"), "dashboards:home", "house"),
    NavItem(_("Centres"), "centres:list", "building", frozenset(Role.values) - {Role.ENTREPRENEUR, Role.PARTNER}),
    NavItem(
        _("Completeness"),
        "centres:completeness",
        "list-check",
        frozenset({Role.MINISTRY_ADMIN, Role.REGIONAL_COORDINATOR}),
    ),
    NavItem(_("Imports"), "imports:index", "upload", frozenset({Role.MINISTRY_ADMIN, Role.REGIONAL_COORDINATOR})),
    NavItem(_("Regions"), "regions:search", "geo-alt", frozenset({Role.MINISTRY_ADMIN, Role.REGIONAL_COORDINATOR})),
    NavItem(_("Audit trail"), "audit:list", "journal-text", frozenset({Role.MINISTRY_ADMIN})),
)


def menu_for(role: str | None, is_superuser: bool = False) -> list[NavItem]:
    """The entries a user with ``role`` sees."""
    if is_superuser:
        role = Role.MINISTRY_ADMIN
    return [item for item in MENU if role in item.roles]
