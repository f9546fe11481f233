"""Time series of an indicator: areas, city and reference lines, bands, Zielwert.

Pure builders, no I/O. Used by the explorer, presentation slides and the
Faktencheck; keep the signatures stable.

* A line is not joined across a series break (``series_break`` marks the
  first year of the new method) and its first new point gets a "|" marker.
* Provisional values are drawn as open circles and named in the hover.
* The Zielwert is a dashed horizontal line with a diamond at its target year.
* ``timeseries_footnotes`` returns the footnotes to print under the chart.

Example:
    fig = timeseries_figure(
        [Line("Halle (Saale)", city_frame, role="city")],
        bands=[Band("Deutschland: 10.–90. Perzentil der Kreise", p10, p90)],
        target_value=62, target_year=2028, unit="%", decimals=1, lang="de")
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from ..formatting import format_number, format_value

#: Okabe–Ito colours (colour-blind safe) for selected areas; black is the city.
AREA_COLORS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#7a5c00"]
CITY_COLOR = "#1b1f24"
REFERENCE_COLORS = ["#6a51a3", "#4a5260", "#8a6100", "#2d6a3e"]
BAND_COLORS = ["rgba(106,81,163,0.14)", "rgba(74,82,96,0.14)"]
TARGET_COLOR = "#b3112e"
DASHES = ["dot", "dashdot", "longdash", "longdashdot"]


@dataclass(frozen=True)
class Line:
    """One series: ``frame`` has ``year`` and ``value``; optional ``flag``,
    ``series_break`` and ``footnote``. ``role`` is "area", "city" or "reference"."""

    label: str
    frame: pd.DataFrame
    role: str = "area"
    color: str | None = None
    code: str | None = None


@dataclass(frozen=True)
class Band:
    """A shaded range between two reference series (e.g. Kreise min–max)."""

    label: str
    lower: pd.DataFrame
    upper: pd.DataFrame
    color: str | None = None
    extra: dict = field(default_factory=dict)


def _segments(frame: pd.DataFrame) -> list[pd.DataFrame]:
    """Split at series breaks: a break year starts a new segment."""
    frame = frame.sort_values("year")
    if "series_break" not in frame or not frame["series_break"].fillna(False).astype(bool).any():
        return [frame]
    segment_id = frame["series_break"].fillna(False).astype(bool).cumsum()
    return [part for _, part in frame.groupby(segment_id, sort=True)]


def _provisional(frame: pd.DataFrame) -> pd.Series:
    if "flag" not in frame:
        return pd.Series(False, index=frame.index)
    return frame["flag"].eq("provisional").fillna(False)


def _hover(label: str, frame: pd.DataFrame, *, unit: str, decimals: int, lang: str) -> list[str]:
    prov = _provisional(frame)
    note = " (vorläufig)" if lang == "de" else " (provisional)"
    return [
        f"<b>{label}</b><br>{int(year)}: {format_value(value, decimals, unit, lang)}{note if p else ''}"
        for year, value, p in zip(frame["year"], frame["value"], prov, strict=True)
    ]


def timeseries_figure(
    lines: Sequence[Line],
    *,
    bands: Sequence[Band] = (),
    target_value: float | None = None,
    target_year: int | None = None,
    unit: str = "",
    decimals: int = 1,
    lang: str = "de",
    year: int | None = None,
    y_title: str | None = None,
    height: int | None = 420,
) -> go.Figure:
    """A line chart over years.

    Args:
        lines: areas (coloured), the city (black, thick) and references
            (thin, dotted), in drawing order.
        bands: shaded ranges, drawn behind the lines.
        target_value, target_year: the Zielwert and its year (None: none).
        unit, decimals, lang: number formats (German: 1.234,5).
        year: the year chosen on the map, marked by a vertical line.
        y_title: axis title (default: the unit).
        height: pixels (None: the container's height, for CSS-sized graphs).
    """
    lang = lang if lang in ("de", "en") else "de"
    fig = go.Figure()
    years: list[int] = []
    for i, band in enumerate(bands):
        lower = band.lower.sort_values("year").dropna(subset=["value"])
        upper = band.upper.sort_values("year").dropna(subset=["value"])
        both = lower.merge(upper, on="year", suffixes=("_lo", "_hi"))
        if both.empty:
            continue
        color = band.color or BAND_COLORS[i % len(BAND_COLORS)]
        hover = [
            f"<b>{band.label}</b><br>{int(y)}: {format_number(lo, decimals, lang)} – {format_value(hi, decimals, unit, lang)}"
            for y, lo, hi in zip(both["year"], both["value_lo"], both["value_hi"], strict=True)
        ]
        fig.add_trace(
            go.Scatter(
                x=both["year"],
                y=both["value_lo"],
                mode="lines",
                line={"width": 0},
                hoverinfo="skip",
                showlegend=False,
                legendgroup=f"band{i}",
            )
        )
        fig.add_trace(
            go.Scatter(
                x=both["year"],
                y=both["value_hi"],
                mode="lines",
                line={"width": 0},
                fill="tonexty",
                fillcolor=color,
                name=band.label,
                legendgroup=f"band{i}",
                hovertext=hover,
                hoverinfo="text",
            )
        )
        years += list(both["year"])
    area_i = ref_i = 0
    for line in lines:
        frame = line.frame.dropna(subset=["value"]) if len(line.frame) else line.frame
        if frame.empty:
            continue
        if line.role == "city":
            color, width, dash, size = line.color or CITY_COLOR, 3.5, "solid", 7
        elif line.role == "reference":
            color = line.color or REFERENCE_COLORS[ref_i % len(REFERENCE_COLORS)]
            width, dash, size = 2, DASHES[ref_i % len(DASHES)], 5
            ref_i += 1
        else:
            color = line.color or AREA_COLORS[area_i % len(AREA_COLORS)]
            width, dash, size = 2.5, "solid", 7
            area_i += 1
        for k, segment in enumerate(_segments(frame)):
            prov = _provisional(segment)
            symbols = ["circle-open" if p else "circle" for p in prov]
            if k > 0:
                symbols[0] = "line-ns-open"
            fig.add_trace(
                go.Scatter(
                    x=segment["year"],
                    y=segment["value"],
                    mode="lines+markers",
                    name=line.label,
                    legendgroup=line.label,
                    showlegend=k == 0,
                    line={"color": color, "width": width, "dash": dash},
                    marker={
                        "symbol": symbols,
                        "size": [size + 5 if s == "line-ns-open" else size for s in symbols],
                        "color": color,
                        "line": {"width": 2, "color": color},
                    },
                    hovertext=_hover(line.label, segment, unit=unit, decimals=decimals, lang=lang),
                    hoverinfo="text",
                    meta={"code": line.code, "role": line.role},
                )
            )
        years += list(frame["year"])
    if target_value is not None:
        label = "Zielwert" if lang == "de" else "Target"
        target_text = f"{label} {format_value(target_value, decimals, unit, lang)}"
        if target_year:
            target_text += f" ({target_year})"
        fig.add_hline(
            y=target_value,
            line={"color": TARGET_COLOR, "dash": "dash", "width": 2},
            annotation_text=target_text,
            annotation_position="top left",
            annotation_font={"color": TARGET_COLOR, "size": 13},
        )
        if target_year:
            fig.add_trace(
                go.Scatter(
                    x=[target_year],
                    y=[target_value],
                    mode="markers",
                    name=target_text,
                    marker={"symbol": "diamond", "size": 12, "color": TARGET_COLOR},
                    hovertext=[target_text],
                    hoverinfo="text",
                    showlegend=False,
                )
            )
            years.append(target_year)
    if year is not None:
        fig.add_vline(x=year, line={"color": "#8a8f98", "width": 1, "dash": "dot"})
    fig.update_layout(
        height=height,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        paper_bgcolor="#ffffff",
        template="none",  # the default template adds ~6 kB to every response
        plot_bgcolor="#ffffff",
        separators=",." if lang == "de" else ".,",
        legend={"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0, "font": {"size": 13}},
        hovermode="closest",
        font={"size": 13, "color": "#1b1f24"},
        hoverlabel={"bgcolor": "#ffffff", "font": {"size": 14, "color": "#1b1f24"}},
    )
    fig.update_xaxes(
        showgrid=False, dtick=2 if len(set(years)) > 12 else 1, tickformat="d", linecolor="#8a8f98", automargin=True
    )
    fig.update_yaxes(
        title_text=y_title if y_title is not None else unit,
        gridcolor="#e3e6ea",
        zeroline=False,
        automargin=True,
        exponentformat="none",  # 32.000, not 32k
        separatethousands=True,
    )
    if years:
        fig.update_xaxes(range=[min(years) - 0.5, max(years) + 0.5])
    return fig


def timeseries_footnotes(lines: Sequence[Line], *, lang: str = "de") -> list[str]:
    """Footnotes to print under the chart: provisional values, series breaks, notes."""
    lang = lang if lang in ("de", "en") else "de"
    notes: list[str] = []
    provisional: dict[int, list[str]] = {}
    breaks: dict[int, list[str]] = {}
    others: dict[str, list[str]] = {}
    for line in lines:
        frame = line.frame
        if frame.empty:
            continue
        for year in frame.loc[_provisional(frame).to_numpy(), "year"]:
            provisional.setdefault(int(year), []).append(line.label)
        if "series_break" in frame:
            for year in frame.loc[frame["series_break"].fillna(False).astype(bool).to_numpy(), "year"]:
                breaks.setdefault(int(year), []).append(line.label)
        if "footnote" in frame:
            for text in frame["footnote"].dropna().unique():
                if text and text not in ("Vorläufiger Wert.",):
                    others.setdefault(str(text), []).append(line.label)
    if provisional:
        years = ", ".join(str(y) for y in sorted(provisional))
        notes.append(
            f"Offene Kreise: vorläufige Werte ({years})."
            if lang == "de"
            else f"Open circles: provisional values ({years})."
        )
    for year in sorted(breaks):
        notes.append(
            f"Zeitreihenbruch {year} (neue Methode oder Abgrenzung): Die Linie ist vor {year} unterbrochen; "
            "Werte davor und danach sind nur eingeschränkt vergleichbar."
            if lang == "de"
            else f"Series break in {year} (new method or boundaries): the line is not joined across it."
        )
    for text, labels in others.items():
        notes.append(f"{text} ({', '.join(dict.fromkeys(labels))})")
    return notes


def comparison_figure(
    frame: pd.DataFrame,
    *,
    highlight: str | None,
    unit: str,
    decimals: int,
    lang: str = "de",
    polarity: str = "neutral",
    median: float | None = None,
    median_label: str | None = None,
    height: int | None = None,
) -> go.Figure:
    """A dot plot comparing areas (e.g. the Land's Kreise) in one year.

    Args:
        frame: ``area_code``, ``area_name``, ``value``.
        highlight: the code drawn in the city colour and bold.
        polarity: the best is at the top.
        median: an optional vertical reference line (e.g. the Kreise median).
    """
    lang = lang if lang in ("de", "en") else "de"
    data = frame.dropna(subset=["value"]).copy()
    data = data.sort_values("value", ascending=polarity == "lower_better")
    colors = [CITY_COLOR if c == highlight else "#0072B2" for c in data["area_code"]]
    sizes = [14 if c == highlight else 10 for c in data["area_code"]]
    names = [f"<b>{n}</b>" if c == highlight else n for c, n in zip(data["area_code"], data["area_name"], strict=True)]
    fig = go.Figure(
        go.Scatter(
            x=data["value"],
            y=names,
            mode="markers",
            marker={
                "color": colors,
                "size": sizes,
                "symbol": ["diamond" if c == highlight else "circle" for c in data["area_code"]],
            },
            hovertext=[
                f"<b>{n}</b><br>{format_value(v, decimals, unit, lang)}"
                for n, v in zip(data["area_name"], data["value"], strict=True)
            ],
            hoverinfo="text",
            showlegend=False,
        )
    )
    if median is not None:
        fig.add_vline(
            x=median,
            line={"color": "#6a51a3", "dash": "dot", "width": 2},
            annotation_text=median_label or ("Median" if lang == "en" else "Median"),
            annotation_position="top",
            annotation_font={"color": "#4a1486", "size": 12},
        )
    fig.update_layout(
        height=height or max(260, 28 * len(data) + 70),
        margin={"l": 10, "r": 20, "t": 30, "b": 10},
        paper_bgcolor="#ffffff",
        template="none",  # the default template adds ~6 kB to every response
        plot_bgcolor="#ffffff",
        separators=",." if lang == "de" else ".,",
        font={"size": 13, "color": "#1b1f24"},
        hoverlabel={"bgcolor": "#ffffff", "font": {"size": 14, "color": "#1b1f24"}},
    )
    fig.update_xaxes(
        title_text=unit,
        gridcolor="#e3e6ea",
        zeroline=False,
        automargin=True,
        exponentformat="none",
        separatethousands=True,
    )
    fig.update_yaxes(autorange="reversed", showgrid=False, automargin=True)
    return fig
