"""Pure logic of the Faktencheck: which indicators are key, and their key figures.

No I/O: takes IndicatorInfo-like objects and value frames (as returned by the
repository, already in their public view) and returns plain data.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import pandas as pd

from .disclosure import SUPPRESSED
from .sentences import Point, Reference

#: At most this many key indicators per Leitlinie (the issue asks for 2–3).
DEFAULT_CAP = 3
MIN_PER_LEITLINIE = 2

#: Reference areas compared in the report, in this order: the Land, then Germany.
#: INKAR indicators have Kreis medians; demo indicators have (invented) Land and Bund values.
REFERENCE_CODES = ("ST-KREISE-MEDIAN", "LAND-ST", "DE-KREISE-MEDIAN", "BUND-DE")


def select_key_indicators(
    indicators: Sequence,
    leitlinien: Iterable[int],
    *,
    chosen: dict[int, list[str]] | None = None,
    available: set[str] | None = None,
    cap: int = DEFAULT_CAP,
) -> dict[int, list]:
    """Key indicators per Leitlinie number.

    ``chosen`` (from the Kommune's configuration) fixes the list for a
    Leitlinie. Otherwise the indicators linked to the Leitlinie are taken,
    those with a Zielwert first, then in the configured order; at most ``cap``.
    One already shown under an earlier Leitlinie is repeated only where the
    Leitlinie would otherwise have fewer than two. ``available`` limits
    the choice to indicators that have data.
    """
    by_id = {ind.id: ind for ind in indicators}
    chosen = chosen or {}
    used: set[str] = set()
    result: dict[int, list] = {}
    for number in leitlinien:
        if number in chosen:
            picked = [by_id[i] for i in chosen[number] if i in by_id]
        else:
            candidates = [
                ind for ind in indicators if number in ind.leitlinien and (available is None or ind.id in available)
            ]
            candidates.sort(key=lambda ind: (ind.target_value is None, ind.sort_key, ind.id))
            fresh = [ind for ind in candidates if ind.id not in used][:cap]
            # An indicator shown under an earlier Leitlinie is repeated only to reach two.
            repeats = [ind for ind in candidates if ind.id in used][: max(0, MIN_PER_LEITLINIE - len(fresh))]
            picked = sorted(fresh + repeats, key=candidates.index)
        used.update(ind.id for ind in picked)
        result[number] = picked
    return result


def _point(frame: pd.DataFrame, year: int) -> Point:
    rows = frame[frame["year"] == year]
    if rows.empty:
        return Point(year, None)
    row = rows.iloc[0]
    suppressed = row["flag"] == SUPPRESSED
    value = None if suppressed or pd.isna(row["value"]) else float(row["value"])
    return Point(year, value, suppressed=bool(suppressed))


def _known(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["value"].notna() | (frame["flag"] == SUPPRESSED)]


@dataclass(frozen=True)
class KeyFigures:
    """The figures of one indicator for one area in the report year."""

    latest: Point  # latest year <= report year with a value (or a suppressed one)
    previous: Point  # one year before ``latest``
    five_years: Point  # five years before ``latest``
    since: Point  # the start of the sentence's comparison (see ``key_figures``)
    references: tuple[Reference, ...] = field(default=())

    @staticmethod
    def _change(a: Point, b: Point) -> float | None:
        return b.value - a.value if a.known and b.known else None

    @property
    def change_previous(self) -> float | None:
        return self._change(self.previous, self.latest)

    @property
    def change_five_years(self) -> float | None:
        return self._change(self.five_years, self.latest)

    @property
    def is_current(self) -> bool:
        return self.latest.known


def key_figures(
    frame: pd.DataFrame,
    report_year: int,
    *,
    references: pd.DataFrame | None = None,
    reference_labels: dict[str, str] | None = None,
) -> KeyFigures:
    """Latest value up to ``report_year``, changes against 1 and 5 years before, references.

    The sentence compares with the value five years before; where that year has
    no row at all, with the earliest year in between that has a value.
    ``references`` are reference-area rows (area_code, year, value) compared in
    the latest year.
    """
    rows = _known(frame[frame["year"] <= report_year]) if not frame.empty else frame
    if rows.empty:
        latest = Point(report_year, None)
        five = Point(report_year - 5, None)
        return KeyFigures(latest, Point(report_year - 1, None), five, five)
    year = int(rows["year"].max())
    latest = _point(rows, year)
    five = _point(frame, year - 5)
    since = five
    if not five.known and not five.suppressed:
        between = frame[(frame["year"] > year - 5) & (frame["year"] < year) & frame["value"].notna()]
        if not between.empty:
            since = _point(frame, int(between["year"].min()))
    refs: list[Reference] = []
    if references is not None and not references.empty:
        labels = reference_labels or {}
        for code in REFERENCE_CODES:
            ref_rows = references[(references["area_code"] == code) & (references["year"] == year)]
            if ref_rows.empty:
                continue
            value = ref_rows["value"].iloc[0]
            refs.append(Reference(code, None if pd.isna(value) else float(value), label_de=labels.get(code, code)))
    return KeyFigures(latest, _point(frame, year - 1), five, since, tuple(refs))
