"""Placeholder geometry for Halle (Saale): real names, INVENTED shapes.

Halle's Stadtviertel boundaries are not available here. To let the maps work,
this module generates a Voronoi tessellation inside a rough oval around the
city, with one seed per Stadtviertel placed roughly where the quarter lies
(Neustadt west of the Saale, Mitte in the centre, ...). The shapes do not match
reality and are marked ``placeholder`` in every file and on every map.

Run ``python -m dashboard.sources.halle_geo`` to rewrite ``geo/halle/``.
The output is deterministic (seeded).
"""

from __future__ import annotations

import json
import math
import random
from pathlib import Path

import numpy as np
import shapely
import shapely.affinity
from shapely.geometry import MultiPoint, Point, mapping

from ..settings import ROOT

# Stadtbezirk code -> (name, centre offset in km east/north of the city centre)
STADTBEZIRKE = {
    "SB-MITTE": ("Mitte", (0.0, 0.0)),
    "SB-NORD": ("Nord", (0.5, 4.0)),
    "SB-OST": ("Ost", (5.0, 0.5)),
    "SB-SUED": ("Süd", (0.5, -4.5)),
    "SB-WEST": ("West", (-5.0, 0.0)),
}

# (code, name, Stadtbezirk): the real Stadtviertel names; the codes are ours.
STADTVIERTEL = [
    ("SV-01", "Altstadt", "SB-MITTE"),
    ("SV-02", "Südliche Innenstadt", "SB-MITTE"),
    ("SV-03", "Nördliche Innenstadt", "SB-MITTE"),
    ("SV-04", "Paulusviertel", "SB-NORD"),
    ("SV-05", "Am Wasserturm/Thaerviertel", "SB-NORD"),
    ("SV-06", "Landrain", "SB-NORD"),
    ("SV-07", "Frohe Zukunft", "SB-NORD"),
    ("SV-08", "Gebiet der DR", "SB-NORD"),
    ("SV-09", "Giebichenstein", "SB-NORD"),
    ("SV-10", "Seeben", "SB-NORD"),
    ("SV-11", "Tornau", "SB-NORD"),
    ("SV-12", "Mötzlich", "SB-NORD"),
    ("SV-13", "Trotha", "SB-NORD"),
    ("SV-14", "Gottfried-Keller-Siedlung", "SB-NORD"),
    ("SV-15", "Industriegebiet Nord", "SB-NORD"),
    ("SV-16", "Dautzsch", "SB-OST"),
    ("SV-17", "Reideburg", "SB-OST"),
    ("SV-18", "Büschdorf", "SB-OST"),
    ("SV-19", "Kanena/Bruckdorf", "SB-OST"),
    ("SV-20", "Diemitz", "SB-OST"),
    ("SV-21", "Freiimfelde/Kanenaer Weg", "SB-OST"),
    ("SV-22", "Lutherplatz/Thüringer Bahnhof", "SB-SUED"),
    ("SV-23", "Gesundbrunnen", "SB-SUED"),
    ("SV-24", "Südstadt", "SB-SUED"),
    ("SV-25", "Damaschkestraße", "SB-SUED"),
    ("SV-26", "Radewell/Osendorf", "SB-SUED"),
    ("SV-27", "Ammendorf/Beesen", "SB-SUED"),
    ("SV-28", "Planena", "SB-SUED"),
    ("SV-29", "Böllberg/Wörmlitz", "SB-SUED"),
    ("SV-30", "Silberhöhe", "SB-SUED"),
    ("SV-31", "Heide-Süd", "SB-WEST"),
    ("SV-32", "Nietleben", "SB-WEST"),
    ("SV-33", "Dölau", "SB-WEST"),
    ("SV-34", "Lettin", "SB-WEST"),
    ("SV-35", "Heide-Nord/Blumenau", "SB-WEST"),
    ("SV-36", "Saaleaue", "SB-WEST"),
    ("SV-37", "Nördliche Neustadt", "SB-WEST"),
    ("SV-38", "Südliche Neustadt", "SB-WEST"),
    ("SV-39", "Westliche Neustadt", "SB-WEST"),
    ("SV-40", "Gewerbegebiet Neustadt", "SB-WEST"),
    ("SV-41", "Kröllwitz", "SB-WEST"),
]

