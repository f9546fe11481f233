"""Aggregate indicator values from a lower level to a higher one.

Rates are recomputed from summed numerators and denominators, never averaged
from the rates themselves: a Stadtbezirk's rate is sum(numerator) /
sum(denominator) of its Stadtviertel. Pure functions, no I/O.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..models import IndicatorKind

#: Flags that make a child unusable for an exact total.
_UNKNOWN_FLAGS = {"secret", "blocked", "unreliable", "later"}


def aggregate(
    values: pd.DataFrame,
    parent_of: dict[str, str],
    *,
    kind: str,
    multiplier: float,
) -> pd.DataFrame:
    """Aggregate child values (area_code, year, value, numerator, denominator, flag).

    Args:
        values: rows of the lower level.
        parent_of: child area code -> parent area code.
        kind: the indicator kind (rate, count, mean, index).
        multiplier: value = numerator / denominator * multiplier.

    Returns:
        One row per (parent area_code, year) with value, numerator, denominator,
        ``n_children`` and ``incomplete`` (True when a child value was missing). Suppressed children still count: they
        are suppressed for display, not for aggregation.
    """
    columns = ["area_code", "year", "value", "numerator", "denominator", "n_children", "incomplete"]
    if values.empty or kind == IndicatorKind.INDEX.value:
        return pd.DataFrame(columns=columns)
    frame = values.copy()
    frame["parent"] = frame["area_code"].map(parent_of)
    frame = frame.dropna(subset=["parent"])
    if frame.empty:
        return pd.DataFrame(columns=columns)
    frame["unknown"] = frame["flag"].isin(_UNKNOWN_FLAGS)
    if kind == IndicatorKind.COUNT.value:
        frame["numerator"] = frame["numerator"].fillna(frame["value"])
        frame["denominator"] = np.nan
    frame["missing"] = frame["numerator"].isna() | frame["unknown"]
    if kind != IndicatorKind.COUNT.value:
        frame["missing"] |= frame["denominator"].isna()

    children_per_parent = pd.Series(parent_of).value_counts()
    grouped = frame.groupby(["parent", "year"], sort=True)
    out = grouped.agg(
        numerator=("numerator", lambda s: s.sum(min_count=1)),
        denominator=("denominator", lambda s: s.sum(min_count=1)),
        n_children=("area_code", "count"),
        n_missing=("missing", "sum"),
    ).reset_index()
    out = out.rename(columns={"parent": "area_code"})
    expected = out["area_code"].map(children_per_parent).fillna(0)
    out["incomplete"] = (out["n_missing"] > 0) | (out["n_children"] < expected)
    if kind == IndicatorKind.COUNT.value:
        out["value"] = out["numerator"]
    else:
        with np.errstate(divide="ignore", invalid="ignore"):
            out["value"] = out["numerator"] / out["denominator"] * multiplier
        out.loc[out["denominator"].fillna(0) <= 0, "value"] = np.nan
    # A count summed over an incomplete set of children would understate the
    # total, so it is not shown. A rate from the children that do report is
    # still an unbiased estimate; it is kept and footnoted by the caller.
    if kind == IndicatorKind.COUNT.value:
        out.loc[out["incomplete"], ["value", "numerator"]] = np.nan
    return out[columns]
