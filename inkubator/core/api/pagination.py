"""Pagination of API lists: page numbers, ``page_size`` chosen by the client up to 200.

A leaf module (it imports only DRF's pagination): ``settings.REST_FRAMEWORK`` names it, and DRF
imports it while defining its generic views, so it must not import those views back.
"""

from __future__ import annotations

from rest_framework.pagination import PageNumberPagination


class ApiPagination(PageNumberPagination):
    """``?page=N&page_size=M``: 50 rows a page unless asked, never more than 200."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
