"""Quellen: every data source with its publisher, licence and notes."""

from __future__ import annotations

from dash import html

from ..i18n import t
from ..pages import Page
from ..services import services


def layout(query: dict, lang: str) -> html.Div:  # noqa: ARG001 - uniform page signature
    rows = []
    for src in services().repo.sources():
        rows.append(
            html.Article(
                [
                    html.H2(src["title"], className="h5"),
                    html.P(
                        t("source_demo", lang) if src["is_demo"] else t("source_real", lang),
                        className="badge-text " + ("badge-demo" if src["is_demo"] else "badge-real"),
                    ),
                    html.Dl(
                        [
                            html.Dt(t("source_publisher", lang)),
                            html.Dd(src["publisher"] or "–"),
                            html.Dt(t("source_licence", lang)),
                            html.Dd(src["licence"] or "–"),
                            *(
                                [html.Dt("URL"), html.Dd(html.A(src["url"], href=src["url"], rel="noopener"))]
                                if src["url"]
                                else []
                            ),
                            *(
                                [
                                    html.Dt("Namensnennung" if lang == "de" else "Attribution"),
                                    html.Dd(src["attribution"]),
                                ]
                                if src["attribution"]
                                else []
                            ),
                            *([html.Dt(t("source_note", lang)), html.Dd(src["note"])] if src["note"] else []),
                        ],
                        className="source-dl",
                    ),
                ],
                className="source-card",
                id=f"source-{src['key']}",
            )
        )
    return html.Div([html.H1(t("sources_title", lang)), html.P(t("sources_intro", lang)), *rows])


PAGE = Page(path="/quellen", layout=layout, title_key="nav_sources", nav=True, order=90)


def register_callbacks(app) -> None:  # noqa: ARG001 - no callbacks on this page
    return None
