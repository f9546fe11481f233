"""Beispieldaten (invented demo data) for Halle's Stadtviertel, 2012–2024.

Halle publishes no district-level education figures here, so the district maps
run on invented numbers. Everything made here is labelled *Beispieldaten*:
the source is ``is_demo``, each indicator is ``is_demo`` and its name carries
the label. The generator is seeded and reproducible, like a test fixture:
the same seed gives the same numbers on every machine.

On purpose the data has what real data has: gaps (missing years and areas),
a series break (a new test procedure from 2020), provisional latest values and
small counts that must be suppressed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..compute.disclosure import flag_small_counts
from ..models import IndicatorKind, Polarity
from .base import VALUE_COLUMNS, SourceData, SourceInfo
from .halle_geo import STADTVIERTEL

YEARS = range(2012, 2025)
SOURCE = SourceInfo(
    key="beispieldaten",
    title="Beispieldaten Bildungsmonitor (erfunden)",
    publisher="Bildungsmonitor-Projekt",
    licence="CC0 1.0 (erfundene Zahlen)",
    note=(
        "Erfundene Zahlen für die Stadtviertel von Halle (Saale), erzeugt mit einem festen "
        "Zufallsstartwert (dashboard/sources/demo.py). Keine Aussage über die Stadt Halle."
    ),
    is_demo=True,
)
LAND_CODE = "LAND-ST"
BUND_CODE = "BUND-DE"
LABEL = " (Beispieldaten)"


@dataclass(frozen=True)
class DemoIndicator:
    id: str
    name_de: str
    name_en: str
    definition_de: str
    definition_en: str
    handlungsfeld: str
    leitlinien: tuple[int, ...]
    polarity: str
    base: float  # city-wide share (0..1) in the first year
    trend: float  # change of the share per year (absolute)
    population: str  # which denominator population
    social_weight: float  # how strongly the social index raises the share
    kind: str = IndicatorKind.RATE.value
    multiplier: float = 100.0
    unit: str = "%"
    decimals: int = 1
    first_year: int = 2012
    target: tuple[float, int] | None = None
    series_break: tuple[int, float] | None = None  # (year, level shift of the share)
    land: float = 0.0  # offset of the Land reference (share)
    bund: float = 0.0  # offset of the Bund reference (share)


HIGHER = Polarity.HIGHER_BETTER.value
LOWER = Polarity.LOWER_BETTER.value
NEUTRAL = Polarity.NEUTRAL.value

INDICATORS: tuple[DemoIndicator, ...] = (
    DemoIndicator(
        "kita_quote_u3",
        "Betreuungsquote unter 3 Jahren",
        "Childcare rate under 3",
        "Kinder unter 3 Jahren in Kindertagesbetreuung je 100 Kinder dieser Altersgruppe am Wohnort.",
        "Children under 3 in day care per 100 children of that age living in the area.",
        "HF01",
        (1, 3),
        HIGHER,
        0.52,
        0.004,
        "u3",
        -0.08,
        target=(62.0, 2028),
        land=0.02,
        bund=-0.18,
    ),
    DemoIndicator(
        "kita_quote_3_6",
        "Betreuungsquote 3 bis unter 6 Jahre",
        "Childcare rate aged 3 to 6",
        "Kinder von 3 bis unter 6 Jahren in Kindertagesbetreuung je 100 Kinder dieser Altersgruppe.",
        "Children aged 3 to under 6 in day care per 100 children of that age.",
        "HF01",
        (1, 3),
        HIGHER,
        0.90,
        0.002,
        "age3_6",
        -0.05,
        land=0.01,
        bund=-0.02,
    ),
    DemoIndicator(
        "sprachfoerderbedarf",
        "Kinder mit Sprachförderbedarf bei der Schuleingangsuntersuchung",
        "Children needing language support at school entry examination",
        "Anteil der untersuchten Schulanfänger:innen mit festgestelltem Sprachförderbedarf. "
        "Ab 2020 neues Testverfahren (Zeitreihenbruch).",
        "Share of examined school starters with a language support need. New test procedure from 2020 (series break).",
        "HF02",
        (3, 1),
        LOWER,
        0.21,
        0.003,
        "schulanfaenger",
        0.20,
        series_break=(2020, 0.04),
        land=-0.02,
        bund=-0.03,
    ),
    DemoIndicator(
        "ohne_abschluss",
        "Schulabgänger:innen ohne Abschluss",
        "School leavers without a qualification",
        "Abgänger:innen allgemeinbildender Schulen ohne Hauptschulabschluss je 100 Abgänger:innen, nach Wohnort.",
        "Leavers of general schools without a lower secondary qualification per 100 leavers, by residence.",
        "HF03",
        (1, 4),
        LOWER,
        0.11,
        0.001,
        "abgaenger",
        0.16,
        target=(7.0, 2030),
        land=-0.01,
        bund=-0.045,
    ),
    DemoIndicator(
        "abitur_quote",
        "Schulabgänger:innen mit Abitur",
        "School leavers with Abitur",
        "Abgänger:innen mit allgemeiner Hochschulreife je 100 Abgänger:innen, nach Wohnort.",
        "Leavers with the general higher education entrance qualification per 100 leavers, by residence.",
        "HF03",
        (4,),
        HIGHER,
        0.38,
        0.002,
        "abgaenger",
        -0.30,
        land=-0.06,
        bund=-0.03,
    ),
    DemoIndicator(
        "uebergang_gymnasium",
        "Übergänge von der Grundschule aufs Gymnasium",
        "Transitions from primary school to Gymnasium",
        "Schüler:innen der 4. Klasse, die auf ein Gymnasium wechseln, je 100 Schüler:innen der 4. Klasse.",
        "Pupils in year 4 moving on to a Gymnasium per 100 pupils in year 4.",
        "HF02",
        (3,),
        NEUTRAL,
        0.45,
        0.002,
        "klasse4",
        -0.35,
        land=-0.07,
        bund=-0.02,
    ),
    DemoIndicator(
        "inklusionsquote",
        "Inklusionsquote",
        "Inclusion rate",
        "Schüler:innen mit sonderpädagogischem Förderbedarf an Regelschulen je 100 Schüler:innen "
        "mit sonderpädagogischem Förderbedarf.",
        "Pupils with special educational needs taught in mainstream schools per 100 pupils with such needs.",
        "HF04",
        (2,),
        HIGHER,
        0.30,
        0.012,
        "foerderbedarf",
        -0.05,
        target=(50.0, 2030),
        land=0.0,
        bund=0.12,
    ),
    DemoIndicator(
        "schulsozialarbeit",
        "Schüler:innen an Schulen mit Schulsozialarbeit",
        "Pupils at schools with school social work",
        "Schüler:innen an Schulen mit mindestens einer Stelle Schulsozialarbeit je 100 Schüler:innen.",
        "Pupils at schools with at least one school social worker per 100 pupils.",
        "HF03",
        (1,),
        HIGHER,
        0.55,
        0.02,
        "schueler",
        0.10,
        first_year=2014,
        target=(90.0, 2027),
    ),
    DemoIndicator(
        "uebergang_ausbildung",
        "Direkte Übergänge in eine Berufsausbildung",
        "Direct transitions into vocational training",
        "Abgänger:innen aus Sekundarschulen, die im selben Jahr eine Berufsausbildung beginnen, "
        "je 100 Abgänger:innen aus Sekundarschulen.",
        "Leavers of secondary schools who start vocational training in the same year per 100 such leavers.",
        "HF05",
        (3, 8),
        HIGHER,
        0.41,
        0.004,
        "abgaenger",
        -0.10,
        land=0.02,
        bund=0.01,
    ),
    DemoIndicator(
        "vertragsloesungen",
        "Vorzeitig gelöste Ausbildungsverträge",
        "Early terminated training contracts",
        "Vorzeitig gelöste Ausbildungsverträge je 100 begonnene Ausbildungsverträge, nach Wohnort.",
        "Training contracts terminated early per 100 contracts started, by residence.",
        "HF06",
        (4,),
        LOWER,
        0.31,
        0.002,
        "azubis",
        0.12,
        land=-0.01,
        bund=-0.04,
    ),
    DemoIndicator(
        "jugendarbeitslosigkeit",
        "Arbeitslose unter 25 Jahren",
        "Unemployed under 25",
        "Arbeitslose unter 25 Jahren je 100 Einwohner:innen von 15 bis unter 25 Jahren.",
        "Unemployed people under 25 per 100 residents aged 15 to under 25.",
        "HF05",
        (3,),
        LOWER,
        0.075,
        -0.002,
        "age15_25",
        0.08,
        land=0.0,
        bund=-0.025,
    ),
    DemoIndicator(
        "vhs_belegungen",
        "Belegungen an der Volkshochschule",
        "Adult education enrolments",
        "Kursbelegungen an der Volkshochschule je 1.000 Einwohner:innen ab 18 Jahren, nach Wohnort.",
        "Adult education course enrolments per 1,000 residents aged 18 and over, by residence.",
        "HF07",
        (4,),
        HIGHER,
        0.045,
        0.0008,
        "adults",
        -0.02,
        multiplier=1000.0,
        unit="je 1.000",
        decimals=1,
        land=-0.005,
        bund=0.01,
    ),
    DemoIndicator(
        "bibliothek_nutzung",
        "Aktive Nutzer:innen der Stadtbibliothek",
        "Active public library users",
        "Aktive Bibliotheksausweise je 1.000 Einwohner:innen, nach Wohnort.",
        "Active library cards per 1,000 residents, by residence.",
        "HF07",
        (4, 7),
        HIGHER,
        0.095,
        -0.001,
        "population",
        -0.03,
        multiplier=1000.0,
        unit="je 1.000",
        decimals=1,
    ),
    DemoIndicator(
        "schulen_gigabit",
        "Schüler:innen an Schulen mit Gigabitanschluss",
        "Pupils at schools with a gigabit connection",
        "Schüler:innen an Schulen mit einem Glasfaseranschluss von mindestens 1 Gbit/s je 100 Schüler:innen.",
        "Pupils at schools with a fibre connection of at least 1 Gbit/s per 100 pupils.",
        "HF11",
        (7,),
        HIGHER,
        0.12,
        0.10,
        "schueler",
        0.0,
        first_year=2018,
        target=(100.0, 2026),
    ),
    DemoIndicator(
        "endgeraete_quote",
        "Schüler:innen mit schulischem Leihgerät",
        "Pupils with a school loan device",
        "Schüler:innen, denen die Schule ein digitales Endgerät leiht, je 100 Schüler:innen.",
        "Pupils with a digital device on loan from their school per 100 pupils.",
        "HF11",
        (7, 1),
        HIGHER,
        0.08,
        0.06,
        "schueler",
        0.15,
        first_year=2020,
    ),
    DemoIndicator(
        "but_lernfoerderung",
        "Inanspruchnahme Lernförderung (Bildung und Teilhabe)",
        "Uptake of tutoring under the education and participation package",
        "Leistungsberechtigte Schüler:innen mit bewilligter Lernförderung nach dem Bildungs- und "
        "Teilhabepaket je 100 leistungsberechtigte Schüler:innen.",
        "Eligible pupils with approved tutoring under the education and participation package per 100 eligible pupils.",
        "HF08",
        (1, 2),
        HIGHER,
        0.09,
        0.006,
        "but_berechtigte",
        0.05,
        target=(20.0, 2028),
    ),
    DemoIndicator(
        "jugendbeteiligung",
        "Teilnahme an Beteiligungsformaten",
        "Participation in youth participation formats",
        "Kinder und Jugendliche von 10 bis unter 18 Jahren, die an einem städtischen "
        "Beteiligungsformat teilgenommen haben, je 100 dieser Altersgruppe.",
        "Children and young people aged 10 to under 18 who took part in a city participation format "
        "per 100 of that age group.",
        "HF09",
        (5,),
        HIGHER,
        0.04,
        0.004,
        "age10_18",
        -0.02,
        first_year=2016,
    ),
    DemoIndicator(
        "kooperation_kita_gs",
        "Grundschulkinder an Schulen mit Kita-Kooperationsvertrag",
        "Primary pupils at schools with a day-care cooperation agreement",
        "Grundschüler:innen an Grundschulen mit schriftlicher Kooperationsvereinbarung mit "
        "mindestens einer Kita je 100 Grundschüler:innen.",
        "Primary pupils at schools with a written cooperation agreement with at least one day care "
        "centre per 100 primary pupils.",
        "HF12",
        (8, 3),
        HIGHER,
        0.35,
        0.035,
        "grundschueler",
        0.0,
    ),
    DemoIndicator(
        "kinder_sgb2",
        "Kinder unter 15 Jahren in SGB-II-Bedarfsgemeinschaften",
        "Children under 15 in households receiving basic income support",
        "Nicht erwerbsfähige Leistungsberechtigte unter 15 Jahren je 100 Einwohner:innen unter 15 Jahren.",
        "Non-employable benefit recipients under 15 per 100 residents under 15.",
        "HF08",
        (1,),
        LOWER,
        0.31,
        -0.004,
        "u15",
        0.45,
        land=-0.06,
        bund=-0.17,
    ),
    DemoIndicator(
        "schulanfaenger",
        "Schulanfänger:innen",
        "School starters",
        "Anzahl der eingeschulten Kinder nach Wohnort.",
        "Number of children starting school, by residence.",
        "HF02",
        (3,),
        NEUTRAL,
        0.0,
        0.0,
        "schulanfaenger",
        0.0,
        kind=IndicatorKind.COUNT.value,
        multiplier=1.0,
        unit="Anzahl",
        decimals=0,
    ),
)

# Population shares of the whole population, per denominator group.
POPULATION_SHARES = {
    "population": 1.0,
    "u3": 0.027,
    "age3_6": 0.027,
    "u15": 0.13,
    "schulanfaenger": 0.009,
    "abgaenger": 0.009,
    "klasse4": 0.009,
    "schueler": 0.09,
    "grundschueler": 0.036,
    "foerderbedarf": 0.006,
    "azubis": 0.012,
    "age15_25": 0.085,
    "age10_18": 0.07,
    "adults": 0.84,
    "but_berechtigte": 0.025,
}

# Quarters with a high social index (more need); a placeholder assumption for
# the demo, loosely following the well-known pattern of large housing estates.
HIGH_NEED = {
    "Südliche Neustadt",
    "Nördliche Neustadt",
    "Westliche Neustadt",
    "Silberhöhe",
    "Heide-Nord/Blumenau",
    "Freiimfelde/Kanenaer Weg",
    "Südstadt",
    "Frohe Zukunft",
}
LOW_NEED = {
    "Paulusviertel",
    "Giebichenstein",
    "Kröllwitz",
    "Dölau",
    "Heide-Süd",
    "Altstadt",
    "Am Wasserturm/Thaerviertel",
    "Seeben",
}
TINY = {
    "Industriegebiet Nord",
    "Gewerbegebiet Neustadt",
    "Saaleaue",
    "Mötzlich",
    "Tornau",
    "Planena",
    "Seeben",
    "Diemitz",
}


def _populations(rng: np.random.Generator) -> dict[str, float]:
    sizes = {}
    for code, name, _sb in STADTVIERTEL:
        if name in {"Industriegebiet Nord", "Gewerbegebiet Neustadt", "Saaleaue"}:
            sizes[code] = float(rng.integers(60, 250))
        elif name in TINY:
            sizes[code] = float(rng.integers(700, 1800))
        else:
            sizes[code] = float(rng.integers(3000, 16000))
    return sizes


def _social_index(name: str, rng: np.random.Generator) -> float:
    base = 1.0 if name in HIGH_NEED else (-0.8 if name in LOW_NEED else 0.0)
    return base + float(rng.normal(0, 0.25))


def generate(seed: int = 20240601) -> SourceData:
    rng = np.random.default_rng(seed)
    population = _populations(rng)
    social = {code: _social_index(name, rng) for code, name, _sb in STADTVIERTEL}
    rows = []
    references = []
    for ind in INDICATORS:
        # A stable per-indicator stream (hash() is salted per process).
        indicator_rng = np.random.default_rng([seed, sum(map(ord, ind.id)) * 7919 + len(ind.id)])
        for year in YEARS:
            if year < ind.first_year:
                continue
            t = year - ind.first_year
            shift = ind.series_break[1] if ind.series_break and year >= ind.series_break[0] else 0.0
            for code, _name, _sb in STADTVIERTEL:
                # Gaps: about 2 % of Stadtviertel-years are missing.
                if indicator_rng.random() < 0.02:
                    continue
                growth = 1 + 0.004 * t
                denominator = max(
                    1.0,
                    round(
                        population[code] * POPULATION_SHARES[ind.population] * growth * indicator_rng.uniform(0.9, 1.1)
                    ),
                )
                if ind.kind == IndicatorKind.COUNT.value:
                    numerator = float(denominator)
                    value = numerator
                    den_out = None
                else:
                    share = ind.base + ind.trend * t + shift + ind.social_weight * 0.25 * social[code]
                    share = float(np.clip(share + indicator_rng.normal(0, 0.01), 0.001, 0.999))
                    numerator = float(indicator_rng.binomial(int(denominator), share))
                    value = numerator / denominator * ind.multiplier
                    den_out = float(denominator)
                rows.append(
                    {
                        "indicator_id": ind.id,
                        "area_code": code,
                        "year": year,
                        "value": value,
                        "numerator": numerator,
                        "denominator": den_out,
                        "flag": "provisional" if year == max(YEARS) else None,
                        "footnote": ("Vorläufiger Wert." if year == max(YEARS) else None),
                        "series_break": bool(ind.series_break and year == ind.series_break[0]),
                    }
                )
            if ind.kind != IndicatorKind.COUNT.value and (ind.land or ind.bund):
                share = ind.base + ind.trend * t + shift
                for ref_code, offset in ((LAND_CODE, ind.land), (BUND_CODE, ind.bund)):
                    ref_value = float(np.clip(share + offset, 0.001, 0.999)) * ind.multiplier
                    references.append(
                        {
                            "indicator_id": ind.id,
                            "area_code": ref_code,
                            "year": year,
                            "value": round(ref_value, 2),
                            "numerator": None,
                            "denominator": None,
                            "flag": None,
                            "footnote": None,
                            "series_break": bool(ind.series_break and year == ind.series_break[0]),
                        }
                    )

    values = pd.DataFrame(rows, columns=VALUE_COLUMNS)
    for ind in INDICATORS:
        if ind.series_break:
            mask = (values["indicator_id"] == ind.id) & (values["year"] == ind.series_break[0])
            values.loc[mask, "footnote"] = "Zeitreihenbruch: neues Testverfahren ab diesem Jahr."
    parts = []
    for ind_id, part in values.groupby("indicator_id", sort=False):
        kind = next(i.kind for i in INDICATORS if i.id == ind_id)
        parts.append(flag_small_counts(part, kind=kind, min_count=3))
    values = pd.concat(parts + [pd.DataFrame(references, columns=VALUE_COLUMNS)], ignore_index=True)

    indicators = [
        {
            "id": ind.id,
            "name_de": ind.name_de + LABEL,
            "name_en": ind.name_en + " (demo data)",
            "definition_de": ind.definition_de + " Beispieldaten: erfundene Zahlen, keine Aussage über Halle.",
            "definition_en": ind.definition_en + " Demo data: invented numbers, not about Halle.",
            "unit": ind.unit,
            "decimals": ind.decimals,
            "kind": ind.kind,
            "multiplier": ind.multiplier,
            "source_key": SOURCE.key,
            "source": SOURCE.title,
            "licence": SOURCE.licence,
            "polarity": ind.polarity,
            "handlungsfeld": ind.handlungsfeld,
            "leitlinien": list(ind.leitlinien),
            "target_value": ind.target[0] if ind.target else None,
            "target_year": ind.target[1] if ind.target else None,
            "min_count": 3,
            "spatial_level": "stadtviertel",
            "is_demo": True,
            "last_update": dt.date(2025, 3, 31),
            "sort_key": n,
        }
        for n, ind in enumerate(INDICATORS)
    ]
    areas = [
        {"code": LAND_CODE, "name": "Sachsen-Anhalt (Beispieldaten)", "level": "land", "is_reference": True},
        {"code": BUND_CODE, "name": "Deutschland (Beispieldaten)", "level": "bund", "is_reference": True},
    ]
    return SourceData(source=SOURCE, indicators=indicators, areas=areas, values=values)


def load(options: dict, shared_dir) -> SourceData:  # noqa: ARG001 - uniform loader signature
    return generate(int(options.get("seed", 20240601)))
