"""The "Einbetten" dialog: generates the ``<iframe>`` snippet for the view on screen.

A reusable component: ``embed_dialog(lang, target=...)`` on any page. The
snippet is built in the browser (``assets/bm_embed_dialog.js``) from the
current address, because pages like the explorer keep their state in the URL
with ``history.pushState`` without telling the server. ``target`` says how a
page address becomes an embed address:

- ``"indicator"``: ``/indikatoren?indicator=X&year=Y&areas=A,B&tab=T`` ->
  ``/embed/indikator/X?year=Y&area=A&tab=...``
- ``"leitlinie"``: ``/leitlinie/<n>`` -> ``/embed/leitlinie/<n>``

The dialog is an ``html.Details`` (opens with Enter/Space, no focus trap) and
the code sits in a read-only, labelled text area.
"""

from __future__ import annotations

from dash import MATCH, ClientsideFunction, Input, Output, State, dcc, html

from .i18n import t
from .services import services

DIALOG = "bm-embed-dialog"
VIEW = "bm-embed-view"
HEIGHT = "bm-embed-height"
LANGUAGE = "bm-embed-lang"
CODE = "bm-embed-code"
CONFIG = "bm-embed-config"


def _id(kind: str, name: str) -> dict:
    return {"type": kind, "name": name}


def embed_dialog(
    lang: str, *, target: str = "indicator", name: str = "main", title: str = "", title_selector: str = ""
) -> html.Details:
    """The dialog component.

    Args:
        lang: UI language.
        target: "indicator" or "leitlinie" (how the page URL maps to an embed URL).
        name: distinguishes several dialogs on one page.
        title: the iframe's ``title`` (read by screen readers on the host page).
        title_selector: CSS selector of the element whose text names the current view
            (e.g. the explorer's indicator title); appended to ``title`` when the code is made.
    """
    svc = services()
    views = [
        {"label": t("embed_tab_map", lang), "value": "map"},
        {"label": t("embed_tab_chart", lang), "value": "chart"},
        {"label": t("embed_tab_table", lang), "value": "table"},
    ]
    options = [
        html.Div(
            [
                html.Span(t("embed_view", lang), className="embed-opt-label", id=f"{DIALOG}-{name}-view-label"),
                dcc.RadioItems(
                    id=_id(VIEW, name),
                    options=views,
                    value="map",
                    inline=True,
                    className="embed-radio",
                    inputClassName="embed-radio-input",
                ),
            ],
            className="embed-opt",
            role="group",
            hidden=target != "indicator",  # a Leitlinie panel has one view
            **{"aria-labelledby": f"{DIALOG}-{name}-view-label"},
        ),
        html.Label(
            [
                html.Span(t("embed_height", lang), className="embed-opt-label"),
                dcc.Input(
                    id=_id(HEIGHT, name),
                    type="number",
                    min=160,
                    max=1200,
                    step=10,
                    value=420,
                    className="form-control embed-height-input",
                ),
            ],
            className="embed-opt",
        ),
        html.Div(
            [
                html.Span(t("embed_language", lang), className="embed-opt-label", id=f"{DIALOG}-{name}-lang-label"),
                dcc.RadioItems(
                    id=_id(LANGUAGE, name),
                    options=[{"label": "Deutsch", "value": "de"}, {"label": "English", "value": "en"}],
                    value=lang,
                    inline=True,
                    className="embed-radio",
                    inputClassName="embed-radio-input",
                ),
            ],
            className="embed-opt",
            role="group",
            **{"aria-labelledby": f"{DIALOG}-{name}-lang-label"},
        ),
    ]
    config = {
        "target": target,
        "prefix": svc.url("/"),
        "title": title or f"{t('app_title', lang)} {svc.kommune.name}",
        "titleSelector": title_selector,
    }
    return html.Details(
        [
            html.Summary(t("embed_button", lang), className="embed-summary"),
            html.Div(
                [
                    html.H2(t("embed_dialog_title", lang), className="h6 embed-dialog-title"),
                    html.P(t("embed_dialog_intro", lang)),
                    *options,
                    html.Label(
                        [
                            html.Span(t("embed_code", lang), className="embed-opt-label"),
                            dcc.Textarea(
                                id=_id(CODE, name),
                                readOnly=True,
                                rows=6,
                                className="form-control embed-code",
                                spellCheck="false",
                            ),
                        ],
                        className="embed-opt embed-code-label",
                    ),
                    dcc.Store(id=_id(CONFIG, name), data=config),
                ],
                className="embed-dialog-body",
            ),
        ],
        id=_id(DIALOG, name),
        className="embed-dialog",
    )


def register_callbacks(app) -> None:
    """Once per app (the embed page module calls it): fills the code whenever the dialog or an option changes."""
    app.clientside_callback(
        ClientsideFunction(namespace="bm_embed", function_name="snippet"),
        Output(_id(CODE, MATCH), "value"),
        Input(_id(DIALOG, MATCH), "n_clicks"),
        Input(_id(VIEW, MATCH), "value"),
        Input(_id(HEIGHT, MATCH), "value"),
        Input(_id(LANGUAGE, MATCH), "value"),
        State(_id(CONFIG, MATCH), "data"),
    )
