"""Indikatoren: the indicator explorer (map, trend, table; every view a URL).

Geometry travels once: the page layout sends the map with its GeoJSON, and
afterwards ``update_map`` returns only compact values (class index, rounded
value, rank per area; ``figures.choropleth.compact_update``) that a clientside
callback (``assets/explorer.js: applyMapData``) writes into the figure. Only a
change of level sends new geometry.

The URL is kept in step by a clientside callback (``history.pushState``), so
the page is not re-rendered on every change; back/forward restore the
controls from the URL (``assets/explorer.js`` -> ``on_popstate``).
"""

from __future__ import annotations

import datetime as dt

import dash
import pandas as pd
from dash import ClientsideFunction, Input, Output, State, ctx, dcc, html

from .. import explorer_data as data
from ..components import notice, source_line
from ..compute.classify import classify, parse_manual_breaks
from ..embed_dialog import embed_dialog
from ..explorer_state import MAX_SELECTED, ExplorerState, clamp_year, parse_state
from ..export import to_csv_bytes, to_xlsx_bytes
from ..figures.choropleth import choropleth_figure, compact_update
from ..figures.indicator_panels import data_table, definition_panel, status_badge, table_rows
from ..figures.timeseries import comparison_figure, timeseries_figure, timeseries_footnotes
from ..formatting import format_value
from ..i18n import t
from ..pages import Page
from ..services import services

PREFIX = "explorer"
ROOT = f"{PREFIX}-root"
NOTICES = f"{PREFIX}-notices"
LEITLINIE = f"{PREFIX}-leitlinie"
INDICATOR = f"{PREFIX}-indicator"
LEVEL = f"{PREFIX}-level"
YEAR = f"{PREFIX}-year"
PLAY = f"{PREFIX}-play"
TIMER = f"{PREFIX}-timer"
CLASSES = f"{PREFIX}-classes"
BREAKS = f"{PREFIX}-breaks"
BREAKS_BOX = f"{PREFIX}-breaks-box"
PALETTE = f"{PREFIX}-palette"
TAB = f"{PREFIX}-tab"
AREAS = f"{PREFIX}-areas"
HEADER = f"{PREFIX}-header"
MAP = f"{PREFIX}-map"
MAP_BOX = f"{PREFIX}-map-box"
MAP_CAPTION = f"{PREFIX}-map-caption"
COMPARE = f"{PREFIX}-compare"
COMPARE_BOX = f"{PREFIX}-compare-box"
TS = f"{PREFIX}-ts"
TS_NOTES = f"{PREFIX}-ts-notes"
MAP_PANEL = f"{PREFIX}-map-panel"
TABLE_PANEL = f"{PREFIX}-table-panel"
TABLE_BOX = f"{PREFIX}-table-box"
SORT = f"{PREFIX}-sort"
SORT_PREFIX = f"{PREFIX}-sort"
MAP_LEVEL = f"{PREFIX}-map-level"
MAP_DATA = f"{PREFIX}-map-data"
MAP_CONTROLS = f"{PREFIX}-map-controls"
LANG = f"{PREFIX}-lang"
SYNC = f"{PREFIX}-url-sync"
POPSTATE = f"{PREFIX}-popstate"
CSV = f"{PREFIX}-csv"
XLSX = f"{PREFIX}-xlsx"
DOWNLOAD = f"{PREFIX}-download"
PNG = f"{PREFIX}-png"
SVG = f"{PREFIX}-svg"
IMAGE_SYNC = f"{PREFIX}-image-sync"

# The map and the trend chart take their height from CSS (.map-graph, .ts-graph),
# so a phone gets taller charts than a desktop.
MAP_HEIGHT = None
TS_HEIGHT = None

GRAPH_CONFIG = {
    "displaylogo": False,
    "scrollZoom": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"],
}


# -- small pure helpers ----------------------------------------------------------------


def _level_name(level: str, lang: str, plural: bool = False) -> str:
    try:
        lv = services().kommune.level(level)
    except KeyError:
        return level
    if plural:
        return lv.plural_en if lang == "en" else lv.plural_de
    return lv.name_en if lang == "en" else lv.name_de


def _dropdown_labels(lang: str) -> dict:
    """Dash's dropdown texts (English by default) in the page language."""
    if lang == "en":
        return {}
    return {
        "select_all": "Alle auswählen",
        "deselect_all": "Auswahl aufheben",
        "selected_count": "{num_selected} ausgewählt",
        "search": "Suchen",
        "clear_search": "Suche leeren",
        "clear_selection": "Auswahl leeren",
        "no_options_found": "Nichts gefunden",
    }


