"""Real city-level indicators from INKAR (BBSR), 1995–2022.

Read from ``../shared/data/real/inkar-kreise-gerda/`` (never copied into the
repository). The Kommune's own Kreis (Halle 15002, Magdeburg 15003) gets the
values; the other Kreise of its Land become reference areas. INKAR has no
Land average here, so none is invented: the references are the median,
minimum and maximum of the Land's Kreise, and the median and 10/90 % range of
all German Kreise, each named as what it is.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..models import IndicatorKind, Polarity
from .base import VALUE_COLUMNS, SourceData, SourceInfo, SourceUnavailable

SOURCE = SourceInfo(
    key="inkar",
    title="INKAR – Indikatoren und Karten zur Raum- und Stadtentwicklung",
    publisher="Bundesinstitut für Bau-, Stadt- und Raumforschung (BBSR)",
    licence="Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0)",
    url="https://www.inkar.de",
    attribution="Datenquelle: INKAR, BBSR Bonn",
    note=(
        "Kreisdaten 1995–2022 (Gebietsstand 2021), übernommen aus dem R-Paket gerda "
        "(hhilbig/gerda, sysdata.rda), dort mit dem Paket inkr von INKAR geladen."
    ),
)

# INKAR column -> indicator definition.
INDICATORS = {
    "share_abitur": dict(
        name_de="Schulabgänger:innen mit allgemeiner Hochschulreife",
        name_en="School leavers with general higher education entrance qualification",
        definition_de=(
            "Schulabgänger:innen mit allgemeiner Hochschulreife je 100 Schulabgänger:innen "
            "(INKAR a_schul_abi). 2001 fast leer (Umstellung auf 13 Schuljahre), 2007 doppelter "
            "Abiturjahrgang (Rückkehr zu 12 Schuljahren) in Sachsen-Anhalt."
        ),
        definition_en=(
            "School leavers with the general higher education entrance qualification per 100 "
            "leavers (INKAR a_schul_abi). 2001 almost empty, 2007 double cohort in Sachsen-Anhalt."
        ),
        unit="%",
        polarity=Polarity.HIGHER_BETTER.value,
        handlungsfeld="HF03",
        leitlinien=[4],
    ),
    "share_no_degree": dict(
        name_de="Schulabgänger:innen ohne Abschluss",
        name_en="School leavers without a qualification",
        definition_de=("Schulabgänger:innen ohne Hauptschulabschluss je 100 Schulabgänger:innen (INKAR a_schul_oA)."),
        definition_en="School leavers without a lower secondary qualification per 100 leavers (INKAR a_schul_oA).",
        unit="%",
        polarity=Polarity.LOWER_BETTER.value,
        handlungsfeld="HF03",
        leitlinien=[1, 4],
    ),
    "childcare_under3": dict(
        name_de="Betreuungsquote unter 3 Jahren",
        name_en="Childcare rate under 3",
        definition_de=(
            "Kinder unter 3 Jahren in Tageseinrichtungen je 100 Kinder dieser Altersgruppe (INKAR a_betr0003_bev0003)."
        ),
        definition_en="Children under 3 in day care per 100 children of that age (INKAR a_betr0003_bev0003).",
        unit="%",
        polarity=Polarity.HIGHER_BETTER.value,
        handlungsfeld="HF01",
        leitlinien=[1, 3],
    ),
    "childcare_3to6": dict(
        name_de="Betreuungsquote 3 bis unter 6 Jahre",
        name_en="Childcare rate aged 3 to 6",
        definition_de=(
            "Kinder von 3 bis unter 6 Jahren in Tageseinrichtungen je 100 Kinder dieser "
            "Altersgruppe (INKAR a_betr0306_bev0306)."
        ),
        definition_en="Children aged 3–6 in day care per 100 children of that age (INKAR a_betr0306_bev0306).",
        unit="%",
        polarity=Polarity.HIGHER_BETTER.value,
        handlungsfeld="HF01",
        leitlinien=[1, 3],
    ),
    "apprentices_per_100": dict(
        name_de="Auszubildende je 100 Einwohner:innen von 15 bis unter 25 Jahren",
        name_en="Apprentices per 100 residents aged 15 to 25",
        definition_de="Auszubildende je 100 Einwohner:innen von 15 bis unter 25 Jahren (INKAR q_azubi_1525).",
        definition_en="Apprentices per 100 residents aged 15 to under 25 (INKAR q_azubi_1525).",
        unit="je 100",
        polarity=Polarity.HIGHER_BETTER.value,
        handlungsfeld="HF06",
        leitlinien=[4, 3],
    ),
    "youth_unemployment_rate": dict(
        name_de="Arbeitslosenquote unter 25 Jahren",
        name_en="Youth unemployment rate (under 25)",
        definition_de="Arbeitslose unter 25 Jahren je 100 zivile Erwerbspersonen dieser Altersgruppe (INKAR q_alo_u25).",
        definition_en="Unemployed under 25 per 100 civilian labour force of that age (INKAR q_alo_u25).",
        unit="%",
        polarity=Polarity.LOWER_BETTER.value,
        handlungsfeld="HF05",
        leitlinien=[3],
    ),
    "students_per_100": dict(
        name_de="Studierende je 100 Einwohner:innen von 18 bis unter 25 Jahren",
        name_en="Students per 100 residents aged 18 to 25",
        definition_de="Studierende je 100 Einwohner:innen von 18 bis unter 25 Jahren (INKAR q_stud_1825).",
        definition_en="University students per 100 residents aged 18 to under 25 (INKAR q_stud_1825).",
        unit="je 100",
        polarity=Polarity.NEUTRAL.value,
        handlungsfeld="HF07",
        leitlinien=[4],
    ),
    "share_low_income_hh": dict(
        name_de="Haushalte mit niedrigem Einkommen",
        name_en="Low-income households",
        definition_de="Anteil der Haushalte mit niedrigem Einkommen an allen Haushalten (INKAR a_hheink_niedrig).",
        definition_en="Share of low-income households among all households (INKAR a_hheink_niedrig).",
        unit="%",
        polarity=Polarity.LOWER_BETTER.value,
        handlungsfeld="HF08",
        leitlinien=[1],
    ),
}

LAND_PREFIX = {"15": "Sachsen-Anhalt"}
KREIS_NAMES_ST = {
    "15001": "Dessau-Roßlau",
    "15002": "Halle (Saale)",
    "15003": "Magdeburg",
    "15081": "Altmarkkreis Salzwedel",
    "15082": "Anhalt-Bitterfeld",
    "15083": "Börde",
    "15084": "Burgenlandkreis",
    "15085": "Harz",
    "15086": "Jerichower Land",
    "15087": "Mansfeld-Südharz",
    "15088": "Saalekreis",
    "15089": "Salzlandkreis",
    "15090": "Stendal",
    "15091": "Wittenberg",
}


def reference_areas(land: str) -> list[dict]:
    return [
        {"code": "ST-KREISE-MEDIAN", "name": f"{land}: Median der Kreise", "level": "land", "is_reference": True},
        {"code": "ST-KREISE-MIN", "name": f"{land}: niedrigster Kreiswert", "level": "land", "is_reference": True},
        {"code": "ST-KREISE-MAX", "name": f"{land}: höchster Kreiswert", "level": "land", "is_reference": True},
        {
            "code": "DE-KREISE-MEDIAN",
            "name": "Deutschland: Median der 400 Kreise",
            "level": "bund",
            "is_reference": True,
        },
        {
            "code": "DE-KREISE-P10",
            "name": "Deutschland: 10-%-Perzentil der Kreise",
            "level": "bund",
            "is_reference": True,
        },
        {
            "code": "DE-KREISE-P90",
            "name": "Deutschland: 90-%-Perzentil der Kreise",
            "level": "bund",
            "is_reference": True,
        },
    ]


def load(options: dict, shared_dir: Path) -> SourceData:
    folder = Path(str(options.get("path", "${shared}/inkar-kreise-gerda")).replace("${shared}", str(shared_dir)))
    table = folder / "inkar_kreise_1995_2022.csv"
    if not table.exists():
        raise SourceUnavailable(f"INKAR-Daten nicht gefunden: {table}")
    kreis = str(options["kreis"])
    frame = pd.read_csv(table, dtype={"county_code": str})
    columns = [c for c in INDICATORS if c in frame.columns]
    long = frame.melt(id_vars=["county_code", "year"], value_vars=columns, var_name="column").dropna(subset=["value"])
    long["indicator_id"] = "inkar_" + long["column"]
    land_prefix = kreis[:2]
    land_kreise = long[long["county_code"].str.startswith(land_prefix)]

    rows = [long[long["county_code"] == kreis].assign(area_code=kreis)]
    others = land_kreise[land_kreise["county_code"] != kreis]
    rows.append(others.assign(area_code="KREIS-" + others["county_code"]))

    stats = []
    for (ind, year), group in land_kreise.groupby(["indicator_id", "year"]):
        for code, value in (
            ("ST-KREISE-MEDIAN", group["value"].median()),
            ("ST-KREISE-MIN", group["value"].min()),
            ("ST-KREISE-MAX", group["value"].max()),
        ):
            stats.append({"indicator_id": ind, "year": year, "area_code": code, "value": value})
    for (ind, year), group in long.groupby(["indicator_id", "year"]):
        for code, value in (
            ("DE-KREISE-MEDIAN", group["value"].median()),
            ("DE-KREISE-P10", group["value"].quantile(0.1)),
            ("DE-KREISE-P90", group["value"].quantile(0.9)),
        ):
            stats.append({"indicator_id": ind, "year": year, "area_code": code, "value": value})
    rows.append(pd.DataFrame(stats))
    values = pd.concat(rows, ignore_index=True)
    values["year"] = values["year"].astype(int)
    for column in VALUE_COLUMNS:
        if column not in values:
            values[column] = None
    values["series_break"] = False
    # Sachsen-Anhalt's school-year changes: 2001 almost empty, 2007 double cohort.
    if land_prefix == "15":
        abitur = (values["indicator_id"] == "inkar_share_abitur") & values["year"].isin([2001, 2007])
        values.loc[abitur, "footnote"] = (
            "Sachsen-Anhalt: 2001 fast kein Abiturjahrgang (Umstellung auf 13 Schuljahre), "
            "2007 doppelter Abiturjahrgang (Rückkehr zu 12 Schuljahren)."
        )
    values = values[VALUE_COLUMNS]

    land = LAND_PREFIX.get(land_prefix, f"Land {land_prefix}")
    areas = reference_areas(land)
    areas += [
        {
            "code": f"KREIS-{code}",
            "name": KREIS_NAMES_ST.get(code, f"Kreis {code}"),
            "level": "kreis",
            "is_reference": True,
        }
        for code in sorted(others["county_code"].unique())
    ]
    indicators = []
    for n, (column, spec) in enumerate(INDICATORS.items()):
        if column not in columns:
            continue
        spec = dict(spec)
        indicators.append(
            {
                "id": f"inkar_{column}",
                **spec,
                "decimals": 1,
                "kind": IndicatorKind.INDEX.value,
                "multiplier": 1.0,
                "source_key": SOURCE.key,
                "source": f"{SOURCE.attribution} ({SOURCE.publisher})",
                "licence": SOURCE.licence,
                "source_url": SOURCE.url,
                "min_count": 3,
                "spatial_level": "stadt",
                "is_demo": False,
                "last_update": None,
                "sort_key": 100 + n,
            }
        )
    return SourceData(source=SOURCE, indicators=indicators, areas=areas, values=values)
