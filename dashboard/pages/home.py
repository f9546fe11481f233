"""Übersicht: the Leitlinien of the Bildungsleitbild with their Handlungsfelder."""

from __future__ import annotations

from collections import Counter

from dash import dcc, html

from ..components import notice
from ..compute.massnahmen import summaries_by_leitlinie
from ..figures.massnahmen import done_share_text, status_bar
from ..i18n import count_text, t
from ..layout import page_url
from ..massnahmen_view import today
from ..pages import Page
from ..services import services


def layout(query: dict, lang: str) -> html.Div:  # noqa: ARG001 - uniform page signature
    svc = services()
    leitlinien = svc.repo.leitlinien()
    massnahmen = svc.repo.massnahmen()
    per_leitlinie = Counter(m["leitlinie"] for m in massnahmen)
    indicators = svc.repo.indicators()
    ind_per_leitlinie = Counter(n for ind in indicators for n in ind.leitlinien)
    examples = any(hf["is_example"] for ll in leitlinien for hf in ll["handlungsfelder"])
    summaries = summaries_by_leitlinie(massnahmen, [ll["number"] for ll in leitlinien], today())
    cards = []
    for ll in leitlinien:
        title = ll["title_en"] if lang == "en" and ll["title_en"] else ll["title_de"]
        cards.append(
            html.Li(
                html.Article(
                    [
                        html.P(f"{t('leitlinie', lang)} {ll['number']}", className="card-kicker"),
                        html.H2(
                            dcc.Link(title, href=page_url(f"/leitlinie/{ll['number']}", lang)),
                            className="leitlinie-title h5",
                        ),
                        html.P(
                            f"{count_text('massnahmen_count', per_leitlinie.get(ll['number'], 0), lang)} · "
                            f"{count_text('indicators_count', ind_per_leitlinie.get(ll['number'], 0), lang)}",
                            className="card-meta",
                        ),
                        status_bar(
                            summaries[ll["number"]],
                            lang=lang,
                            compact=True,
                            caption=f"{t('mn_status_of', lang)}, {t('leitlinie', lang)} {ll['number']}",
                        ),
                        html.P(done_share_text(summaries[ll["number"]], lang), className="done-share small"),
                        html.H3(t("handlungsfelder", lang), className="h6 visually-hidden"),
                        html.Ul(
                            [
                                html.Li(hf["title_en"] if lang == "en" and hf["title_en"] else hf["title_de"])
                                for hf in ll["handlungsfelder"]
                            ],
                            className="hf-list",
                        ),
                    ],
                    className="leitlinie-card",
                    id=f"leitlinie-{ll['number']}",
                ),
                className="leitlinie-item",
            )
        )
    return html.Div(
        [
            html.H1(t("leitlinien", lang)),
            html.P(t("home_intro", lang, kommune=svc.kommune.name), className="lead"),
            html.P(
                [
                    # The Faktencheck's path carries the year, so it cannot be a nav entry.
                    # A plain link: /faktencheck is a server redirect to the latest year.
                    html.A(t("home_report_link", lang), href=page_url("/faktencheck", lang), id="home-report-link"),
                    " · ",
                    dcc.Link(t("home_presentation_link", lang), href=page_url("/praesentation", lang)),
                ],
                className="home-links",
            ),
            notice(t("example_banner", lang), kind="example", lang=lang) if examples else None,
            html.Ol(cards, className="leitlinien-grid", id="leitlinien-list"),
        ]
    )


PAGE = Page(path="/", layout=layout, title_key="nav_home", nav=True, order=0)


def register_callbacks(app) -> None:  # noqa: ARG001 - no callbacks on this page
    return None
