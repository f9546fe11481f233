"""Statistical disclosure control (Datenschutz).

Primary suppression: a value whose count (the numerator, or the value of a
count indicator) is below the indicator's ``min_count`` is flagged
``suppressed``. It stays in the database for aggregation but is never sent to
a browser in public or embed views (see ``public_view``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..models import Flag, IndicatorKind

SUPPRESSED = Flag.SUPPRESSED.value


def count_of(values: pd.DataFrame, kind: str) -> pd.Series:
    """The count that decides on suppression for each row."""
    if kind == IndicatorKind.COUNT.value:
        return values["numerator"].fillna(values["value"])
    return values["numerator"]


def flag_small_counts(values: pd.DataFrame, *, kind: str, min_count: int) -> pd.DataFrame:
    """Flag rows whose count is > 0 and below ``min_count`` as suppressed.

    Zero is not disclosive (nobody is identified by "none"), so it stays visible.
    """
    out = values.copy()
    counts = count_of(out, kind)
    small = counts.notna() & (counts > 0) & (counts < min_count)
    out.loc[small, "flag"] = SUPPRESSED
    return out


def public_view(values: pd.DataFrame) -> pd.DataFrame:
    """Remove what must never leave the server: suppressed values and their counts."""
    out = values.copy()
    mask = out["flag"] == SUPPRESSED
    for column in ("value", "numerator", "denominator"):
        if column in out:
            out.loc[mask, column] = np.nan
    return out


# -- Secondary suppression -----------------------------------------------------
#
# Primary suppression alone is not enough: when a Stadtbezirk total is shown and
# exactly one of its Stadtviertel is hidden, the hidden count is the total minus
# the others. The rule (README, "Datenschutz"):
#
# For every year and every published parent total, the hidden children of that
# parent must be (a) at least two and (b) together at least ``min_count``.
# Until both hold, the visible child with the smallest count above zero is
# hidden as well (zeros protect nothing). When no such child is left, the
# parent total is hidden instead. A hidden area that has children of its own
# must never be the plain sum of visible children, so one of its positive
# children is hidden too. Groups are processed from the lowest level up, so a
# parent hidden at one level is protected among its own siblings further up.


def _depths(parent_of: dict[str, str]) -> dict[str, int]:
    depth: dict[str, int] = {}

    def walk(code: str, seen: tuple = ()) -> int:
        if code in depth:
            return depth[code]
        parent = parent_of.get(code)
        d = 0 if parent is None or parent in seen else walk(parent, (*seen, code)) + 1
        depth[code] = d
        return d

    for code in set(parent_of) | set(parent_of.values()):
        walk(code)
    return depth


def secondary_suppression(
    values: pd.DataFrame, parent_of: dict[str, str], *, kind: str, min_count: int
) -> pd.DataFrame:
    """Flag the cells that must be hidden so that no suppressed count can be recomputed.

    Args:
        values: rows of all levels of one indicator (area_code, year, value,
            numerator, flag); primary suppression is applied first.
        parent_of: child area code -> parent area code, for every level.
        kind: the indicator kind (decides which column is the count).
        min_count: the indicator's threshold.

    Returns:
        A copy with ``flag = "suppressed"`` on every cell to hide (primary and secondary).
    """
    if values.empty or min_count <= 0:
        return values.copy()
    out = flag_small_counts(values, kind=kind, min_count=min_count).reset_index(drop=True)
    counts = count_of(out, kind)
    children_of: dict[str, list[str]] = {}
    for child, parent in parent_of.items():
        children_of.setdefault(parent, []).append(child)
    depth = _depths(parent_of)
    parents_bottom_up = sorted(children_of, key=lambda code: (-depth.get(code, 0), code))
    flags = out["flag"].to_numpy(dtype=object).copy()
    count_list = [0.0 if pd.isna(c) else float(c) for c in counts.tolist()]
    known = counts.notna().tolist()
    rows_by_year: dict = {}
    for i, (code, year) in enumerate(zip(out["area_code"].tolist(), out["year"].tolist(), strict=True)):
        rows_by_year.setdefault(year, {})[code] = i
    for row_of in rows_by_year.values():

        def hidden(code: str, _row_of=row_of) -> bool:
            i = _row_of.get(code)
            return i is not None and flags[i] == SUPPRESSED

        def positive(code: str, _row_of=row_of) -> float:
            i = _row_of.get(code)
            return count_list[i] if i is not None else 0.0

        def hide_inside(code: str, _row_of=row_of) -> None:
            # A hidden total must not be the plain sum of visible parts.
            kids = [k for k in children_of.get(code, []) if k in _row_of and positive(k) > 0]
            if not kids or any(hidden(k) for k in kids):
                return
            smallest = min(kids, key=lambda k: (positive(k), k))
            flags[_row_of[smallest]] = SUPPRESSED
            hide_inside(smallest)

        for parent in parents_bottom_up:
            kids = [k for k in children_of[parent] if k in row_of]
            if not any(hidden(k) and positive(k) > 0 for k in kids):
                continue
            if parent not in row_of or hidden(parent) or not known[row_of[parent]]:
                continue  # no published total to subtract from
            while True:
                shut = [k for k in kids if hidden(k) and positive(k) > 0]
                if len(shut) >= 2 and sum(positive(k) for k in shut) >= min_count:
                    break
                candidates = [k for k in kids if not hidden(k) and positive(k) > 0]
                if not candidates:
                    flags[row_of[parent]] = SUPPRESSED
                    break
                extra = min(candidates, key=lambda k: (positive(k), k))
                flags[row_of[extra]] = SUPPRESSED
                hide_inside(extra)
    out["flag"] = flags
    return out
