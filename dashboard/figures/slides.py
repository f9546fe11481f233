"""Panels for the presentation slides and the embeds. Pure builders, no I/O.

Every figure comes with what a person needs without seeing it: a sentence
(``figure_text``) and a table (``value_table``). On slides the table is
visually hidden (screen readers still read it); embeds show it as a tab.

The data of one indicator travels in an ``IndicatorData`` that the page fills
from the repository (public values only: suppressed counts are removed there).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd
from dash import dcc, html

from ..components import carries_label
from ..compute.classify import Classes, classify
from ..compute.massnahmen import StatusSummary
from ..compute.sentences import Point, trend_sentence
from ..compute.targets import target_status
from ..formatting import format_number, format_value
from .choropleth import choropleth_figure
from .massnahmen import status_bar
from .timeseries import Line, timeseries_figure

# Figures on a projector: ticks and labels readable from the back of the room.
ROOM_FONT = 20


@dataclass(frozen=True)
class IndicatorData:
    """Everything one indicator panel shows.

    Attributes:
        info: the indicator (``IndicatorInfo``: names, unit, decimals, polarity, target, source).
        city: the city's series (``year``, ``value``, optional ``flag``, ``series_break``).
        areas: one year at the map level (``area_code``, ``area_name``, ``value``, ``flag``); may be empty.
        geojson: the map level's FeatureCollection, or None (no map).
        city_name: e.g. "Halle (Saale)".
        level_label: the map level's name, e.g. "Stadtviertel".
        references: (label, frame) comparison series (Land, Bund, Kreis medians).
        placeholder: the map's shapes are invented.
    """

    info: object
    city: pd.DataFrame
    areas: pd.DataFrame
    geojson: dict | None
    city_name: str
    level_label: str = ""
    references: Sequence[tuple[str, pd.DataFrame]] = field(default_factory=tuple)
    placeholder: bool = False

    @property
    def map_year(self) -> int | None:
        return int(self.areas["year"].max()) if len(self.areas) and "year" in self.areas else None

    @property
    def has_map(self) -> bool:
        return self.geojson is not None and bool(self.geojson.get("features")) and not self.areas.empty


def _texts(lang: str) -> dict[str, str]:
    de = lang != "en"
    return {
        "table_series": "Werte je Jahr" if de else "Values per year",
        "table_areas": "Werte je Gebiet" if de else "Values per area",
        "year": "Jahr" if de else "Year",
        "value": "Wert" if de else "Value",
        "area": "Gebiet" if de else "Area",
        "target": "Ziel" if de else "Target",
        "source": "Quelle" if de else "Source",
        "sources": "Quellen" if de else "Sources",
        "licence": "Lizenz" if de else "Licence",
        "no_value": "kein Wert" if de else "no value",
        "darker_better": "dunkler = besser" if de else "darker = better",
        "darker_higher": "dunkler = höher" if de else "darker = higher",
        "placeholder": "Umrisse erfunden" if de else "invented boundaries",
        "no_data": "Für diesen Indikator liegen keine Werte vor." if de else "No values for this indicator.",
        "no_massnahmen": "Für diese Leitlinie sind keine Maßnahmen erfasst." if de else "No measures recorded.",
        "no_indicators": "Dieser Leitlinie sind noch keine Indikatoren zugeordnet."
        if de
        else "No indicators are assigned to this guiding principle yet.",
    }


def _clean_series(frame: pd.DataFrame) -> pd.DataFrame:
    if frame is None or frame.empty:
        return pd.DataFrame(columns=["year", "value"])
    return frame.dropna(subset=["value"]).sort_values("year")


def latest(frame: pd.DataFrame) -> tuple[int | None, float | None]:
    series = _clean_series(frame)
    if series.empty:
        return None, None
    row = series.iloc[-1]
    return int(row["year"]), float(row["value"])


def figure_text(data: IndicatorData, *, lang: str = "de") -> str:
    """The sentences that say what the trend and the map show (the text alternative)."""
    info = data.info
    series = _clean_series(data.city)
    parts: list[str] = []
    if not series.empty:
        start_row, end_row = series.iloc[max(0, len(series) - 6)], series.iloc[-1]
        start = Point(int(start_row["year"]), float(start_row["value"])) if len(series) > 1 else None
        parts.append(
            trend_sentence(
                name=info.name(lang),
                unit=info.unit,
                decimals=info.decimals,
                polarity=info.polarity,
                start=start,
                end=Point(int(end_row["year"]), float(end_row["value"])),
                lang=lang,
            )
        )
    areas = data.areas.dropna(subset=["value"]) if len(data.areas) else data.areas
    if len(areas) > 1:
        low, high = areas.loc[areas["value"].idxmin()], areas.loc[areas["value"].idxmax()]
        fmt = lambda v: format_value(float(v), info.decimals, info.unit, lang)  # noqa: E731
        if lang == "en":
            parts.append(
                f"Map {data.map_year}: {len(areas)} {data.level_label or 'areas'} range from "
                f"{fmt(low['value'])} ({low['area_name']}) to {fmt(high['value'])} ({high['area_name']})."
            )
        else:
            parts.append(
                f"Karte {data.map_year}: Die {len(areas)} {data.level_label or 'Gebiete'} reichen von "
                f"{fmt(low['value'])} ({low['area_name']}) bis {fmt(high['value'])} ({high['area_name']})."
            )
    return " ".join(parts) or _texts(lang)["no_data"]


def value_table(
    frame: pd.DataFrame,
    *,
    key: str,
    key_label: str,
    caption: str,
    decimals: int,
    unit: str,
    lang: str = "de",
    class_name: str = "data-table",
    table_id: str | None = None,
) -> html.Table:
    """A plain, labelled ``html.Table`` (keyboard and screen-reader friendly, not a DataTable)."""
    tx = _texts(lang)
    unit_text = f" ({unit})" if unit and unit != "Anzahl" else ""
    rows = []
    for _, row in frame.iterrows():
        value = row.get("value")
        missing = value is None or (isinstance(value, float) and pd.isna(value))
        rows.append(
            html.Tr(
                [
                    html.Th(str(int(row[key])) if key == "year" else str(row[key]), scope="row"),
                    html.Td(
                        tx["no_value"] if missing else format_number(float(value), decimals, lang), className="num"
                    ),
                ]
            )
        )
    kwargs = {"id": table_id} if table_id else {}
    return html.Table(
        [
            html.Caption(caption),
            html.Thead(html.Tr([html.Th(key_label, scope="col"), html.Th(tx["value"] + unit_text, scope="col")])),
            html.Tbody(rows),
        ],
        className=class_name,
        **kwargs,
    )


def series_table(data: IndicatorData, *, lang: str = "de", **kwargs) -> html.Table:
    tx = _texts(lang)
    return value_table(
        _clean_series(data.city),
        key="year",
        key_label=tx["year"],
        caption=f"{data.info.name(lang)}, {data.city_name}: {tx['table_series']}",
        decimals=data.info.decimals,
        unit=data.info.unit,
        lang=lang,
        **kwargs,
    )


def areas_table(data: IndicatorData, *, lang: str = "de", **kwargs) -> html.Table:
    tx = _texts(lang)
    frame = data.areas
    if data.geojson:  # every area of the map, also those without a (public) value
        names = {f["id"]: f.get("properties", {}).get("name", f["id"]) for f in data.geojson.get("features", [])}
        known = dict(zip(frame["area_code"], frame["value"], strict=True)) if len(frame) else {}
        frame = pd.DataFrame({"area_name": list(names.values()), "value": [known.get(c) for c in names]})
    frame = frame.sort_values("area_name") if len(frame) else frame
    return value_table(
        frame,
        key="area_name",
        key_label=data.level_label or tx["area"],
        caption=f"{data.info.name(lang)} {data.map_year or ''}: {tx['table_areas']}".replace("  ", " "),
        decimals=data.info.decimals,
        unit=data.info.unit,
        lang=lang,
        **kwargs,
    )


def map_classes(data: IndicatorData) -> Classes:
    return classify(data.areas["value"].tolist(), method="quantile", n_classes=5, polarity=data.info.polarity)


def map_figure(
    data: IndicatorData,
    *,
    lang: str = "de",
    height: int | None = None,
    font_size: int = ROOM_FONT,
    legend: bool = False,
):
    """The explorer's choropleth, sized for a slide or an embed (legend as HTML by default).

    ``height=None`` fills its container (the slide decides the size).
    """
    info = data.info
    fig = choropleth_figure(
        data.areas,
        data.geojson,
        classes=map_classes(data),
        unit=info.unit,
        decimals=info.decimals,
        lang=lang,
        polarity=info.polarity,
        placeholder=False,  # said in text next to the map, in the room's font size
        height=height or 360,
    )
    fig.update_traces(showscale=legend, selector={"type": "choropleth"})
    fig.update_layout(font={"size": font_size}, autosize=True)
    fig.layout.height = height
    return fig


def class_legend(data: IndicatorData, *, lang: str = "de", short: bool = False) -> html.Div:
    """The map's colour classes as text: swatches plus the range, and what dark means."""
    tx = _texts(lang)
    classes = map_classes(data)
    info = data.info
    labels = classes.labels(lambda v: format_number(v, info.decimals, lang))
    meaning = tx["darker_higher"] if info.polarity == "neutral" else tx["darker_better"]
    lo = format_number(classes.breaks[0], info.decimals, lang) if classes.breaks else "–"
    hi = format_value(classes.breaks[-1], info.decimals, info.unit, lang) if classes.breaks else "–"
    return html.Div(
        [
            html.Span(
                [
                    html.Span(className="legend-swatch", style={"backgroundColor": color}, title=label)
                    for color, label in zip(classes.colors, labels, strict=False)
                ],
                className="legend-swatches",
                **{"aria-hidden": "true"},
            ),
            html.Span(
                f"{lo} – {hi}"
                if short
                else f"{lo} – {hi}; {meaning}" + (f"; {tx['placeholder']}" if data.placeholder else "")
            ),
        ],
        className="map-legend",
    )


