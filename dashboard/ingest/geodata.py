"""Geodata import: GeoJSON, zipped Shapefile or GeoPackage, in any CRS.

The layer is reprojected to WGS84 (``geo.read_layer``), codes and names come
from chosen properties, invalid polygons are repaired (and reported as a
warning), parents are found by a parent property or by location, and the
level is simplified as a coverage so neighbours keep their shared edges. The
unsimplified geometry is kept as ``geometry_original`` for exports.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

import shapely

from .. import geo
from .areas import AreaMatcher, KnownArea, code_text
from .report import Report

SUFFIXES = (".geojson", ".json", ".zip", ".gpkg")
#: GEOS validity reasons in German (the rest stays as GEOS says it).
REASONS = {
    "Ring Self-intersection": "Ring überschneidet sich selbst",
    "Self-intersection": "Selbstüberschneidung",
    "Too few points in geometry component": "zu wenige Punkte",
    "Hole lies outside shell": "Loch außerhalb der Fläche",
    "Nested shells": "verschachtelte Flächen",
    "Interior is disconnected": "Inneres zerfällt",
    "Duplicate Rings": "doppelte Ringe",
}


def _reason(geometry) -> str:
    """'Selbstüberschneidung bei 11.97 51.49' from GEOS's 'Self-intersection[11.97 51.49]'."""
    text = shapely.is_valid_reason(geometry)
    kind, _, where = text.partition("[")
    kind = REASONS.get(kind, kind)
    return f"{kind} bei {where.rstrip(']')}" if where else kind


def _write_temp(data: bytes, filename: str, folder: Path) -> Path:
    suffix = Path(filename).suffix.lower()
    path = folder / f"upload{suffix}"
    path.write_bytes(data)
    return path


def _check_shapefile_zip(data: bytes, report: Report) -> bool:
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    shps = [n for n in names if n.lower().endswith(".shp")]
    if not shps:
        report.error("Das ZIP-Archiv enthält kein Shapefile (.shp).")
        return False
    for shp in shps:
        stem = shp[:-4].lower()
        present = {n.lower()[len(stem) :] for n in names if n.lower().startswith(stem + ".")}
        for part, why in ((".dbf", "die Sachdaten (Codes und Namen)"), (".shx", "den Index der Geometrien")):
            if part not in present:
                report.error(f"Im Shapefile „{Path(shp).name}“ fehlt die {part}-Datei mit {why}.")
        if ".prj" not in present:
            report.error(
                f"Im Shapefile „{Path(shp).name}“ fehlt die .prj-Datei mit dem Koordinatenbezugssystem. "
                "Ohne sie ist unklar, wo die Flächen liegen. Bitte die .prj-Datei mit in das ZIP-Archiv packen."
            )
    return report.ok


def read_geodata(
    data: bytes,
    filename: str,
    report: Report,
    *,
    level: str,
    code_field: str,
    name_field: str,
    parent_field: str | None,
    parent_areas: list[KnownArea],
    parent_shapes: dict[str, object],
    default_parent: str | None,
    placeholder: bool = False,
) -> list[dict]:
    """Area rows (code, name, level, parent_code, geometry, geometry_original) or [] with errors."""
    suffix = Path(filename).suffix.lower()
    if suffix not in SUFFIXES:
        report.error(
            f"Unbekanntes Geodatenformat „{suffix or filename}“. Erlaubt: GeoJSON, Shapefile als ZIP, GeoPackage."
        )
        return []
    if suffix == ".zip" and not _check_shapefile_zip(data, report):
        return []
    with tempfile.TemporaryDirectory(prefix="bm-geo-") as folder:
        path = _write_temp(data, filename, Path(folder))
        try:
            frame = geo.read_layer(path)
        except ValueError as exc:
            report.error(str(exc).removeprefix(f"{path.name}: "))
            return []
        except Exception as exc:  # pyogrio raises its own DataSourceError for unreadable files
            report.error(f"Die Geodaten können nicht gelesen werden: {exc}")
            return []
    if frame.empty:
        report.error("Die Geodaten enthalten keine Flächen.")
        return []
    properties = [c for c in frame.columns if c != "geometry"]
    for label, name in (("Code", code_field), ("Name", name_field), ("Übergeordnetes Gebiet", parent_field)):
        if name and name not in properties:
            report.error(f"Das Feld „{name}“ ({label}) gibt es nicht. Vorhandene Felder: {', '.join(properties)}.")
    if not report.ok:
        return []
    parents = AreaMatcher(parent_areas)
    rows, seen = [], {}
    repaired = []
    originals = list(frame.geometry)
    fixed = list(geo.repair(frame.geometry))
    for n, (record, original, geometry) in enumerate(
        zip(frame.to_dict("records"), originals, fixed, strict=True), start=1
    ):
        code = code_text(record[code_field]) if record[code_field] is not None else ""
        name = str(record[name_field] or "").strip()
        where = {"row": n, "column": code_field}
        if not code:
            report.error(f"Fläche {n} hat keinen Code.", **where)
            continue
        if code in seen:
            report.error(f"Der Code „{code}“ kommt doppelt vor (auch Fläche {seen[code]}).", **where)
            continue
        seen[code] = n
        if original is None or original.is_empty or geometry is None or geometry.is_empty:
            report.error(f"Die Fläche „{name}“ ({code}) hat keine Geometrie.", **where)
            continue
        if geometry.geom_type not in ("Polygon", "MultiPolygon"):
            report.error(f"„{name}“ ({code}) ist keine Fläche, sondern {geometry.geom_type}.", **where)
            continue
        if not original.is_valid:
            repaired.append(f"{name} ({code}): {_reason(original)}")
        parent_code = default_parent
        if parent_field:
            raw = record[parent_field]
            parent = parents.match(raw) if raw not in (None, "") else None
            if parent is None:
                hints = parents.suggestions(code_text(raw or ""))
                hint = f" Ähnlich: {', '.join(hints)}." if hints else ""
                report.error(
                    f"Das übergeordnete Gebiet „{code_text(raw or '')}“ von „{name}“ ist unbekannt.{hint}",
                    row=n,
                    column=parent_field,
                )
                continue
            parent_code = parent.code
        elif parent_shapes:
            point = geometry.representative_point()
            parent_code = next((c for c, shape in parent_shapes.items() if shape.contains(point)), default_parent)
        rows.append(
            {
                "code": code,
                "name": name or code,
                "level": level,
                "parent_code": parent_code,
                "_geometry": geometry,
                "geometry_original": geo.to_geojson(original, digits=7),
                "placeholder_geometry": placeholder,
            }
        )
    if repaired:
        shown = "; ".join(repaired[:5]) + (f" und {len(repaired) - 5} weitere" if len(repaired) > 5 else "")
        report.warning(
            f"{len(repaired)} ungültige Fläche(n) wurden repariert (make_valid): {shown}. "
            "Bitte die Umrisse prüfen; das Original bleibt für Exporte erhalten."
        )
    if not report.ok:
        return []
    simplified = geo.simplify_coverage([row.pop("_geometry") for row in rows])
    for row, simple in zip(rows, simplified, strict=True):
        row["geometry"] = geo.to_geojson(simple)
    return rows
