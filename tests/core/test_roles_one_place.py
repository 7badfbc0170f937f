"""Who counts as a ministry admin is decided in one place: ``inkubator.core.roles``.

The tree is read as text: a comparison with the ministry admin's role (``== Role.MINISTRY_ADMIN``,
``!= "ministry_admin"``, ``Role.MINISTRY_ADMIN if user.is_superuser else ...``) anywhere but
``core/roles.py`` fails here, so that a superuser or an inactive account cannot count differently
from one page to the next. Role *sets* (``frozenset({Role.MINISTRY_ADMIN, ...})``) are not comparisons.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from inkubator.accounts.models import User
from inkubator.core.roles import Role, is_admin_role, is_ministry_admin

ROOT = Path(__file__).resolve().parents[2] / "inkubator"
ALLOWED = {ROOT / "core" / "roles.py"}
ADMIN = r"(?:Role\.MINISTRY_ADMIN|[\"']ministry_admin[\"'])"
COMPARISON = re.compile(rf"(?:[=!]=\s*{ADMIN})|(?:{ADMIN}\s*[=!]=)|(?:{ADMIN}\s+if\b)|(?:is_superuser\b[^\n]*{ADMIN})")


def comparisons(root: Path) -> list[str]:
    """``path:line: text`` of every comparison with the ministry admin's role under ``root``."""
    found = []
    for path in sorted(root.rglob("*.py")):
        if path in ALLOWED or "migrations" in path.parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if COMPARISON.search(line):
                found.append(f"{path.relative_to(root.parent)}:{number}: {line.strip()}")
    return found


def test_only_core_roles_compares_a_role_to_ministry_admin():
    assert comparisons(ROOT) == []


@pytest.mark.parametrize(
    "line",
    [
        "    return user.role == Role.MINISTRY_ADMIN",
        "    if effective_role(actor) != Role.MINISTRY_ADMIN:",
        '    if user.role == "ministry_admin":',
        "    role = Role.MINISTRY_ADMIN if user.is_superuser else user.role",
        "    if is_superuser:  role = Role.MINISTRY_ADMIN",
    ],
)
def test_the_check_sees_a_comparison(tmp_path, line):
    (tmp_path / "module.py").write_text(line + "\n")
    assert len(comparisons(tmp_path)) == 1


def test_role_sets_and_queries_are_not_comparisons(tmp_path):
    (tmp_path / "module.py").write_text(
        "ROLES = frozenset({Role.MINISTRY_ADMIN, Role.REGIONAL_COORDINATOR})\n"
        "admins = User.objects.filter(role=Role.MINISTRY_ADMIN)\n"
    )
    assert comparisons(tmp_path) == []


def test_is_ministry_admin():
    assert is_admin_role(Role.MINISTRY_ADMIN)
    assert not is_admin_role(Role.REGIONAL_COORDINATOR)
    assert is_ministry_admin(User(role=Role.MINISTRY_ADMIN))
    assert is_ministry_admin(User(role=Role.PARTNER, is_superuser=True))
    assert not is_ministry_admin(User(role=Role.MINISTRY_ADMIN, is_active=False))
    assert not is_ministry_admin(User(role=Role.CENTRE_MANAGER))
    assert not is_ministry_admin(None)
