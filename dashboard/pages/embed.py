"""Einbettung: one indicator (map, time series or table) or one Leitlinie, for an iframe.

``/embed/indikator/<id>?tab=map|chart|table&year=2023&area=SV-07&height=420&lang=en``
``/embed/leitlinie/<n>?lang=en``

No navigation chrome, no controls that change data, and only public values
(``Repository.values`` strips suppressed counts on the server). The framing
headers and the cookie rule for ``/embed/`` live in ``dashboard/security.py``;
``assets/bm_embed.js`` posts the content height to the host page.
"""

from __future__ import annotations

import datetime as dt

from dash import dcc, html

from ..components import notice
from ..compute.agenda import key_indicators
from ..compute.massnahmen import status_summary
from ..figures import slides as builders
from ..figures.graph_config import TOPOJSON_ASSET, graph_config
from ..figures.massnahmen import done_share_text, status_bar
from ..i18n import t
from ..layout import page_url
from ..pages import Page
from ..services import services
from .praesentation import indicator_data

PATH = "/embed/<kind>/<ref>"
ROOT_ID = "embed-root"
TABS = ("map", "chart", "table")
TAB_ALIASES = {"karte": "map", "zeitreihe": "chart", "tabelle": "table", "trend": "chart"}
HEIGHT_DEFAULT, HEIGHT_MIN, HEIGHT_MAX = 360, 160, 1200
EMBED_FONT = 14


def parse_options(query: dict, *, years: list[int], area_codes: set[str], has_map: bool, lang: str):
    """tab, year, area and height from the URL; a bad value falls back with a German message."""
    errors: list[str] = []

    def bad(param: str, value: str, fallback: str) -> None:
        errors.append(t("embed_bad_param", lang, param=param, value=value, fallback=fallback))

    raw_tab = (query.get("tab") or "").lower()
    tab = TAB_ALIASES.get(raw_tab, raw_tab) or ("map" if has_map else "chart")
    if tab not in TABS:
        bad("tab", raw_tab, "map" if has_map else "chart")
        tab = "map" if has_map else "chart"
    if tab == "map" and not has_map:
        tab = "chart"
    year = years[-1] if years else None
    if query.get("year"):
        try:
            wanted = int(query["year"])
        except ValueError:
            wanted = None
        if wanted in years:
            year = wanted
        else:
            bad("year", query["year"], str(year))
    area = query.get("area") or None
    if area and area not in area_codes:
        bad("area", area, "–")
        area = None
    height = HEIGHT_DEFAULT
    if query.get("height"):
        try:
            height = int(query["height"])
            if not HEIGHT_MIN <= height <= HEIGHT_MAX:
                raise ValueError
        except ValueError:
            bad("height", query["height"], f"{HEIGHT_DEFAULT} ({HEIGHT_MIN}–{HEIGHT_MAX})")
            height = HEIGHT_DEFAULT
    return tab, year, area, height, errors


def _tab_links(indicator_id: str, query: dict, active: str, tabs: list[str], lang: str) -> html.Nav:
    keys = ("year", "area", "height")
    keep = {k: query[k] for k in keys if query.get(k)}
    labels = {"map": t("embed_tab_map", lang), "chart": t("embed_tab_chart", lang), "table": t("embed_tab_table", lang)}
    items = []
    for tab in tabs:
        if tab == active:
            items.append(html.Li(html.Span(labels[tab], className="embed-tab is-active", **{"aria-current": "page"})))
        else:
            href = page_url(f"/embed/indikator/{indicator_id}", lang, **keep, tab=tab)
            items.append(html.Li(dcc.Link(labels[tab], href=href, className="embed-tab")))
    return html.Nav(html.Ul(items, className="embed-tabs"), **{"aria-label": t("embed_view", lang)})


def _open_link(path: str, lang: str, **query) -> html.P:
    return html.P(
        html.A(t("embed_open", lang), href=page_url(path, lang, **query), target="_blank", rel="noopener"),
        className="embed-open",
    )


