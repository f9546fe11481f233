"""Leitlinie: its Handlungsfelder and Maßnahmen, filterable by status, field, unit and overdue.

The filters live in the URL (``?status=…&handlungsfeld=…&einheit=…&ueberfaellig=1``):
a link reproduces the view, and changing a filter updates the address without
reloading the page.
"""

from __future__ import annotations

from dataclasses import replace

from dash import Input, Output, State, dcc, html

from .. import auth
from ..components import notice
from ..compute.massnahmen import MassnahmenFilter, filter_massnahmen, is_overdue, status_summary
from ..embed_dialog import embed_dialog
from ..figures.massnahmen import done_share_text, sparkline, status_badge, status_bar, status_label
from ..formatting import format_date, format_value
from ..i18n import t
from ..layout import page_url, with_query
from ..massnahmen_view import city_series, indicators_by_id, today
from ..models import MASSNAHME_STATUSES
from ..pages import Page
from ..services import services
from .massnahmen import demo_tag, name_says_demo, title

FILTER_STATUS = "ll-filter-status"
FILTER_HF = "ll-filter-hf"
FILTER_UNIT = "ll-filter-unit"
FILTER_OVERDUE = "ll-filter-overdue"
LIST = "ll-massnahmen"
COUNT = "ll-count"
LOCAL_URL = "ll-url"
STATE = "ll-state"
SPARK_CONFIG = {"staticPlot": True, "displayModeBar": False, "responsive": False}


def period_text(m: dict, lang: str) -> str:
    return f"{format_date(m['start'], lang)} – {format_date(m['end'], lang)}"


def indicator_links(indicator_ids: list[str], lang: str) -> html.Ul | None:
    """Linked indicators as small sparklines with the latest value written out, linking into the explorer."""
    if not indicator_ids:
        return None
    infos = indicators_by_id()
    items = []
    for indicator_id in indicator_ids:
        info = infos.get(indicator_id)
        if info is None:
            continue
        frame = city_series(indicator_id).dropna(subset=["value"])
        latest = (
            f"{int(frame['year'].iloc[-1])}: {format_value(frame['value'].iloc[-1], info.decimals, info.unit, lang)}"
            if not frame.empty
            else ("keine Werte" if lang == "de" else "no values")
        )
        if info.target_value is not None:
            target = format_value(info.target_value, info.decimals, info.unit, lang)
            by = f" {info.target_year}" if info.target_year else ""
            latest += f" · Ziel{by}: {target} (gepunktet)" if lang == "de" else f" · target{by}: {target} (dotted)"
        href = page_url("/indikatoren", lang, indicator=indicator_id)
        items.append(
            html.Li(
                [
                    dcc.Link(
                        [
                            dcc.Graph(
                                figure=sparkline(frame, target_value=info.target_value),
                                config=SPARK_CONFIG,
                                className="sparkline",
                                style={"width": "140px", "height": "44px"},
                            ),
                            html.Span([html.Span(info.name(lang), className="spark-name"), html.Br(), latest]),
                        ],
                        href=href,
                        className="spark-link",
                    ),
                    demo_tag(info.is_demo, lang, name_says_demo(info.name(lang))),
                ],
                className="spark-item",
            )
        )
    return html.Ul(items, className="spark-list")


def last_change_text(last_change, lang: str) -> str:
    if last_change is None:
        return "keine protokolliert" if lang == "de" else "none recorded"
    return format_date(last_change.date() if hasattr(last_change, "date") else last_change, lang)


def massnahme_card(m: dict, lang: str, *, signed_in: bool, last_change=None) -> html.Article:
    overdue = is_overdue(m, today())
    detail_href = page_url(f"/massnahme/{m['code']}", lang)
    return html.Article(
        [
            html.Div(
                [
                    html.Span(m["code"], className="card-kicker"),
                    html.Span(t("mn_example_tag", lang), className="example-tag") if m["is_example"] else None,
                ],
                className="card-top",
            ),
            html.H3(dcc.Link(m["title"], href=detail_href), className="massnahme-title h6"),
            html.P(
                [
                    status_badge(m["status"], lang=lang),
                    html.Span(t("mn_overdue", lang), className="overdue-tag") if overdue else None,
                ],
                className="status-line",
            ),
            html.Dl(
                [
                    html.Dt(t("mn_responsible", lang)),
                    html.Dd(m["responsible_unit"] or "–"),
                    html.Dt(t("mn_period", lang)),
                    html.Dd(period_text(m, lang)),
                    html.Dt(t("mn_last_change", lang)),
                    html.Dd(last_change_text(last_change, lang)),
                ],
                className="massnahme-dl",
            ),
            html.P(m["description"], className="massnahme-description"),
            html.P([html.Strong(f"{t('mn_progress', lang)}: "), m["progress_note"]], className="progress-note")
            if m["progress_note"]
            else None,
            indicator_links(m["indicators"], lang),
            html.P(
                dcc.Link(t("mn_edit", lang) if signed_in else t("mn_details", lang), href=detail_href),
                className="panel-more",
            ),
        ],
        className="massnahme-card",
        id=f"massnahme-{m['code']}",
    )


