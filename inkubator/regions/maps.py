"""Server-rendered maps: a province's outline as inline SVG, with a pin.

The outlines come from ``data/provinces/indonesia-38-provinces.geojson`` (denyherianto, CC BY 4.0;
see that folder's README). The file is parsed once per process and each province's outline is
projected and simplified once (``functools.lru_cache``), so drawing a map costs no query and no
file read after the first. The pin is drawn per request.

No URL of any kind goes into the SVG (not even the ``xmlns``, which inline SVG in HTML does not
need): pages must not name another host.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

GEOJSON_PATH = Path(__file__).resolve().parent / "data" / "provinces" / "indonesia-38-provinces.geojson"
# The licence asks for credit where the map is shown; pages print this under the map.
ATTRIBUTION = _(
    "Province boundaries: denyherianto/indonesia-geojson-topojson-maps-with-38-provinces, CC BY 4.0, simplified"
)

# The file codes the six Papua provinces 91/92 only; Kemendagri codes them 91–96 (README).
PAPUA_CODES_BY_NAME: dict[str, str] = {
    "papua": "91",
    "papua barat": "92",
    "papua selatan": "93",
    "papua tengah": "94",
    "papua pegunungan": "95",
    "papua barat daya": "96",
}

# The longer side of the drawing, in viewBox units; the shorter follows the province's shape.
VIEW_SIZE = 400.0
# Room around the outline, so that a pin at the edge (it rises PIN_HEIGHT above its point) shows whole.
PADDING = 28.0
PIN_HEIGHT = 24.0
# Douglas–Peucker tolerance in viewBox units: below a pixel on a phone, so the shape does not change.
SIMPLIFY_TOLERANCE = 0.6
# A ring needs three points to enclose anything; fewer after simplification and it is dropped.
MIN_RING_POINTS = 3

Ring = list[tuple[float, float]]  # (longitude, latitude) pairs, closed


@dataclass(frozen=True)
class Outline:
    """A province's outline projected to a viewBox: the SVG path and how to project a point."""

    path: str
    width: float
    height: float
    lon_min: float
    lat_max: float
    scale_x: float
    scale_y: float
    points: int

    def project(self, latitude: float, longitude: float) -> tuple[float, float]:
        """The viewBox position of a point, clamped to the drawing so that a stray point stays visible."""
        x = PADDING + (longitude - self.lon_min) * self.scale_x
        y = PADDING + (self.lat_max - latitude) * self.scale_y
        return (min(max(x, 0.0), self.width), min(max(y, PIN_HEIGHT), self.height))


def _province_code(properties: dict[str, str]) -> str:
    code = str(properties.get("KODE_PROV", ""))
    if code in ("91", "92"):
        return PAPUA_CODES_BY_NAME.get(str(properties.get("PROVINSI", "")).strip().lower(), code)
    return code


@lru_cache(maxsize=1)
def province_rings() -> dict[str, tuple[Ring, ...]]:
    """Every province's outer and inner rings, by Kemendagri code; the file is read once per process."""
    with GEOJSON_PATH.open(encoding="utf-8") as handle:
        collection = json.load(handle)
    rings: dict[str, tuple[Ring, ...]] = {}
    for feature in collection["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        rings[_province_code(feature["properties"])] = tuple(
            [(float(lon), float(lat)) for lon, lat, *_ in ring] for polygon in polygons for ring in polygon
        )
    return rings


