"""Load a Kommune (its configuration and its data sources) into the database.

One transaction: either the whole Kommune is loaded or nothing changes.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import math
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from sqlalchemy import delete, select

from . import geo
from .db import Database, create_schema
from .kommune import GeoLayer, KommuneConfig
from .models import (
    Area,
    Handlungsfeld,
    Indicator,
    IndicatorValue,
    Leitlinie,
    Massnahme,
    MassnahmeChange,
    Meta,
    Source,
    indicator_leitlinie,
    massnahme_indicator,
)
from .sources import demo, inkar, kiss_md
from .sources.base import SourceData, SourceUnavailable

log = logging.getLogger(__name__)

LOADERS = {"demo": demo.load, "inkar": inkar.load, "kiss_md": kiss_md.load}

PLACEHOLDER_GEO_SOURCE = {
    "key": "halle_platzhalter_geo",
    "title": "Platzhalter-Geometrie der Stadtviertel von Halle (Saale)",
    "publisher": "Bildungsmonitor-Projekt (erfunden)",
    "licence": "CC0 1.0",
    "note": (
        "Echte Namen der Stadtviertel und Stadtbezirke, aber erfundene Umrisse "
        "(Voronoi-Zerlegung, dashboard/sources/halle_geo.py). Keine amtlichen Grenzen."
    ),
    "is_demo": True,
}
OSM_SOURCE = {
    "key": "osm_magdeburg",
    "title": "Stadtteilgrenzen Magdeburg (OpenStreetMap)",
    "publisher": "© OpenStreetMap-Mitwirkende",
    "licence": "Open Database License 1.0 (ODbL)",
    "url": "https://www.openstreetmap.org/copyright",
    "attribution": "© OpenStreetMap-Mitwirkende, ODbL",
    "note": (
        "OSM admin_level 9/10, abgerufen über die Overpass API für den Smart City Hackathon "
        "Magdeburg 2026 (SmartCityMagdeburg2026/Datasources). Keine amtlichen Geodaten."
    ),
}
GEO_SOURCES = {s["key"]: s for s in (PLACEHOLDER_GEO_SOURCE, OSM_SOURCE)}


@dataclass
class LoadReport:
    kommune: str
    areas: int = 0
    indicators: int = 0
    values: int = 0
    massnahmen: int = 0
    skipped: list[str] = field(default_factory=list)

    def summary(self) -> str:
        text = (
            f"{self.kommune}: {self.areas} Gebiete, {self.indicators} Indikatoren, "
            f"{self.values} Werte, {self.massnahmen} Maßnahmen geladen."
        )
        for reason in self.skipped:
            text += f"\nÜbersprungen: {reason}"
        return text


def _clean(value):
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    return value


def _read_geo_layer(layer: GeoLayer, lookup: dict[str, str] | None) -> list[dict]:
    frame = geo.read_layer(layer.file)
    frame["geometry"] = geo.repair(frame.geometry)
    simplified = geo.simplify_coverage(list(frame.geometry))
    rows = []
    for (_, record), simple in zip(frame.iterrows(), simplified, strict=True):
        name = str(record[layer.name_field])
        code = lookup[name] if lookup else str(record[layer.code_field])
        rows.append(
            {
                "code": code,
                "name": name,
                "level": layer.level,
                "parent_code": str(record[layer.parent_field]) if layer.parent_field else None,
                "geometry": geo.to_geojson(simple),
                "geometry_original": geo.to_geojson(record.geometry, digits=7),
                "placeholder_geometry": layer.placeholder,
            }
        )
    return rows


def _code_lookup(spec: dict | None, shared: Path) -> dict[str, str] | None:
    if not spec:
        return None
    path = Path(spec["file"].replace("${shared}", str(shared)))
    table = pd.read_csv(path, dtype=str)
    return dict(zip(table[spec["name_column"]], table[spec["code_column"]], strict=True))


def load(db: Database, config: KommuneConfig, shared: Path) -> LoadReport:
    """Replace the database contents with the Kommune's configuration and data."""
    create_schema(db.engine)
    report = LoadReport(kommune=config.name)
    datasets: list[SourceData] = []
    loaded_sources = []
    for source in config.sources:
        loader = LOADERS.get(source.loader)
        if loader is None:
            raise ValueError(f"{config.path}: unbekannter Loader '{source.loader}'.")
        try:
            datasets.append(loader(source.options, shared))
            loaded_sources.append(source)
        except SourceUnavailable as exc:
            log.warning("Quelle übersprungen: %s", exc)
            report.skipped.append(str(exc))

    geo_rows = []
    geo_source_keys = set()
    for layer in config.geodata:
        if not layer.file.exists():
            report.skipped.append(f"Geodaten nicht gefunden: {layer.file}")
            continue
        geo_rows.extend(_read_geo_layer(layer, _code_lookup(layer.code_lookup, shared)))
        if layer.source:
            geo_source_keys.add(layer.source)

    with db.session() as session:
        for table in (massnahme_indicator, indicator_leitlinie):
            session.execute(delete(table))
        for model in (MassnahmeChange, Massnahme, IndicatorValue, Indicator, Area, Source, Meta):
            session.execute(delete(model))
        session.execute(delete(Handlungsfeld.__table__.metadata.tables["handlungsfeld_leitlinie"]))
        session.execute(delete(Handlungsfeld))
        session.execute(delete(Leitlinie))
        session.flush()

        session.add_all(
            [
                Meta(key="kommune", value=config.slug),
                Meta(key="kommune_name", value=config.name),
                Meta(key="loaded_at", value=dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
            ]
        )
        leitlinien = {}
        for ll in config.leitlinien:
            leitlinien[ll.number] = Leitlinie(number=ll.number, title_de=ll.title_de, title_en=ll.title_en)
            session.add(leitlinien[ll.number])
        handlungsfelder = {}
        for hf in config.handlungsfelder:
            handlungsfelder[hf.code] = Handlungsfeld(
                number=hf.number,
                code=hf.code,
                title_de=hf.title_de,
                title_en=hf.title_en,
                bereich=hf.bereich,
                is_example=hf.example,
                leitlinien=[leitlinien[n] for n in hf.leitlinien],
            )
            session.add(handlungsfelder[hf.code])

        for key in sorted(geo_source_keys):
            session.add(Source(**GEO_SOURCES[key]))
        for data in datasets:
            info = data.source
            session.add(
                Source(
                    key=info.key,
                    title=info.title,
                    publisher=info.publisher,
                    licence=info.licence,
                    url=info.url,
                    attribution=info.attribution,
                    note=info.note,
                    is_demo=info.is_demo,
                )
            )
        session.flush()

        # Areas: the city, then the geodata levels (largest first), then references.
        city = Area(code=config.city_code, name=config.name, level="stadt", sort_key=0)
        session.add(city)
        session.flush()
        areas = {city.code: city}
        order = [level.key for level in config.levels]
        geo_rows.sort(key=lambda row: -order.index(row["level"]))
        for n, row in enumerate(geo_rows):
            parent = areas.get(row.pop("parent_code") or "", city)
            area = Area(**row, parent_id=parent.id, sort_key=n + 1)
            session.add(area)
            session.flush()
            areas[area.code] = area
        # A level without an explicit parent field hangs under the level above it.
        _assign_parents_by_containment(config, areas)
        for data in datasets:
            for row in data.areas:
                if row["code"] not in areas:
                    area = Area(
                        code=row["code"],
                        name=row["name"],
                        level=row["level"],
                        is_reference=row.get("is_reference", True),
                        sort_key=10_000 + len(areas),
                    )
                    session.add(area)
                    areas[area.code] = area
        session.flush()
        report.areas = sum(1 for a in areas.values() if not a.is_reference)

        indicators = {}
        for source, data in zip(loaded_sources, datasets, strict=True):
            for spec in data.indicators:
                spec = dict(spec)
                leitlinie_numbers = spec.pop("leitlinien", [])
                hf_code = spec.pop("handlungsfeld", None)
                # A source's Leitlinie numbers follow Halle's Leitbild; another
                # Kommune takes them from its own Handlungsfeld instead.
                if source.options.get("leitlinien") == "handlungsfeld" and hf_code in handlungsfelder:
                    leitlinie_numbers = [ll.number for ll in handlungsfelder[hf_code].leitlinien]
                indicator = Indicator(
                    **spec,
                    handlungsfeld_id=handlungsfelder[hf_code].id if hf_code in handlungsfelder else None,
                    leitlinien=[leitlinien[n] for n in leitlinie_numbers if n in leitlinien],
                )
                session.add(indicator)
                indicators[indicator.id] = indicator
        session.flush()

        value_rows = []
        for data in datasets:
            frame = data.values
            unknown = sorted(set(frame["area_code"]) - set(areas))
            if unknown:
                raise ValueError(f"Quelle {data.source.key}: unbekannte Gebiete {', '.join(unknown[:10])}")
            for record in frame.itertuples(index=False):
                value_rows.append(
                    {
                        "indicator_id": record.indicator_id,
                        "area_id": areas[record.area_code].id,
                        "year": int(record.year),
                        "value": _clean(record.value),
                        "numerator": _clean(record.numerator),
                        "denominator": _clean(record.denominator),
                        "flag": _clean(record.flag),
                        "footnote": _clean(record.footnote),
                        "series_break": bool(_clean(record.series_break) or False),
                    }
                )
        if value_rows:
            session.execute(IndicatorValue.__table__.insert(), value_rows)
        report.indicators = len(indicators)
        report.values = len(value_rows)

        for m in config.massnahmen:
            massnahme = Massnahme(
                code=m.code,
                title=m.title,
                description=m.description,
                status=m.status,
                responsible_unit=m.responsible_unit,
                start=m.start,
                end=m.end,
                leitlinie_id=leitlinien[m.leitlinie].id,
                handlungsfeld_id=handlungsfelder[m.handlungsfeld].id,
                is_example=m.example,
                indicators=[indicators[i] for i in m.indicators if i in indicators],
            )
            session.add(massnahme)
        report.massnahmen = len(config.massnahmen)
        session.add(Meta(key="load_report", value=json.dumps(report.__dict__, ensure_ascii=False)))
    return report


def _assign_parents_by_containment(config: KommuneConfig, areas: dict[str, Area]) -> None:
    """Give areas whose parent is the city a parent one level up, found by location."""
    import shapely

    keys = [level.key for level in config.levels]
    for child_level, parent_level in zip(keys, keys[1:], strict=False):
        if parent_level == "stadt":
            continue
        parents = [a for a in areas.values() if a.level == parent_level and a.geometry]
        if not parents:
            continue
        shapes = [(a, shapely.from_geojson(a.geometry)) for a in parents]
        for area in areas.values():
            if area.level != child_level or area.parent_id not in (None, areas[config.city_code].id):
                continue
            point = shapely.from_geojson(area.geometry).representative_point()
            for parent, shape in shapes:
                if shape.contains(point):
                    area.parent_id = parent.id
                    break


def is_loaded(db: Database) -> bool:
    create_schema(db.engine)
    with db.session() as session:
        return session.scalar(select(Meta.value).where(Meta.key == "kommune")) is not None
