"""Faktencheck: choice of key indicators, key figures, static print charts."""

import re
from dataclasses import dataclass

import pandas as pd

from dashboard.compute.faktencheck import key_figures, select_key_indicators
from dashboard.figures.static import decode, small_map, trend_chart


@dataclass(frozen=True)
class Ind:
    id: str
    leitlinien: tuple
    target_value: float | None = None
    sort_key: int = 0


INDICATORS = [
    Ind("a", (1, 2), None, 1),
    Ind("b", (1,), 5.0, 2),
    Ind("c", (1, 3), None, 3),
    Ind("d", (1, 2), None, 4),
    Ind("e", (2,), 10.0, 5),
    Ind("g", (3,), None, 6),
]


def test_key_indicators_prefer_targets_cap_and_avoid_repeats():
    chosen = select_key_indicators(INDICATORS, [1, 2, 3, 4], cap=3)
    assert [i.id for i in chosen[1]] == ["b", "a", "c"]
    # "e" has a target; "a" was shown under 1 and is not needed: 2 fresh ones are enough.
    assert [i.id for i in chosen[2]] == ["e", "d"]
    # Only "g" is fresh: "c" (shown under 1) is repeated to reach two.
    assert [i.id for i in chosen[3]] == ["c", "g"]
    assert chosen[4] == []


def test_key_indicators_from_configuration_and_availability():
    chosen = select_key_indicators(INDICATORS, [1, 2], chosen={1: ["d", "c"]}, available={"a", "d"})
    assert [i.id for i in chosen[1]] == ["d", "c"]
    assert [i.id for i in chosen[2]] == ["a", "d"]


def frame(rows):
    return pd.DataFrame(rows, columns=["year", "value", "flag"])


def test_key_figures_latest_changes_and_references():
    city = frame([(y, 10.0 + (y - 2015), None) for y in range(2015, 2023)])
    refs = pd.DataFrame(
        [("ST-KREISE-MEDIAN", 2022, 12.0), ("DE-KREISE-MEDIAN", 2022, 20.0), ("ST-KREISE-MEDIAN", 2021, 1.0)],
        columns=["area_code", "year", "value"],
    )
    fig = key_figures(city, 2024, references=refs)
    assert fig.latest.year == 2022 and fig.latest.value == 17.0  # latest year with data, not 2024
    assert fig.change_previous == 1.0 and fig.change_five_years == 5.0
    assert fig.since.year == 2017
    assert [(r.code, r.value) for r in fig.references] == [("ST-KREISE-MEDIAN", 12.0), ("DE-KREISE-MEDIAN", 20.0)]


def test_key_figures_suppressed_latest_and_short_series():
    city = frame([(2022, 4.0, None), (2023, 5.0, None), (2024, None, "suppressed")])
    fig = key_figures(city, 2024)
    assert fig.latest.suppressed and fig.latest.value is None
    assert fig.change_previous is None
    # No row five years before: the comparison starts at the first year with a value.
    assert fig.since.year == 2022 and fig.since.value == 4.0
    empty = key_figures(frame([]), 2024)
    assert not empty.latest.known and empty.latest.year == 2024


def test_trend_chart_is_svg_with_german_axis_numbers():
    data = pd.DataFrame(
        {"series": ["Stadt"] * 3 + ["Land"] * 3, "year": [2020, 2021, 2022] * 2, "value": [1.5, 2.5, 3.5, 2, 2, 2]}
    )
    svg = decode(trend_chart(data, unit="%", decimals=1, target_value=4.0, target_year=2024))
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    labels = re.findall(r">([^<>]+)</text>", svg)
    assert "Ziel 2024: 4,0" in labels and "Stadt" in labels and "Land" in labels
    ticks = [t for t in labels if re.fullmatch(r"[\d.,]+", t) and not re.fullmatch(r"20\d\d", t)]
    assert len(ticks) >= 3 and all(re.fullmatch(r"\d+,\d", t) for t in ticks), ticks


def test_small_map_hatches_missing_and_formats_the_colour_bar():
    square = {
        "type": "Polygon",
        "coordinates": [[[11.9, 51.4], [12.0, 51.4], [12.0, 51.5], [11.9, 51.5], [11.9, 51.4]]],
    }
    other = {"type": "Polygon", "coordinates": [[[12.0, 51.4], [12.1, 51.4], [12.1, 51.5], [12.0, 51.5], [12.0, 51.4]]]}
    geo = {"features": [{"id": "A", "geometry": square}, {"id": "B", "geometry": other}]}
    svg = decode(small_map(geo, {"A": 1234.5, "B": None}, decimals=1, unit="%"))
    assert "1.234" in svg or "1.235" in svg or "1.236" in svg  # German thousands on the colour bar
    assert "<pattern" in svg  # the hatch for "no value"
