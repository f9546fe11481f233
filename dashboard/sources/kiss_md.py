"""Real Stadtteil indicators for Magdeburg from KISS-MD.

*Quelle: Landeshauptstadt Magdeburg, Amt für Statistik* (KISS-MD), read from
``../shared/data/real/magdeburg-kiss-md/`` (never copied into the repository).
Values are stored as counts with denominators wherever the tables allow, so
the city figure is aggregated, not averaged. Where the column reading is the
data scout's inference (PROVENANCE.md), the definition says so.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from ..compute.disclosure import flag_small_counts
from ..models import IndicatorKind, Polarity
from .base import VALUE_COLUMNS, SourceData, SourceInfo, SourceUnavailable

SOURCE = SourceInfo(
    key="kiss_md",
    title="KISS-MD – Kommunales Informations- und Statistiksystem Magdeburg",
    publisher="Landeshauptstadt Magdeburg, Amt für Statistik",
    licence=(
        "Öffentliche amtliche Statistik, Quellenangabe erforderlich; keine offene Lizenz "
        "benannt – Nutzungsbedingungen vor Veröffentlichung mit der Stadt klären."
    ),
    url="https://statistik.magdeburg.de/KISS-MD/",
    attribution="Quelle: Landeshauptstadt Magdeburg, Amt für Statistik",
    note=(
        "Übernommen aus dem Datenpaket des Smart City Hackathon Magdeburg 2026 "
        "(SmartCityMagdeburg2026/Datasources). Spaltenbezeichnungen teils erschlossen, siehe "
        "die Definition des jeweiligen Indikators."
    ),
)
CITY = "15003"
INFERENCE = (
    " Hinweis: Die Spaltenbedeutung (Schulen, Klassen, Schüler:innen) ist aus den "
    "Größenordnungen erschlossen, nicht als Spaltenname in der Quelle belegt."
)
BROKEN_CLASSES = {2016, 2017, 2018}


def _code(value) -> str:
    """KISS-MD Stadtteil number as our area code; the city total is 15003 or 'Gesamt'."""
    text = str(int(value)) if not isinstance(value, str) else value.strip()
    if text in (CITY, "Gesamt", "Magdeburg"):
        return CITY
    return text.zfill(2)


def _rows(indicator_id: str, frame: pd.DataFrame, *, value, numerator=None, denominator=None) -> pd.DataFrame:
    out = pd.DataFrame(
        {
            "indicator_id": indicator_id,
            "area_code": frame["area_code"],
            "year": frame["year"].astype(int),
            "value": value,
            "numerator": numerator if numerator is not None else np.nan,
            "denominator": denominator if denominator is not None else np.nan,
            "flag": None,
            "footnote": None,
            "series_break": False,
        }
    )
    return out[VALUE_COLUMNS]


def _json_rows(folder: Path, slug: str) -> pd.DataFrame:
    path = folder / "json" / f"{slug}.json"
    return pd.DataFrame(json.loads(path.read_text(encoding="utf-8"))["rows"])


def load(options: dict, shared_dir: Path) -> SourceData:
    folder = Path(str(options.get("path", "${shared}/magdeburg-kiss-md")).replace("${shared}", str(shared_dir)))
    if not (folder / "derived").exists():
        raise SourceUnavailable(f"KISS-MD-Daten nicht gefunden: {folder}")
    parts = []

    # Schools, classes, pupils per Stadtteil 2008–2023 (derived, column reading inferred).
    schools = pd.read_csv(folder / "derived" / "md_schulen_nach_stadtteil_2008_2023.csv", dtype={"stadtteil_nr": str})
    schools["area_code"] = schools["stadtteil_nr"].map(_code)
    schools["year"] = schools["jahr"]
    parts.append(_rows("md_schueler", schools, value=schools["var5_schueler"], numerator=schools["var5_schueler"]))
    parts.append(_rows("md_schulen", schools, value=schools["var3_schulen"], numerator=schools["var3_schulen"]))
    per_class = _rows(
        "md_schueler_je_klasse",
        schools,
        value=schools["var5_schueler"] / schools["var4_klassen"],
        numerator=schools["var5_schueler"],
        denominator=schools["var4_klassen"],
    )
    broken = per_class["year"].isin(BROKEN_CLASSES)
    per_class.loc[broken, ["value", "numerator", "denominator"]] = np.nan
    per_class.loc[broken, "flag"] = "unreliable"
    per_class.loc[broken, "footnote"] = (
        "2016–2018: Klassenzahl in der Quelle offensichtlich fehlerhaft, Wert nicht ausgewiesen."
    )
    parts.append(per_class)

    # Population by age group 2021–2025 (labels verified by recomputing the Jugendquote).
    ages = pd.read_csv(folder / "derived" / "md_bevoelkerung_altersgruppen_2021_2025.csv", dtype={"stadtteil_nr": str})
    ages["area_code"] = ages["stadtteil_nr"].map(_code)
    ages["year"] = ages["jahr"]
    young = ages["alter_0_6"] + ages["alter_7_17"]
    working = ages["alter_18_44"] + ages["alter_45_64"]
    parts.append(
        _rows(
            "md_anteil_0_6",
            ages,
            value=ages["alter_0_6"] / ages["gesamt"] * 100,
            numerator=ages["alter_0_6"],
            denominator=ages["gesamt"],
        )
    )
    parts.append(
        _rows(
            "md_anteil_7_17",
            ages,
            value=ages["alter_7_17"] / ages["gesamt"] * 100,
            numerator=ages["alter_7_17"],
            denominator=ages["gesamt"],
        )
    )
    parts.append(_rows("md_jugendquote", ages, value=young / working * 100, numerator=young, denominator=working))

    # Households with children 2021–2025.
    households = _json_rows(folder, "haushaltsangaben")
    households["area_code"] = households["var2"].map(_code)
    households["year"] = households["var1"]
    parts.append(
        _rows(
            "md_haushalte_mit_kindern",
            households,
            value=households["var7"] / households["var5"] * 100,
            numerator=households["var7"],
            denominator=households["var5"],
        )
    )

    # Wohngeld recipients 2009–2024, per 1,000 inhabitants where the population is known (2011–).
    wohngeld = _json_rows(folder, "wohngeldempfaenger-nach-stadtteilen")
    wohngeld["area_code"] = wohngeld["var2"].map(_code)
    wohngeld["year"] = wohngeld["var1"]
    parts.append(_rows("md_wohngeld", wohngeld, value=wohngeld["var3"], numerator=wohngeld["var3"]))
    population = _json_rows(folder, "entwicklung-der-hauptwohnsitzbevoelkerung")
    population["area_code"] = population["var2"].map(_code)
    population["year"] = population["var1"]
    joined = wohngeld.merge(
        population[["area_code", "year", "var3"]].rename(columns={"var3": "einwohner"}),
        on=["area_code", "year"],
        how="inner",
    )
    parts.append(
        _rows(
            "md_wohngeld_je_1000",
            joined,
            value=joined["var3"] / joined["einwohner"] * 1000,
            numerator=joined["var3"],
            denominator=joined["einwohner"],
        )
    )

    values = pd.concat(parts, ignore_index=True)
    # Some exports repeat rows verbatim (haushaltsangaben 2024/2025); conflicting repeats are an error.
    values = values.drop_duplicates(subset=["indicator_id", "area_code", "year", "value", "numerator", "denominator"])
    conflicts = values[values.duplicated(["indicator_id", "area_code", "year"], keep=False)]
    if not conflicts.empty:
        first = conflicts.iloc[0]
        raise ValueError(
            f"KISS-MD: widersprüchliche Doppelzeilen, z. B. {first.indicator_id} Stadtteil "
            f"{first.area_code} Jahr {first.year}."
        )
    # The source marks its own suppressed cells as null: keep them as "secret".
    values.loc[values["value"].isna() & values["flag"].isna(), "flag"] = "secret"
    kinds = {spec["id"]: spec["kind"] for spec in INDICATORS}
    values = pd.concat(
        [flag_small_counts(part, kind=kinds[ind], min_count=3) for ind, part in values.groupby("indicator_id")],
        ignore_index=True,
    )
    return SourceData(
        source=SOURCE, indicators=[_indicator(spec, n) for n, spec in enumerate(INDICATORS)], values=values
    )


def _indicator(spec: dict, n: int) -> dict:
    return {
        "decimals": 1,
        "multiplier": 100.0,
        "source_key": SOURCE.key,
        "source": SOURCE.attribution,
        "licence": SOURCE.licence,
        "source_url": SOURCE.url,
        "min_count": 3,
        "spatial_level": "stadtteil",
        "is_demo": False,
        "last_update": None,
        "sort_key": n,
        **spec,
    }


COUNT = IndicatorKind.COUNT.value
RATE = IndicatorKind.RATE.value
INDICATORS = [
    dict(
        id="md_schueler",
        name_de="Schüler:innen an Schulen im Stadtteil",
        name_en="Pupils at schools in the district",
        definition_de="Anzahl der Schüler:innen an den Schulen mit Standort im Stadtteil (Schulort, nicht Wohnort)."
        + INFERENCE,
        definition_en="Number of pupils at schools located in the district (place of school, not residence). Column meaning inferred from magnitudes.",
        unit="Anzahl",
        decimals=0,
        kind=COUNT,
        multiplier=1.0,
        polarity=Polarity.NEUTRAL.value,
        handlungsfeld="SCHULE",
        leitlinien=[4],
    ),
    dict(
        id="md_schulen",
        name_de="Schulen im Stadtteil",
        name_en="Schools in the district",
        definition_de="Anzahl der Schulen mit Standort im Stadtteil." + INFERENCE,
        definition_en="Number of schools located in the district. Column meaning inferred from magnitudes.",
        unit="Anzahl",
        decimals=0,
        kind=COUNT,
        multiplier=1.0,
        polarity=Polarity.NEUTRAL.value,
        handlungsfeld="SCHULE",
        leitlinien=[3],
        min_count=0,
    ),
    dict(
        id="md_schueler_je_klasse",
        name_de="Schüler:innen je Klasse",
        name_en="Pupils per class",
        definition_de="Schüler:innen je Klasse an den Schulen im Stadtteil; 2016–2018 wegen fehlerhafter Klassenzahl nicht ausgewiesen."
        + INFERENCE,
        definition_en="Pupils per class at schools in the district; 2016–2018 not shown (class counts broken in the source). Column meaning inferred.",
        unit="je Klasse",
        decimals=1,
        kind=IndicatorKind.MEAN.value,
        multiplier=1.0,
        polarity=Polarity.LOWER_BETTER.value,
        handlungsfeld="SCHULE",
        leitlinien=[4],
        min_count=0,
    ),
    dict(
        id="md_anteil_0_6",
        name_de="Anteil der Kinder von 0 bis 6 Jahren",
        name_en="Share of children aged 0 to 6",
        definition_de="Einwohner:innen (Hauptwohnsitz) von 0 bis 6 Jahren je 100 Einwohner:innen.",
        definition_en="Residents (main residence) aged 0 to 6 per 100 residents.",
        unit="%",
        kind=RATE,
        polarity=Polarity.NEUTRAL.value,
        handlungsfeld="FRUEH",
        leitlinien=[1, 3],
    ),
    dict(
        id="md_anteil_7_17",
        name_de="Anteil der Kinder und Jugendlichen von 7 bis 17 Jahren",
        name_en="Share of children and young people aged 7 to 17",
        definition_de="Einwohner:innen (Hauptwohnsitz) von 7 bis 17 Jahren je 100 Einwohner:innen.",
        definition_en="Residents (main residence) aged 7 to 17 per 100 residents.",
        unit="%",
        kind=RATE,
        polarity=Polarity.NEUTRAL.value,
        handlungsfeld="SCHULE",
        leitlinien=[1],
    ),
    dict(
        id="md_jugendquote",
        name_de="Jugendquote",
        name_en="Youth dependency ratio",
        definition_de="Einwohner:innen unter 18 Jahren je 100 Einwohner:innen von 18 bis unter 65 Jahren.",
        definition_en="Residents under 18 per 100 residents aged 18 to under 65.",
        unit="je 100",
        kind=RATE,
        polarity=Polarity.NEUTRAL.value,
        handlungsfeld="TEILHABE",
        leitlinien=[1],
    ),
    dict(
        id="md_haushalte_mit_kindern",
        name_de="Haushalte mit Kindern",
        name_en="Households with children",
        definition_de="Haushalte mit Kindern je 100 Haushalte.",
        definition_en="Households with children per 100 households.",
        unit="%",
        kind=RATE,
        polarity=Polarity.NEUTRAL.value,
        handlungsfeld="TEILHABE",
        leitlinien=[1],
    ),
    dict(
        id="md_wohngeld",
        name_de="Wohngeldempfänger",
        name_en="Housing benefit recipients",
        definition_de="Anzahl der Wohngeldempfänger laut KISS-MD (ob Haushalte oder Personen, nennt die Quelle nicht).",
        definition_en="Number of housing benefit recipients per KISS-MD (the source does not say whether households or persons).",
        unit="Anzahl",
        decimals=0,
        kind=COUNT,
        multiplier=1.0,
        polarity=Polarity.LOWER_BETTER.value,
        handlungsfeld="TEILHABE",
        leitlinien=[1],
    ),
    dict(
        id="md_wohngeld_je_1000",
        name_de="Wohngeldempfänger je 1.000 Einwohner:innen",
        name_en="Housing benefit recipients per 1,000 residents",
        definition_de="Wohngeldempfänger je 1.000 Einwohner:innen mit Hauptwohnsitz (ob Haushalte oder Personen, nennt die Quelle nicht).",
        definition_en="Housing benefit recipients per 1,000 residents (the source does not say whether households or persons).",
        unit="je 1.000",
        kind=RATE,
        multiplier=1000.0,
        polarity=Polarity.LOWER_BETTER.value,
        handlungsfeld="TEILHABE",
        leitlinien=[1],
    ),
]