CENTRE = (11.97, 51.48)  # lon, lat
KM_LON = 1 / (111.32 * math.cos(math.radians(CENTRE[1])))
KM_LAT = 1 / 110.57
SEED = 51_48


def generate(seed: int = SEED) -> tuple[dict, dict]:
    """Return (stadtviertel, stadtbezirke) as GeoJSON FeatureCollections."""
    rng = random.Random(seed)
    # The oval outline, about 20 km east-west and 17 km north-south.
    outline = shapely.affinity.scale(Point(0, 0).buffer(1, quad_segs=32), 10.5, 8.8)
    members: dict[str, list[str]] = {code: [] for code in STADTBEZIRKE}
    for code, _name, sb in STADTVIERTEL:
        members[sb].append(code)

    seeds: dict[str, tuple[float, float]] = {}
    for sb, codes in members.items():
        cx, cy = STADTBEZIRKE[sb][1]
        spread = 1.4 if sb == "SB-MITTE" else 3.2
        for i, code in enumerate(codes):
            angle = 2 * math.pi * i / len(codes) + rng.uniform(-0.3, 0.3)
            radius = spread * (0.35 + 0.65 * ((i * 7) % len(codes)) / max(len(codes), 1))
            x = cx + radius * math.cos(angle) + rng.uniform(-0.3, 0.3)
            y = cy + radius * math.sin(angle) + rng.uniform(-0.3, 0.3)
            seeds[code] = (x, y)

    points = MultiPoint([seeds[code] for code, _n, _s in STADTVIERTEL])
    cells = shapely.voronoi_polygons(points, extend_to=outline.buffer(5))
    by_code = {}
    for cell in cells.geoms:
        for code, (x, y) in seeds.items():
            if cell.contains(Point(x, y)):
                by_code[code] = cell.intersection(outline)
                break

    def to_wgs84(geom):
        return shapely.transform(
            geom, lambda c: np.column_stack([CENTRE[0] + c[:, 0] * KM_LON, CENTRE[1] + c[:, 1] * KM_LAT])
        )

    viertel_features = []
    for code, name, sb in STADTVIERTEL:
        geom = to_wgs84(by_code[code])
        viertel_features.append(
            {
                "type": "Feature",
                "properties": {
                    "code": code,
                    "name": name,
                    "stadtbezirk": sb,
                    "placeholder": True,
                },
                "geometry": mapping(geom),
            }
        )
    bezirk_features = []
    for sb, (name, _offset) in STADTBEZIRKE.items():
        union = shapely.union_all([by_code[c] for c in members[sb]])
        bezirk_features.append(
            {
                "type": "Feature",
                "properties": {"code": sb, "name": name, "placeholder": True},
                "geometry": mapping(to_wgs84(union)),
            }
        )
    note = (
        "PLATZHALTER: erfundene Umrisse mit echten Namen der Stadtviertel von Halle (Saale). Keine amtlichen Grenzen."
    )
    return (
        {"type": "FeatureCollection", "name": "stadtviertel", "note": note, "features": viertel_features},
        {"type": "FeatureCollection", "name": "stadtbezirke", "note": note, "features": bezirk_features},
    )


def _round_coords(obj, digits: int = 5):
    if isinstance(obj, float):
        return round(obj, digits)
    if isinstance(obj, (list, tuple)):
        return [_round_coords(o, digits) for o in obj]
    if isinstance(obj, dict):
        return {k: _round_coords(v, digits) for k, v in obj.items()}
    return obj


def write(target: Path = ROOT / "geo" / "halle") -> None:
    target.mkdir(parents=True, exist_ok=True)
    viertel, bezirke = generate()
    for name, collection in (("stadtviertel", viertel), ("stadtbezirke", bezirke)):
        (target / f"{name}.geojson").write_text(
            json.dumps(_round_coords(collection), ensure_ascii=False), encoding="utf-8"
        )


if __name__ == "__main__":
    write()
