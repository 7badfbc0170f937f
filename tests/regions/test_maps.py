"""The province map: an inline SVG outline with a pin, small, self-contained, from a cached parse."""

from __future__ import annotations

import re

import pytest

from inkubator.regions.maps import province_outline, province_rings, province_svg, simplify

SURABAYA = (-7.2575, 112.7521)


def test_every_kemendagri_province_has_an_outline_papua_recoded() -> None:
    codes = set(province_rings())
    assert len(codes) == 38
    assert {"91", "92", "93", "94", "95", "96"} <= codes  # the file says 91/92 only; names decide


def test_svg_has_a_path_and_a_pin_and_no_url() -> None:
    svg = str(province_svg(province_code="35", pin=SURABAYA, title="Jawa Timur"))
    assert svg.startswith("<svg ") and svg.endswith("</svg>")
    assert '<path class="province-outline" d="M' in svg
    assert 'data-testid="map-pin" data-approximate="false"' in svg
    assert "http" not in svg and "//" not in svg and "url(" not in svg
    assert "<title>Jawa Timur</title>" in svg


def _pin_position(code: str, point: tuple[float, float]) -> tuple[float, float]:
    svg = str(province_svg(province_code=code, pin=point))
    x, y = map(float, re.search(r"translate\(([\d.]+) ([\d.]+)\)", svg).groups())
    return x, y


def test_pin_lies_inside_the_viewbox_north_up_east_right() -> None:
    svg = str(province_svg(province_code="35", pin=SURABAYA))
    width, height = map(float, re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg).groups())
    x, y = _pin_position("35", SURABAYA)
    assert 0 < x < width and 0 < y < height
    malang, banyuwangi = _pin_position("35", (-7.98, 112.63)), _pin_position("35", (-8.22, 114.37))
    assert y < malang[1]  # Surabaya is north of Malang: drawn higher
    assert banyuwangi[0] > x  # Banyuwangi is east of Surabaya: drawn to the right


def test_approximate_pin_is_marked() -> None:
    svg = str(province_svg(province_code="53", pin=(-10.17, 123.6), approximate=True))
    assert 'data-approximate="true"' in svg and "stroke-dasharray" in svg


def test_no_pin_and_unknown_province() -> None:
    assert "map-pin" not in str(province_svg(province_code="32"))
    assert province_svg(province_code="99") is None


def test_title_is_escaped() -> None:
    assert "<script>" not in str(province_svg(province_code="32", title="<script>x</script>"))


@pytest.mark.parametrize("code", ["35", "91", "92", "81", "53"])
def test_svg_is_small(code: str) -> None:
    assert len(str(province_svg(province_code=code, pin=(-3.0, 120.0))).encode()) < 30_000


def test_outline_is_cached_per_process() -> None:
    assert province_outline("35") is province_outline("35")
    assert province_rings.cache_info().currsize == 1


def test_douglas_peucker_drops_points_on_a_straight_line() -> None:
    line = [(float(x), 0.0) for x in range(10)] + [(9.0, 5.0)]
    assert simplify(line, 0.5) == [(0.0, 0.0), (9.0, 0.0), (9.0, 5.0)]
