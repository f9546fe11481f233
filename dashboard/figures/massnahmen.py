"""Pure builders for the Maßnahmen pages: the status bar and indicator sparklines.

No I/O: they take summaries and frames and return Dash components or figures.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from dash import html

from ..compute.massnahmen import StatusSummary
from ..formatting import format_number

# Colours of the status segments, each with a text colour of ≥ 4.5:1 contrast.
# The colour is never the only carrier: every segment and legend entry writes
# the status name (legend) and the count (segment and legend).
STATUS_COLOURS = {
    "nicht begonnen": ("#dde1e7", "#1b1f24"),
    "in Planung": ("#bcd4ef", "#1b1f24"),
    "in Umsetzung": ("#2f6db5", "#ffffff"),
    "umgesetzt": ("#2d6a3e", "#ffffff"),
    "dauerhaft etabliert": ("#14401f", "#ffffff"),
    "zurückgestellt": ("#8a5a00", "#ffffff"),
}

STATUS_LABELS_EN = {
    "nicht begonnen": "not started",
    "in Planung": "planned",
    "in Umsetzung": "in progress",
    "umgesetzt": "implemented",
    "dauerhaft etabliert": "permanently established",
    "zurückgestellt": "deferred",
}


def status_label(status: str, lang: str = "de") -> str:
    return STATUS_LABELS_EN.get(status, status) if lang == "en" else status


def status_badge(status: str, *, lang: str = "de", id=None) -> html.Span:  # noqa: A002 - Dash prop name
    """The status as a coloured chip that always writes its name."""
    background, colour = STATUS_COLOURS.get(status, ("#dde1e7", "#1b1f24"))
    kwargs = {"id": id} if id is not None else {}
    return html.Span(
        status_label(status, lang),
        className="status-badge",
        style={"backgroundColor": background, "color": colour},
        **kwargs,
    )


def status_bar(summary: StatusSummary, *, lang: str = "de", caption: str = "", compact: bool = False) -> html.Figure:
    """A stacked bar of the status counts with the counts written in it and a text legend.

    The bar itself is hidden from screen readers; the legend below it lists every
    status with its count, so the numbers are there as text, not colour alone.
    ``compact`` leaves statuses with no Maßnahme out of the legend.
    """
    segments = []
    legend = []
    for status, count in summary.counts:
        background, colour = STATUS_COLOURS[status]
        if count:
            segments.append(
                html.Span(
                    str(count),
                    className="status-bar-segment",
                    style={"flexGrow": count, "backgroundColor": background, "color": colour},
                    title=f"{status_label(status, lang)}: {count}",
                )
            )
        if compact and not count:
            continue
        legend.append(
            html.Li(
                [
                    html.Span(className="status-swatch", style={"backgroundColor": background}),
                    f"{status_label(status, lang)}: ",
                    html.Strong(str(count)),
                ],
                className="status-legend-item" + ("" if count else " is-zero"),
                **{"data-status": status},
            )
        )
    if not segments:
        # An empty, dashed bar; the text next to it says that there are no Maßnahmen yet.
        return html.Figure(
            html.Div(className="status-bar status-bar-none", **{"aria-hidden": "true"}), className="status-figure"
        )
    return html.Figure(
        [
            html.Div(segments, className="status-bar", **{"aria-hidden": "true"}),
            html.Figcaption(
                [
                    html.Span(caption, className="visually-hidden") if caption else None,
                    html.Ul(legend, className="status-legend"),
                ]
            ),
        ],
        className="status-figure",
    )


def done_share_text(summary: StatusSummary, lang: str = "de") -> str:
    """'5 von 8 umgesetzt oder dauerhaft etabliert (62,5 %)'."""
    if not summary.total:
        return "Noch keine Maßnahmen." if lang == "de" else "No measures yet."
    share = format_number(100 * summary.done_share, 0, lang)
    if lang == "en":
        return f"{summary.done} of {summary.total} implemented or permanently established ({share} %)"
    return f"{summary.done} von {summary.total} umgesetzt oder dauerhaft etabliert ({share} %)"


def sparkline(
    frame: pd.DataFrame,
    *,
    target_value: float | None = None,
    colour: str = "#1d3f6e",
    height: int = 44,
    width: int = 140,
) -> go.Figure:
    """A tiny line of a yearly series (``year``, ``value``), with the Zielwert as a dotted line.

    Static (no hover, no axes): the numbers are written next to it as text.
    """
    data = frame.dropna(subset=["value"]).sort_values("year")
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=data["year"].tolist(),
            y=data["value"].tolist(),
            mode="lines",
            line={"color": colour, "width": 2},
            hoverinfo="skip",
        )
    )
    if not data.empty:
        fig.add_trace(
            go.Scatter(
                x=[data["year"].iloc[-1]],
                y=[data["value"].iloc[-1]],
                mode="markers",
                marker={"color": colour, "size": 6},
                hoverinfo="skip",
            )
        )
    if target_value is not None and not data.empty:
        fig.add_trace(
            go.Scatter(
                x=[data["year"].iloc[0], data["year"].iloc[-1]],
                y=[target_value, target_value],
                mode="lines",
                line={"color": "#4a5260", "width": 1, "dash": "dot"},
                hoverinfo="skip",
            )
        )
    fig.update_layout(
        height=height,
        width=width,
        margin={"l": 2, "r": 4, "t": 4, "b": 4},
        showlegend=False,
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        xaxis={"visible": False, "fixedrange": True},
        yaxis={"visible": False, "fixedrange": True},
    )
    return fig
