"""Geofences: circles, bounding boxes (also across 180°), GeoJSON polygons with holes."""

from __future__ import annotations

import pytest
from pydantic import TypeAdapter, ValidationError

from stream.core.geofence import BoundingBox, Circle, Geofence, Polygon

SQUARE = [[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0], [0.0, 0.0]]
HOLE = [[4.0, 4.0], [6.0, 4.0], [6.0, 6.0], [4.0, 6.0], [4.0, 4.0]]


def test_circle_contains_points_within_its_radius() -> None:
    """Erbil is about 80 km from Mosul: inside 100 km, outside 50 km."""
    assert Circle(lat=36.34, lon=43.13, radius_km=100).contains(36.19, 44.01)
    assert not Circle(lat=36.34, lon=43.13, radius_km=50).contains(36.19, 44.01)


def test_bbox_uses_geojson_order_and_can_cross_the_antimeridian() -> None:
    """[170, -20, -170, -10] contains lon 179 and -179 but not 0."""
    box = BoundingBox(bbox=(170.0, -20.0, -170.0, -10.0))
    assert box.contains(-15.0, 179.0)
    assert box.contains(-15.0, -179.0)
    assert not box.contains(-15.0, 0.0)


def test_bbox_rejects_inverted_latitudes() -> None:
    """min_lat above max_lat is a validation error."""
    with pytest.raises(ValidationError):
        BoundingBox(bbox=(0.0, 10.0, 5.0, 0.0))


def test_polygon_honours_holes() -> None:
    """A point in the hole is outside; a point in the ring is inside."""
    polygon = Polygon.model_validate(
        {"geojson": {"type": "Polygon", "coordinates": [SQUARE, HOLE]}}
    )
    assert polygon.contains(2.0, 2.0)
    assert not polygon.contains(5.0, 5.0)
    assert not polygon.contains(12.0, 5.0)


def test_multipolygon_contains_points_of_any_part() -> None:
    """A MultiPolygon matches in either part."""
    far = [[[20.0, 20.0], [21.0, 20.0], [21.0, 21.0], [20.0, 21.0], [20.0, 20.0]]]
    polygon = Polygon.model_validate(
        {"geojson": {"type": "MultiPolygon", "coordinates": [[SQUARE], far]}}
    )
    assert polygon.contains(20.5, 20.5)


def test_open_rings_are_rejected() -> None:
    """RFC 7946 rings are closed."""
    with pytest.raises(ValidationError):
        Polygon.model_validate({"geojson": {"type": "Polygon", "coordinates": [SQUARE[:-1]]}})


def test_the_kind_field_selects_the_shape() -> None:
    """A tagged mapping validates into the matching class."""
    fence = TypeAdapter(Geofence).validate_python({"kind": "bbox", "bbox": [0, 0, 1, 1]})
    assert isinstance(fence, BoundingBox)