def indicator_options(infos, leitlinie: int | None, lang: str) -> list[dict]:
    """Dropdown options grouped by Handlungsfeld: a disabled heading, then its indicators."""
    groups: dict[str, list] = {}
    order: list[str] = []
    for info in infos:
        if leitlinie and leitlinie not in info.leitlinien:
            continue
        group = info.handlungsfeld_title or info.bereich or ("Weitere" if lang == "de" else "Other")
        if group not in groups:
            groups[group] = []
            order.append(group)
        groups[group].append(info)
    options = []
    for group in order:
        options.append({"label": f"— {group} —", "value": f"__group__{group}", "disabled": True})
        for info in groups[group]:
            label = info.name(lang)
            demo = t("ex_demo", lang)
            if info.is_demo and demo not in label and "demo" not in label.lower():
                label += f" ({demo})"
            options.append({"label": label, "value": info.id, "search": f"{label} {group} {info.id}"})
    return options


def _classes(state: ExplorerState, info, frame: pd.DataFrame, city_value: float | None):
    manual = []
    if state.classes == "manual":
        try:
            manual = parse_manual_breaks(state.breaks)
        except ValueError:
            manual = []
    return classify(
        frame["value"] if len(frame) else [],
        method=state.classes if (state.classes != "manual" or manual) else "quantile",
        n_classes=5,
        manual=manual,
        polarity=info.polarity,
        diverging=state.palette == "diverging",
        center=city_value,
    )


def _city_value(indicator_id: str, year: int | None) -> float | None:
    city = data.city_values(indicator_id)
    row = city[city["year"] == year]
    if row.empty or pd.isna(row["value"].iloc[0]):
        return None
    return float(row["value"].iloc[0])


def _map_inputs(state: ExplorerState, info, lang: str) -> tuple[pd.DataFrame, dict]:
    """The year's values and the options shared by the full map and its compact update."""
    frame = data.year_values(info.id, state.level, state.year)
    options = dict(
        classes=_classes(state, info, frame, _city_value(info.id, state.year)),
        unit=info.unit,
        decimals=info.decimals,
        lang=lang,
        polarity=info.polarity,
        selected=state.areas,
        legend_title=_legend_title(info, state, lang),
    )
    return frame, options


def map_data(state: ExplorerState, info, lang: str) -> dict:
    """The compact map update (no geometry), applied in the browser by ``applyMapData``."""
    codes, centroids = data.area_order(state.level)
    frame, options = _map_inputs(state, info, lang)
    return compact_update(frame, codes, centroids=centroids, **options)


def _legend_title(info, state: ExplorerState, lang: str) -> str:
    unit = info.unit or ""
    if state.palette == "diverging":
        centre = "Mitte = Stadtwert" if lang == "de" else "centre = city value"
        return f"{unit}<br>{centre}" if unit else centre
    return unit


def build_map(state: ExplorerState, info, lang: str):
    geo, centroids = data.geometry(state.level)
    frame, options = _map_inputs(state, info, lang)
    return choropleth_figure(
        frame,
        geo,
        placeholder=data.placeholder_geometry(),
        centroids=centroids,
        height=MAP_HEIGHT,
        **options,
    )


def build_compare(state: ExplorerState, info, lang: str):
    frame = data.kreise_values(info.id, state.year)
    refs = data.reference_values(info.id)
    median = refs[(refs["area_code"] == "ST-KREISE-MEDIAN") & (refs["year"] == state.year)]
    median_value = float(median["value"].iloc[0]) if len(median) and not pd.isna(median["value"].iloc[0]) else None
    return comparison_figure(
        frame,
        highlight=services().kommune.city_code,
        unit=info.unit,
        decimals=info.decimals,
        lang=lang,
        polarity=info.polarity,
        median=median_value,
        median_label="Median der Kreise" if lang == "de" else "Median of the districts",
    )


def map_caption(state: ExplorerState, info, lang: str, city_only: bool) -> list:
    land = services().kommune.land
    if city_only:
        heading = t("ex_kreise_heading", lang, land=land, year=state.year or "–")
        notes = [html.P(t("ex_city_only", lang, level=_level_name(state.level, lang), land=land), className="hint")]
    else:
        heading = t(
            "ex_map_heading",
            lang,
            name=_title(info, lang),
            level=_level_name(state.level, lang),
            year=state.year or "–",
        )
        notes = [html.P(t("ex_nodata_legend", lang), className="hint")]
    return [
        html.H2([heading, _demo_badge(info, lang)], className="figure-heading", id=f"{PREFIX}-map-heading"),
        *notes,
    ]


def _title(info, lang: str) -> str:
    """The indicator name without a "(Beispieldaten)" suffix where the badge next to it says so."""
    name = info.name(lang)
    if info.is_demo:
        for suffix in (" (Beispieldaten)", " (demo data)", " (Demo data)"):
            name = name.removesuffix(suffix)
    return name


def _demo_badge(info, lang: str):
    if not info.is_demo:
        return None
    return html.Span(t("ex_demo", lang), className="badge-text badge-demo figure-badge", title=t("ex_demo_note", lang))


def build_series(state: ExplorerState, info, lang: str):
    series = data.series_data(info, state.level, state.areas, lang)
    fig = timeseries_figure(
        series.lines,
        bands=series.bands,
        target_value=info.target_value,
        target_year=info.target_year,
        unit=info.unit,
        decimals=info.decimals,
        lang=lang,
        year=state.year,
        height=TS_HEIGHT,
    )
    notes = timeseries_footnotes(series.lines, lang=lang)
    return fig, notes


