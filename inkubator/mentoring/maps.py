"""A plan on a map: provinces as the background, centres and facilitators as points, assignments as lines.

Server-rendered inline SVG like ``inkubator.regions.maps`` (whose shipped province boundaries it draws):
no tiles, no script, light on a phone. The drawing is framed on the plan's points, so a provincial plan
fills the map and a national one shows the archipelago. The boundaries hold ~2,700 points in all, so
projecting them per request costs less than a millisecond.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from inkubator.regions.maps import ATTRIBUTION, province_rings

__all__ = ["ATTRIBUTION", "MapPoint", "MapLine", "plan_svg"]

WIDTH = 800.0
PADDING = 16.0
MARGIN_DEGREES = 0.4  # room around the outermost points, so a point is never on the edge
# Colours by focus: distinguishable for the common colour-vision deficiencies, and labelled in the legend.
FOCUS_COLOURS: dict[str, str] = {"people_assets": "#d55e00", "management": "#0072b2", "incubator": "#009e73"}


@dataclass(frozen=True)
class MapPoint:
    """A point to draw: a centre (circle, coloured by focus) or a facilitator's home base (square)."""

    latitude: float
    longitude: float
    label: str
    kind: str  # "centre" or "facilitator"
    focus: str = ""


@dataclass(frozen=True)
class MapLine:
    """An assignment: from a facilitator's home base to a centre; dashed when set by hand."""

    start: tuple[float, float]
    end: tuple[float, float]
    manual: bool = False


def _frame(points: Sequence[MapPoint]) -> tuple[float, float, float, float]:
    lats = [p.latitude for p in points] or [-6.2]
    lons = [p.longitude for p in points] or [106.8]
    return (
        min(lats) - MARGIN_DEGREES,
        max(lats) + MARGIN_DEGREES,
        min(lons) - MARGIN_DEGREES,
        max(lons) + MARGIN_DEGREES,
    )


def _fmt(value: float) -> str:
    return f"{value:.1f}"


def plan_svg(*, points: Sequence[MapPoint], lines: Sequence[MapLine], title: str) -> SafeString:
    """The inline ``<svg>`` of a plan (equirectangular, longitude shrunk by the cosine of the middle latitude)."""
    lat_min, lat_max, lon_min, lon_max = _frame(points)
    aspect = math.cos(math.radians((lat_min + lat_max) / 2))
    span_x, span_y = (lon_max - lon_min) * aspect, lat_max - lat_min
    scale = (WIDTH - 2 * PADDING) / max(span_x, span_y * 1.6, 1e-6)  # never taller than wide on a phone
    height = span_y * scale + 2 * PADDING

    def project(lat: float, lon: float) -> tuple[float, float]:
        return PADDING + (lon - lon_min) * aspect * scale, PADDING + (lat_max - lat) * scale

    paths: list[str] = []
    for rings in province_rings().values():
        for ring in rings:
            # Skip rings whose bounding box misses the frame: most of the archipelago for a provincial plan.
            lons, lats = [lon for lon, _ in ring], [lat for _, lat in ring]
            if max(lons) < lon_min or min(lons) > lon_max or max(lats) < lat_min or min(lats) > lat_max:
                continue
            coords = " ".join(f"{_fmt(x)} {_fmt(y)}" for x, y in (project(lat, lon) for lon, lat in ring))
            paths.append(f"M{coords}Z")
    lines_svg = format_html_join(
        "",
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#6c757d" stroke-width="1"{}/>',
        (
            (
                *map(_fmt, project(*line.start)),
                *map(_fmt, project(*line.end)),
                mark_safe(' stroke-dasharray="4 3"') if line.manual else "",
            )  # noqa: S308
            for line in lines
        ),
    )
    shapes: list[SafeString] = []
    for p in points:
        x, y = project(p.latitude, p.longitude)
        if p.kind == "facilitator":
            shapes.append(
                format_html(
                    '<rect x="{}" y="{}" width="9" height="9" fill="#212529" data-testid="map-facilitator">'
                    "<title>{}</title></rect>",
                    _fmt(x - 4.5),
                    _fmt(y - 4.5),
                    p.label,
                )
            )
        else:
            shapes.append(
                format_html(
                    '<circle cx="{}" cy="{}" r="4.5" fill="{}" stroke="#fff" stroke-width="1" '
                    'data-testid="map-centre"><title>{}</title></circle>',
                    _fmt(x),
                    _fmt(y),
                    FOCUS_COLOURS.get(p.focus, "#6c757d"),
                    p.label,
                )
            )
    return format_html(
        '<svg viewBox="0 0 {} {}" role="img" aria-label="{}" class="w-100 h-auto border rounded bg-light" '
        'data-testid="plan-map"><title>{}</title><path d="{}" fill="#e9ecef" stroke="#adb5bd" stroke-width="0.6" '
        'fill-rule="evenodd"/>{}{}</svg>',
        _fmt(WIDTH),
        _fmt(height),
        title,
        title,
        "".join(paths),
        lines_svg,
        SafeString("".join(shapes)),
    )
