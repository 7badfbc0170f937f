"""The one view of API v1 that belongs to no app: its OpenAPI schema.

Endpoints live in each app's ``api.py`` on the base of ``inkubator.core.api``.
"""

from __future__ import annotations

from drf_spectacular.views import SpectacularAPIView

from inkubator.core.api import ApiAuthenticationMixin


class SchemaView(ApiAuthenticationMixin, SpectacularAPIView):
    """The OpenAPI 3 schema of API v1 (YAML, or JSON with ``?format=json``), for signed-in users."""