def series_notes(notes: list[str], info, lang: str) -> list:
    items = [html.Li(n) for n in notes]
    return [
        html.Ol(items, className="footnotes") if items else None,
        source_line(info.source or "–", info.licence or "–", lang),
    ]


def header(state: ExplorerState, info, lang: str) -> list:  # noqa: ARG001 - uniform builder signature
    status = data.status(info, lang)
    return [
        html.P(
            [
                html.Span(info.handlungsfeld_title or "", className="card-kicker"),
            ],
            className="explorer-kicker",
        ),
        html.H2([_title(info, lang), _demo_badge(info, lang)], className="indicator-title", id=f"{PREFIX}-title"),
        status_badge(status, lang=lang, badge_id=f"{PREFIX}-status") if info.target_value is not None else None,
        definition_panel(
            info, level_name=_level_name(info.spatial_level, lang), lang=lang, panel_id=f"{PREFIX}-definition"
        ),
    ]


def _reference_rows(info, year: int | None, lang: str) -> pd.DataFrame:
    rows = []
    city = data.city_values(info.id)
    refs = data.reference_values(info.id)
    sources = [(services().kommune.name, city)]
    for code in ("ST-KREISE-MEDIAN", "DE-KREISE-MEDIAN", "LAND-ST", "BUND-DE"):
        part = refs[refs["area_code"] == code]
        if len(part):
            sources.append((str(part["area_name"].iloc[0]), part))
    for name, part in sources:
        now = part[part["year"] == year]
        before = part[part["year"] == (year - 1 if year else None)]
        rows.append(
            {
                "area_code": str(part["area_code"].iloc[0]) if len(part) else "",
                "area_name": name,
                "value": float(now["value"].iloc[0]) if len(now) else float("nan"),
                "previous": float(before["value"].iloc[0]) if len(before) else float("nan"),
                "note": ("vorläufig" if lang == "de" else "provisional")
                if len(now) and now["flag"].iloc[0] == "provisional"
                else "",
            }
        )
    return pd.DataFrame(rows)


def build_table(state: ExplorerState, info, lang: str, sort: dict | None = None):
    sort = sort or {"key": "rank", "desc": False}
    city_only = data.is_city_only(info)
    years = data.catalogue().years.get(info.id, [])
    previous = max((y for y in years if state.year is not None and y < state.year), default=None)
    if city_only:
        frame = data.kreise_values(info.id, state.year)
        prev = data.kreise_values(info.id, previous) if previous else frame.iloc[0:0]
        rows = table_rows(frame, prev, polarity=info.polarity)
        level_text = "Kreis" if lang == "de" else "district"
        extra = _reference_rows(info, state.year, lang)
        extra = extra[extra["area_code"] != services().kommune.city_code]
    else:
        frame = data.year_values(info.id, state.level, state.year)
        prev = data.year_values(info.id, state.level, previous) if previous else frame.iloc[0:0]
        names = data.area_names(state.level)
        rows = table_rows(frame, prev, polarity=info.polarity, area_codes=list(names), names=names)
        level_text = _level_name(state.level, lang)
        extra = _reference_rows(info, state.year, lang)
    caption = t("ex_table_caption", lang, name=info.name(lang), year=state.year or "–", level=level_text)
    return data_table(
        rows,
        year=state.year,
        previous_year=previous,
        decimals=info.decimals,
        unit=info.unit,
        caption=caption,
        lang=lang,
        sort=sort.get("key", "rank"),
        descending=bool(sort.get("desc")),
        extra_rows=extra,
        sort_id_prefix=SORT_PREFIX,
        table_id=f"{PREFIX}-table",
    )


def export_frame(state: ExplorerState, info, lang: str) -> pd.DataFrame:
    """The visible data in long form: the map year on the level, plus the trend lines shown."""
    de = lang == "de"
    rows = []
    if data.is_city_only(info):
        year_frame = data.kreise_values(info.id, state.year).assign(level="kreis", year=state.year)
    else:
        year_frame = data.year_values(info.id, state.level, state.year)
    for _, r in year_frame.iterrows():
        rows.append((r["area_code"], r["area_name"], r.get("level", state.level), r["year"], r["value"], r.get("flag")))
    series = data.series_data(info, state.level, state.areas, lang)
    for line in series.lines:
        for _, r in line.frame.iterrows():
            rows.append((line.code or "", line.label, r.get("level", ""), r["year"], r["value"], r.get("flag")))
    for band in series.bands:
        for part in (band.lower, band.upper):
            for _, r in part.iterrows():
                rows.append((r["area_code"], r["area_name"], r.get("level", ""), r["year"], r["value"], r.get("flag")))
    frame = pd.DataFrame(rows, columns=["code", "name", "level", "year", "value", "flag"])
    frame = frame.drop_duplicates(["code", "year"])
    flag_text = {
        "provisional": "vorläufig" if de else "provisional",
        "suppressed": "Datenschutz: unterdrückt" if de else "suppressed (data protection)",
    }
    return pd.DataFrame(
        {
            ("Indikator" if de else "Indicator"): info.name(lang),
            ("Gebietsschlüssel" if de else "Area code"): frame["code"],
            ("Gebiet" if de else "Area"): frame["name"],
            ("Ebene" if de else "Level"): frame["level"],
            ("Jahr" if de else "Year"): frame["year"].astype("Int64"),
            ("Wert" if de else "Value"): frame["value"],
            ("Einheit" if de else "Unit"): info.unit,
            ("Hinweis" if de else "Note"): [
                flag_text.get(f, f or "") if isinstance(f, str) else "" for f in frame["flag"]
            ],
        }
    )


