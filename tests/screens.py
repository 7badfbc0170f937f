"""Query-count checks for list pages (core.screens), in the style of NetBox's test utilities.

A list page must read a page of rows in a fixed number of queries, however many rows there are:
one query per row (a relation read in a render method without ``select_related``/``prefetch``) shows
up as a difference between 5 and 60 rows. Use::

    def test_queries_flat(client, admin):
        client.force_login(admin)
        assert_queries_flat(client, reverse("centres:list"), lambda n: CentreFactory.create_batch(n))

``add_rows(n)`` adds ``n`` more rows the user sees; the page is read at ``small`` and at ``large`` rows
(more than one page, so that the page is full), and the two query counts must be equal. So must the
number of templates rendered: rows are built in Python (``core.screens``), never a template per cell
or per row (issue 14).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def page_queries(client: Client, url: str, params: dict[str, Any] | None = None) -> tuple[int, list[str], int]:
    """The queries (count and SQL) and the templates rendered reading ``url``; the page must answer 200."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
        assert response.status_code == 200, response.status_code
    return len(captured), [query["sql"] for query in captured.captured_queries], len(response.templates)


def assert_queries_flat(
    client: Client,
    url: str,
    add_rows: Callable[[int], Any],
    *,
    small: int = 5,
    large: int = 60,
    params: dict[str, Any] | None = None,
) -> tuple[int, int]:
    """Read ``url`` with ``small`` rows and with ``large`` rows: the same number of queries. Returns both."""
    add_rows(small)
    client.get(url, params or {})  # warm what is read once a process (content types, sessions)
    few, _, templates_few = page_queries(client, url, params)
    add_rows(large - small)
    many, sql, templates_many = page_queries(client, url, params)
    assert few == many, f"{url}: {few} queries at {small} rows, {many} at {large}:\n" + "\n".join(sql)
    assert templates_few == templates_many, (
        f"{url}: {templates_few} templates at {small} rows, {templates_many} at {large}"
    )
    return few, many