def year_ticks(data: IndicatorData, count: int = 4) -> list[int]:
    """About ``count`` evenly spaced years from the first value to the target year (readable when small)."""
    years = [int(y) for y in _clean_series(data.city)["year"]]
    if data.info.target_year:
        years.append(int(data.info.target_year))
    if not years:
        return []
    first, last = min(years), max(years)
    if last - first < count:
        return list(range(first, last + 1))
    return sorted({round(first + k * (last - first) / (count - 1)) for k in range(count)})


def trend_figure(
    data: IndicatorData,
    *,
    lang: str = "de",
    height: int | None = None,
    font_size: int = ROOM_FONT,
    references: bool = False,
    areas: Sequence[tuple[str, pd.DataFrame]] = (),
):
    """The city's series with its Zielwert; optionally chosen areas and the reference lines."""
    info = data.info
    lines = [Line(label, _clean_series(frame), role="area") for label, frame in areas]
    lines.append(Line(data.city_name, _clean_series(data.city), role="city"))
    if references:
        lines += [Line(label, frame, role="reference") for label, frame in data.references]
    fig = timeseries_figure(
        lines,
        target_value=info.target_value,
        target_year=info.target_year,
        unit=info.unit,
        decimals=info.decimals,
        lang=lang,
        height=height or 300,
        y_title="",
    )
    fig.layout.height = height
    fig.update_layout(
        font={"size": font_size},
        showlegend=len(lines) > 1,
        margin={"l": 8, "r": 8, "t": 8, "b": 8},
        autosize=True,
        legend={"orientation": "h", "y": -0.18, "x": 0, "font": {"size": font_size}},
    )
    fig.update_xaxes(automargin=True, tickvals=year_ticks(data), tickformat="d", tickangle=0)
    fig.update_yaxes(automargin=True, nticks=4)
    fig.update_annotations(font={"size": font_size})
    return fig


