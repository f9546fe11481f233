"""Colour classes for maps: class breaks and colour-blind-safe palettes.

Pure functions, no I/O. Used by the indicator explorer, presentation slides
and the printable Faktencheck, so the signatures are kept stable.

Colours follow the indicator's polarity so that "better" always reads the
same way: the darkest blue is always the best class, whether higher or lower
values are better. Neutral indicators use a purple ramp (darker = higher), so
nobody reads a judgement into them. The diverging palette centres on a
reference value (usually the city value): blue is better than the city,
orange/red worse (ColorBrewer RdBu, safe for the common colour-vision
deficiencies); neutral indicators diverge purple–orange (PuOr).

Example:
    >>> classes = classify([1, 2, 3, 4, 5, 6, 7], method="equal", n_classes=3, polarity="higher_better")
    >>> classes.breaks
    (1.0, 3.0, 5.0, 7.0)
    >>> classes.index_of(5.5)
    2
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

METHODS = ("quantile", "equal", "manual")
PALETTES = ("sequential", "diverging")

#: Colour of areas without a value (no data, suppressed, not applicable).
NO_DATA_COLOR = "#c9c9c9"

# ColorBrewer (Cynthia Brewer, Apache-2.0 style licence): all marked colour-blind safe.
_BLUES = {
    2: ["#deebf7", "#3182bd"],
    3: ["#deebf7", "#9ecae1", "#3182bd"],
    4: ["#eff3ff", "#bdd7e7", "#6baed6", "#2171b5"],
    5: ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"],
    6: ["#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"],
    7: ["#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#084594"],
}
_PURPLES = {
    2: ["#efedf5", "#756bb1"],
    3: ["#efedf5", "#bcbddc", "#756bb1"],
    4: ["#f2f0f7", "#cbc9e2", "#9e9ac8", "#6a51a3"],
    5: ["#f2f0f7", "#cbc9e2", "#9e9ac8", "#756bb1", "#54278f"],
    6: ["#f2f0f7", "#dadaeb", "#bcbddc", "#9e9ac8", "#756bb1", "#54278f"],
    7: ["#f2f0f7", "#dadaeb", "#bcbddc", "#9e9ac8", "#807dba", "#6a51a3", "#4a1486"],
}
# Diverging, worse (red) -> better (blue).
_RDBU = {
    2: ["#ef8a62", "#67a9cf"],
    3: ["#ef8a62", "#f7f7f7", "#67a9cf"],
    4: ["#ca0020", "#f4a582", "#92c5de", "#0571b0"],
    5: ["#ca0020", "#f4a582", "#f7f7f7", "#92c5de", "#0571b0"],
    6: ["#b2182b", "#ef8a62", "#fddbc7", "#d1e5f0", "#67a9cf", "#2166ac"],
    7: ["#b2182b", "#ef8a62", "#fddbc7", "#f7f7f7", "#d1e5f0", "#67a9cf", "#2166ac"],
}
# Diverging for neutral indicators, low (orange) -> high (purple).
_PUOR = {
    2: ["#f1a340", "#998ec3"],
    3: ["#f1a340", "#f7f7f7", "#998ec3"],
    4: ["#e66101", "#fdb863", "#b2abd2", "#5e3c99"],
    5: ["#e66101", "#fdb863", "#f7f7f7", "#b2abd2", "#5e3c99"],
    6: ["#b35806", "#f1a340", "#fee0b6", "#d8daeb", "#998ec3", "#542788"],
    7: ["#b35806", "#f1a340", "#fee0b6", "#f7f7f7", "#d8daeb", "#998ec3", "#542788"],
}
MIN_CLASSES, MAX_CLASSES = 2, 7


def _clean(values: Iterable) -> np.ndarray:
    arr = np.asarray([v for v in values if v is not None], dtype=float)
    return arr[np.isfinite(arr)]


def _clamp_classes(n_classes: int) -> int:
    return int(min(MAX_CLASSES, max(MIN_CLASSES, n_classes)))


def class_breaks(
    values: Iterable[float | None],
    *,
    method: str = "quantile",
    n_classes: int = 5,
    manual: Sequence[float] | None = None,
) -> list[float]:
    """Class edges, ascending, first = minimum and last = maximum of the values.

    Args:
        values: the values to classify; None/NaN are ignored.
        method: "quantile" (equal counts), "equal" (equal widths) or "manual".
        n_classes: wanted number of classes (2–7); quantiles may give fewer
            where values repeat.
        manual: inner breaks for method "manual" (e.g. [10, 20, 30]); the data
            minimum and maximum are added around them when they lie outside.

    Returns:
        ``k + 1`` edges for ``k`` classes; ``[]`` without values, ``[v, v]``
        when all values are equal.
    """
    if method not in METHODS:
        raise ValueError(f"Unbekannte Klassifizierung {method!r}; erlaubt: {', '.join(METHODS)}")
    arr = _clean(values)
    if arr.size == 0:
        return []
    lo, hi = float(arr.min()), float(arr.max())
    if lo == hi:
        return [lo, hi]
    n = _clamp_classes(n_classes)
    if method == "manual":
        inner = sorted({float(b) for b in (manual or []) if b is not None and math.isfinite(float(b))})
        inner = [b for b in inner if lo < b < hi]
        return [lo, *inner, hi]
    if method == "equal":
        return [float(b) for b in np.linspace(lo, hi, n + 1)]
    edges = [float(b) for b in np.quantile(arr, np.linspace(0, 1, n + 1))]
    unique = [edges[0]]
    for edge in edges[1:]:
        if edge > unique[-1]:
            unique.append(edge)
    return unique


def diverging_breaks(values: Iterable[float | None], *, center: float, n_classes: int = 5) -> list[float]:
    """Symmetric edges around ``center`` (the city value); the middle class holds it.

    An odd number of classes keeps one class "about like the city". The span is
    the largest distance of any value from the centre.
    """
    arr = _clean(values)
    if arr.size == 0 or center is None or not math.isfinite(center):
        return []
    span = float(np.abs(arr - center).max())
    if span == 0:
        return [center, center]
    n = _clamp_classes(n_classes)
    return [float(b) for b in np.linspace(center - span, center + span, n + 1)]


def palette(n_classes: int, *, polarity: str, diverging: bool = False) -> list[str]:
    """Colours from the lowest to the highest value class.

    Args:
        n_classes: number of classes (1–7).
        polarity: "higher_better", "lower_better" or "neutral".
        diverging: a two-sided palette (use with ``diverging_breaks``).

    For "lower_better" the ramp is reversed, so the best class (lowest values)
    gets the darkest blue; better is always the same colour.
    """
    if n_classes <= 0:
        return []
    if n_classes == 1:
        return ["#6baed6" if polarity != "neutral" else "#9e9ac8"]
    n = _clamp_classes(n_classes)
    if polarity == "neutral":
        colours = list((_PUOR if diverging else _PURPLES)[n])
    else:
        colours = list((_RDBU if diverging else _BLUES)[n])
        if polarity == "lower_better":
            colours.reverse()
    return colours


@dataclass(frozen=True)
class Classes:
    """Result of ``classify``: edges, one colour per class, and the method used."""

    breaks: tuple[float, ...]
    colors: tuple[str, ...]
    method: str
    polarity: str
    diverging: bool = False
    center: float | None = None

    @property
    def n(self) -> int:
        return len(self.colors)

    def index_of(self, value: float | None) -> int | None:
        """Class index of a value (edges belong to the upper class, the maximum to the last)."""
        if value is None or not self.breaks or (isinstance(value, float) and math.isnan(value)):
            return None
        if self.n == 1:
            return 0
        inner = self.breaks[1:-1]
        return int(min(self.n - 1, max(0, np.searchsorted(inner, value, side="right"))))

    def color_of(self, value: float | None) -> str:
        index = self.index_of(value)
        return NO_DATA_COLOR if index is None else self.colors[index]

    def labels(self, fmt=lambda v: f"{v:g}") -> list[str]:
        """'a – b' per class, with ``fmt`` formatting each edge (e.g. German numbers)."""
        if self.n == 1:
            return [fmt(self.breaks[0])] if self.breaks else []
        return [f"{fmt(lo)} – {fmt(hi)}" for lo, hi in zip(self.breaks[:-1], self.breaks[1:], strict=True)]


def classify(
    values: Iterable[float | None],
    *,
    method: str = "quantile",
    n_classes: int = 5,
    manual: Sequence[float] | None = None,
    polarity: str = "neutral",
    diverging: bool = False,
    center: float | None = None,
) -> Classes:
    """Breaks plus colours in one step; see ``class_breaks`` and ``palette``.

    With ``diverging=True`` and a ``center`` the breaks are symmetric around it
    (method is then "diverging"); without a usable centre it falls back to
    ``method``.
    """
    values = list(values)
    if diverging and center is not None and math.isfinite(center):
        n = _clamp_classes(n_classes)
        if n % 2 == 0:
            n += 1 if n < MAX_CLASSES else -1
        edges = diverging_breaks(values, center=center, n_classes=n)
        used = "diverging"
    else:
        edges = class_breaks(values, method=method, n_classes=n_classes, manual=manual)
        used = method
        diverging = False
    n_out = max(0, len(edges) - 1) if len(edges) > 1 and edges[0] != edges[-1] else (1 if edges else 0)
    return Classes(
        breaks=tuple(edges),
        colors=tuple(palette(n_out, polarity=polarity, diverging=diverging)),
        method=used,
        polarity=polarity,
        diverging=diverging,
        center=center if diverging else None,
    )


def parse_manual_breaks(text: str | None) -> list[float]:
    """'10; 20,5; 30' or '10 20.5 30' -> [10.0, 20.5, 30.0]. German decimal commas allowed.

    Raises ValueError with a German message naming the bad entry.
    """
    if not text or not text.strip():
        return []
    parts = [p for p in text.replace(";", " ").replace("|", " ").split() if p]
    out = []
    for part in parts:
        try:
            out.append(float(part.replace(".", "").replace(",", ".") if "," in part else part))
        except ValueError as exc:
            raise ValueError(f"Klassengrenze {part!r} ist keine Zahl (Beispiel: 10; 20,5; 30).") from exc
    return sorted(set(out))
