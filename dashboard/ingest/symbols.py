"""Official-statistics symbols and number cells (German or English notation).

The symbols of the amtliche Statistik are read as flags, never as numbers:

====== ============ ==========================================
Symbol Flag         Meaning
====== ============ ==========================================
``.``  secret       Zahlenwert unbekannt oder geheim zu halten
``-``  nothing      nichts vorhanden (genau null)
``x``  blocked      Tabellenfach gesperrt, Aussage nicht sinnvoll
``/``  unreliable   keine Angabe, Zahlenwert nicht sicher genug
``...`` later       Angabe fällt später an
====== ============ ==========================================
"""

from __future__ import annotations

import math
import re

from ..models import Flag

SYMBOLS: dict[str, str] = {
    ".": Flag.SECRET.value,
    "-": Flag.NOTHING.value,
    "–": Flag.NOTHING.value,  # en dash, as Excel's autocorrect writes it
    "x": Flag.BLOCKED.value,
    "X": Flag.BLOCKED.value,
    "/": Flag.UNRELIABLE.value,
    "...": Flag.LATER.value,
    "…": Flag.LATER.value,
}
#: Flags that may stand in the flag column (German or English word, or the symbol).
FLAG_WORDS: dict[str, str] = {
    **{s: f for s, f in SYMBOLS.items()},
    **{f.value: f.value for f in Flag},
    "vorläufig": Flag.PROVISIONAL.value,
    "vorlaeufig": Flag.PROVISIONAL.value,
    "p": Flag.PROVISIONAL.value,
    "geschätzt": Flag.ESTIMATED.value,
    "geschaetzt": Flag.ESTIMATED.value,
    "e": Flag.ESTIMATED.value,
    "geheim": Flag.SECRET.value,
    "gesperrt": Flag.BLOCKED.value,
    "unsicher": Flag.UNRELIABLE.value,
    "später": Flag.LATER.value,
    "gesperrt (datenschutz)": Flag.SUPPRESSED.value,
    "datenschutz": Flag.SUPPRESSED.value,
}
#: The symbol written back on export for a flag without a value.
SYMBOL_OF_FLAG = {
    Flag.SECRET.value: ".",
    Flag.NOTHING.value: "-",
    Flag.BLOCKED.value: "x",
    Flag.UNRELIABLE.value: "/",
    Flag.LATER.value: "...",
}

_COMMA_DECIMAL = re.compile(r"^[+-]?(\d{1,3}(\.\d{3})+|\d+),\d+$")
_COMMA_THOUSANDS_INT = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+$")
_POINT_DECIMAL = re.compile(r"^[+-]?\d+\.\d+$")
_POINT_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN = re.compile(r"^[+-]?\d+$")
_SCIENTIFIC = re.compile(r"^[+-]?\d+(\.\d+)?[eE][+-]?\d+$")


class NotANumber(ValueError):
    """A cell that is neither a number in the file's notation nor an official symbol."""


def guess_decimal(cells) -> str:
    """``","`` when any text cell is written with a decimal comma (12,5 or 1.234,5), else ``"."``."""
    for cell in cells:
        if isinstance(cell, str) and _COMMA_DECIMAL.match(cell.strip()):
            return ","
    return "."


def clean_text(cell) -> str:
    return str(cell).replace("\u00a0", " ").replace("\u202f", " ").strip()


def is_blank(cell) -> bool:
    if cell is None:
        return True
    kind = type(cell)
    if kind is int:
        return False
    if kind is float:
        return math.isnan(cell)
    return isinstance(cell, str) and not clean_text(cell)


def parse_number(cell, decimal: str = ".") -> float | None:
    """A number from a cell; None for an empty cell. Raises NotANumber with a German reason."""
    kind = type(cell)
    if kind is int:
        return float(cell)
    if kind is float:
        return None if math.isnan(cell) else cell
    if is_blank(cell):
        return None
    if isinstance(cell, bool):
        raise NotANumber(f"„{cell}“ ist keine Zahl.")
    if isinstance(cell, int | float):
        return float(cell)
    text = clean_text(cell).replace(" ", "")
    if _PLAIN.match(text) or _SCIENTIFIC.match(text):
        return float(text)
    if decimal == ",":
        if _COMMA_DECIMAL.match(text) or _COMMA_THOUSANDS_INT.match(text):
            return float(text.replace(".", "").replace(",", "."))
        if _POINT_DECIMAL.match(text):
            raise NotANumber(
                f"„{clean_text(cell)}“ passt nicht zur Schreibweise der Datei: sie verwendet das Dezimalkomma (z. B. 12,5)."
            )
    else:
        if _POINT_DECIMAL.match(text):
            return float(text)
        if _POINT_THOUSANDS.match(text):
            return float(text.replace(",", ""))
    raise NotANumber(
        f"„{clean_text(cell)}“ ist keine Zahl. Erlaubt sind Zahlen (z. B. 12,5) und die Zeichen der amtlichen "
        "Statistik . - x / ..."
    )


def parse_cell(cell, decimal: str = ".") -> tuple[float | None, str | None]:
    """(number, flag) of a value cell: a number, an official symbol, or empty."""
    if cell is None:
        return None, None
    if isinstance(cell, str):
        text = clean_text(cell)
        if text in SYMBOLS:
            flag = SYMBOLS[text]
            # "-" means exactly nothing: the value is a known zero.
            return (0.0 if flag == Flag.NOTHING.value else None), flag
    return parse_number(cell, decimal), None


def parse_flag(cell) -> str | None:
    """The flag column: a symbol, a German or English word. Raises NotANumber-like ValueError."""
    if is_blank(cell):
        return None
    text = clean_text(cell)
    flag = FLAG_WORDS.get(text) or FLAG_WORDS.get(text.lower())
    if flag is None:
        allowed = "vorläufig, geschätzt, . - x / ..."
        raise ValueError(f"Unbekanntes Kennzeichen „{text}“. Erlaubt: {allowed}")
    return flag