def headline(data: IndicatorData, *, lang: str = "de", compact: bool = False) -> html.Div:
    """The latest city value in large type, its year, and the target with its status as words."""
    info = data.info
    tx = _texts(lang)
    year, value = latest(data.city)
    parts = [
        html.Span(f"{data.city_name}: ", className="visually-hidden"),
        html.Span(format_value(value, info.decimals, info.unit, lang), className="kpi-value"),
        html.Span(f" ({year})" if year else "", className="kpi-year"),
    ]
    target = None
    if info.target_value is not None:
        status = target_status(
            _clean_series(data.city),
            target_value=info.target_value,
            target_year=info.target_year,
            polarity=info.polarity,
            lang=lang,
            decimals=info.decimals,
            unit=info.unit,
        )
        target_text = f"{tx['target']} {format_value(info.target_value, info.decimals, info.unit, lang)}"
        if info.target_year:
            target_text += f" ({info.target_year})"
        # The chart next to it draws the Zielwert; here the number is visible when not compact.
        target = html.P(
            [
                html.Span(target_text + ": ", className="visually-hidden" if compact else "target-text"),
                html.Strong(status.label, className=f"target-status target-{status.status}"),
            ],
            className="kpi-target",
        )
    return html.Div([html.P(parts, className="kpi"), target], className="kpi-block")