def indicator_view(indicator_id: str, query: dict, lang: str) -> list:
    svc = services()
    info = svc.repo.indicator(indicator_id)
    if info is None:
        return [
            notice(
                t("embed_unknown", lang, name=indicator_id, path="/embed/indikator/…"),
                kind="error",
                lang=lang,
                role="alert",
            )
        ]
    data = indicator_data(info, lang)
    level = svc.kommune.district_levels[0].key if svc.kommune.district_levels else None
    all_areas = svc.repo.values(info.id, level=level) if level and data.has_map else data.areas
    years = sorted({int(y) for y in all_areas.dropna(subset=["value"])["year"]}) if len(all_areas) else []
    codes = {f["id"] for f in (data.geojson or {}).get("features", [])}
    tab, year, area, height, errors = parse_options(
        query, years=years, area_codes=codes, has_map=data.has_map, lang=lang
    )
    if data.has_map and year is not None:
        data = builders.IndicatorData(
            info=data.info,
            city=data.city,
            areas=all_areas[all_areas["year"] == year].dropna(subset=["value"]),
            geojson=data.geojson,
            city_name=data.city_name,
            level_label=data.level_label,
            references=data.references,
            placeholder=data.placeholder,
        )
    config = graph_config(
        svc.asset(TOPOJSON_ASSET), displayModeBar=False, scrollZoom=False, doubleClick=False, locale=lang
    )
    tabs = [x for x in TABS if x != "map" or data.has_map]
    if tab == "map":
        fig = builders.map_figure(data, lang=lang, height=height, font_size=EMBED_FONT)
        if area:
            fig.update_traces(
                marker_line_width=[3.5 if f["id"] == area else 0.8 for f in data.geojson["features"]],
                marker_line_color=["#111111" if f["id"] == area else "#ffffff" for f in data.geojson["features"]],
                selector={"type": "choropleth"},
            )
        body = [
            builders.graph(fig, config, class_name="embed-graph"),
            builders.class_legend(data, lang=lang),
            html.Div(builders.areas_table(data, lang=lang), className="visually-hidden"),
        ]
    elif tab == "chart":
        chosen = []
        if area and level:
            area_frame = all_areas[all_areas["area_code"] == area]
            if len(area_frame):
                chosen = [(str(area_frame["area_name"].iloc[0]), area_frame)]
        fig = builders.trend_figure(data, lang=lang, height=height, font_size=EMBED_FONT, references=True, areas=chosen)
        body = [
            builders.graph(fig, config, class_name="embed-graph"),
            html.Div(builders.series_table(data, lang=lang), className="visually-hidden"),
        ]
    else:
        body = [
            html.Div(builders.areas_table(data, lang=lang), className="embed-table-wrap") if data.has_map else None,
            html.Div(builders.series_table(data, lang=lang), className="embed-table-wrap"),
        ]
    explorer_query = {"indicator": info.id, "year": str(year) if year else "", "areas": area or ""}
    return [
        html.H1(info.name(lang), className="embed-title"),
        builders.headline(data, lang=lang),
        notice(t("embed_demo_note", lang), lang=lang) if info.is_demo else None,
        *(notice(e, kind="error", lang=lang, role="alert") for e in errors),
        _tab_links(info.id, query, tab, tabs, lang),
        html.Div(
            body, className=f"embed-body embed-{tab}", style={"minHeight": f"{height}px"} if tab != "table" else None
        ),
        html.P(builders.figure_text(data, lang=lang), className="embed-sentence"),
        builders.sources_line([data], lang=lang),
        _open_link("/indikatoren", lang, **explorer_query),
    ]


def leitlinie_view(ref: str, lang: str) -> list:
    svc = services()
    leitlinien = {ll["number"]: ll for ll in svc.repo.leitlinien()}
    try:
        number = int(ref)
    except ValueError:
        number = None
    if number not in leitlinien:
        return [
            notice(t("embed_unknown", lang, name=ref, path="/embed/leitlinie/…"), kind="error", lang=lang, role="alert")
        ]
    ll = leitlinien[number]
    massnahmen = svc.repo.massnahmen(leitlinie=number)
    summary = status_summary(massnahmen, dt.date.today())
    linked = [i for m in massnahmen for i in m["indicators"]]
    chosen = key_indicators(svc.repo.indicators(), number, linked=linked, limit=3)
    title = ll["title_en"] if lang == "en" and ll["title_en"] else ll["title_de"]
    items = []
    for info in chosen:
        data = indicator_data(info, lang)
        items.append(
            html.Li(
                [
                    html.H3(info.name(lang), className="embed-ind-title"),
                    builders.headline(data, lang=lang),
                    html.P(builders.figure_text(data, lang=lang), className="embed-sentence"),
                    dcc.Link(
                        [
                            t("embed_more", lang),
                            html.Span(f": {info.name(lang)}", className="visually-hidden"),
                        ],
                        href=page_url(f"/embed/indikator/{info.id}", lang),
                        className="embed-more",
                    ),
                ],
                className="embed-ind",
            )
        )
    examples = any(m["is_example"] for m in massnahmen)
    return [
        html.P(t("embed_leitlinie", lang, n=number), className="embed-kicker"),
        html.H1(title, className="embed-title"),
        notice(t("example_banner", lang), kind="example", lang=lang) if examples else None,
        html.H2(t("slide_massnahmen", lang, n=summary.total), className="embed-h2"),
        status_bar(summary, lang=lang),
        html.P(done_share_text(summary, lang), className="embed-sentence"),
        html.H2(t("nav_explorer", lang), className="embed-h2") if items else None,
        html.Ul(items, className="embed-ind-list") if items else None,
        _open_link(f"/leitlinie/{number}", lang),
    ]


def layout(query: dict, lang: str, kind: str, ref: str) -> html.Div:
    if kind in ("indikator", "indicator"):
        content = indicator_view(ref, query, lang)
    elif kind == "leitlinie":
        content = leitlinie_view(ref, lang)
    else:
        content = [
            notice(
                t("embed_unknown", lang, name=kind, path="/embed/indikator/… oder /embed/leitlinie/…"),
                kind="error",
                lang=lang,
                role="alert",
            )
        ]
    return html.Div(content, id=ROOT_ID, className="bm-embed", lang=lang)


PAGE = Page(path=PATH, layout=layout, title_key="embed_button", nav=False, chrome=False, order=200)


def register_callbacks(app) -> None:
    from ..embed_dialog import register_callbacks as register_dialog

    register_dialog(app)
