"""Agenden: the saved slide sequences of the presentation mode, and an editor for signed-in users.

Everyone sees the list (names, titles, slides, a link to start). Saving needs
a valid session: the server checks ``auth.current_user()`` on every save, the
form is only a convenience. The same checks as ``dashboard agenda save``.
"""

from __future__ import annotations

from dash import Input, Output, State, dcc, html, no_update

from .. import auth
from ..components import notice
from ..compute.agenda import check_agenda_name, parse_slides
from ..i18n import t
from ..layout import page_url
from ..pages import Page
from ..services import services

PATH = "/praesentation/agenden"
LIST = "agenda-list"
NAME = "agenda-name"
TITLE = "agenda-title"
SLIDES = "agenda-slides"
SAVE = "agenda-save"
RESULT = "agenda-result"
LANG = "agenda-lang"


def agenda_table(lang: str) -> html.Div:
    agendas = services().repo.agendas()
    if not agendas:
        return html.P(t("agenda_none", lang))
    rows = [
        html.Tr(
            [
                html.Th(a["name"], scope="row"),
                html.Td(a["title"] or "–"),
                html.Td(html.Code(", ".join(a["slides"]))),
                html.Td(
                    [
                        html.A(
                            [t("agenda_start", lang), html.Span(f": {a['name']}", className="visually-hidden")],
                            href=page_url("/praesentation", lang, agenda=a["name"]),
                        ),
                        " · ",
                        dcc.Link(
                            [t("agenda_edit", lang), html.Span(f": {a['name']}", className="visually-hidden")],
                            href=page_url(PATH, lang, name=a["name"]),
                        ),
                    ]
                ),
            ]
        )
        for a in agendas
    ]
    return html.Table(
        [
            html.Caption(t("agenda_saved", lang)),
            html.Thead(
                html.Tr(
                    [
                        html.Th(t("agenda_name", lang), scope="col"),
                        html.Th(t("agenda_title_label", lang), scope="col"),
                        html.Th(t("agenda_slides", lang), scope="col"),
                        html.Th(t("agenda_actions", lang), scope="col"),
                    ]
                )
            ),
            html.Tbody(rows),
        ],
        className="table caption-top agenda-table",
    )


def _available(lang: str) -> html.Details:
    svc = services()
    items = [html.Li([html.Code("uebersicht"), " – ", t("slide_overview_title", lang)])]
    for ll in svc.repo.leitlinien():
        title = ll["title_en"] if lang == "en" and ll["title_en"] else ll["title_de"]
        items.append(html.Li([html.Code(f"ll{ll['number']}"), f" – {t('leitlinie', lang)} {ll['number']}: {title}"]))
    for ind in svc.repo.indicators():
        items.append(html.Li([html.Code(f"ind:{ind.id}"), f" – {ind.name(lang)}"]))
    return html.Details([html.Summary(t("agenda_available", lang)), html.Ul(items, className="agenda-tokens")])


def layout(query: dict, lang: str) -> html.Div:
    user = auth.current_user()
    current = services().repo.agenda(query.get("name", "")) if query.get("name") else None
    if user is None:
        editor = html.Div(
            [
                notice(t("agenda_signin", lang), kind="info", lang=lang),
                html.P(dcc.Link(t("nav_signin", lang), href=page_url("/anmelden", lang, weiter=PATH))),
            ]
        )
    else:
        editor = html.Section(
            [
                html.H2(t("agenda_form", lang), className="h4"),
                html.Div(
                    [
                        html.Label(t("agenda_name", lang), htmlFor=NAME, className="form-label"),
                        dcc.Input(
                            id=NAME,
                            value=current["name"] if current else "",
                            className="form-control",
                            debounce=False,
                            placeholder="lenkungsgruppe-2026-03",
                        ),
                        html.P(t("agenda_name_help", lang), className="form-text"),
                    ],
                    className="mb-3",
                ),
                html.Div(
                    [
                        html.Label(t("agenda_title_label", lang), htmlFor=TITLE, className="form-label"),
                        dcc.Input(id=TITLE, value=current["title"] if current else "", className="form-control"),
                    ],
                    className="mb-3",
                ),
                html.Div(
                    [
                        html.Label(t("agenda_slides", lang), htmlFor=SLIDES, className="form-label"),
                        dcc.Textarea(
                            id=SLIDES,
                            value=", ".join(current["slides"]) if current else "uebersicht, ll1, ll2",
                            className="form-control",
                            rows=3,
                        ),
                        html.P(t("agenda_slides_help", lang), className="form-text"),
                    ],
                    className="mb-3",
                ),
                _available(lang),
                html.Button(t("agenda_save", lang), id=SAVE, n_clicks=0, className="btn btn-primary mt-3"),
                html.Div(id=RESULT, role="status", className="mt-3"),
            ],
            className="agenda-editor",
        )
    return html.Div(
        [
            dcc.Store(id=LANG, data=lang),
            html.H1(t("agenda_page_title", lang)),
            html.P(t("agenda_intro", lang), className="lead"),
            html.Div(agenda_table(lang), id=LIST),
            editor,
        ]
    )


PAGE = Page(path=PATH, layout=layout, title_key="agenda_page_title", nav=False, order=81)


def register_callbacks(app) -> None:
    @app.callback(
        Output(RESULT, "children"),
        Output(LIST, "children"),
        Input(SAVE, "n_clicks"),
        State(NAME, "value"),
        State(TITLE, "value"),
        State(SLIDES, "value"),
        State(LANG, "data"),
        prevent_initial_call=True,
    )
    def save(_clicks, name, title, slides, lang):
        lang = lang if lang in ("de", "en") else "de"
        if auth.current_user() is None:  # the server decides, not the form
            return notice(t("agenda_refused", lang), kind="error", lang=lang, role="alert"), no_update
        svc = services()
        try:
            name = check_agenda_name(name or "")
        except ValueError as exc:
            return notice(str(exc), kind="error", lang=lang, role="alert"), no_update
        parsed = parse_slides(
            slides or "",
            leitlinien=[ll["number"] for ll in svc.repo.leitlinien()],
            indicators=[ind.id for ind in svc.repo.indicators()],
            param=t("agenda_slides", lang),
        )
        if parsed.errors or not parsed.slides:
            errors = list(parsed.errors) or [t("agenda_empty", lang)]
            return (
                notice(html.Ul([html.Li(e) for e in errors]), kind="error", lang=lang, role="alert"),
                no_update,
            )
        svc.repo.save_agenda(name, (title or "").strip(), [s.token for s in parsed.slides])
        done = html.Div(
            [
                notice(t("agenda_saved_one", lang, name=name, n=len(parsed.slides)), kind="info", lang=lang),
                html.P(html.A(t("agenda_start", lang), href=page_url("/praesentation", lang, agenda=name))),
            ]
        )
        return done, agenda_table(lang)