def massnahmen_list(massnahmen: list[dict], felder: list[dict], lang: str, *, signed_in: bool) -> list:
    """The Maßnahmen grouped under their Handlungsfeld headings."""
    if not massnahmen:
        return [html.P(t("mn_none_match", lang), className="muted")]
    last_changes = services().repo.massnahmen_last_change()
    children = []
    for hf in felder:
        items = [m for m in massnahmen if m["handlungsfeld"] == hf["code"]]
        if not items:
            continue
        children.append(
            html.Section(
                [
                    html.H2(title(hf, lang), className="h5 hf-heading"),
                    html.Div(
                        [
                            massnahme_card(m, lang, signed_in=signed_in, last_change=last_changes.get(m["id"]))
                            for m in items
                        ],
                        className="massnahmen-cards",
                    ),
                ],
                className="hf-section",
            )
        )
    return children


def _felder(number: int, massnahmen: list[dict]) -> list[dict]:
    """The Leitlinie's Handlungsfelder, plus any its Maßnahmen belong to, in number order."""
    used = {m["handlungsfeld"] for m in massnahmen}
    return [hf for hf in services().repo.handlungsfelder() if number in hf["leitlinien"] or hf["code"] in used]


def _options(values, lang: str) -> list[dict]:
    return [{"label": t("mn_filter_all", lang), "value": ""}] + [{"label": v, "value": v} for v in values]


def filter_form(flt: MassnahmenFilter, felder: list[dict], units: list[str], lang: str) -> html.Form:
    def field(label, control_id, control):
        # Dash's dropdown names itself by its value ("Alle"); the group adds the label's name.
        return html.Div(
            [html.Label(label, htmlFor=control_id, id=f"{control_id}-label", className="form-label"), control],
            className="filter",
            role="group",
            **{"aria-labelledby": f"{control_id}-label"},
        )

    return html.Form(
        [
            html.H2(t("mn_filters", lang), className="visually-hidden"),
            field(
                t("mn_filter_status", lang),
                FILTER_STATUS,
                dcc.Dropdown(
                    id=FILTER_STATUS,
                    options=[{"label": t("mn_filter_all", lang), "value": ""}]
                    + [{"label": status_label(s, lang), "value": s} for s in MASSNAHME_STATUSES],
                    value=flt.status,
                    clearable=False,
                    searchable=False,
                ),
            ),
            field(
                t("mn_filter_hf", lang),
                FILTER_HF,
                dcc.Dropdown(
                    id=FILTER_HF,
                    options=[{"label": t("mn_filter_all", lang), "value": ""}]
                    + [{"label": title(hf, lang), "value": hf["code"]} for hf in felder],
                    value=flt.handlungsfeld,
                    clearable=False,
                    searchable=False,
                ),
            ),
            field(
                t("mn_filter_unit", lang),
                FILTER_UNIT,
                dcc.Dropdown(id=FILTER_UNIT, options=_options(units, lang), value=flt.einheit, clearable=False),
            ),
            html.Div(
                dcc.Checklist(
                    id=FILTER_OVERDUE,
                    options=[{"label": " " + t("mn_filter_overdue", lang), "value": "1"}],
                    value=["1"] if flt.ueberfaellig else [],
                    inputClassName="form-check-input",
                    labelClassName="form-check-label",
                ),
                className="filter filter-check",
            ),
        ],
        className="filter-form",
        role="search",
        **{"aria-label": t("mn_filters", lang)},
    )


def checked_filter(query: dict, felder: list[dict], units: list[str], lang: str) -> tuple[MassnahmenFilter, list[str]]:
    """The URL's filters; unknown values are dropped and named in a German (or English) message."""
    flt = MassnahmenFilter.from_query(query)
    problems = []
    known = {
        "status": MASSNAHME_STATUSES,
        "handlungsfeld": [hf["code"] for hf in felder],
        "einheit": units,
    }
    for param, allowed in known.items():
        value = query.get(param, "")
        if value and value not in allowed:
            problems.append(
                f"URL-Parameter „{param}“: „{value}“ gibt es hier nicht; der Filter wird nicht angewendet."
                if lang == "de"
                else f"URL parameter '{param}': '{value}' does not exist here; the filter is not applied."
            )
            flt = replace(flt, **{param: ""})
    return flt, problems


