"""Faktencheck: the yearly data report (``/faktencheck/<year>``), with its PDF download.

The page shows the report's component tree; ``/faktencheck/<year>.pdf``
prints the same tree (as static HTML) with headless Chromium on the server,
and ``/faktencheck/<year>.html`` serves that printable document.
``?gebiete=SV-37,SV-38`` adds district profiles, ``?lang=en`` the English text.
"""

from __future__ import annotations

import datetime as dt

from dash import html
from flask import Response, redirect, request

from ..cache import cached
from ..components import notice
from ..i18n import normalise_language, t
from ..layout import page_url
from ..pages import Page
from ..reports.faktencheck import (
    Report,
    ReportError,
    build_report,
    parse_gebiete,
    parse_year,
    render,
    report_pdf,
    standalone_html,
)
from ..reports.pdf import PdfError
from ..services import services

#: How many report years the year switcher offers.
YEARS_OFFERED = 5


def report_for(year: int, gebiete: tuple[str, ...], lang: str) -> Report:
    """The report, cached per year, areas and language until the data changes."""
    svc = services()
    return cached(
        "faktencheck",
        lambda: build_report(svc.repo, svc.kommune, year, gebiete=gebiete, lang=lang),
        year,
        gebiete,
        lang,
    )


def latest_report_year() -> int:
    """The latest year with data, not after the current year."""
    svc = services()
    this_year = dt.date.today().year
    years = {y for info in svc.repo.indicators() for y in svc.repo.years(info.id) if y <= this_year}
    return max(years) if years else this_year


def _toolbar(year: int, gebiete: tuple[str, ...], lang: str) -> html.Div:
    query = {"gebiete": ",".join(gebiete)} if gebiete else {}
    latest = latest_report_year()
    years = [y for y in range(latest - YEARS_OFFERED + 1, latest + 1)]
    return html.Div(
        [
            html.A(
                t("fc_download_pdf", lang),
                href=page_url(f"/faktencheck/{year}.pdf", lang, **query),
                className="fc-button",
                id="fc-download-pdf",
                download=f"faktencheck-{services().kommune.slug}-{year}.pdf",
            ),
            html.A(
                t("fc_print_view", lang),
                href=page_url(f"/faktencheck/{year}.html", lang, **query),
                className="fc-button fc-button-secondary",
                id="fc-print-view",
            ),
            html.Nav(
                [
                    html.Span(t("fc_other_years", lang) + ":"),
                    html.Ul(
                        [
                            html.Li(
                                html.A(
                                    str(y),
                                    href=page_url(f"/faktencheck/{y}", lang, **query),
                                    **{"aria-current": "page"},
                                )
                                if y == year
                                else html.A(str(y), href=page_url(f"/faktencheck/{y}", lang, **query))
                            )
                            for y in years
                        ],
                        className="fc-years",
                    ),
                ],
                className="fc-years-nav",
                **{"aria-label": t("fc_other_years", lang)},
            ),
            html.P(t("fc_pdf_hint", lang), className="fc-hint"),
        ],
        className="fc-toolbar",
    )


def layout(query: dict, lang: str, year: str = "") -> html.Div:
    try:
        report_year = parse_year(year)
        gebiete = parse_gebiete(query.get("gebiete"))
        report = report_for(report_year, gebiete, lang)
    except ReportError as exc:
        return html.Div(
            [html.H1(t("fc_error_title", lang)), notice(str(exc), kind="error", lang=lang, role="alert")],
            id="fc-error",
        )
    return render(report, toolbar=_toolbar(report_year, gebiete, lang))


PAGE = Page(path="/faktencheck/<year>", layout=layout, title_key="nav_faktencheck", nav=False, order=80)


def _request_lang() -> str:
    return normalise_language(request.args.get("lang"), services().settings.default_language)


def _error(exc: Exception, status: int) -> Response:
    return Response(f"{exc}\n", status=status, mimetype="text/plain", content_type="text/plain; charset=utf-8")


def register_callbacks(app) -> None:
    server = app.server

    def faktencheck_pdf(year: int):
        lang = _request_lang()
        svc = services()
        try:
            gebiete = parse_gebiete(request.args.get("gebiete"))
            report = report_for(parse_year(str(year)), gebiete, lang)
            pdf = cached("faktencheck-pdf", lambda: report_pdf(report), year, gebiete, lang)
        except ReportError as exc:
            return _error(exc, 400)
        except PdfError as exc:
            return _error(exc, 503)
        filename = f"faktencheck-{svc.kommune.slug}-{year}.pdf"
        return Response(
            pdf, mimetype="application/pdf", headers={"Content-Disposition": f'attachment; filename="{filename}"'}
        )

    def faktencheck_html(year: int):
        lang = _request_lang()
        try:
            gebiete = parse_gebiete(request.args.get("gebiete"))
            report = report_for(parse_year(str(year)), gebiete, lang)
        except ReportError as exc:
            return _error(exc, 400)
        return Response(standalone_html(report), mimetype="text/html")

    def faktencheck_latest():
        lang = _request_lang()
        query = {k: v for k, v in request.args.items() if k != "lang"}
        return redirect(page_url(f"/faktencheck/{latest_report_year()}", lang, **query))

    server.add_url_rule("/faktencheck/<int:year>.pdf", "faktencheck_pdf", faktencheck_pdf)
    server.add_url_rule("/faktencheck/<int:year>.html", "faktencheck_html", faktencheck_html)
    server.add_url_rule("/faktencheck", "faktencheck_latest", faktencheck_latest)
