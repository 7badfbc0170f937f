"""The API base: what every app's ``api.py`` builds its endpoints on.

* :class:`ScopedReadOnlyViewSet` — the one read-only endpoint shape, configured by class attributes
  (``model`` or ``selector``, serializer, filter set, ordering, lookup, summaries);
* :class:`ApiViewMixin` — authentication (from ``settings.REST_FRAMEWORK``), sign-in required,
  pagination, filtering, ``Cache-Control: private, no-store``; for an endpoint of another shape;
  :class:`ApiAuthenticationMixin` — its authentication and sign-in part alone (the schema view);
* :class:`ApiPagination`, :class:`StableOrderingFilter` — named by ``settings.REST_FRAMEWORK``;
* :func:`list_schema`, :func:`retrieve_schema`, :class:`ErrorSerializer` and the documented error
  answers ``UNAUTHENTICATED``, ``NOT_FOUND``, ``BAD_FILTER``.

An app publishes endpoints by defining ``register(router)`` in its ``api.py``; ``inkubator.api.urls``
finds every installed app's ``api`` module and calls it, so no file above the app names it.

The names are loaded on first use (PEP 562): DRF imports ``pagination`` and ``filters`` while it
defines its own generic views, so importing this package must not import those views in turn.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "ApiPagination": "pagination",
    "StableOrderingFilter": "filters",
    "ErrorSerializer": "schema",
    "UNAUTHENTICATED": "schema",
    "NOT_FOUND": "schema",
    "BAD_FILTER": "schema",
    "list_schema": "schema",
    "retrieve_schema": "schema",
    "ApiAuthenticationMixin": "views",
    "ApiViewMixin": "views",
    "ScopedReadOnlyViewSet": "views",
    "Selector": "views",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    """Load ``name`` from its submodule when it is first asked for."""
    try:
        module = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    return getattr(import_module(f"{__name__}.{module}"), name)
