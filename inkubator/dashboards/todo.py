"""The to-do list on each role's home: what is due, with a count and a link to the page where it is done.

A *source* says, for one role set, which items a user has today. Sources are registered at start-up
(``register_todo``) by the app that owns the work: ``dashboards`` registers the items of the domain
apps below it (``todo_items.py``); an app above or beside it (e.g. partner matching) registers its own
in its ``AppConfig.ready()``, so the home never names it::

    from inkubator.dashboards.todo import TodoItem, TodoSource, register_todo

    def _matches(user, today):
        count = match_waiting_list(user=user).count()
        return [TodoItem("matches", _("Matches waiting for your answer"), count, reverse("matching:inbox"))]

    register_todo(TodoSource("matching.waiting", {Role.PARTNER}, _matches, order=10))

Each source reads through ``visible_to(user)`` (a selector), so a count never includes another
centre's or region's work. Registering the same key twice replaces the first (tests may run
``ready()`` again).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise

from inkubator.core.roles import effective_role


@dataclass(frozen=True)
class TodoItem:
    """One line of the list: what, how many (``None`` for a date or a single thing), and where it is done."""

    key: str
    label: str | Promise
    count: int | None
    url: str
    detail: str | Promise = ""
    icon: str = "check2-square"

    @property
    def done(self) -> bool:
        """Nothing left (shown muted, so the list keeps its shape and a user sees that it is checked)."""
        return self.count == 0


@dataclass(frozen=True)
class TodoSource:
    """Where some roles' items come from: ``items(user, today)`` returns zero or more ``TodoItem``."""

    key: str
    roles: frozenset[str] | set[str]
    items: Callable[[Any, datetime.date], Iterable[TodoItem]]
    order: int = 100
    extra: dict[str, Any] = field(default_factory=dict)


_SOURCES: dict[str, TodoSource] = {}


def register_todo(*sources: TodoSource) -> None:
    """Add sources to the registry (called from ``AppConfig.ready()``); the same key again replaces it."""
    for source in sources:
        _SOURCES[source.key] = source


def registered_sources() -> list[TodoSource]:
    """Every source, in order (for the registry's tests and the docs)."""
    return sorted(_SOURCES.values(), key=lambda s: (s.order, s.key))


def todo_for(*, user: Any, today: datetime.date | None = None) -> list[TodoItem]:
    """The items of ``user``'s role, in the sources' order; nothing for a user without a role."""
    role = effective_role(user)
    if role is None:
        return []
    today = today or timezone.localdate()
    items: list[TodoItem] = []
    for source in registered_sources():
        if role in source.roles:
            items.extend(source.items(user, today))
    return items
