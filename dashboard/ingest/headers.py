"""Column headers in German or English, mapped to the fields of the import.

Headers are compared after normalising case, umlauts, ß, spaces, hyphens and
underscores, so ``Fußnote``, ``fussnote`` and ``FUSS-NOTE`` are the same.
"""

from __future__ import annotations

import re
import unicodedata

#: field -> accepted headers (normalised with ``normalise_header``).
VALUE_HEADERS: dict[str, tuple[str, ...]] = {
    "indicator": ("indikator", "indicator", "indikatorid", "indicatorid", "kennzahl", "indikatorkennung"),
    "area": (
        "gebiet",
        "area",
        "gebietscode",
        "areacode",
        "stadtviertel",
        "stadtteil",
        "stadtbezirk",
        "ortsteil",
        "raumeinheit",
        "gebietsnummer",
        "stadtteilnr",
        "district",
    ),
    "area_name": ("gebietsname", "areaname", "name", "stadtteilname", "stadtviertelname", "bezeichnung"),
    "year": ("jahr", "year", "berichtsjahr", "stichtag"),
    "value": ("wert", "value"),
    "numerator": ("zaehler", "numerator"),
    "denominator": ("nenner", "denominator"),
    "flag": ("kennzeichen", "flag", "zeichen", "symbol"),
    "footnote": ("fussnote", "footnote", "anmerkung", "note", "hinweis"),
    "series_break": ("zeitreihenbruch", "seriesbreak", "bruch"),
    # Wide format only: which quantity a row holds (Wert, Zähler or Nenner).
    "measure": ("groesse", "measure", "merkmal", "art"),
}

#: Catalogue fields -> accepted headers.
CATALOGUE_HEADERS: dict[str, tuple[str, ...]] = {
    "id": ("id", "kennung", "indikator", "indicator", "indikatorid", "indicatorid"),
    "name_de": ("name", "namede", "bezeichnung", "titel"),
    "name_en": ("nameen", "englischername", "englishname"),
    "definition_de": ("definition", "definitionde", "beschreibung"),
    "definition_en": ("definitionen", "englischedefinition"),
    "unit": ("einheit", "unit"),
    "decimals": ("nachkommastellen", "decimals", "dezimalstellen"),
    "kind": ("art", "kind", "typ", "type"),
    "multiplier": ("faktor", "multiplier", "multiplikator"),
    "source": ("quelle", "source"),
    "licence": ("lizenz", "licence", "license"),
    "source_url": ("quellenurl", "sourceurl", "url", "link"),
    "polarity": ("polaritaet", "polarity", "richtung", "bewertung"),
    "handlungsfeld": ("handlungsfeld", "fieldofaction"),
    "leitlinien": ("leitlinien", "leitlinie", "guidingprinciples"),
    "target_value": ("zielwert", "targetvalue", "target"),
    "target_year": ("zieljahr", "targetyear"),
    "min_count": ("mindestfallzahl", "mincount", "minimumcount", "schwellenwert"),
    "spatial_level": ("ebene", "spatiallevel", "level", "raumebene"),
    "is_demo": ("beispieldaten", "isdemo", "demo"),
    "last_update": ("stand", "lastupdate", "aktualisiert"),
}

#: German labels of the fields, used in messages and on export.
FIELD_LABELS = {
    "indicator": "Indikator",
    "area": "Gebiet",
    "area_name": "Gebietsname",
    "year": "Jahr",
    "value": "Wert",
    "numerator": "Zähler",
    "denominator": "Nenner",
    "flag": "Kennzeichen",
    "footnote": "Fußnote",
    "series_break": "Zeitreihenbruch",
    "measure": "Größe",
}

_YEAR = re.compile(r"^(?:(?:jahr|year|wert|value)\s*)?((?:19|20)\d\d)(?:\.0)?$")


def normalise_header(text) -> str:
    """Lower case, umlauts as ae/oe/ue, ß as ss, accents and separators removed."""
    value = str(text if text is not None else "").strip().lower()
    for umlaut, ascii_ in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        value = value.replace(umlaut, ascii_)
    value = unicodedata.normalize("NFKD", value)
    value = "".join(ch for ch in value if not unicodedata.combining(ch))
    return re.sub(r"[\s_\-./:()]+", "", value)


def year_of_header(text) -> int | None:
    """The year of a wide-format column header (``2019``, ``Jahr 2019``, 2019.0), else None."""
    if isinstance(text, int | float) and not isinstance(text, bool) and float(text).is_integer():
        text = str(int(text))
    match = _YEAR.match(str(text or "").strip().lower())
    return int(match.group(1)) if match else None


def map_headers(header: list, aliases: dict[str, tuple[str, ...]]) -> tuple[dict[str, int], list[int]]:
    """(field -> column index, indexes of unmapped columns); the first match of a field wins."""
    lookup = {alias: name for name, names in aliases.items() for alias in names}
    found: dict[str, int] = {}
    unmapped = []
    for index, text in enumerate(header):
        name = lookup.get(normalise_header(text))
        if name and name not in found:
            found[name] = index
        else:
            unmapped.append(index)
    return found, unmapped
