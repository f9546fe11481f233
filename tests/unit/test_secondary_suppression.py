"""Secondary suppression: no hidden count can be recomputed from a published total.

The rule (README, Datenschutz): for every published parent total, its hidden
children are at least two and together at least ``min_count``; a hidden area
with children is never the plain sum of visible children.
"""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.compute.aggregate import aggregate
from dashboard.compute.disclosure import SUPPRESSED, public_view, secondary_suppression

COLUMNS = ["area_code", "year", "value", "numerator", "denominator", "flag"]


def hierarchy(counts: dict[str, list[list[int]]]) -> tuple[pd.DataFrame, dict[str, str]]:
    """Stadt 'S' > Bezirke > Viertel with the given counts; Bezirk and Stadt are the sums (as aggregated)."""
    rows, parent_of = [], {}
    city_total = 0
    for b, (bezirk, viertel_lists) in enumerate(counts.items()):
        parent_of[bezirk] = "S"
        total = 0
        for v, count in enumerate(viertel_lists):
            code = f"{bezirk}-{v}"
            parent_of[code] = bezirk
            rows.append((code, 2024, float(count), float(count), None, None))
            total += count
        rows.append((bezirk, 2024, float(total), float(total), None, None))
        city_total += total
        del b
    rows.append(("S", 2024, float(city_total), float(city_total), None, None))
    return pd.DataFrame(rows, columns=COLUMNS), parent_of


def check_protected(out: pd.DataFrame, parent_of: dict[str, str], min_count: int) -> None:
    count = dict(zip(out["area_code"], out["numerator"], strict=True))
    hidden = set(out.loc[out["flag"] == SUPPRESSED, "area_code"])
    children: dict[str, list[str]] = {}
    for child, parent in parent_of.items():
        children.setdefault(parent, []).append(child)
    # 1. Every primary small count is hidden.
    for code, c in count.items():
        if 0 < c < min_count:
            assert code in hidden, f"{code} ({c}) is below {min_count} but visible"
    for parent, kids in children.items():
        shut = [k for k in kids if k in hidden and count[k] > 0]
        # 2. A published total never reveals its hidden children: >= 2 of them, together >= min_count.
        if parent not in hidden and shut:
            assert len(shut) >= 2, f"{parent}: only {shut} hidden, total minus the others recovers it"
            assert sum(count[k] for k in shut) >= min_count, f"{parent}: hidden children sum below {min_count}"
        # 3. A hidden total with positive children is not the sum of visible children.
        if parent in hidden and any(count[k] > 0 for k in kids):
            assert shut, f"{parent} is hidden but equals the sum of its visible children"


viertel = st.lists(st.integers(min_value=0, max_value=12), min_size=1, max_size=6)
bezirke = st.lists(viertel, min_size=1, max_size=5).map(lambda lists: {f"B{i}": v for i, v in enumerate(lists)})


@settings(max_examples=400, deadline=None)
@given(counts=bezirke, min_count=st.integers(min_value=1, max_value=6))
def test_no_hidden_count_can_be_recomputed_from_a_total(counts, min_count):
    values, parent_of = hierarchy(counts)
    out = secondary_suppression(values, parent_of, kind="count", min_count=min_count)
    check_protected(out, parent_of, min_count)
    # Only flags change; visible values are untouched.
    assert (out["numerator"].to_numpy() == values["numerator"].to_numpy()).all()


@settings(max_examples=200, deadline=None)
@given(counts=bezirke, min_count=st.integers(min_value=2, max_value=5))
def test_cells_are_hidden_only_when_needed(counts, min_count):
    values, parent_of = hierarchy(counts)
    out = secondary_suppression(values, parent_of, kind="count", min_count=min_count)
    if not ((values["numerator"] > 0) & (values["numerator"] < min_count)).any():
        assert not (out["flag"] == SUPPRESSED).any()


def test_one_suppressed_viertel_takes_the_next_smallest_with_it():
    values, parent_of = hierarchy({"B0": [2, 40, 7, 0, 9]})
    out = secondary_suppression(values, parent_of, kind="count", min_count=3)
    hidden = set(out.loc[out["flag"] == SUPPRESSED, "area_code"])
    # B0-0 (2) is primary; B0-2 (7) is the smallest positive visible sibling; the zero is no protection.
    assert hidden == {"B0-0", "B0-2"}
    public = public_view(out)
    assert public.set_index("area_code").loc[["B0-0", "B0-2"], "value"].isna().all()
    assert public.set_index("area_code").loc["B0", "value"] == 58


def test_rates_are_protected_through_their_numerators():
    values = pd.DataFrame(
        [
            ("a", 2024, 10.0, 1.0, 10.0, None),
            ("b", 2024, 50.0, 50.0, 100.0, None),
            ("c", 2024, 40.0, 20.0, 50.0, None),
        ],
        columns=COLUMNS,
    )
    parent_of = {"a": "P", "b": "P", "c": "P"}
    total = aggregate(values, parent_of, kind="rate", multiplier=100).assign(flag=None)[COLUMNS]
    out = secondary_suppression(pd.concat([values, total]), parent_of, kind="rate", min_count=3)
    hidden = set(out.loc[out["flag"] == SUPPRESSED, "area_code"])
    assert hidden == {"a", "c"}


def test_only_child_with_a_small_count_hides_the_total_too():
    values, parent_of = hierarchy({"B0": [2, 0], "B1": [30, 40]})
    out = secondary_suppression(values, parent_of, kind="count", min_count=3)
    hidden = set(out.loc[out["flag"] == SUPPRESSED, "area_code"])
    # B0's total is 2 (primary); among the Bezirke B1 must go too, and then one of B1's Viertel.
    assert {"B0-0", "B0", "B1", "B1-0"} <= hidden
    check_protected(out, parent_of, 3)


def test_public_values_of_halle_protect_every_suppressed_viertel(halle_db):
    """End to end through Repository.values: the published Stadtbezirk and Stadt totals reveal nothing."""
    from dashboard.repository import Repository

    repo = Repository(halle_db)
    areas = repo.areas()
    parent_of = dict(zip(areas["code"], areas["parent_code"], strict=True))
    parent_of = {child: parent for child, parent in parent_of.items() if parent}
    checked = 0
    candidates = [i for i in repo.indicators() if i.kind in ("rate", "count") and i.spatial_level == "stadtviertel"]
    for info in candidates[:6]:
        levels = ["stadtviertel", "stadtbezirk", "stadt"]
        full = pd.concat([repo.values(info.id, level=lv, public=False) for lv in levels], ignore_index=True)
        public = pd.concat([repo.values(info.id, level=lv) for lv in levels], ignore_index=True)
        hidden = public["value"].isna() & full["value"].notna()
        for year in sorted(full["year"].unique()):
            in_year = (full["year"] == year).to_numpy()
            frame = full[in_year].copy()
            frame["flag"] = [SUPPRESSED if h else None for h in hidden[in_year]]
            frame["numerator"] = (
                frame["numerator"].fillna(frame["value"]) if info.kind == "count" else frame["numerator"]
            )
            check_protected(frame, parent_of, info.min_count)
            checked += int(hidden[in_year].sum())
    assert checked > 0  # the demo data does have small counts