def layout(query: dict, lang: str, number: str = "") -> html.Div:
    svc = services()
    leitlinie = next((ll for ll in svc.repo.leitlinien() if str(ll["number"]) == str(number)), None)
    if leitlinie is None:
        return html.Div(
            [
                html.H1(t("nav_leitlinie", lang)),
                notice(t("mn_leitlinie_not_found", lang, n=number), kind="error", lang=lang, role="alert"),
                dcc.Link(t("mn_back_overview", lang), href=page_url("/massnahmen", lang)),
            ]
        )
    n = leitlinie["number"]
    massnahmen = svc.repo.massnahmen(leitlinie=n)
    felder = _felder(n, massnahmen)
    units = sorted({m["responsible_unit"] for m in massnahmen if m["responsible_unit"]})
    flt, problems = checked_filter(query, felder, units, lang)
    shown = filter_massnahmen(massnahmen, flt, today())
    summary = status_summary(massnahmen, today())
    signed_in = auth.current_user() is not None
    from .massnahmen import auth_line

    return html.Div(
        [
            dcc.Location(id=LOCAL_URL, refresh=False),
            dcc.Store(id=STATE, data={"number": n, "lang": lang}),
            html.P(dcc.Link("← " + t("mn_back_overview", lang), href=page_url("/massnahmen", lang)), className="back"),
            html.Div(
                [
                    html.H1(
                        [html.Span(f"{t('leitlinie', lang)} {n}: ", className="h1-kicker"), title(leitlinie, lang)]
                    ),
                    auth_line(lang, f"/leitlinie/{n}"),
                ],
                className="page-head",
            ),
            notice(t("mn_example_notice", lang, kommune=svc.kommune.name), kind="example", lang=lang)
            if any(m["is_example"] for m in massnahmen)
            else None,
            html.Div(
                [
                    html.Section(
                        [
                            html.H2(t("mn_status_of", lang), className="h5"),
                            status_bar(summary, lang=lang, caption=t("mn_status_of", lang)),
                            html.P(done_share_text(summary, lang), className="done-share"),
                        ],
                        className="overall-panel",
                    ),
                    html.Section(
                        [
                            html.H2(t("handlungsfelder", lang), className="h5"),
                            html.Ul([html.Li(title(hf, lang)) for hf in felder], className="hf-list"),
                        ],
                        className="overall-panel",
                    ),
                ],
                className="ll-summary",
            ),
            embed_dialog(
                lang, target="leitlinie", name="leitlinie", title=f"{t('app_title', lang)}: {title(leitlinie, lang)}"
            ),
            *[notice(problem, kind="error", lang=lang, role="alert") for problem in problems],
            filter_form(flt, felder, units, lang),
            html.P(
                [
                    html.Span(t("mn_shown", lang, n=len(shown), total=len(massnahmen)), id=COUNT),
                    " · ",
                    dcc.Link(t("mn_filter_reset", lang), href=page_url(f"/leitlinie/{n}", lang)),
                ],
                className="filter-count",
                role="status",
            ),
            html.P(t("mn_overdue_rule", lang), className="muted small"),
            html.Div(massnahmen_list(shown, felder, lang, signed_in=signed_in), id=LIST),
        ]
    )


PAGE = Page(path="/leitlinie/<number>", layout=layout, title_key="nav_leitlinie", nav=False, order=21)


def register_callbacks(app) -> None:
    @app.callback(
        Output(LIST, "children"),
        Output(COUNT, "children"),
        Output(LOCAL_URL, "search"),
        Input(FILTER_STATUS, "value"),
        Input(FILTER_HF, "value"),
        Input(FILTER_UNIT, "value"),
        Input(FILTER_OVERDUE, "value"),
        State(STATE, "data"),
        prevent_initial_call=True,
    )
    def apply_filters(status, handlungsfeld, einheit, overdue, state):
        svc = services()
        number, lang = int(state["number"]), state.get("lang", "de")
        flt = MassnahmenFilter.from_query(
            {
                "status": status or "",
                "handlungsfeld": handlungsfeld or "",
                "einheit": einheit or "",
                "ueberfaellig": "1" if overdue else "",
            }
        )
        massnahmen = svc.repo.massnahmen(leitlinie=number)
        shown = filter_massnahmen(massnahmen, flt, today())
        query = flt.to_query()
        if lang != svc.settings.default_language:
            query["lang"] = lang
        search = with_query("", query)
        return (
            massnahmen_list(shown, _felder(number, massnahmen), lang, signed_in=auth.current_user() is not None),
            t("mn_shown", lang, n=len(shown), total=len(massnahmen)),
            search,
        )