def _about(info, lang: str) -> list[tuple[str, str]]:
    about = [
        ("Indikator", info.name(lang)),
        ("Definition", info.definition(lang)),
        ("Einheit", info.unit),
        ("Quelle", info.source),
        ("Lizenz", info.licence),
        ("Stand", str(info.last_update or "")),
        ("Abgerufen", dt.date.today().isoformat()),
    ]
    if info.is_demo:
        about.insert(0, ("Hinweis", "Beispieldaten: erfundene Zahlen, keine Aussage über die Kommune."))
    return about


# -- layout ------------------------------------------------------------------------------


def _year_marks(years: list[int]) -> dict:
    if not years:
        return {}
    step = 1 if len(years) <= 8 else (2 if len(years) <= 16 else 5)
    marks = {y: str(y) for y in years if (y - years[0]) % step == 0 and years[-1] - y >= min(step, 3) or y == years[0]}
    marks[years[-1]] = str(years[-1])
    return {int(k): v for k, v in marks.items()}


def layout(query: dict, lang: str) -> html.Div:
    svc = services()
    catalogue = data.catalogue()
    state, problems = parse_state(query, catalogue, lang)
    infos = data.indicators()
    info = data.indicator(state.indicator)
    if info is None:
        return html.Div([html.H1(t("ex_title", lang)), notice(t("not_found_title", lang), kind="info", lang=lang)])
    city_only = data.is_city_only(info)
    years = list(catalogue.years.get(info.id, []))
    levels = [lv.key for lv in svc.kommune.district_levels]
    names = data.area_names(state.level)
    map_fig = build_map(state, info, lang) if not city_only else {}
    compare_fig = build_compare(state, info, lang) if city_only else {}
    ts_fig, ts_notes = build_series(state, info, lang)
    file_stub = f"bildungsmonitor-{info.id}-{state.year}"
    config = {
        **GRAPH_CONFIG,
        # plotly.js fetches a world topology for every geo map; ours is an empty one on our own server.
        "topojsonURL": svc.asset("topojson/"),
        "toImageButtonOptions": {"format": "png", "filename": file_stub, "scale": 2},
    }
    leitlinien = svc.repo.leitlinien()
    ll_options = [{"label": t("ex_all_leitlinien", lang), "value": 0}] + [
        {
            "label": f"{ll['number']}. {ll['title_en'] if lang == 'en' and ll['title_en'] else ll['title_de']}",
            "value": ll["number"],
        }
        for ll in leitlinien
    ]
    neutral = info.polarity == "neutral"
    controls = html.Aside(
        [
            html.Div(
                [
                    html.Label(t("ex_filter_leitlinie", lang), htmlFor=LEITLINIE, className="control-label"),
                    dcc.Dropdown(
                        id=LEITLINIE,
                        options=ll_options,
                        value=state.leitlinie or 0,
                        clearable=False,
                        searchable=False,
                        className="explorer-dropdown",
                    ),
                ],
                className="control",
            ),
            html.Div(
                [
                    html.Label(t("ex_indicator", lang), htmlFor=INDICATOR, className="control-label"),
                    dcc.Dropdown(
                        id=INDICATOR,
                        options=indicator_options(infos, state.leitlinie, lang),
                        value=state.indicator,
                        clearable=False,
                        searchable=True,
                        placeholder=t("ex_search", lang),
                        maxHeight=420,
                        labels={**_dropdown_labels(lang), "search": t("ex_search", lang)},
                        className="explorer-dropdown indicator-dropdown",
                    ),
                ],
                className="control",
            ),
            html.Div(
                [
                    html.Fieldset(
                        [
                            html.Legend(t("ex_level", lang), className="control-label"),
                            dcc.RadioItems(
                                id=LEVEL,
                                options=[{"label": _level_name(lv, lang), "value": lv} for lv in levels],
                                value=state.level,
                                className="radio-group",
                                inputClassName="radio-input",
                                labelClassName="radio-label",
                            ),
                        ],
                        className="control",
                    ),
                    html.Div(
                        [
                            html.Label(t("ex_compare", lang), htmlFor=AREAS, className="control-label"),
                            dcc.Dropdown(
                                id=AREAS,
                                options=[
                                    {"label": n, "value": c} for c, n in sorted(names.items(), key=lambda x: x[1])
                                ],
                                value=list(state.areas),
                                multi=True,
                                placeholder=t("ex_compare_placeholder", lang),
                                labels=_dropdown_labels(lang),
                                className="explorer-dropdown",
                            ),
                            html.P(t("ex_compare_hint", lang), className="hint"),
                        ],
                        className="control",
                    ),
                    html.Details(
                        [
                            html.Summary(t("ex_display", lang), className="control-label"),
                            html.Fieldset(
                                [
                                    html.Legend(t("ex_classes", lang), className="control-label"),
                                    dcc.RadioItems(
                                        id=CLASSES,
                                        options=[
                                            {"label": t("ex_quantile", lang), "value": "quantile"},
                                            {"label": t("ex_equal", lang), "value": "equal"},
                                            {"label": t("ex_manual", lang), "value": "manual"},
                                        ],
                                        value=state.classes,
                                        className="radio-group",
                                        inputClassName="radio-input",
                                        labelClassName="radio-label",
                                    ),
                                    html.Div(
                                        [
                                            html.Label(
                                                t("ex_breaks", lang), htmlFor=BREAKS, className="control-sublabel"
                                            ),
                                            dcc.Input(
                                                id=BREAKS,
                                                value=state.breaks,
                                                type="text",
                                                debounce=True,
                                                className="form-control",
                                            ),
                                        ],
                                        id=BREAKS_BOX,
                                        style={} if state.classes == "manual" else {"display": "none"},
                                    ),
                                ],
                                className="control",
                            ),
                            html.Fieldset(
                                [
                                    html.Legend(t("ex_palette", lang), className="control-label"),
                                    dcc.RadioItems(
                                        id=PALETTE,
                                        options=[
                                            {
                                                "label": t(
                                                    "ex_sequential_neutral" if neutral else "ex_sequential", lang
                                                ),
                                                "value": "sequential",
                                            },
                                            {"label": t("ex_diverging", lang), "value": "diverging"},
                                        ],
                                        value=state.palette,
                                        className="radio-group",
                                        inputClassName="radio-input",
                                        labelClassName="radio-label",
                                    ),
                                ],
                                className="control",
                            ),
                        ],
                        className="control display-options",
                        open=state.classes != "quantile" or state.palette != "sequential",
                    ),
                ],
                id=MAP_CONTROLS,
                style={"display": "none"} if city_only else {},
            ),
        ],
        className="explorer-controls",
        **{"aria-label": t("ex_indicator", lang)},
    )
    year_bar = html.Div(
        [
            html.Span(t("ex_year", lang), className="control-label", id=f"{YEAR}-label"),
            html.Button(t("ex_play", lang), id=PLAY, n_clicks=0, className="btn btn-outline-primary play-button"),
            html.Div(
                dcc.Slider(
                    id=YEAR,
                    min=years[0] if years else 0,
                    max=years[-1] if years else 0,
                    step=1,
                    value=state.year,
                    marks=_year_marks(years),
                    updatemode="mouseup",
                    tooltip={"always_visible": False, "placement": "top"},
                ),
                className="year-slider",
                **{"aria-labelledby": f"{YEAR}-label"},
            ),
            dcc.Interval(id=TIMER, interval=1200, disabled=True),
        ],
        className="year-bar",
    )
    tabs = html.Div(
        [
            html.Span(t("ex_view", lang), className="visually-hidden", id=f"{TAB}-label"),
            dcc.RadioItems(
                id=TAB,
                options=[
                    {"label": t("ex_tab_map", lang), "value": "map"},
                    {"label": t("ex_tab_table", lang), "value": "table"},
                ],
                value=state.tab,
                inline=True,
                className="view-tabs",
                inputClassName="view-tab-input",
                labelClassName="view-tab",
            ),
        ],
        className="view-tabs-row",
        role="radiogroup",
        **{"aria-labelledby": f"{TAB}-label"},
    )
    downloads = html.Div(
        [
            html.Span(t("ex_downloads", lang) + ":", className="downloads-label"),
            html.Button(t("ex_csv", lang), id=CSV, n_clicks=0, className="btn btn-sm btn-outline-secondary"),
            html.Button(t("ex_xlsx", lang), id=XLSX, n_clicks=0, className="btn btn-sm btn-outline-secondary"),
            html.Button(t("ex_png", lang), id=PNG, n_clicks=0, className="btn btn-sm btn-outline-secondary"),
            html.Button(t("ex_svg", lang), id=SVG, n_clicks=0, className="btn btn-sm btn-outline-secondary"),
            dcc.Download(id=DOWNLOAD),
        ],
        className="downloads",
    )
    map_panel = html.Div(
        [
            html.Section(
                [
                    html.Div(map_caption(state, info, lang, city_only), id=MAP_CAPTION),
                    html.Div(
                        dcc.Graph(id=MAP, figure=map_fig, config=config),
                        id=MAP_BOX,
                        className="map-graph",
                        style={"display": "none"} if city_only else {},
                    ),
                    html.Div(
                        dcc.Graph(id=COMPARE, figure=compare_fig, config=config, className="compare-graph"),
                        id=COMPARE_BOX,
                        style={} if city_only else {"display": "none"},
                    ),
                    html.Div(source_line(info.source or "–", info.licence or "–", lang), id=f"{PREFIX}-map-source"),
                ],
                className="figure-card map-card",
                **{"aria-labelledby": f"{PREFIX}-map-heading"},
            ),
            html.Section(
                [
                    html.H2(
                        [t("ex_ts_heading", lang), _demo_badge(info, lang)],
                        className="figure-heading",
                        id=f"{PREFIX}-ts-heading",
                    ),
                    # responsive graphs fill their box (inline height: 100%); the box's CSS sets the height
                    html.Div(dcc.Graph(id=TS, figure=ts_fig, config=config), className="ts-graph"),
                    html.Div(series_notes(ts_notes, info, lang), id=TS_NOTES),
                ],
                className="figure-card ts-card",
                **{"aria-labelledby": f"{PREFIX}-ts-heading"},
            ),
        ],
        id=MAP_PANEL,
        className="map-ts-grid",
        style={} if state.tab == "map" else {"display": "none"},
    )
    table_panel = html.Section(
        html.Div(build_table(state, info, lang) if state.tab == "table" else None, id=TABLE_BOX),
        id=TABLE_PANEL,
        className="figure-card table-card",
        style={} if state.tab == "table" else {"display": "none"},
    )
    return html.Div(
        [
            html.H1(t("ex_title", lang)),
            html.Div(
                [notice(p, kind="info", lang=lang, role="status") for p in problems],
                id=NOTICES,
                className="url-notices",
            ),
            html.Div(
                [
                    controls,
                    html.Div(
                        [
                            html.Div(header(state, info, lang), id=HEADER, className="indicator-header"),
                            year_bar,
                            tabs,
                            map_panel,
                            table_panel,
                            downloads,
                            embed_dialog(lang, target="indicator", title_selector=".indicator-title"),
                        ],
                        className="explorer-main",
                    ),
                ],
                className="explorer-grid",
            ),
            dcc.Store(id=SORT, data={"key": "rank", "desc": False}),
            dcc.Store(id=MAP_LEVEL, data=None if city_only else state.level),
            dcc.Store(id=MAP_DATA),
            dcc.Store(id=LANG, data={"lang": lang, "default": svc.settings.default_language}),
            dcc.Store(id=SYNC),
            dcc.Store(id=POPSTATE),
            dcc.Store(id=IMAGE_SYNC),
        ],
        id=ROOT,
        className="explorer",
    )


