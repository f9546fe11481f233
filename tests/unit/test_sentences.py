"""Faktencheck sentences are generated from the numbers and the polarity."""

import pytest

from dashboard.compute.sentences import Point, Reference, direction, judgement, trend_sentence

ST = "ST-KREISE-MEDIAN"
DE = "DE-KREISE-MEDIAN"


def sentence(start, end, *, polarity="higher_better", refs=(), lang="de", unit="%", decimals=1):
    return trend_sentence(
        name="Betreuungsquote",
        unit=unit,
        decimals=decimals,
        polarity=polarity,
        start=start,
        end=end,
        references=list(refs),
        lang=lang,
    )


def test_rising_and_higher_is_better_is_an_improvement():
    text = sentence(Point(2019, 7.9), Point(2024, 9.1), refs=[Reference(ST, 8.2)])
    assert text == (
        "Der Wert für Betreuungsquote hat sich seit 2019 verbessert: Er ist von 7,9 % auf 9,1 % (2024) "
        "gestiegen. Er liegt über dem Median der Kreise Sachsen-Anhalts (8,2 %)."
    )


def test_rising_and_lower_is_better_is_a_deterioration():
    text = sentence(Point(2019, 7.9), Point(2024, 9.1), polarity="lower_better")
    assert "hat sich seit 2019 verschlechtert" in text
    assert "von 7,9 % auf 9,1 % (2024) gestiegen" in text


def test_falling_for_both_polarities():
    better = sentence(Point(2019, 12.0), Point(2024, 10.5), polarity="lower_better")
    worse = sentence(Point(2019, 12.0), Point(2024, 10.5), polarity="higher_better")
    assert "verbessert" in better and "gesunken" in better and "von 12,0 % auf 10,5 %" in better
    assert "verschlechtert" in worse and "gesunken" in worse


def test_neutral_polarity_never_judges():
    up = sentence(Point(2019, 30.0), Point(2024, 36.0), polarity="neutral")
    down = sentence(Point(2019, 36.0), Point(2024, 30.0), polarity="neutral")
    assert up == "Der Wert für Betreuungsquote ist seit 2019 von 30,0 % auf 36,0 % (2024) gestiegen."
    assert "gesunken" in down
    for text in (up, down):
        assert "verbessert" not in text and "verschlechtert" not in text


def test_unchanged_within_tolerance_is_neither_better_nor_worse():
    # 1 % relative change: below the 2 % tolerance.
    text = sentence(Point(2019, 50.0), Point(2024, 50.5))
    assert text == "Der Wert für Betreuungsquote ist seit 2019 nahezu unverändert: 50,0 % (2019), 50,5 % (2024)."
    # Values equal when rounded for display are unchanged as well.
    assert direction(0.10, 0.14, decimals=1) == "same"
    assert direction(50.0, 52.0) == "up" and direction(50.0, 48.0) == "down"


def test_judgement_table():
    assert judgement("up", "higher_better") == "better"
    assert judgement("down", "higher_better") == "worse"
    assert judgement("up", "lower_better") == "worse"
    assert judgement("down", "lower_better") == "better"
    assert judgement("same", "higher_better") is None
    assert judgement("up", "neutral") is None


def test_missing_latest_value_says_so_and_compares_nothing():
    text = sentence(Point(2019, 7.9), Point(2024, None), refs=[Reference(ST, 8.0)])
    assert text == "Für Betreuungsquote liegt für 2024 kein Wert vor."


def test_suppressed_latest_value_is_not_revealed():
    text = sentence(Point(2019, 7.9), Point(2024, None, suppressed=True), refs=[Reference(ST, 8.0)])
    assert "Datenschutzgründen" in text and "2024" in text
    assert "7,9" not in text and "8,0" not in text


def test_suppressed_value_is_hidden_even_if_a_number_slipped_through():
    text = sentence(None, Point(2024, 2.0, suppressed=True))
    assert "2,0" not in text and "Datenschutz" in text


def test_missing_and_suppressed_start():
    missing = sentence(Point(2019, None), Point(2024, 9.1))
    assert missing == "Der Wert für Betreuungsquote liegt 2024 bei 9,1 %. Für 2019 liegt kein Vergleichswert vor."
    suppressed = sentence(Point(2019, 1.0, suppressed=True), Point(2024, 9.1))
    assert "Der Wert für 2019 wird aus Datenschutzgründen" in suppressed and "1,0" not in suppressed
    assert sentence(None, Point(2024, 9.1)) == "Der Wert für Betreuungsquote liegt 2024 bei 9,1 %."


def test_two_references_below_and_level_and_missing_reference_skipped():
    text = sentence(
        Point(2019, 9.0),
        Point(2024, 9.1),
        refs=[Reference(ST, 9.5), Reference(DE, 9.1), Reference("LAND-ST", None)],
    )
    assert text.endswith(
        "Er liegt unter dem Median der Kreise Sachsen-Anhalts (9,5 %) und gleichauf mit dem Median der "
        "Kreise Deutschlands (9,1 %)."
    )
    assert "Landeswert" not in text


def test_demo_references_carry_the_beispieldaten_label():
    text = sentence(None, Point(2024, 9.1), refs=[Reference("LAND-ST", 8.0), Reference("BUND-DE", 10.0)])
    assert "über dem Wert für Sachsen-Anhalt (Beispieldaten) (8,0 %)" in text
    assert "unter dem Wert für Deutschland (Beispieldaten) (10,0 %)" in text


@pytest.mark.parametrize(
    ("start", "end", "polarity", "expected"),
    [
        (7.9, 9.1, "higher_better", "Betreuungsquote has improved since 2019: it rose from 7.9 % to 9.1 % (2024)."),
        (9.1, 7.9, "higher_better", "Betreuungsquote has worsened since 2019: it fell from 9.1 % to 7.9 % (2024)."),
        (7.9, 9.1, "neutral", "Betreuungsquote rose from 7.9 % in 2019 to 9.1 % in 2024."),
    ],
)
def test_english_variant(start, end, polarity, expected):
    assert sentence(Point(2019, start), Point(2024, end), polarity=polarity, lang="en") == expected


def test_units_and_german_thousands():
    text = sentence(Point(2019, 1200.0), Point(2024, 1500.0), unit="Anzahl", decimals=0, polarity="neutral")
    assert "von 1.200 auf 1.500 (2024) gestiegen" in text
