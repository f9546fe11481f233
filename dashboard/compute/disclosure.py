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