PAGE = Page(path="/indikatoren", layout=layout, title_key="nav_explorer", nav=True, order=10)

#: Pure views (the answer depends only on the request and the data): cached whole for
#: anonymous visitors by ``response_cache``. Downloads are not listed.
CACHEABLE_OUTPUTS = [
    f"{MAP_LEVEL}.data",
    f"{MAP_CAPTION}.children",
    f"{TS}.figure",
    f"{HEADER}.children",
    f"{TABLE_BOX}.children",
    f"{INDICATOR}.options",
    f"{AREAS}.options",
]


# -- callbacks ---------------------------------------------------------------------------


def _state(indicator, year, level, areas, classes="quantile", breaks="", palette="sequential", tab="map"):
    info = data.indicator(indicator)
    years = data.catalogue().years.get(indicator, []) if info else []
    return (
        ExplorerState(
            indicator=indicator,
            year=clamp_year(year, years),
            level=level,
            areas=tuple(areas or ())[:MAX_SELECTED],
            tab=tab or "map",
            classes=classes or "quantile",
            breaks=breaks or "",
            palette=palette or "sequential",
        ),
        info,
    )


def update_map(indicator, year, level, areas, classes, breaks, palette, map_level, lang_data):
    """Indicator/year/level/selection/classes changed: new values for the map, geometry only on a new level."""
    lang = (lang_data or {}).get("lang", "de")
    state, info = _state(indicator, year, level, areas, classes, breaks, palette)
    if info is None:
        raise dash.exceptions.PreventUpdate
    no = dash.no_update
    if data.is_city_only(info):
        return no, no, None, {"display": "none"}, build_compare(state, info, lang), {}
    if map_level == state.level:
        # same geometry: only the compact values travel (applied by assets/explorer.js)
        return no, map_data(state, info, lang), state.level, {}, no, {"display": "none"}
    return build_map(state, info, lang), no, state.level, {}, no, {"display": "none"}


