"""Data for the indicator explorer: cached repository reads, shaped for the builders.

Everything here goes through ``services().repo`` and ``cache.cached`` (keys
include the data version, so an import shows at once). Values are the public
view: suppressed values are removed before they leave this module.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .cache import cached
from .compute.targets import TargetStatus, target_status
from .explorer_state import Catalogue
from .figures.choropleth import centroids_of
from .figures.timeseries import Band, Line
from .repository import IndicatorInfo
from .services import services

#: INKAR reference areas: (lower, upper, label de, label en) bands and median lines.
BANDS = [
    (
        "ST-KREISE-MIN",
        "ST-KREISE-MAX",
        "Sachsen-Anhalt: niedrigster bis höchster Kreiswert",
        "Saxony-Anhalt: lowest to highest district",
    ),
    (
        "DE-KREISE-P10",
        "DE-KREISE-P90",
        "Deutschland: 10.–90. Perzentil der Kreise",
        "Germany: 10th–90th percentile of the districts",
    ),
]
MEDIANS = {
    "ST-KREISE-MEDIAN": "Saxony-Anhalt: median of the districts",
    "DE-KREISE-MEDIAN": "Germany: median of the 400 districts",
}
DEMO_REFERENCES = {"LAND-ST": "Saxony-Anhalt (demo data)", "BUND-DE": "Germany (demo data)"}


def indicators() -> list[IndicatorInfo]:
    return cached("explorer-indicators", lambda: services().repo.indicators())


def indicator(indicator_id: str) -> IndicatorInfo | None:
    return next((i for i in indicators() if i.id == indicator_id), None)


def is_city_only(info: IndicatorInfo) -> bool:
    """INKAR indicators exist for the whole city only: no district map."""
    return info.spatial_level == "stadt" or info.spatial_level not in {
        lv.key for lv in services().kommune.district_levels
    }


def catalogue() -> Catalogue:
    def compute() -> Catalogue:
        svc = services()
        infos = svc.repo.indicators()
        levels = [lv.key for lv in svc.kommune.district_levels]
        areas = svc.repo.areas()
        return Catalogue(
            indicators=[i.id for i in infos],
            default_indicator=_default_indicator(infos),
            years={i.id: svc.repo.years(i.id) for i in infos},
            levels=levels,
            area_codes={lv: set(areas.loc[areas["level"] == lv, "code"]) for lv in levels},
            leitlinien=[ll["number"] for ll in svc.repo.leitlinien()],
            city_only={i.id for i in infos if is_city_only_static(i, levels)},
        )

    return cached("explorer-catalogue", compute)


def is_city_only_static(info: IndicatorInfo, levels) -> bool:
    return info.spatial_level == "stadt" or info.spatial_level not in set(levels)


def _default_indicator(infos: list[IndicatorInfo]) -> str:
    """The first indicator with a district map and a Zielwert, else the first one."""
    levels = {lv.key for lv in services().kommune.district_levels}
    for info in infos:
        if info.spatial_level in levels and info.target_value is not None:
            return info.id
    for info in infos:
        if info.spatial_level in levels:
            return info.id
    return infos[0].id if infos else ""


def values(indicator_id: str, level: str) -> pd.DataFrame:
    """All years of one indicator on one level (public view)."""
    return cached(
        "explorer-values", lambda: services().repo.values(indicator_id, level=level, public=True), indicator_id, level
    )


def year_values(indicator_id: str, level: str, year: int | None) -> pd.DataFrame:
    frame = values(indicator_id, level)
    return frame[frame["year"] == year] if year is not None else frame.iloc[0:0]


def city_values(indicator_id: str) -> pd.DataFrame:
    city = services().kommune.city_code
    frame = values(indicator_id, "stadt")
    return frame[frame["area_code"] == city]


def reference_values(indicator_id: str) -> pd.DataFrame:
    def compute() -> pd.DataFrame:
        frame = services().repo.reference_values(indicator_id)
        frame = frame.astype({"value": float})
        # References are published aggregates; still, never pass on a suppressed one.
        frame.loc[frame["flag"] == "suppressed", "value"] = float("nan")
        return frame

    return cached("explorer-references", compute, indicator_id)


def geometry(level: str) -> tuple[dict, dict]:
    """(GeoJSON FeatureCollection, centroids) of a level; computed once per data version."""

    def compute():
        geo = services().repo.geojson(level)
        return geo, centroids_of(geo)

    return cached("explorer-geometry", compute, level)


def area_order(level: str) -> tuple[list[str], dict]:
    """The map's area codes (GeoJSON order) and centroids, without the geometry itself."""

    def compute():
        geo, centroids = geometry(level)
        return [f["id"] for f in geo["features"]], centroids

    return cached("explorer-area-order", compute, level)


def placeholder_geometry() -> bool:
    return cached("explorer-placeholder", lambda: services().repo.has_placeholder_geometry())


def area_names(level: str) -> dict[str, str]:
    def compute():
        areas = services().repo.areas(level)
        return dict(zip(areas["code"], areas["name"], strict=True))

    return cached("explorer-area-names", compute, level)


@dataclass(frozen=True)
class SeriesData:
    lines: list[Line]
    bands: list[Band]


def series_data(info: IndicatorInfo, level: str, areas: tuple[str, ...], lang: str) -> SeriesData:
    """Selected areas, the city, and the reference lines/bands, labelled as what they are."""
    lines: list[Line] = []
    if areas and not is_city_only(info):
        frame = values(info.id, level)
        names = area_names(level)
        for code in areas:
            part = frame[frame["area_code"] == code]
            lines.append(Line(names.get(code, code), part, role="area", code=code))
    city = city_values(info.id)
    city_name = services().kommune.name
    if not city.empty:
        lines.append(Line(city_name, city, role="city", code=services().kommune.city_code))
    refs = reference_values(info.id)
    bands: list[Band] = []
    by_code = {code: part for code, part in refs.groupby("area_code")}
    for lo, hi, label_de, label_en in BANDS:
        if lo in by_code and hi in by_code:
            bands.append(Band(label_en if lang == "en" else label_de, by_code[lo], by_code[hi]))
    for code, label_en in {**MEDIANS, **DEMO_REFERENCES}.items():
        if code in by_code:
            part = by_code[code]
            label = label_en if lang == "en" else str(part["area_name"].iloc[0])
            lines.append(Line(label, part, role="reference", code=code))
    return SeriesData(lines=lines, bands=bands)


def kreise_values(indicator_id: str, year: int | None) -> pd.DataFrame:
    """The Land's Kreise (reference areas KREIS-*) plus the city, for one year."""
    refs = reference_values(indicator_id)
    kreise = refs[(refs["level"] == "kreis") & (refs["year"] == year)]
    city = city_values(indicator_id)
    city = city[city["year"] == year]
    return pd.concat([kreise, city], ignore_index=True)[["area_code", "area_name", "value", "flag", "footnote"]]


def status(info: IndicatorInfo, lang: str) -> TargetStatus:
    city = city_values(info.id)
    since = None
    if "series_break" in city and city["series_break"].astype(bool).any():
        since = int(city.loc[city["series_break"].astype(bool), "year"].max())
    return target_status(
        city[["year", "value"]],
        target_value=info.target_value,
        target_year=info.target_year,
        polarity=info.polarity,
        lang=lang,
        since_year=since,
        decimals=info.decimals,
        unit=info.unit,
    )
