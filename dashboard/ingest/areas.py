"""Matching areas by code or name, forgiving case, umlauts and spacing.

``Nördliche Neustadt``, ``noerdliche neustadt`` and ``NÖRDLICHE-NEUSTADT`` are
the same area. An unknown area gets the closest known names as suggestions.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass


def normalise_name(text) -> str:
    value = str(text if text is not None else "").strip().lower()
    for umlaut, ascii_ in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        value = value.replace(umlaut, ascii_)
    value = unicodedata.normalize("NFKD", value)
    value = "".join(ch for ch in value if not unicodedata.combining(ch))
    value = re.sub(r"[-_./,()']+", " ", value)
    return re.sub(r"\s+", " ", value).strip()


def code_text(cell) -> str:
    """An area code from a cell: Excel's 1.0 becomes '1'."""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


#: Words that mean "the whole city" in statistical tables.
CITY_WORDS = {"gesamt", "insgesamt", "stadt gesamt", "stadt insgesamt", "gesamtstadt", "total", "city"}


@dataclass(frozen=True)
class KnownArea:
    code: str
    name: str
    level: str


class AreaMatcher:
    """Finds a known area for a cell; suggests the closest names for an unknown one."""

    def __init__(self, areas: list[KnownArea]):
        self.areas = {a.code: a for a in areas}
        self._by_code_ci = {a.code.lower(): a for a in areas}
        self._by_name: dict[str, KnownArea] = {}
        for area in areas:
            self._by_name.setdefault(normalise_name(area.name), area)
        # Codes written without their leading zeros ("1" for "01").
        self._by_number: dict[int, KnownArea] = {}
        for area in areas:
            if area.code.isdigit():
                self._by_number.setdefault(int(area.code), area)
        self._cache: dict = {}

    def match(self, cell) -> KnownArea | None:
        if cell is None:
            return None
        key = cell if isinstance(cell, str | int | float) else str(cell)
        if key in self._cache:
            return self._cache[key]
        found = self._match(cell)
        self._cache[key] = found
        return found

    def _match(self, cell) -> KnownArea | None:
        text = code_text(cell)
        if not text:
            return None
        if text in self.areas:
            return self.areas[text]
        if text.lower() in self._by_code_ci:
            return self._by_code_ci[text.lower()]
        if text.isdigit() and int(text) in self._by_number:
            return self._by_number[int(text)]
        name = normalise_name(text)
        if name in self._by_name:
            return self._by_name[name]
        # "Magdeburg (Stadt gesamt)": the part before the brackets, or the city for "gesamt".
        if "(" in text:
            inner = normalise_name(text[text.index("(") + 1 :].rstrip(")"))
            outer = normalise_name(text[: text.index("(")])
            if outer in self._by_name and (inner in CITY_WORDS or self._by_name[outer].level != "stadt"):
                return self._by_name[outer]
        if name in CITY_WORDS:
            return next((a for a in self.areas.values() if a.level == "stadt"), None)
        return None

    def suggestions(self, cell, n: int = 3) -> list[str]:
        """The closest known area names (by normalised spelling), best first."""
        wanted = normalise_name(cell)
        names = {normalise_name(a.name): a.name for a in self.areas.values()}
        close = difflib.get_close_matches(wanted, list(names), n=n, cutoff=0.6)
        if not close:
            # A part of a name ("Neustadt") still points somewhere useful.
            close = [key for key in names if wanted and (wanted in key or key in wanted)][:n]
        return [names[key] for key in close]