def update_caption(indicator, year, level, lang_data):
    """The heading over the map (indicator, level, year) and the source line."""
    lang = (lang_data or {}).get("lang", "de")
    state, info = _state(indicator, year, level, ())
    if info is None:
        raise dash.exceptions.PreventUpdate
    caption = map_caption(state, info, lang, data.is_city_only(info))
    return caption, source_line(info.source or "–", info.licence or "–", lang)


def update_series(indicator, year, level, areas, lang_data):
    lang = (lang_data or {}).get("lang", "de")
    state, info = _state(indicator, year, level, areas)
    if info is None:
        raise dash.exceptions.PreventUpdate
    fig, notes = build_series(state, info, lang)
    heading = [t("ex_ts_heading", lang), _demo_badge(info, lang)]
    return fig, series_notes(notes, info, lang), heading


def register_callbacks(app) -> None:
    app.callback(
        Output(MAP, "figure"),
        Output(MAP_DATA, "data"),
        Output(MAP_LEVEL, "data"),
        Output(MAP_BOX, "style"),
        Output(COMPARE, "figure"),
        Output(COMPARE_BOX, "style"),
        Input(INDICATOR, "value"),
        Input(YEAR, "value"),
        Input(LEVEL, "value"),
        Input(AREAS, "value"),
        Input(CLASSES, "value"),
        Input(BREAKS, "value"),
        Input(PALETTE, "value"),
        State(MAP_LEVEL, "data"),
        State(LANG, "data"),
        prevent_initial_call=True,
    )(update_map)

    app.callback(
        Output(MAP_CAPTION, "children"),
        Output(f"{PREFIX}-map-source", "children"),
        Input(INDICATOR, "value"),
        Input(YEAR, "value"),
        Input(LEVEL, "value"),
        State(LANG, "data"),
        prevent_initial_call=True,
    )(update_caption)

    app.callback(
        Output(TS, "figure"),
        Output(TS_NOTES, "children"),
        Output(f"{PREFIX}-ts-heading", "children"),
        Input(INDICATOR, "value"),
        Input(YEAR, "value"),
        Input(LEVEL, "value"),
        Input(AREAS, "value"),
        State(LANG, "data"),
        prevent_initial_call=True,
    )(update_series)

    @app.callback(
        Output(HEADER, "children"),
        Output(YEAR, "min"),
        Output(YEAR, "max"),
        Output(YEAR, "marks"),
        Output(YEAR, "value"),
        Output(PALETTE, "options"),
        Output(MAP_CONTROLS, "style"),
        Input(INDICATOR, "value"),
        State(YEAR, "value"),
        State(LANG, "data"),
        prevent_initial_call=True,
    )
    def on_indicator(indicator, year, lang_data):
        lang = (lang_data or {}).get("lang", "de")
        state, info = _state(indicator, year, None, ())
        if info is None:
            raise dash.exceptions.PreventUpdate
        years = list(data.catalogue().years.get(indicator, []))
        neutral = info.polarity == "neutral"
        palette_options = [
            {"label": t("ex_sequential_neutral" if neutral else "ex_sequential", lang), "value": "sequential"},
            {"label": t("ex_diverging", lang), "value": "diverging"},
        ]
        return (
            header(state, info, lang),
            years[0] if years else 0,
            years[-1] if years else 0,
            _year_marks(years),
            state.year if state.year != year else dash.no_update,
            palette_options,
            {"display": "none"} if data.is_city_only(info) else {},
        )

    @app.callback(
        Output(INDICATOR, "options"),
        Input(LEITLINIE, "value"),
        State(LANG, "data"),
        prevent_initial_call=True,
    )
    def on_leitlinie(leitlinie, lang_data):
        lang = (lang_data or {}).get("lang", "de")
        return indicator_options(data.indicators(), leitlinie or None, lang)

    @app.callback(
        Output(AREAS, "options"),
        Output(AREAS, "value"),
        Input(LEVEL, "value"),
        Input(MAP, "clickData"),
        State(AREAS, "value"),
        prevent_initial_call=True,
    )
    def on_level_or_click(level, click, selected):
        selected = list(selected or [])
        names = data.area_names(level)
        if ctx.triggered_id == MAP and click and click.get("points"):
            code = click["points"][0].get("location")
            if code in names:
                if code in selected:
                    selected.remove(code)
                elif len(selected) < MAX_SELECTED:
                    selected.append(code)
            return dash.no_update, selected
        options = [{"label": n, "value": c} for c, n in sorted(names.items(), key=lambda x: x[1])]
        return options, [c for c in selected if c in names]

    @app.callback(
        Output(TABLE_BOX, "children"),
        Output(MAP_PANEL, "style"),
        Output(TABLE_PANEL, "style"),
        Input(TAB, "value"),
        Input(INDICATOR, "value"),
        Input(YEAR, "value"),
        Input(LEVEL, "value"),
        Input(SORT, "data"),
        State(LANG, "data"),
        prevent_initial_call=True,
    )
    def update_table(tab, indicator, year, level, sort, lang_data):
        lang = (lang_data or {}).get("lang", "de")
        if tab != "table":
            return dash.no_update, {}, {"display": "none"}
        state, info = _state(indicator, year, level, ())
        if info is None:
            raise dash.exceptions.PreventUpdate
        return build_table(state, info, lang, sort), {"display": "none"}, {}

    @app.callback(
        Output(SORT, "data"),
        Input(f"{SORT_PREFIX}-name", "n_clicks"),
        Input(f"{SORT_PREFIX}-value", "n_clicks"),
        Input(f"{SORT_PREFIX}-rank", "n_clicks"),
        State(SORT, "data"),
        prevent_initial_call=True,
    )
    def on_sort(_name, _value, _rank, sort):
        if not ctx.triggered or not ctx.triggered[0]["value"]:
            raise dash.exceptions.PreventUpdate
        key = str(ctx.triggered_id).rsplit("-", 1)[-1]
        sort = sort or {"key": "rank", "desc": False}
        if sort.get("key") == key:
            return {"key": key, "desc": not sort.get("desc")}
        return {"key": key, "desc": key == "value"}

    @app.callback(
        Output(INDICATOR, "value"),
        Output(YEAR, "value", allow_duplicate=True),
        Output(LEVEL, "value"),
        Output(AREAS, "value", allow_duplicate=True),
        Output(TAB, "value"),
        Output(CLASSES, "value"),
        Output(BREAKS, "value"),
        Output(PALETTE, "value"),
        Output(LEITLINIE, "value"),
        Input(POPSTATE, "data"),
        State(LANG, "data"),
        prevent_initial_call=True,
    )
    def on_popstate(search, lang_data):
        """Back/forward: set the controls from the URL."""
        from ..layout import parse_query

        lang = (lang_data or {}).get("lang", "de")
        state, _ = parse_state(parse_query((search or "").split("#")[0]), data.catalogue(), lang)
        return (
            state.indicator,
            state.year,
            state.level,
            list(state.areas),
            state.tab,
            state.classes,
            state.breaks,
            state.palette,
            state.leitlinie or 0,
        )

    @app.callback(
        Output(DOWNLOAD, "data"),
        Input(CSV, "n_clicks"),
        Input(XLSX, "n_clicks"),
        State(INDICATOR, "value"),
        State(YEAR, "value"),
        State(LEVEL, "value"),
        State(AREAS, "value"),
        State(LANG, "data"),
        prevent_initial_call=True,
    )
    def download(_csv, _xlsx, indicator, year, level, areas, lang_data):
        if not ctx.triggered or not ctx.triggered[0]["value"]:
            raise dash.exceptions.PreventUpdate
        lang = (lang_data or {}).get("lang", "de")
        state, info = _state(indicator, year, level, areas)
        if info is None:
            raise dash.exceptions.PreventUpdate
        frame = export_frame(state, info, lang)
        stub = f"bildungsmonitor-{info.id}-{state.level}-{state.year}"
        if ctx.triggered_id == CSV:
            return dcc.send_bytes(to_csv_bytes(frame, decimals=info.decimals, lang=lang), f"{stub}.csv")
        return dcc.send_bytes(to_xlsx_bytes(frame, about=_about(info, lang), decimals=info.decimals), f"{stub}.xlsx")

    # Clientside: URL sync, play, manual-breaks box, image downloads (assets/explorer.js).
    app.clientside_callback(
        ClientsideFunction("bmExplorer", "syncUrl"),
        Output(SYNC, "data"),
        Input(INDICATOR, "value"),
        Input(YEAR, "value"),
        Input(LEVEL, "value"),
        Input(AREAS, "value"),
        Input(TAB, "value"),
        Input(CLASSES, "value"),
        Input(BREAKS, "value"),
        Input(PALETTE, "value"),
        Input(LEITLINIE, "value"),
        State(TIMER, "disabled"),
        State(LANG, "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction("bmExplorer", "applyMapData"),
        Output(MAP, "figure", allow_duplicate=True),
        Input(MAP_DATA, "data"),
        State(MAP, "figure"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction("bmExplorer", "togglePlay"),
        Output(TIMER, "disabled"),
        Output(PLAY, "children"),
        Output(YEAR, "value", allow_duplicate=True),
        Input(PLAY, "n_clicks"),
        State(TIMER, "disabled"),
        State(YEAR, "value"),
        State(YEAR, "min"),
        State(YEAR, "max"),
        State(LANG, "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction("bmExplorer", "tick"),
        Output(YEAR, "value", allow_duplicate=True),
        Output(TIMER, "disabled", allow_duplicate=True),
        Output(PLAY, "children", allow_duplicate=True),
        Input(TIMER, "n_intervals"),
        State(YEAR, "value"),
        State(YEAR, "min"),
        State(YEAR, "max"),
        State(YEAR, "marks"),
        State(LANG, "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        "function(method) { return method === 'manual' ? {} : {display: 'none'}; }",
        Output(BREAKS_BOX, "style"),
        Input(CLASSES, "value"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction("bmExplorer", "downloadImages"),
        Output(IMAGE_SYNC, "data"),
        Input(PNG, "n_clicks"),
        Input(SVG, "n_clicks"),
        State(INDICATOR, "value"),
        State(YEAR, "value"),
        prevent_initial_call=True,
    )


__all__ = ["PAGE", "layout", "register_callbacks", "update_map", "update_series", "format_value"]
