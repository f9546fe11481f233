"""Sentences generated from the data (Faktencheck). Pure: numbers in, text out.

The wording follows the numbers and the indicator's polarity and is never
typed by hand::

    >>> trend_sentence(
    ...     name="Anteil ohne Abschluss", unit="%", decimals=1, polarity="lower_better",
    ...     start=Point(2019, 7.9), end=Point(2024, 9.1),
    ...     references=[Reference("ST-KREISE-MEDIAN", 8.2)],
    ... )
    'Der Wert für Anteil ohne Abschluss hat sich seit 2019 verschlechtert: Er ist von 7,9 % auf 9,1 % (2024) gestiegen. Er liegt über dem Median der Kreise Sachsen-Anhalts (8,2 %).'

**Unchanged** means: the difference is at most ``rel_tolerance`` (default 2 %)
of the earlier value, or both values look the same when rounded for display.
The same tolerance decides "gleichauf" in the comparison with a reference.
"Verbessert/verschlechtert" is only said when the polarity is not neutral.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..formatting import format_number, format_value

REL_TOLERANCE = 0.02

#: How each reference area is named in a sentence (dative, after "über dem").
#: The Kreis medians are medians, never a "Landeswert".
REFERENCE_PHRASES: dict[str, dict[str, str]] = {
    "ST-KREISE-MEDIAN": {
        "de": "dem Median der Kreise Sachsen-Anhalts",
        "en": "the median of the districts (Kreise) of Saxony-Anhalt",
    },
    "DE-KREISE-MEDIAN": {
        "de": "dem Median der Kreise Deutschlands",
        "en": "the median of the districts (Kreise) of Germany",
    },
    "LAND-ST": {
        "de": "dem Wert für Sachsen-Anhalt (Beispieldaten)",
        "en": "the value for Saxony-Anhalt (demo data)",
    },
    "BUND-DE": {
        "de": "dem Wert für Deutschland (Beispieldaten)",
        "en": "the value for Germany (demo data)",
    },
}


@dataclass(frozen=True)
class Point:
    """One value in one year. ``value`` is None when missing or suppressed."""

    year: int
    value: float | None
    suppressed: bool = False

    @property
    def known(self) -> bool:
        return self.value is not None and not self.suppressed and not math.isnan(self.value)


@dataclass(frozen=True)
class Reference:
    """A comparison value (same year as the city's value) of a reference area."""

    code: str
    value: float | None
    label_de: str = ""  # used when the code has no phrase in REFERENCE_PHRASES
    label_en: str = ""

    def phrase(self, lang: str) -> str:
        known = REFERENCE_PHRASES.get(self.code)
        if known:
            return known["en" if lang == "en" else "de"]
        label = (self.label_en or self.label_de) if lang == "en" else self.label_de
        return f"the value for {label}" if lang == "en" else f"dem Wert für {label}"


def direction(start: float, end: float, *, decimals: int = 1, rel_tolerance: float = REL_TOLERANCE) -> str:
    """'up', 'down' or 'same' (within the tolerance, see the module docstring)."""
    if format_number(start, decimals) == format_number(end, decimals):
        return "same"
    if abs(end - start) <= rel_tolerance * abs(start):
        return "same"
    return "up" if end > start else "down"


def judgement(move: str, polarity: str) -> str | None:
    """'better', 'worse' or None (neutral polarity or no change)."""
    if move == "same" or polarity not in ("higher_better", "lower_better"):
        return None
    return "better" if (move == "up") == (polarity == "higher_better") else "worse"


_TREND = {
    "de": {
        "up": "gestiegen",
        "down": "gesunken",
        "better": "verbessert",
        "worse": "verschlechtert",
        "judged": "Der Wert für {name} hat sich seit {y0} {judgement}: Er ist von {v0} auf {v1} ({y1}) {move}.",
        "plain": "Der Wert für {name} ist seit {y0} von {v0} auf {v1} ({y1}) {move}.",
        "same": "Der Wert für {name} ist seit {y0} nahezu unverändert: {v0} ({y0}), {v1} ({y1}).",
        "only_end": "Der Wert für {name} liegt {y1} bei {v1}.",
        "start_missing": "Für {y0} liegt kein Vergleichswert vor.",
        "start_suppressed": "Der Wert für {y0} wird aus Datenschutzgründen (kleine Fallzahl) nicht veröffentlicht.",
        "end_missing": "Für {name} liegt für {y1} kein Wert vor.",
        "end_suppressed": "Der Wert für {name} {y1} wird aus Datenschutzgründen (kleine Fallzahl) nicht veröffentlicht.",
        "above": "über {ref} ({value})",
        "below": "unter {ref} ({value})",
        "level": "gleichauf mit {ref} ({value})",
        "compare": "Er liegt {parts}.",
        "and": " und ",
    },
    "en": {
        "up": "rose",
        "down": "fell",
        "better": "improved",
        "worse": "worsened",
        "judged": "{name} has {judgement} since {y0}: it {move} from {v0} to {v1} ({y1}).",
        "plain": "{name} {move} from {v0} in {y0} to {v1} in {y1}.",
        "same": "{name} has remained almost unchanged since {y0}: {v0} ({y0}), {v1} ({y1}).",
        "only_end": "{name} is {v1} in {y1}.",
        "start_missing": "There is no value for {y0} to compare with.",
        "start_suppressed": "The value for {y0} is not published to protect privacy (small count).",
        "end_missing": "There is no value for {name} in {y1}.",
        "end_suppressed": "The value of {name} for {y1} is not published to protect privacy (small count).",
        "above": "above {ref} ({value})",
        "below": "below {ref} ({value})",
        "level": "level with {ref} ({value})",
        "compare": "It is {parts}.",
        "and": " and ",
    },
}


def trend_sentence(
    *,
    name: str,
    unit: str,
    decimals: int,
    polarity: str,
    start: Point | None,
    end: Point,
    references: list[Reference] | tuple[Reference, ...] = (),
    lang: str = "de",
    rel_tolerance: float = REL_TOLERANCE,
) -> str:
    """One or two sentences on the change since ``start`` and the comparison with references.

    Args:
        name: the indicator's name in ``lang``.
        unit, decimals: for formatting the numbers ("9,1 %").
        polarity: higher_better, lower_better or neutral.
        start: the earlier value (e.g. five years before); None when there is none.
        end: the latest value.
        references: comparison values for the same year as ``end``; missing ones are left out.
        lang: "de" or "en".
    """
    words = _TREND["en" if lang == "en" else "de"]

    def fmt(value: float) -> str:
        return format_value(value, decimals, unit, lang)

    if not end.known:
        key = "end_suppressed" if end.suppressed else "end_missing"
        return words[key].format(name=name, y1=end.year)

    sentences = []
    v1 = fmt(end.value)
    if start is not None and start.known:
        move = direction(start.value, end.value, decimals=decimals, rel_tolerance=rel_tolerance)
        verdict = judgement(move, polarity)
        fields = {"name": name, "y0": start.year, "y1": end.year, "v0": fmt(start.value), "v1": v1}
        if move == "same":
            sentences.append(words["same"].format(**fields))
        elif verdict:
            sentences.append(words["judged"].format(judgement=words[verdict], move=words[move], **fields))
        else:
            sentences.append(words["plain"].format(move=words[move], **fields))
    else:
        sentences.append(words["only_end"].format(name=name, y1=end.year, v1=v1))
        if start is not None:
            sentences.append(words["start_suppressed" if start.suppressed else "start_missing"].format(y0=start.year))

    parts = []
    for ref in references:
        if ref.value is None or math.isnan(ref.value):
            continue
        position = direction(ref.value, end.value, decimals=decimals, rel_tolerance=rel_tolerance)
        key = {"up": "above", "down": "below", "same": "level"}[position]
        parts.append(words[key].format(ref=ref.phrase(lang), value=fmt(ref.value)))
    if parts:
        sentences.append(words["compare"].format(parts=words["and"].join(parts)))
    text = " ".join(sentences)
    return text[0].upper() + text[1:]
