"""Dependencies point down (docs/architecture.md): read from the import statements of the source tree."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "inkubator"

# What each low layer may import from the project, besides itself.
ALLOWED_BELOW = {
    "core": set(),
    "regions": {"core"},
    "programmes": {"core", "regions", "centres"},
}


def imported_apps(app: str) -> dict[str, set[str]]:
    """``{module path: inkubator apps it imports}`` for every module of ``app`` (migrations aside)."""
    found: dict[str, set[str]] = {}
    for path in (ROOT / app).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module)
            elif isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
        apps = {name.split(".")[1] for name in names if name.startswith("inkubator.") and name.count(".") >= 1}
        found[str(path.relative_to(ROOT))] = apps - {app}
    return found


@pytest.mark.parametrize("app", sorted(ALLOWED_BELOW))
def test_a_low_layer_imports_no_app_above_it(app: str) -> None:
    above = {module: apps - ALLOWED_BELOW[app] for module, apps in imported_apps(app).items()}
    assert {module: apps for module, apps in above.items() if apps} == {}


def test_core_and_programmes_look_up_no_model_by_name() -> None:
    for app in ("core", "programmes"):
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" not in path.parts:
                assert "get_model(" not in path.read_text(encoding="utf-8"), path


def test_only_the_api_app_imports_the_api_app() -> None:
    """Apps build on ``inkubator.core.api``; ``inkubator.api`` only gathers their endpoints."""
    for path in ROOT.iterdir():
        if path.is_dir() and path.name not in {"api", "static", "templates", "__pycache__"}:
            users = {module for module, apps in imported_apps(path.name).items() if "api" in apps}
            assert users == set(), path.name


# The import framework: what a domain app may build on (reading, limits, mapping, cells, validation,
# the registry, ImportRun) and what it must never reach (the workflow and its pages).
IMPORT_WORKFLOW = {
    "inkubator.imports.services",
    "inkubator.imports.views",
    "inkubator.imports.forms",
    "inkubator.imports.urls",
    "inkubator.imports.tasks",
    "inkubator.imports.selectors",
    "inkubator.imports.reports",
    "inkubator.imports.management",
}
# The framework builds on core only; the apps that own kinds of import register them.
IMPORT_FRAMEWORK_MAY_IMPORT = {"core"}


def imported_modules(app: str) -> dict[str, set[str]]:
    """``{module path: absolute inkubator modules it imports}`` for every module of ``app``."""
    found: dict[str, set[str]] = {}
    for path in (ROOT / app).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module)
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
        found[str(path.relative_to(ROOT))] = {name for name in names if name.startswith("inkubator.")}
    return found


def test_the_import_framework_imports_no_domain_app() -> None:
    above = {module: apps - IMPORT_FRAMEWORK_MAY_IMPORT for module, apps in imported_apps("imports").items()}
    assert {module: apps for module, apps in above.items() if apps} == {}


def test_no_app_reaches_into_the_import_workflow() -> None:
    """Domain apps own importers and register them; the pages and the command stay the framework's."""
    for path in ROOT.iterdir():
        if not path.is_dir() or path.name in {"imports", "static", "templates", "__pycache__"}:
            continue
        reaching = {
            module: {name for name in names if any(name == w or name.startswith(w + ".") for w in IMPORT_WORKFLOW)}
            for module, names in imported_modules(path.name).items()
        }
        assert {module: names for module, names in reaching.items() if names} == {}, path.name


def test_every_kind_of_import_is_registered_by_its_app() -> None:
    from inkubator.imports.registry import import_kinds, kind_entry, spec_for

    assert {"centres", "trainees", "tenants", "assessments"} <= set(import_kinds())
    for kind in import_kinds():
        assert spec_for(kind).kind == kind
        owner = kind_entry(kind).importer.split(".")[1] if isinstance(kind_entry(kind).importer, str) else ""
        assert owner not in {"imports", ""}, kind
