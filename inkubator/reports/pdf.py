"""HTML templates to PDF with WeasyPrint (fonts and styles from the app; nothing fetched from the internet)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string


def _no_network(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    # A report must build offline and must not be made to fetch anything: only data: URLs are read.
    if url.startswith("data:"):
        from weasyprint.urls import default_url_fetcher

        return default_url_fetcher(url, *args, **kwargs)
    raise ValueError(f"PDF reports do not fetch {url!r}")


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    """``template`` rendered with ``context`` and printed to PDF bytes (A4, styles inline in the template)."""
    from weasyprint import HTML  # imported on use: it loads Pango, which pages never need

    html = render_to_string(template, context)
    return HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=_no_network).write_pdf()
