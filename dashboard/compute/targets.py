"""Target status (Zielerreichung) of an indicator: reached, on track or off track.

Pure functions, no I/O. Used by the indicator explorer and the Leitlinie
panels; keep the signature stable.

The rule, in words a Lenkungsgruppe can check:

* **reached** – the latest value already meets the Zielwert (at or above it
  when higher is better, at or below it when lower is better; for neutral
  indicators within 2 % of the target).
* **on_track** – not yet reached, but the linear trend of the last
  ``window`` years (least squares, at least 3 years) reaches the Zielwert by
  the target year.
* **off_track** – the trend does not reach it in time, points the wrong way,
  or the target year has passed.
* **no_target** – the indicator has no Zielwert.
* **no_data** – no value, or too few years for a trend.

Example:
    >>> s = target_status({2020: 50, 2021: 52, 2022: 54}, target_value=60, target_year=2025,
    ...                   polarity="higher_better")
    >>> s.status, round(s.projected, 6)
    ('on_track', 60.0)
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

STATUSES = ("reached", "on_track", "off_track", "no_target", "no_data")

LABELS = {
    "reached": {"de": "Ziel erreicht", "en": "Target reached"},
    "on_track": {"de": "Auf Kurs", "en": "On track"},
    "off_track": {"de": "Nicht auf Kurs", "en": "Off track"},
    "no_target": {"de": "Kein Zielwert", "en": "No target"},
    "no_data": {"de": "Keine Bewertung möglich", "en": "Cannot be assessed"},
}
#: A symbol per status, so that the status never depends on colour alone.
SYMBOLS = {"reached": "✔", "on_track": "↗", "off_track": "✖", "no_target": "–", "no_data": "?"}

NEUTRAL_TOLERANCE = 0.02
MIN_YEARS_FOR_TREND = 3


@dataclass(frozen=True)
class TargetStatus:
    """The status plus what it was judged from (for tooltips and tests)."""

    status: str
    label: str
    explanation: str
    latest_year: int | None = None
    latest_value: float | None = None
    target_value: float | None = None
    target_year: int | None = None
    projected: float | None = None
    slope: float | None = None

    @property
    def symbol(self) -> str:
        return SYMBOLS[self.status]


def _series(values) -> pd.Series:
    if isinstance(values, pd.DataFrame):
        values = values.set_index("year")["value"]
    elif isinstance(values, Mapping):
        values = pd.Series(dict(values), dtype=float)
    series = pd.Series(values, dtype=float).dropna()
    series.index = series.index.astype(int)
    return series.sort_index()


def _fmt(value: float, decimals: int, lang: str) -> str:
    text = f"{value:,.{decimals}f}"
    if lang == "de":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def _meets(value: float, target: float, polarity: str) -> bool:
    if polarity == "higher_better":
        return value >= target
    if polarity == "lower_better":
        return value <= target
    scale = max(abs(target), 1e-9)
    return abs(value - target) / scale <= NEUTRAL_TOLERANCE


def target_status(
    values,
    *,
    target_value: float | None,
    target_year: int | None,
    polarity: str,
    lang: str = "de",
    window: int = 5,
    since_year: int | None = None,
    decimals: int = 1,
    unit: str = "",
) -> TargetStatus:
    """Judge a yearly series against its Zielwert.

    Args:
        values: yearly values as ``{year: value}``, a Series indexed by year, or
            a DataFrame with ``year`` and ``value`` columns (NaN ignored).
        target_value: the Zielwert, or None.
        target_year: the year by which it should be reached (None: no deadline,
            the trend only has to point the right way).
        polarity: "higher_better", "lower_better" or "neutral".
        lang: "de" or "en" for label and explanation.
        window: how many of the latest years the trend uses.
        since_year: ignore years before this (e.g. the last series break).
        decimals, unit: how numbers appear in the explanation.

    Returns:
        A ``TargetStatus`` with status, label and a one-sentence explanation.
    """
    lang = lang if lang in ("de", "en") else "de"
    de = lang == "de"
    unit_text = f" {unit}" if unit and unit != "Anzahl" else ""

    def result(status: str, explanation: str, **kw) -> TargetStatus:
        return TargetStatus(
            status=status,
            label=LABELS[status][lang],
            explanation=explanation,
            target_value=target_value,
            target_year=target_year,
            **kw,
        )

    if target_value is None or (isinstance(target_value, float) and math.isnan(target_value)):
        return result("no_target", "Für diesen Indikator ist kein Zielwert beschlossen." if de else "No target set.")
    series = _series(values)
    if since_year is not None:
        series = series[series.index >= since_year]
    if series.empty:
        return result("no_data", "Es liegen keine Werte vor." if de else "There are no values.")
    latest_year, latest = int(series.index[-1]), float(series.iloc[-1])
    target_text = _fmt(target_value, decimals, lang) + unit_text
    latest_text = _fmt(latest, decimals, lang) + unit_text
    by_text = (f" bis {target_year}" if de else f" by {target_year}") if target_year else ""
    base = {"latest_year": latest_year, "latest_value": latest}

    if _meets(latest, target_value, polarity):
        return result(
            "reached",
            f"{latest_year}: {latest_text}; Zielwert {target_text}{by_text} ist erreicht."
            if de
            else f"{latest_year}: {latest_text}; target {target_text}{by_text} is met.",
            **base,
        )
    if target_year is not None and latest_year >= target_year:
        return result(
            "off_track",
            f"Zieljahr {target_year} ist erreicht, der Wert ({latest_text}) aber nicht den Zielwert {target_text}."
            if de
            else f"Target year {target_year} has come; the value ({latest_text}) misses the target {target_text}.",
            **base,
        )
    recent = series[series.index > latest_year - window]
    if len(recent) < MIN_YEARS_FOR_TREND:
        return result(
            "no_data",
            f"Zu wenige Jahre für einen Trend (mindestens {MIN_YEARS_FOR_TREND} in den letzten {window} Jahren)."
            if de
            else f"Too few years for a trend (at least {MIN_YEARS_FOR_TREND} in the last {window} years).",
            **base,
        )
    slope = float(np.polyfit(recent.index.to_numpy(dtype=float), recent.to_numpy(dtype=float), 1)[0])
    if polarity == "neutral":
        heading = target_value - latest
        right_way = slope * heading > 0
    else:
        right_way = slope > 0 if polarity == "higher_better" else slope < 0
    projected = None
    if target_year is not None:
        projected = latest + slope * (target_year - latest_year)
        arrives = _meets(projected, target_value, polarity) or (
            polarity == "neutral" and (projected - target_value) * (latest - target_value) <= 0
        )
    else:
        arrives = right_way
    per_year = _fmt(abs(slope), decimals + 1, lang)
    trend_text = (
        (f"Trend der letzten {len(recent)} Jahre: {'+' if slope >= 0 else '−'}{per_year}{unit_text} pro Jahr")
        if de
        else (f"Trend of the last {len(recent)} years: {'+' if slope >= 0 else '−'}{per_year}{unit_text} a year")
    )
    if right_way and arrives:
        proj = (
            (f"; hochgerechnet {target_year}: {_fmt(projected, decimals, lang)}{unit_text}" if de else "")
            if projected is not None
            else ""
        )
        if not de and projected is not None:
            proj = f"; projected {target_year}: {_fmt(projected, decimals, lang)}{unit_text}"
        return result(
            "on_track",
            f"{trend_text}{proj}. Zielwert {target_text}{by_text} wird voraussichtlich erreicht."
            if de
            else f"{trend_text}{proj}. Target {target_text}{by_text} is likely to be met.",
            projected=projected,
            slope=slope,
            **base,
        )
    if not right_way:
        why = "Der Trend zeigt vom Ziel weg" if de else "The trend points away from the target"
    else:
        why = (
            f"Hochgerechnet {target_year}: {_fmt(projected, decimals, lang)}{unit_text}, zu langsam"
            if de
            else f"Projected {target_year}: {_fmt(projected, decimals, lang)}{unit_text}, too slow"
        )
    return result(
        "off_track",
        f"{trend_text}. {why} (Zielwert {target_text}{by_text})."
        if de
        else f"{trend_text}. {why} (target {target_text}{by_text}).",
        projected=projected,
        slope=slope,
        **base,
    )
