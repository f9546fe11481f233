"""Geometry helpers: read a layer, reproject to WGS84, simplify as a coverage."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry import mapping

WGS84 = "EPSG:4326"
# About 10 m at 52° N; boundaries stay recognisable on a city map.
DEFAULT_TOLERANCE = 0.0001


def read_layer(path: Path) -> gpd.GeoDataFrame:
    """Read GeoJSON, GeoPackage or a zipped Shapefile and reproject to WGS84."""
    source = f"zip://{path}" if path.suffix.lower() == ".zip" else str(path)
    frame = gpd.read_file(source)
    if frame.crs is None:
        raise ValueError(f"{path.name}: kein Koordinatenbezugssystem angegeben (fehlt die .prj-Datei?).")
    return frame.to_crs(WGS84)


def repair(geometries: gpd.GeoSeries) -> gpd.GeoSeries:
    """Make invalid polygons valid, keeping only their polygonal parts."""
    fixed = geometries.make_valid()
    return fixed.apply(
        lambda g: (
            shapely.union_all([p for p in getattr(g, "geoms", [g]) if p.geom_type in ("Polygon", "MultiPolygon")])
            if g.geom_type == "GeometryCollection"
            else g
        )
    )


def simplify_coverage(geometries: list, tolerance: float = DEFAULT_TOLERANCE) -> list:
    """Simplify polygons together so that neighbours keep their shared edges."""
    simplified = shapely.coverage_simplify(list(geometries), tolerance, simplify_boundary=True)
    return [g if g.is_valid else shapely.make_valid(g) for g in simplified]


def _rounded(obj, digits: int):
    if isinstance(obj, float):
        return round(obj, digits)
    if isinstance(obj, (list, tuple)):
        return [_rounded(o, digits) for o in obj]
    return obj


def to_geojson(geometry, digits: int = 5) -> str:
    """GeoJSON text with coordinates rounded (5 digits is about 1 m).

    Rounding is applied per vertex, so vertices shared by neighbours stay shared.
    """
    geo = mapping(geometry)
    geo = {"type": geo["type"], "coordinates": _rounded(geo["coordinates"], digits)}
    return json.dumps(geo, separators=(",", ":"))
