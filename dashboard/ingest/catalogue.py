"""The indicator catalogue as its own table: one row per indicator.

Columns (German or English headers, see ``headers.CATALOGUE_HEADERS``): ``ID``,
``Name``, ``Name (en)``, ``Definition``, ``Definition (en)``, ``Einheit``,
``Nachkommastellen``, ``Art`` (Anteil/rate, Anzahl/count, Mittelwert/mean,
Index/index), ``Faktor``, ``Quelle``, ``Lizenz``, ``Quellen-URL``, ``Polarität``
(höher ist besser/higher_better, niedriger ist besser/lower_better, neutral),
``Handlungsfeld`` (code), ``Leitlinien`` (numbers: ``1, 3``), ``Zielwert``,
``Zieljahr``, ``Mindestfallzahl``, ``Ebene``, ``Beispieldaten`` (ja/nein), ``Stand``.
"""

from __future__ import annotations

import datetime as dt
import re

from ..models import IndicatorKind, Polarity
from .headers import CATALOGUE_HEADERS, map_headers, normalise_header
from .report import Report
from .symbols import NotANumber, clean_text, is_blank, parse_number
from .tables import RawTable

KINDS = {
    "anteil": "rate",
    "quote": "rate",
    "rate": "rate",
    "anzahl": "count",
    "count": "count",
    "mittelwert": "mean",
    "durchschnitt": "mean",
    "mean": "mean",
    "index": "index",
}
POLARITIES = {
    "hoeheristbesser": "higher_better",
    "higherbetter": "higher_better",
    "niedrigeristbesser": "lower_better",
    "lowerbetter": "lower_better",
    "neutral": "neutral",
}
LABELS = {
    "id": "ID",
    "name_de": "Name",
    "name_en": "Name (en)",
    "definition_de": "Definition",
    "definition_en": "Definition (en)",
    "unit": "Einheit",
    "decimals": "Nachkommastellen",
    "kind": "Art",
    "multiplier": "Faktor",
    "source": "Quelle",
    "licence": "Lizenz",
    "source_url": "Quellen-URL",
    "polarity": "Polarität",
    "handlungsfeld": "Handlungsfeld",
    "leitlinien": "Leitlinien",
    "target_value": "Zielwert",
    "target_year": "Zieljahr",
    "min_count": "Mindestfallzahl",
    "spatial_level": "Ebene",
    "is_demo": "Beispieldaten",
    "last_update": "Stand",
}
_ID = re.compile(r"^[A-Za-z0-9_.\-]{1,80}$")


def defaults_for_new(spec: dict) -> dict:
    """A new indicator's defaults for columns the file leaves out (an update keeps stored values)."""
    out = {"kind": IndicatorKind.RATE.value, "polarity": Polarity.NEUTRAL.value, **spec}
    out.setdefault("multiplier", 1.0 if out["kind"] == IndicatorKind.COUNT.value else 100.0)
    return out


