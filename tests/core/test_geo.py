"""Tests for the spherical geometry helpers."""

from __future__ import annotations

import pytest

from stream.core.geo import destination, haversine_km


def test_haversine_gives_the_known_london_paris_distance() -> None:
    assert haversine_km(51.5074, -0.1278, 48.8566, 2.3522) == pytest.approx(343.5, abs=1.0)


def test_haversine_of_a_point_with_itself_is_zero() -> None:
    assert haversine_km(36.335, 43.119, 36.335, 43.119) == 0.0


def test_haversine_is_symmetric() -> None:
    assert haversine_km(36.3, 43.1, 32.0, 44.3) == pytest.approx(
        haversine_km(32.0, 44.3, 36.3, 43.1)
    )


def test_destination_lies_at_the_requested_distance_and_bearing() -> None:
    lat, lon = destination(36.335, 43.119, 0.0, 20.0)
    assert lat > 36.335
    assert lon == pytest.approx(43.119, abs=1e-9)
    assert haversine_km(36.335, 43.119, lat, lon) == pytest.approx(20.0, rel=1e-6)


def test_destination_wraps_longitude_across_the_antimeridian() -> None:
    _, lon = destination(0.0, 179.9, 90.0, 50.0)
    assert -180.0 <= lon < -179.0
