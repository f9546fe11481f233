"""Class breaks, palettes by polarity, and target status (pure functions)."""

import math

import pytest

from dashboard.compute.classify import (
    NO_DATA_COLOR,
    class_breaks,
    classify,
    diverging_breaks,
    palette,
    parse_manual_breaks,
)
from dashboard.compute.targets import target_status


def test_quantile_breaks_put_equal_counts_in_each_class():
    values = list(range(1, 101))
    classes = classify(values, method="quantile", n_classes=4, polarity="higher_better")
    counts = [0] * classes.n
    for v in values:
        counts[classes.index_of(v)] += 1
    assert classes.n == 4
    assert max(counts) - min(counts) <= 1


def test_equal_breaks_have_equal_widths_and_ignore_missing():
    edges = class_breaks([0, None, float("nan"), 10], method="equal", n_classes=5)
    assert edges == pytest.approx([0, 2, 4, 6, 8, 10])


def test_manual_breaks_are_wrapped_by_min_and_max_and_outside_ones_dropped():
    assert class_breaks([3, 8, 40], method="manual", manual=[10, 20, 99]) == [3, 10, 20, 40]


def test_repeated_values_give_fewer_quantile_classes_not_empty_ones():
    edges = class_breaks([1, 1, 1, 1, 1, 2], method="quantile", n_classes=5)
    assert edges == [1, 2]


def test_all_equal_or_no_values():
    assert class_breaks([], method="quantile") == []
    same = classify([5, 5, 5], polarity="higher_better")
    assert same.n == 1 and same.index_of(5) == 0
    assert classify([], polarity="neutral").color_of(None) == NO_DATA_COLOR


def test_unknown_method_is_refused_in_german():
    with pytest.raises(ValueError, match="Unbekannte Klassifizierung"):
        class_breaks([1, 2], method="jenks")


def test_better_is_always_the_darkest_colour():
    higher = palette(5, polarity="higher_better")
    lower = palette(5, polarity="lower_better")
    # highest class is best for higher_better, lowest class is best for lower_better
    assert higher[-1] == lower[0]
    assert higher[0] == lower[-1]
    # neutral looks different (no judgement)
    assert palette(5, polarity="neutral")[-1] not in higher


def test_diverging_is_symmetric_around_the_city_value_and_odd():
    classes = classify([10, 20, 30, 50], polarity="higher_better", diverging=True, center=30, n_classes=4)
    assert classes.method == "diverging"
    assert classes.n == 5
    assert classes.breaks[0] == pytest.approx(10) and classes.breaks[-1] == pytest.approx(50)
    assert classes.index_of(30) == 2  # the middle class holds the city value
    assert classes.colors[2] == "#f7f7f7"
    # higher is better: values above the city are blue, below are red
    assert classes.color_of(50).startswith("#05") and classes.color_of(10).startswith("#ca")
    lower = classify([10, 50], polarity="lower_better", diverging=True, center=30)
    assert lower.color_of(10) == classes.color_of(50)


def test_diverging_without_centre_falls_back():
    assert classify([1, 2, 3], method="equal", diverging=True, center=None).method == "equal"
    assert diverging_breaks([1, 2], center=float("nan")) == []


def test_class_labels_use_the_given_formatter():
    classes = classify([1000.5, 2000.25], method="equal", n_classes=2)
    assert classes.labels(lambda v: f"{v:.1f}") == ["1000.5 – 1500.4", "1500.4 – 2000.2"]


def test_parse_manual_breaks_accepts_german_numbers():
    assert parse_manual_breaks("30; 10,5 20") == [10.5, 20, 30]
    assert parse_manual_breaks("") == []
    with pytest.raises(ValueError, match="'abc' ist keine Zahl"):
        parse_manual_breaks("10; abc")


# -- target status ------------------------------------------------------------


def test_reached_when_latest_value_meets_the_target():
    s = target_status({2020: 40, 2021: 55, 2022: 63}, target_value=62, target_year=2028, polarity="higher_better")
    assert s.status == "reached" and s.label == "Ziel erreicht"
    assert "63,0" in s.explanation and "62,0" in s.explanation


def test_lower_better_is_reached_from_below():
    s = target_status({2021: 9, 2022: 6.5}, target_value=7, target_year=2030, polarity="lower_better")
    assert s.status == "reached"


def test_on_track_when_the_trend_arrives_in_time():
    s = target_status(
        {2018: 40, 2019: 42, 2020: 44, 2021: 46, 2022: 48}, target_value=60, target_year=2028, polarity="higher_better"
    )
    assert s.status == "on_track"
    assert s.projected == pytest.approx(60)
    assert "Auf Kurs" == s.label


def test_off_track_when_too_slow_or_wrong_direction():
    slow = target_status({2020: 40, 2021: 40.5, 2022: 41}, target_value=60, target_year=2026, polarity="higher_better")
    assert slow.status == "off_track" and "zu langsam" in slow.explanation
    wrong = target_status({2020: 8, 2021: 9, 2022: 10}, target_value=7, target_year=2030, polarity="lower_better")
    assert wrong.status == "off_track" and "vom Ziel weg" in wrong.explanation


def test_off_track_when_the_target_year_has_passed():
    s = target_status({2024: 50, 2025: 55, 2026: 58}, target_value=60, target_year=2026, polarity="higher_better")
    assert s.status == "off_track" and "Zieljahr 2026" in s.explanation


def test_no_target_and_no_data():
    assert target_status({2020: 1}, target_value=None, target_year=None, polarity="higher_better").status == "no_target"
    assert target_status({}, target_value=5, target_year=2030, polarity="higher_better").status == "no_data"
    few = target_status({2021: 1, 2022: math.nan, 2023: 2}, target_value=5, target_year=2030, polarity="higher_better")
    assert few.status == "no_data" and "Zu wenige Jahre" in few.explanation


def test_trend_uses_only_the_last_window_years_and_after_a_break():
    # long decline, then a recent rise: the last 3 years decide
    series = {2010: 90, 2012: 70, 2014: 50, 2020: 50, 2021: 52, 2022: 54}
    s = target_status(series, target_value=60, target_year=2025, polarity="higher_better", window=3)
    assert s.status == "on_track"
    after = target_status(
        {2018: 80, 2019: 70, 2020: 40, 2021: 41, 2022: 42},
        target_value=70,
        target_year=2030,
        polarity="higher_better",
        since_year=2020,
    )
    assert after.status == "off_track" and after.slope == pytest.approx(1.0)


def test_english_texts():
    s = target_status(
        {2020: 40, 2021: 42, 2022: 44}, target_value=50, target_year=2025, polarity="higher_better", lang="en", unit="%"
    )
    assert s.label == "On track" and "a year" in s.explanation and "%" in s.explanation
