"""Präsentation: full-screen slides for the Lenkungsgruppe (projector, 1024×768).

One slide per URL (``?folie=N``), so "Weiter" and "Zurück" are plain links and
every slide can be bookmarked. The sequence comes from ``?folien=`` (tokens,
see ``compute.agenda``), from a saved agenda ``?agenda=<name>``, or is the
default (overview, then every Leitlinie). ``assets/bm_present.js`` adds the
keyboard (arrows, PageUp/PageDown, space, F, Esc) on this page only.
"""

from __future__ import annotations

import datetime as dt

from dash import dcc, html

from ..components import notice
from ..compute.agenda import Slide, default_slides, key_indicators, parse_slides, slide_index
from ..compute.massnahmen import status_summary, summaries_by_leitlinie
from ..figures import slides as builders
from ..figures.graph_config import TOPOJSON_ASSET, graph_config
from ..i18n import t
from ..layout import page_url
from ..pages import Page
from ..services import services

PATH = "/praesentation"
ROOT_ID = "praesentation"
TITLE_ID = "slide-title"
PREV_ID = "slide-prev"
NEXT_ID = "slide-next"
FULLSCREEN_ID = "slide-fullscreen"
EXIT_ID = "slide-exit"
STATUS_ID = "slide-status"
QUERY_KEYS = ("agenda", "folien")


def resolve_agenda(query: dict, lang: str) -> tuple[list[Slide], list[str], str]:
    """The slides to show, German errors about bad URL parameters, and the agenda's title."""
    svc = services()
    leitlinien = [ll["number"] for ll in svc.repo.leitlinien()]
    indicators = [ind.id for ind in svc.repo.indicators()]
    title = ""
    if query.get("folien"):
        parsed = parse_slides(query["folien"], leitlinien=leitlinien, indicators=indicators, param="folien")
        slides, errors = list(parsed.slides), list(parsed.errors)
    elif query.get("agenda"):
        agenda = svc.repo.agenda(query["agenda"])
        if agenda is None:
            slides = list(default_slides(leitlinien))
            errors = [t("agenda_unknown", lang, name=query["agenda"])]
        else:
            parsed = parse_slides(agenda["slides"], leitlinien=leitlinien, indicators=indicators, param="agenda")
            slides, errors, title = list(parsed.slides), list(parsed.errors), agenda["title"]
    else:
        slides, errors = list(default_slides(leitlinien)), []
    return slides or list(default_slides(leitlinien)), errors, title


def indicator_data(info, lang: str = "de") -> builders.IndicatorData:
    """The public values of one indicator for a panel: city series, latest map year, references."""
    svc = services()
    kommune = svc.kommune
    city_level = kommune.levels[-1].key
    city = svc.repo.values(info.id, level=city_level)
    areas = city.iloc[0:0]
    geojson = None
    level_label = ""
    placeholder = False
    if info.spatial_level and info.spatial_level != city_level and kommune.district_levels:
        level = kommune.district_levels[0]
        frame = svc.repo.values(info.id, level=level.key)
        frame = frame.dropna(subset=["value"])
        if not frame.empty:
            areas = frame[frame["year"] == frame["year"].max()]
            geojson = svc.repo.geojson(level.key)
            placeholder = any(f["properties"].get("placeholder") for f in geojson["features"])
            level_label = level.plural_en if lang == "en" and level.plural_en else level.plural_de
    references = []
    refs = svc.repo.reference_values(info.id)
    for code in list(dict.fromkeys(refs["area_code"]))[:2]:
        part = refs[refs["area_code"] == code]
        references.append((str(part["area_name"].iloc[0]), part))
    return builders.IndicatorData(
        info=info,
        city=city,
        areas=areas,
        geojson=geojson,
        city_name=kommune.name,
        level_label=level_label,
        references=tuple(references),
        placeholder=placeholder,
    )


def _has_demo() -> bool:
    return any(s["is_demo"] for s in services().repo.sources())


def _leitlinie_title(ll: dict, lang: str) -> str:
    return ll["title_en"] if lang == "en" and ll["title_en"] else ll["title_de"]


