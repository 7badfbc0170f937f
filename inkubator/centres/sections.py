"""Pages of other apps about one centre, linked from the centre's page.

The register knows no app above it (assessments, training, mentoring): each registers the page it
has about a centre in its ``AppConfig.ready()``, and the centre's page lists those the user's role
may open. The linked page still decides scope itself (``visible_to``, 404 outside).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise

from inkubator.core.roles import Role, effective_role


@dataclass(frozen=True)
class CentreSection:
    """A link from a centre's page: ``url_name`` takes the centre's code as its one argument."""

    label: str | Promise
    url_name: str
    icon: str
    roles: frozenset[str] = frozenset(Role.values) - {Role.ENTREPRENEUR, Role.PARTNER}
    order: int = 100


_SECTIONS: list[CentreSection] = []


def register_section(section: CentreSection) -> None:
    """Add ``section`` to every centre's page (once)."""
    if section not in _SECTIONS:
        _SECTIONS.append(section)
        _SECTIONS.sort(key=lambda s: (s.order, s.url_name))


def sections_for(user: Any) -> list[CentreSection]:
    """The sections ``user``'s role may open."""
    role = effective_role(user)
    return [section for section in _SECTIONS if role in section.roles]


def section_icons() -> list[str]:
    """The icons of every registered section (for the icon sprite: ``core.icons.register_icon_names``)."""
    return [section.icon for section in _SECTIONS]