def graph(figure, config: dict, *, class_name: str, graph_id: str | None = None) -> html.Div:
    """A graph hidden from screen readers: its sentence and table say the same in words."""
    kwargs = {"id": graph_id} if graph_id else {}
    return html.Div(
        dcc.Graph(figure=figure, config=config, className="bm-graph", style={"height": "100%"}, **kwargs),
        className=class_name,
        **{"aria-hidden": "true"},
    )


def display_name(info, lang: str, *, demo_labelled: bool) -> str:
    """The indicator's name; "(Beispieldaten)" is left out where the slide already says it."""
    name = info.name(lang)
    if demo_labelled:
        for suffix in (" (Beispieldaten)", " (demo data)"):
            name = name.removesuffix(suffix)
    return name


def indicator_card(
    data: IndicatorData, *, config: dict, lang: str = "de", heading_level: int = 2, demo_labelled: bool = False
) -> html.Article:
    """One key indicator on a Leitlinie slide, as a row: words and value | small map | trend."""
    info = data.info
    heading = getattr(html, f"H{heading_level}")
    parts = [
        html.Div(
            [
                heading(display_name(info, lang, demo_labelled=demo_labelled), className="card-title"),
                headline(data, lang=lang, compact=True),
            ],
            className="card-text",
        )
    ]
    if data.has_map:
        parts.append(
            html.Div(
                [
                    graph(map_figure(data, lang=lang), config, class_name="card-map"),
                    class_legend(data, lang=lang, short=True),
                ],
                className="card-map-cell",
            )
        )
    parts.append(
        html.Div(graph(trend_figure(data, lang=lang), config, class_name="card-trend"), className="card-trend-cell")
    )
    return html.Article(
        [
            *parts,
            html.P(figure_text(data, lang=lang), className="visually-hidden"),
            html.Div(
                [series_table(data, lang=lang), areas_table(data, lang=lang) if data.has_map else None],
                className="visually-hidden",
            ),
        ],
        className="slide-card indicator-card" + ("" if data.has_map else " no-map"),
        **{"data-indicator": info.id},
    )


def map_note(datas: Sequence[IndicatorData], *, lang: str = "de") -> str | None:
    """What the small maps show, said once per slide: level, year, what dark means."""
    with_map = [d for d in datas if d.has_map]
    if not with_map:
        return None
    de = lang != "en"
    first = with_map[0]
    years = sorted({d.map_year for d in with_map})
    year_text = ", ".join(str(y) for y in years)
    meaning = (
        _texts(lang)["darker_better"]
        if any(d.info.polarity != "neutral" for d in with_map)
        else _texts(lang)["darker_higher"]
    )
    text = f"{'Karten' if de else 'Maps'}: {first.level_label} {year_text}, {meaning}"
    if any(d.placeholder for d in with_map):
        text += ", " + _texts(lang)["placeholder"]
    return text + "."