def render_slide(slide: Slide, lang: str) -> tuple[str, str, list]:
    """(kicker, title, body) of one slide."""
    svc = services()
    config = graph_config(svc.asset(TOPOJSON_ASSET), static=True)
    today = dt.date.today()
    if slide.kind == "overview":
        leitlinien = svc.repo.leitlinien()
        summaries = summaries_by_leitlinie(svc.repo.massnahmen(), [ll["number"] for ll in leitlinien], today)
        return (
            svc.kommune.name,
            t("slide_overview_title", lang),
            builders.overview_body(leitlinien, summaries, lang=lang),
        )
    if slide.kind == "leitlinie":
        number = int(slide.ref)
        ll = next(ll for ll in svc.repo.leitlinien() if ll["number"] == number)
        massnahmen = svc.repo.massnahmen(leitlinie=number)
        linked = [i for m in massnahmen for i in m["indicators"]]
        chosen = key_indicators(svc.repo.indicators(), number, linked=linked, limit=3)
        datas = [indicator_data(info, lang) for info in chosen]
        label = t("slide_massnahmen", lang, n=len(massnahmen))
        return (
            f"{t('leitlinie', lang)} {number}",
            _leitlinie_title(ll, lang),
            builders.leitlinie_body(
                status_summary(massnahmen, today),
                datas,
                config=config,
                lang=lang,
                massnahmen_label=label + ":",
                demo_labelled=_has_demo(),
            ),
        )
    info = svc.repo.indicator(slide.ref)
    kicker = t("indicator", lang)
    if info.leitlinien:
        kicker += " · " + ", ".join(f"{t('leitlinie', lang)} {n}" for n in info.leitlinien)
    return kicker, info.name(lang), builders.indicator_body(indicator_data(info, lang), config=config, lang=lang)


def _nav_link(label: str, number: int | None, query: dict, lang: str, element_id: str):
    if number is None:
        return html.Span(label, id=element_id, className="slide-btn is-disabled", **{"aria-disabled": "true"})
    return dcc.Link(
        label,
        id=element_id,
        href=page_url(PATH, lang, **query, folie=str(number)),
        className="slide-btn",
    )


def layout(query: dict, lang: str) -> html.Div:
    slides, errors, agenda_title = resolve_agenda(query, lang)
    index = slide_index(query.get("folie"), len(slides))
    kicker, title, body = render_slide(slides[index], lang)
    keep = {k: query[k] for k in QUERY_KEYS if query.get(k)}
    count = len(slides)
    counter = t("slide_counter", lang, n=index + 1, total=count)
    has_demo = _has_demo()
    controls = html.Nav(
        [
            _nav_link(t("slide_prev", lang), index if index > 0 else None, keep, lang, PREV_ID),
            html.Span(f"{index + 1} / {count}", className="slide-count", **{"aria-hidden": "true"}),
            _nav_link(t("slide_next", lang), index + 2 if index + 1 < count else None, keep, lang, NEXT_ID),
            html.Span(t("demo_tag", lang), className="slide-demo") if has_demo else None,
            html.Button(t("slide_fullscreen", lang), id=FULLSCREEN_ID, className="slide-btn", type="button"),
            dcc.Link(t("slide_exit", lang), id=EXIT_ID, href=page_url("/", lang), className="slide-btn"),
        ],
        className="slide-controls",
        **{"aria-label": t("slide_nav_label", lang)},
    )
    return html.Div(
        [
            html.Section(
                [
                    html.Header(
                        [
                            html.H1(
                                [
                                    html.Span(f"{kicker} · ", className="slide-kicker"),
                                    title,
                                    html.Span(f" ({agenda_title})", className="slide-agenda") if agenda_title else None,
                                ],
                                id=TITLE_ID,
                                className="slide-title",
                            ),
                        ],
                        className="slide-head",
                    ),
                    *(notice(e, kind="error", lang=lang, role="alert") for e in errors),
                    html.Div(body, className=f"slide-body slide-{slides[index].kind}"),
                ],
                className="slide",
                **{"aria-labelledby": TITLE_ID},
            ),
            html.P(f"{counter}: {title}", id=STATUS_ID, className="visually-hidden", **{"aria-live": "polite"}),
            controls,
        ],
        id=ROOT_ID,
        className="bm-presentation",
        lang=lang,
        **{"data-slide": str(index + 1), "data-count": str(count), "data-keys": t("slide_keys_help", lang)},
    )


PAGE = Page(path=PATH, layout=layout, title_key="nav_presentation", nav=True, chrome=False, order=80)


def register_callbacks(app) -> None:  # noqa: ARG001 - navigation is links plus assets/bm_present.js
    return None
