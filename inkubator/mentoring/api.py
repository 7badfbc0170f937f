"""REST API of the mentoring app, registered on the v1 router by ``inkubator.api.urls``."""

from __future__ import annotations

from rest_framework.routers import SimpleRouter


def register(router: SimpleRouter) -> None:
    """Add this app's viewsets to ``router``."""