def _distance_to_segment(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    if dx == 0 and dy == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas–Peucker on an open line (iterative, so that long coasts do not hit the recursion limit)."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        farthest, distance = first, 0.0
        for index in range(first + 1, last):
            d = _distance_to_segment(points[index], points[first], points[last])
            if d > distance:
                farthest, distance = index, d
        if distance > tolerance:
            keep[farthest] = True
            stack.extend(((first, farthest), (farthest, last)))
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def _simplify_ring(ring: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    # A closed ring starts and ends on the same point, which Douglas–Peucker cannot split on: split
    # it at the point farthest from the start and simplify both halves.
    open_ring = ring[:-1] if len(ring) > 1 and ring[0] == ring[-1] else ring
    if len(open_ring) <= MIN_RING_POINTS:
        return open_ring
    start = open_ring[0]
    split = max(range(len(open_ring)), key=lambda i: math.hypot(open_ring[i][0] - start[0], open_ring[i][1] - start[1]))
    first = simplify(open_ring[: split + 1], tolerance)
    second = simplify([*open_ring[split:], start], tolerance)
    return first[:-1] + second[:-1]


def _number(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


@lru_cache(maxsize=64)
def province_outline(code: str) -> Outline | None:
    """The projected, simplified outline of one province (None for an unknown code), cached per process.

    Equirectangular projection: longitude is shrunk by the cosine of the middle latitude so that
    shapes keep their proportions (near the equator the factor is close to 1).
    """
    rings = province_rings().get(code)
    if not rings:
        return None
    lons = [lon for ring in rings for lon, _ in ring]
    lats = [lat for ring in rings for _, lat in ring]
    lon_min, lon_max, lat_min, lat_max = min(lons), max(lons), min(lats), max(lats)
    aspect = math.cos(math.radians((lat_min + lat_max) / 2))
    span_x = max((lon_max - lon_min) * aspect, 1e-9)
    span_y = max(lat_max - lat_min, 1e-9)
    scale = (VIEW_SIZE - 2 * PADDING) / max(span_x, span_y)
    scale_x, scale_y = scale * aspect, scale
    width, height = span_x * scale + 2 * PADDING, span_y * scale + 2 * PADDING

    parts: list[str] = []
    points = 0
    for ring in rings:
        projected = [(PADDING + (lon - lon_min) * scale_x, PADDING + (lat_max - lat) * scale_y) for lon, lat in ring]
        kept = _simplify_ring(projected, SIMPLIFY_TOLERANCE)
        if len(kept) < MIN_RING_POINTS:
            continue
        points += len(kept)
        coords = " ".join(f"{_number(x)} {_number(y)}" for x, y in kept)
        parts.append(f"M{coords}Z")
    return Outline("".join(parts), width, height, lon_min, lat_max, scale_x, scale_y, points)


def province_svg(
    *, province_code: str, pin: tuple[float, float] | None = None, approximate: bool = False, title: str = ""
) -> SafeString | None:
    """An inline ``<svg>`` of the province with a pin at ``pin`` (latitude, longitude); None if unknown.

    An ``approximate`` pin (a regency's or district's point, not the centre's own) is drawn hollow
    with a dashed ring, so that nobody reads it as the centre's exact place; the page says so in words.
    """
    outline = province_outline(province_code)
    if outline is None:
        return None
    pin_svg = SafeString("")
    if pin is not None:
        x, y = outline.project(*pin)
        template = (
            '<g class="map-pin" data-testid="map-pin" data-approximate="{}" transform="translate({} {})">'
            '{}<path d="M0 0C-4-7-9-11-9-16A9 9 0 1 1 9-16C9-11 4-7 0 0Z" fill="{}" stroke="#842029" '
            'stroke-width="1.5"/><circle cx="0" cy="-16" r="3.5" fill="#fff"/></g>'
        )
        ring = (
            SafeString('<circle r="14" fill="none" stroke="#dc3545" stroke-width="1.5" stroke-dasharray="4 3"/>')
            if approximate
            else SafeString("")
        )
        pin_svg = format_html(
            template,
            "true" if approximate else "false",
            _number(x),
            _number(y),
            ring,
            "#f1aeb5" if approximate else "#dc3545",
        )
    return format_html(
        '<svg viewBox="0 0 {} {}" role="img" aria-label="{}" class="province-map w-100 h-auto" '
        'preserveAspectRatio="xMidYMid meet"><title>{}</title>'
        '<path class="province-outline" d="{}" fill="#e7f1ff" stroke="#0d6efd" stroke-width="1" '
        'stroke-linejoin="round" fill-rule="evenodd"/>{}</svg>',
        _number(outline.width),
        _number(outline.height),
        title,
        title,
        outline.path,
        pin_svg,
    )


# The national map ---------------------------------------------------------------------------------

NATION_WIDTH = 1000.0
NATION_PADDING = 8.0
# Sequential blues (ColorBrewer "Blues", 5 classes): readable in grey and for colour-blind readers.
CHOROPLETH_COLOURS: tuple[str, ...] = ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c")
NO_DATA_COLOUR = "#dee2e6"  # outside the reader's scope, or suppressed
ZERO_COLOUR = "#ffffff"


@lru_cache(maxsize=1)
def nation_paths() -> tuple[tuple[tuple[str, str], ...], float, float]:
    """Every province's projected, simplified path on one national drawing: ((code, path), …), width, height."""
    rings = province_rings()
    lons = [lon for code_rings in rings.values() for ring in code_rings for lon, _ in ring]
    lats = [lat for code_rings in rings.values() for ring in code_rings for _, lat in ring]
    lon_min, lon_max, lat_min, lat_max = min(lons), max(lons), min(lats), max(lats)
    scale = (NATION_WIDTH - 2 * NATION_PADDING) / (lon_max - lon_min)  # near the equator: no cosine needed
    height = (lat_max - lat_min) * scale + 2 * NATION_PADDING
    paths: list[tuple[str, str]] = []
    for code in sorted(rings):
        parts: list[str] = []
        for ring in rings[code]:
            projected = [
                (NATION_PADDING + (lon - lon_min) * scale, NATION_PADDING + (lat_max - lat) * scale)
                for lon, lat in ring
            ]
            kept = _simplify_ring(projected, SIMPLIFY_TOLERANCE)
            if len(kept) >= MIN_RING_POINTS:
                parts.append("M" + " ".join(f"{_number(x)} {_number(y)}" for x, y in kept) + "Z")
        if parts:
            paths.append((code, "".join(parts)))
    return tuple(paths), NATION_WIDTH, height


def choropleth_classes(values: list[float], classes: int = len(CHOROPLETH_COLOURS)) -> list[float]:
    """Upper bounds of equal-count (quantile) classes over the non-zero values; shared by map and legend."""
    ordered = sorted(v for v in values if v > 0)
    if not ordered:
        return []
    bounds = [ordered[min(len(ordered) - 1, (len(ordered) * (i + 1)) // classes - 1 if len(ordered) >= classes else i)]
              for i in range(classes)]  # fmt: skip
    return sorted(set(bounds))


def choropleth_colour(value: float | None, bounds: list[float]) -> str:
    """The fill of a province with ``value`` (None: no figure, e.g. suppressed or out of scope)."""
    if value is None or not bounds:
        return NO_DATA_COLOUR
    if value <= 0:
        return ZERO_COLOUR
    for index, bound in enumerate(bounds):
        if value <= bound:
            return CHOROPLETH_COLOURS[min(index + len(CHOROPLETH_COLOURS) - len(bounds), len(CHOROPLETH_COLOURS) - 1)]
    return CHOROPLETH_COLOURS[-1]


def nation_svg(
    *, values: dict[str, float | None], labels: dict[str, str], links: dict[str, str], title: str
) -> SafeString:
    """A choropleth of Indonesia's provinces: ``values`` by province code, each a link when in ``links``.

    Provinces without a value are drawn grey and without a link (outside the reader's scope).
    """
    paths, width, height = nation_paths()
    bounds = choropleth_classes([v for v in values.values() if v is not None])
    shapes: list[SafeString] = []
    for code, path in paths:
        value = values.get(code)
        label = labels.get(code, code)
        tooltip = f"{label}: {value:g}" if isinstance(value, int | float) else label
        shape = format_html(
            '<path d="{}" fill="{}" stroke="#6c757d" stroke-width="0.5" fill-rule="evenodd"><title>{}</title></path>',
            path,
            choropleth_colour(value, bounds),
            tooltip,
        )
        if code in links:
            shape = format_html(
                '<a href="{}" data-province="{}" aria-label="{}">{}</a>', links[code], code, tooltip, shape
            )
        shapes.append(shape)
    return format_html(
        '<svg viewBox="0 0 {} {}" role="img" aria-label="{}" class="nation-map w-100 h-auto" '
        'data-testid="nation-map"><title>{}</title>{}</svg>',
        _number(width),
        _number(height),
        title,
        title,
        SafeString("".join(shapes)),
    )
