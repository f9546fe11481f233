"""The indicator explorer's view state and its URL form (pure, no I/O).

Every view is a URL: ``/indikatoren?indicator=kita_quote_u3&year=2022&level=stadtviertel
&areas=SV-01,SV-07&tab=table&classes=quantile&palette=sequential&lang=en``.
``parse_state`` checks each parameter against what exists and falls back to a
default with a German (or English) notice naming the parameter; it never raises.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from urllib.parse import urlencode

from .compute.classify import METHODS, PALETTES, parse_manual_breaks

TABS = ("map", "table")
PARAMS = ("indicator", "year", "level", "areas", "tab", "classes", "breaks", "palette", "leitlinie")
MAX_SELECTED = 8


@dataclass(frozen=True)
class ExplorerState:
    indicator: str
    year: int | None
    level: str
    areas: tuple[str, ...] = ()
    tab: str = "map"
    classes: str = "quantile"
    breaks: str = ""
    palette: str = "sequential"
    leitlinie: int | None = None

    def query(self, lang: str | None = None) -> dict[str, str]:
        """The URL query (empty values left out)."""
        q = {
            "indicator": self.indicator,
            "year": str(self.year) if self.year is not None else "",
            "level": self.level,
            "areas": ",".join(self.areas),
            "tab": self.tab if self.tab != "map" else "",
            "classes": self.classes if self.classes != "quantile" else "",
            "breaks": self.breaks if self.classes == "manual" else "",
            "palette": self.palette if self.palette != "sequential" else "",
            "leitlinie": str(self.leitlinie) if self.leitlinie else "",
        }
        if lang:
            q["lang"] = lang
        return {k: v for k, v in q.items() if v}

    def search(self, lang: str | None = None) -> str:
        query = self.query(lang)
        return "?" + urlencode(query, safe=",") if query else ""

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Catalogue:
    """What exists, to check a URL against: indicators with years and levels."""

    indicators: Sequence[str]
    default_indicator: str
    years: dict[str, Sequence[int]] = field(default_factory=dict)
    levels: Sequence[str] = ()
    area_codes: dict[str, set[str]] = field(default_factory=dict)
    leitlinien: Sequence[int] = ()
    city_only: set[str] = field(default_factory=set)


MESSAGES = {
    "unknown_indicator": {
        "de": "Den Indikator „{value}“ aus der Adresse gibt es nicht; gezeigt wird „{default}“.",
        "en": "The indicator “{value}” in the address does not exist; showing “{default}”.",
    },
    "bad_year": {
        "de": "Das Jahr „{value}“ aus der Adresse gibt es für diesen Indikator nicht; gezeigt wird {default}.",
        "en": "The year “{value}” in the address is not available for this indicator; showing {default}.",
    },
    "bad_level": {
        "de": "Die Ebene „{value}“ aus der Adresse gibt es nicht; gezeigt wird „{default}“.",
        "en": "The level “{value}” in the address does not exist; showing “{default}”.",
    },
    "bad_areas": {
        "de": "Diese Gebiete aus der Adresse gibt es auf der Ebene nicht und wurden weggelassen: {value}.",
        "en": "These areas in the address do not exist on this level and were left out: {value}.",
    },
    "bad_tab": {
        "de": "Die Ansicht „{value}“ aus der Adresse gibt es nicht; gezeigt wird die Karte.",
        "en": "The view “{value}” in the address does not exist; showing the map.",
    },
    "bad_classes": {
        "de": "Die Klassifizierung „{value}“ gibt es nicht; verwendet werden Quantile.",
        "en": "The classification “{value}” does not exist; using quantiles.",
    },
    "bad_breaks": {
        "de": "Klassengrenzen aus der Adresse: {value} Verwendet werden Quantile.",
        "en": "Class breaks in the address: {value} Using quantiles.",
    },
    "bad_palette": {
        "de": "Die Farbskala „{value}“ gibt es nicht; verwendet wird die einfache Skala.",
        "en": "The palette “{value}” does not exist; using the sequential one.",
    },
    "bad_leitlinie": {
        "de": "Die Leitlinie „{value}“ aus der Adresse gibt es nicht; alle Leitlinien werden gezeigt.",
        "en": "The guiding principle “{value}” in the address does not exist; showing all.",
    },
    "too_many_areas": {
        "de": "Höchstens {default} Gebiete lassen sich vergleichen; die übrigen wurden weggelassen.",
        "en": "At most {default} areas can be compared; the rest were left out.",
    },
}


def message(key: str, lang: str, **kw) -> str:
    entry = MESSAGES[key]
    return entry.get(lang, entry["de"]).format(**kw)


# German parameter names people type or other pages link with; the English ones win.
ALIASES = {"indikator": "indicator", "jahr": "year", "ebene": "level", "gebiete": "areas"}


def parse_state(query: dict[str, str], catalogue: Catalogue, lang: str = "de") -> tuple[ExplorerState, list[str]]:
    """Build the state from a URL query; returns (state, notices). Never raises."""
    query = {**{ALIASES[k]: v for k, v in query.items() if k in ALIASES}, **query}
    notices: list[str] = []
    indicator = query.get("indicator") or catalogue.default_indicator
    if indicator not in catalogue.indicators:
        notices.append(message("unknown_indicator", lang, value=_short(indicator), default=catalogue.default_indicator))
        indicator = catalogue.default_indicator

    years = list(catalogue.years.get(indicator, []))
    year = years[-1] if years else None
    raw_year = query.get("year")
    if raw_year:
        try:
            wanted = int(raw_year)
            if wanted not in years:
                raise ValueError
            year = wanted
        except ValueError:
            notices.append(message("bad_year", lang, value=_short(raw_year), default=year if year else "–"))

    levels = list(catalogue.levels)
    level = levels[0] if levels else "stadt"
    raw_level = query.get("level")
    if raw_level:
        if raw_level in levels:
            level = raw_level
        else:
            notices.append(message("bad_level", lang, value=_short(raw_level), default=level))

    areas: list[str] = []
    raw_areas = [a.strip() for a in (query.get("areas") or "").split(",") if a.strip()]
    if raw_areas:
        known = catalogue.area_codes.get(level, set())
        areas = [a for a in dict.fromkeys(raw_areas) if a in known]
        unknown = [a for a in raw_areas if a not in known]
        if unknown:
            notices.append(message("bad_areas", lang, value=", ".join(_short(a) for a in unknown[:5])))
        if len(areas) > MAX_SELECTED:
            notices.append(message("too_many_areas", lang, default=MAX_SELECTED))
            areas = areas[:MAX_SELECTED]

    tab = query.get("tab") or "map"
    if tab not in TABS:
        notices.append(message("bad_tab", lang, value=_short(tab)))
        tab = "map"

    classes = query.get("classes") or "quantile"
    if classes not in METHODS:
        notices.append(message("bad_classes", lang, value=_short(classes)))
        classes = "quantile"
    breaks = query.get("breaks") or ""
    if classes == "manual":
        try:
            if not parse_manual_breaks(breaks):
                raise ValueError("keine Grenzen angegeben." if lang == "de" else "no breaks given.")
        except ValueError as exc:
            notices.append(message("bad_breaks", lang, value=str(exc)))
            classes, breaks = "quantile", ""

    palette = query.get("palette") or "sequential"
    if palette not in PALETTES:
        notices.append(message("bad_palette", lang, value=_short(palette)))
        palette = "sequential"

    leitlinie = None
    raw_ll = query.get("leitlinie")
    if raw_ll:
        try:
            leitlinie = int(raw_ll)
            if leitlinie not in catalogue.leitlinien:
                raise ValueError
        except ValueError:
            notices.append(message("bad_leitlinie", lang, value=_short(raw_ll)))
            leitlinie = None

    state = ExplorerState(
        indicator=indicator,
        year=year,
        level=level,
        areas=tuple(areas),
        tab=tab,
        classes=classes,
        breaks=breaks,
        palette=palette,
        leitlinie=leitlinie,
    )
    return state, notices


def _short(text: str, limit: int = 40) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def clamp_year(year: int | None, years: Sequence[int]) -> int | None:
    """The year if available, else the nearest available one (latest on ties)."""
    years = list(years)
    if not years:
        return None
    if year in years:
        return year
    if year is None:
        return years[-1]
    return min(reversed(years), key=lambda y: abs(y - year))


__all__ = ["ExplorerState", "Catalogue", "parse_state", "clamp_year", "replace", "TABS", "MAX_SELECTED"]
