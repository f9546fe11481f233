"""A Kommune is a configuration, not code: one ``data/<kommune>/kommune.toml``.

The file names the Kommune, its levels and geodata, its Leitlinien,
Handlungsfelder and Maßnahmen, its colours and logo, and the data sources to
load. Paths may use ``${shared}`` (the real-data folder) and are otherwise
relative to the file's folder.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .models import MASSNAHME_STATUSES


class KommuneConfigError(ValueError):
    """The configuration file is wrong; the message names file and entry, in German."""


@dataclass(frozen=True)
class Level:
    key: str
    name_de: str
    name_en: str
    plural_de: str
    plural_en: str


@dataclass(frozen=True)
class GeoLayer:
    level: str
    file: Path
    code_field: str
    name_field: str
    parent_field: str | None
    placeholder: bool
    source: str
    # Optional CSV that maps names to codes, for geodata without a code field:
    # {file, name_column, code_column}; file may use ${shared}.
    code_lookup: dict | None = None


@dataclass(frozen=True)
class LeitlinieConfig:
    number: int
    title_de: str
    title_en: str


@dataclass(frozen=True)
class HandlungsfeldConfig:
    number: int
    code: str
    title_de: str
    title_en: str
    bereich: str
    leitlinien: tuple[int, ...]
    example: bool


@dataclass(frozen=True)
class MassnahmeConfig:
    code: str
    title: str
    description: str
    handlungsfeld: str
    leitlinie: int
    status: str
    responsible_unit: str
    start: dt.date | None
    end: dt.date | None
    indicators: tuple[str, ...]
    example: bool


@dataclass(frozen=True)
class SourceConfig:
    loader: str
    options: dict


@dataclass(frozen=True)
class Theme:
    primary: str
    accent: str
    logo: str | None


@dataclass(frozen=True)
class KommuneConfig:
    slug: str
    name: str
    ags: str
    land: str
    city_code: str
    levels: tuple[Level, ...]
    geodata: tuple[GeoLayer, ...]
    leitlinien: tuple[LeitlinieConfig, ...]
    handlungsfelder: tuple[HandlungsfeldConfig, ...]
    massnahmen: tuple[MassnahmeConfig, ...]
    sources: tuple[SourceConfig, ...]
    theme: Theme
    focus_areas: tuple[str, ...] = ()
    path: Path = field(default=Path("."))

    @property
    def district_levels(self) -> tuple[Level, ...]:
        """Levels below the city, smallest first (the map levels)."""
        return tuple(level for level in self.levels if level.key != "stadt")

    def level(self, key: str) -> Level:
        for level in self.levels:
            if level.key == key:
                return level
        raise KeyError(key)


def _require(table: dict, key: str, where: str, path: Path):
    if key not in table or table[key] in (None, ""):
        raise KommuneConfigError(f"{path}: {where}: Pflichtfeld '{key}' fehlt.")
    return table[key]


def _date(value, where: str, path: Path) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise KommuneConfigError(f"{path}: {where}: '{value}' ist kein Datum (erwartet JJJJ-MM-TT).") from exc


def resolve_path(raw: str, base: Path, shared: Path) -> Path:
    text = raw.replace("${shared}", str(shared))
    candidate = Path(text)
    return candidate if candidate.is_absolute() else (base / candidate).resolve()


def load_kommune(path: Path, shared: Path) -> KommuneConfig:
    """Read and check a kommune.toml. Raises KommuneConfigError in German."""
    if not path.exists():
        raise KommuneConfigError(f"Kommune-Konfiguration nicht gefunden: {path}")
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise KommuneConfigError(f"{path}: ungültiges TOML: {exc}") from exc
    base = path.parent

    levels = tuple(
        Level(
            key=_require(item, "key", f"levels[{i}]", path),
            name_de=_require(item, "name_de", f"levels[{i}]", path),
            name_en=item.get("name_en", item["name_de"]),
            plural_de=item.get("plural_de", item["name_de"]),
            plural_en=item.get("plural_en", item.get("name_en", item["name_de"])),
        )
        for i, item in enumerate(raw.get("levels", []))
    )
    level_keys = {level.key for level in levels}
    if "stadt" not in level_keys:
        raise KommuneConfigError(f"{path}: levels: die Ebene 'stadt' fehlt.")

    geodata = []
    for i, item in enumerate(raw.get("geodata", [])):
        where = f"geodata[{i}]"
        level = _require(item, "level", where, path)
        if level not in level_keys:
            raise KommuneConfigError(f"{path}: {where}: unbekannte Ebene '{level}'.")
        geodata.append(
            GeoLayer(
                level=level,
                file=resolve_path(_require(item, "file", where, path), base, shared),
                code_field=item.get("code_field", "code"),
                name_field=item.get("name_field", "name"),
                parent_field=item.get("parent_field"),
                placeholder=bool(item.get("placeholder", False)),
                source=item.get("source", ""),
                code_lookup=item.get("code_lookup"),
            )
        )

    leitlinien = tuple(
        LeitlinieConfig(
            number=int(_require(item, "number", f"leitlinien[{i}]", path)),
            title_de=_require(item, "title_de", f"leitlinien[{i}]", path),
            title_en=item.get("title_en", ""),
        )
        for i, item in enumerate(raw.get("leitlinien", []))
    )
    ll_numbers = {ll.number for ll in leitlinien}

    handlungsfelder = []
    for i, item in enumerate(raw.get("handlungsfelder", [])):
        where = f"handlungsfelder[{i}]"
        lls = tuple(int(n) for n in item.get("leitlinien", []))
        unknown = [n for n in lls if n not in ll_numbers]
        if unknown:
            raise KommuneConfigError(f"{path}: {where}: unbekannte Leitlinie(n) {unknown}.")
        handlungsfelder.append(
            HandlungsfeldConfig(
                number=int(_require(item, "number", where, path)),
                code=_require(item, "code", where, path),
                title_de=_require(item, "title_de", where, path),
                title_en=item.get("title_en", ""),
                bereich=item.get("bereich", ""),
                leitlinien=lls,
                example=bool(item.get("example", False)),
            )
        )
    hf_codes = {hf.code for hf in handlungsfelder}

    massnahmen = []
    for i, item in enumerate(raw.get("massnahmen", [])):
        where = f"massnahmen[{i}] ({item.get('code', '?')})"
        status = item.get("status", "nicht begonnen")
        if status not in MASSNAHME_STATUSES:
            raise KommuneConfigError(
                f"{path}: {where}: unbekannter Status '{status}'. Erlaubt: {', '.join(MASSNAHME_STATUSES)}."
            )
        hf = _require(item, "handlungsfeld", where, path)
        if hf not in hf_codes:
            raise KommuneConfigError(f"{path}: {where}: unbekanntes Handlungsfeld '{hf}'.")
        leitlinie = int(_require(item, "leitlinie", where, path))
        if leitlinie not in ll_numbers:
            raise KommuneConfigError(f"{path}: {where}: unbekannte Leitlinie {leitlinie}.")
        massnahmen.append(
            MassnahmeConfig(
                code=_require(item, "code", where, path),
                title=_require(item, "title", where, path),
                description=item.get("description", ""),
                handlungsfeld=hf,
                leitlinie=leitlinie,
                status=status,
                responsible_unit=item.get("responsible_unit", ""),
                start=_date(item.get("start"), where, path),
                end=_date(item.get("end"), where, path),
                indicators=tuple(item.get("indicators", [])),
                example=bool(item.get("example", False)),
            )
        )

    theme_raw = raw.get("theme", {})
    return KommuneConfig(
        slug=_require(raw, "slug", "Kopf", path),
        name=_require(raw, "name", "Kopf", path),
        ags=str(raw.get("ags", "")),
        land=raw.get("land", ""),
        city_code=str(_require(raw, "city_code", "Kopf", path)),
        levels=levels,
        geodata=tuple(geodata),
        leitlinien=leitlinien,
        handlungsfelder=tuple(handlungsfelder),
        massnahmen=tuple(massnahmen),
        sources=tuple(
            SourceConfig(loader=_require(item, "loader", f"sources[{i}]", path), options=item)
            for i, item in enumerate(raw.get("sources", []))
        ),
        theme=Theme(
            primary=theme_raw.get("primary", "#1f4e79"),
            accent=theme_raw.get("accent", "#c8102e"),
            logo=theme_raw.get("logo"),
        ),
        focus_areas=tuple(raw.get("focus_areas", [])),
        path=path,
    )
