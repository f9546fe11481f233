import math

import pandas as pd

from dashboard.compute.aggregate import aggregate
from dashboard.compute.disclosure import flag_small_counts, public_view

PARENT = {"a": "P", "b": "P"}


def frame(rows):
    return pd.DataFrame(rows, columns=["area_code", "year", "value", "numerator", "denominator", "flag"])


def test_rates_are_recomputed_from_counts_not_averaged():
    # a: 1/10 = 10 %, b: 90/100 = 90 %; the mean of rates would be 50 %.
    values = frame([("a", 2020, 10.0, 1, 10, None), ("b", 2020, 90.0, 90, 100, None)])
    out = aggregate(values, PARENT, kind="rate", multiplier=100)
    row = out.iloc[0]
    assert row["area_code"] == "P"
    assert row["numerator"] == 91 and row["denominator"] == 110
    assert math.isclose(row["value"], 91 / 110 * 100)
    assert not row["incomplete"]


def test_counts_are_summed_and_hidden_when_a_child_is_missing():
    full = aggregate(
        frame([("a", 2020, 5, 5, None, None), ("b", 2020, 7, 7, None, None)]), PARENT, kind="count", multiplier=1
    )
    assert full.iloc[0]["value"] == 12
    partial = aggregate(frame([("a", 2020, 5, 5, None, None)]), PARENT, kind="count", multiplier=1)
    assert partial.iloc[0]["incomplete"]
    assert math.isnan(partial.iloc[0]["value"])
    # The partial sum would disclose the missing child's size; it is not kept either.
    assert math.isnan(partial.iloc[0]["numerator"])


def test_rate_from_incomplete_children_is_kept_but_marked():
    out = aggregate(frame([("a", 2020, 10.0, 1, 10, None)]), PARENT, kind="rate", multiplier=100)
    assert out.iloc[0]["incomplete"]
    assert math.isclose(out.iloc[0]["value"], 10.0)


def test_small_counts_are_flagged_and_never_leave_the_server():
    values = frame([("a", 2020, 20.0, 2, 10, None), ("b", 2020, 0.0, 0, 10, None), ("c", 2020, 50.0, 5, 10, None)])
    flagged = flag_small_counts(values, kind="rate", min_count=3)
    assert list(flagged["flag"]) == ["suppressed", None, None]
    public = public_view(flagged)
    assert public.loc[0, ["value", "numerator", "denominator"]].isna().all()
    assert public.loc[2, "value"] == 50.0
