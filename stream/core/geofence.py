"""Geofences for alert rules: a circle around a point, a bounding box, a GeoJSON polygon."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from stream.core.geo import haversine_km

__all__ = ["BoundingBox", "Circle", "Geofence", "Polygon", "point_in_ring"]

Ring = list[tuple[float, float]]


class _Fence(BaseModel):
    """Shared configuration of every geofence model."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Circle(_Fence):
    """Every point within `radius_km` of a centre."""

    kind: Literal["circle"] = "circle"
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    radius_km: float = Field(gt=0)

    def contains(self, lat: float, lon: float) -> bool:
        """True when the point lies inside the circle."""
        return haversine_km(self.lat, self.lon, lat, lon) <= self.radius_km


class BoundingBox(_Fence):
    """A box given as [min_lon, min_lat, max_lon, max_lat] (GeoJSON order); may cross 180°."""

    kind: Literal["bbox"] = "bbox"
    bbox: tuple[float, float, float, float]

    @field_validator("bbox")
    @classmethod
    def _ordered(
        cls, value: tuple[float, float, float, float]
    ) -> tuple[float, float, float, float]:
        """Latitudes must be ordered and in range; longitudes in range."""
        west, south, east, north = value
        if not (-90 <= south <= north <= 90):
            raise ValueError("bbox latitudes must satisfy -90 <= min_lat <= max_lat <= 90")
        if not (-180 <= west <= 180 and -180 <= east <= 180):
            raise ValueError("bbox longitudes must lie in -180..180")
        return value

    def contains(self, lat: float, lon: float) -> bool:
        """True when the point lies inside the box (edges included)."""
        west, south, east, north = self.bbox
        if not south <= lat <= north:
            return False
        if west <= east:
            return west <= lon <= east
        return lon >= west or lon <= east


def point_in_ring(lat: float, lon: float, ring: Sequence[tuple[float, float]]) -> bool:
    """Even-odd ray casting; `ring` holds (lon, lat) pairs as in GeoJSON."""
    inside = False
    count = len(ring)
    for index in range(count):
        x1, y1 = ring[index]
        x2, y2 = ring[(index + 1) % count]
        if (y1 > lat) != (y2 > lat):
            crossing = x1 + (lat - y1) * (x2 - x1) / (y2 - y1)
            if lon < crossing:
                inside = not inside
    return inside


class Polygon(_Fence):
    """A GeoJSON Polygon or MultiPolygon geometry (holes honoured)."""

    kind: Literal["polygon"] = "polygon"
    polygons: tuple[tuple[Ring, ...], ...]

    @model_validator(mode="before")
    @classmethod
    def _from_geojson(cls, data: Any) -> Any:
        """Accept {geojson: {type: Polygon|MultiPolygon, coordinates: ...}}."""
        if not isinstance(data, dict) or "geojson" not in data:
            return data
        geometry = data["geojson"]
        if not isinstance(geometry, dict):
            raise ValueError("geojson must be a mapping with 'type' and 'coordinates'")
        kind = geometry.get("type")
        coordinates = geometry.get("coordinates")
        if kind not in ("Polygon", "MultiPolygon"):
            raise ValueError("geojson type must be Polygon or MultiPolygon")
        polygons = [coordinates] if kind == "Polygon" else coordinates
        return {"kind": "polygon", "polygons": polygons}

    @field_validator("polygons")
    @classmethod
    def _closed_rings(cls, value: tuple[tuple[Ring, ...], ...]) -> tuple[tuple[Ring, ...], ...]:
        """Every ring needs at least four positions, first equal to last (RFC 7946)."""
        for polygon in value:
            if not polygon:
                raise ValueError("a polygon needs an outer ring")
            for ring in polygon:
                if len(ring) < 4 or ring[0] != ring[-1]:
                    raise ValueError("each ring needs >= 4 positions and must be closed")
        return value

    def contains(self, lat: float, lon: float) -> bool:
        """True when the point is inside an outer ring and outside its holes."""
        for outer, *holes in self.polygons:
            if point_in_ring(lat, lon, outer) and not any(
                point_in_ring(lat, lon, hole) for hole in holes
            ):
                return True
        return False


Geofence = Annotated[Circle | BoundingBox | Polygon, Field(discriminator="kind")]