def sources_line(datas: Sequence[IndicatorData], *, lang: str = "de", note: str | None = None) -> html.P | None:
    """One line with the sources of all indicators on a slide (each named once), after an optional note."""
    tx = _texts(lang)
    seen: list[str] = []
    for data in datas:
        # Invented numbers carry no licence worth a line on a slide; real sources keep theirs.
        licence = data.info.licence if data.info.licence and not data.info.is_demo else ""
        text = data.info.source + (f", {licence}" if licence else "")
        if text and text not in seen:
            seen.append(text)
    if not seen:
        return None
    label = tx["source"] if len(seen) == 1 else tx["sources"]
    # Some sources bring their own label ("Datenquelle: INKAR, BBSR Bonn" is the required wording).
    labelled = all(carries_label(text) for text in seen)
    return html.P(
        [f"{note} " if note else None, None if labelled else html.Strong(f"{label}: "), " · ".join(seen)],
        className="slide-sources",
    )


def leitlinie_body(
    summary: StatusSummary,
    datas: Sequence[IndicatorData],
    *,
    config: dict,
    lang: str = "de",
    massnahmen_label: str,
    demo_labelled: bool = False,
) -> list:
    """A Leitlinie slide below its title: Maßnahmen status, then the key indicators (one row each)."""
    return [
        html.Section(
            [
                html.H2(massnahmen_label, className="section-title"),
                status_bar(summary, lang=lang) if summary.total else html.P(_texts(lang)["no_massnahmen"]),
            ],
            className="slide-massnahmen",
        ),
        html.Div(
            [indicator_card(d, config=config, lang=lang, demo_labelled=demo_labelled) for d in datas]
            or [html.P(_texts(lang)["no_indicators"], className="slide-empty")],
            className=f"slide-cards cards-{len(datas)}",
        ),
        sources_line(datas, lang=lang, note=map_note(datas, lang=lang)),
    ]


def indicator_body(data: IndicatorData, *, config: dict, lang: str = "de") -> list:
    """One indicator on a whole slide: value and sentence, large map and trend with references."""
    figures = []
    if data.has_map:
        figures.append(
            html.Div(
                [graph(map_figure(data, lang=lang), config, class_name="big-map"), class_legend(data, lang=lang)],
                className="big-figure",
            )
        )
    figures.append(
        html.Div(
            graph(trend_figure(data, lang=lang, references=True), config, class_name="big-trend"),
            className="big-figure",
        )
    )
    return [
        html.Div(
            [headline(data, lang=lang), html.P(figure_text(data, lang=lang), className="slide-sentence")],
            className="slide-lead",
        ),
        html.Div(figures, className=f"slide-figures figures-{len(figures)}"),
        html.Div(
            [series_table(data, lang=lang), areas_table(data, lang=lang) if data.has_map else None],
            className="visually-hidden",
        ),
        sources_line([data], lang=lang),
    ]


def overview_body(leitlinien: Sequence[dict], summaries: dict[int, StatusSummary], *, lang: str = "de") -> list:
    """All Leitlinien, one row each: number, title, and how many Maßnahmen are done (words and a bar)."""
    de = lang != "en"
    items = []
    for ll in leitlinien:
        summary = summaries[ll["number"]]
        title = ll["title_en"] if not de and ll["title_en"] else ll["title_de"]
        share = summary.done_share or 0
        if summary.total:
            done = (
                f"{summary.done} von {summary.total} umgesetzt"
                if de
                else f"{summary.done} of {summary.total} implemented"
            )
        else:
            done = "keine Maßnahmen" if de else "no measures"
        overdue = f"{summary.overdue} überfällig" if de else f"{summary.overdue} overdue"
        items.append(
            html.Li(
                [
                    html.Span(str(ll["number"]), className="ll-number", **{"aria-hidden": "true"}),
                    html.H2(
                        [
                            html.Span(
                                f"Leitlinie {ll['number']}: " if de else f"Principle {ll['number']}: ",
                                className="visually-hidden",
                            ),
                            title,
                        ],
                        className="ll-title",
                    ),
                    html.P(
                        [
                            html.Span(done, className="ll-done"),
                            html.Span(overdue if summary.overdue else "", className="overdue-text"),
                        ],
                        className="ll-status",
                    ),
                    html.Div(
                        html.Div(className="progress-done", style={"width": f"{100 * share:.0f}%"}),
                        className="progress-track",
                        **{"aria-hidden": "true"},
                    ),
                ],
                className="slide-card overview-item",
            )
        )
    return [html.Ol(items, className="overview-grid")]