def read_catalogue(
    table: RawTable, report: Report, *, handlungsfelder: set[str], leitlinien: set[int], levels: set[str]
) -> list[dict]:
    """Indicator dicts (columns of ``models.Indicator`` plus leitlinien and handlungsfeld)."""
    fields, unmapped = map_headers(table.header, CATALOGUE_HEADERS)
    for name in ("id", "name_de"):
        if name not in fields:
            report.error(f"Die Spalte „{LABELS[name]}“ fehlt (Indikatorenkatalog).", sheet=table.sheet, row=1)
    for index in unmapped:
        if not is_blank(table.header[index]):
            report.warning(
                f"Die Spalte „{table.header[index]}“ ist unbekannt und wird nicht gelesen.",
                sheet=table.sheet,
                row=1,
                column=str(table.header[index]),
            )
    if not report.ok:
        return []
    columns = {name: str(table.header[i]) for name, i in fields.items()}
    out, seen = [], {}
    for row_number, cells in table.rows:
        raw = {name: cells[i] for name, i in fields.items()}

        def err(message, name, _row=row_number):
            report.error(message, sheet=table.sheet, row=_row, column=columns.get(name))

        spec: dict = {}
        ident = clean_text(raw["id"]) if not is_blank(raw["id"]) else ""
        if not _ID.match(ident):
            err(f"„{ident}“ ist keine gültige ID (Buchstaben, Ziffern, _ . -; höchstens 80 Zeichen).", "id")
            continue
        if ident in seen:
            err(f"Doppelte ID „{ident}“: steht schon in Zeile {seen[ident]}.", "id")
            continue
        seen[ident] = row_number
        spec["id"] = ident
        if is_blank(raw.get("name_de")):
            err("Der Name fehlt.", "name_de")
        for name in ("name_de", "name_en", "definition_de", "definition_en", "unit", "source", "licence", "source_url"):
            if name in raw:
                spec[name] = "" if is_blank(raw[name]) else clean_text(raw[name])
        if "kind" in raw and not is_blank(raw["kind"]):
            kind = KINDS.get(normalise_header(raw["kind"]))
            if kind is None:
                err(
                    f"Unbekannte Art „{raw['kind']}“. Erlaubt: Anteil (rate), Anzahl (count), Mittelwert (mean), Index.",
                    "kind",
                )
            spec["kind"] = kind
        if "polarity" in raw and not is_blank(raw["polarity"]):
            polarity = POLARITIES.get(normalise_header(raw["polarity"]))
            if polarity is None:
                err(
                    f"Unbekannte Polarität „{raw['polarity']}“. Erlaubt: höher ist besser, niedriger ist besser, neutral.",
                    "polarity",
                )
            spec["polarity"] = polarity
        for name, integer in (
            ("decimals", True),
            ("multiplier", False),
            ("target_value", False),
            ("target_year", True),
            ("min_count", True),
        ):
            if name not in raw or is_blank(raw[name]):
                continue
            try:
                number = parse_number(raw[name], table.decimal)
            except NotANumber as exc:
                err(str(exc), name)
                continue
            if integer and not float(number).is_integer():
                err(f"„{clean_text(raw[name])}“ ist keine ganze Zahl.", name)
                continue
            if name in ("decimals", "min_count") and number < 0:
                err(f"{LABELS[name]} muss ≥ 0 sein, nicht {clean_text(raw[name])}.", name)
                continue
            spec[name] = int(number) if integer else number
        if "handlungsfeld" in raw and not is_blank(raw["handlungsfeld"]):
            code = clean_text(raw["handlungsfeld"])
            if code not in handlungsfelder:
                err(
                    f"Unbekanntes Handlungsfeld „{code}“. Bekannt: {', '.join(sorted(handlungsfelder))}.",
                    "handlungsfeld",
                )
            spec["handlungsfeld"] = code
        if "leitlinien" in raw and not is_blank(raw["leitlinien"]):
            numbers = []
            for part in re.split(r"[,;\s]+", clean_text(raw["leitlinien"]).replace(".0", "")):
                if not part:
                    continue
                if not part.isdigit() or int(part) not in leitlinien:
                    err(
                        f"Unbekannte Leitlinie „{part}“. Bekannt: {', '.join(map(str, sorted(leitlinien)))}.",
                        "leitlinien",
                    )
                    continue
                numbers.append(int(part))
            spec["leitlinien"] = numbers
        if "spatial_level" in raw and not is_blank(raw["spatial_level"]):
            level = clean_text(raw["spatial_level"]).lower()
            if level not in levels:
                err(f"Unbekannte Ebene „{level}“. Bekannt: {', '.join(sorted(levels))}.", "spatial_level")
            spec["spatial_level"] = level
        if "is_demo" in raw:
            spec["is_demo"] = (not is_blank(raw["is_demo"])) and clean_text(raw["is_demo"]).lower() in {
                "1",
                "ja",
                "yes",
                "true",
                "wahr",
                "x",
            }
        if "last_update" in raw and not is_blank(raw["last_update"]):
            value = raw["last_update"]
            if isinstance(value, dt.datetime):
                spec["last_update"] = value.date()
            elif isinstance(value, dt.date):
                spec["last_update"] = value
            else:
                text = clean_text(value)
                try:
                    spec["last_update"] = (
                        dt.datetime.strptime(text, "%d.%m.%Y").date() if "." in text else dt.date.fromisoformat(text)
                    )
                except ValueError:
                    err(f"„{text}“ ist kein Datum (erwartet TT.MM.JJJJ oder JJJJ-MM-TT).", "last_update")
        out.append(spec)
    return out
