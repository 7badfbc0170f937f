"""REST API v1, mounted at ``/api/v1/`` (namespace ``api``).

No app is named here: every installed Inkubator app that has an ``api`` module adds its endpoints by
its ``register(router)`` (see ``inkubator.core.api``), in the order of ``INSTALLED_APPS``.
"""

from __future__ import annotations

from importlib import import_module

from django.apps import apps
from django.urls import path
from django.utils.module_loading import module_has_submodule
from rest_framework.routers import SimpleRouter

from .views import SchemaView

app_name = "api"


def build_router() -> SimpleRouter:
    """A router holding the endpoints of every installed app that publishes some."""
    router = SimpleRouter()
    for config in apps.get_app_configs():
        if not config.name.startswith("inkubator.") or not module_has_submodule(config.module, "api"):
            continue
        # ``inkubator.core.api`` is the base the others build on: it publishes nothing itself.
        register = getattr(import_module(f"{config.name}.api"), "register", None)
        if register is not None:
            register(router)
    return router


router = build_router()

urlpatterns = [
    path("schema/", SchemaView.as_view(), name="schema"),
    *router.urls,
]
