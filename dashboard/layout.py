"""The page shell (header, navigation, banners, footer) and the URL router."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

import dash
from dash import Input, Output, dcc, html

from . import ids
from .components import demo_notice
from .i18n import normalise_language, t
from .pages import Page, find_page
from .services import services


def parse_query(search: str | None) -> dict[str, str]:
    """The URL query as a dict; the last value wins for repeated keys."""
    return dict(parse_qsl((search or "").lstrip("?"), keep_blank_values=False))


def with_query(path: str, query: dict[str, str]) -> str:
    clean = {k: v for k, v in query.items() if v not in (None, "")}
    return path + ("?" + urlencode(clean) if clean else "")


def page_url(path: str, lang: str, **query) -> str:
    """Link to a page under the URL prefix, keeping a non-default language."""
    svc = services()
    if lang != svc.settings.default_language:
        query["lang"] = lang
    return svc.url(with_query(path, query))


def shell() -> html.Div:
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh="callback-nav"),
            html.A(id="skip-link", className="skip-link", href="#" + ids.PAGE),
            html.Header(id=ids.NAV, className="site-header"),
            html.Div(id=ids.BANNERS),
            html.Main(id=ids.PAGE, tabIndex="-1", className="site-main container-xxl"),
            html.Footer(id=ids.FOOTER, className="site-footer"),
        ],
        id="app-shell",
    )


def header(pages: list[Page], pathname: str, lang: str) -> list:
    svc = services()
    kommune = svc.kommune
    nav_items = []
    for page in sorted((p for p in pages if p.nav), key=lambda p: p.order):
        active = page.match(pathname) is not None or (
            page.path != "/" and pathname.startswith(page.path.split("<")[0].rstrip("/") + "/")
        )
        nav_items.append(
            html.Li(
                dcc.Link(
                    # dcc.Link takes no aria-current; the hidden text tells screen readers.
                    [
                        t(page.title_key, lang),
                        html.Span(
                            " (aktuelle Seite)" if lang == "de" else " (current page)", className="visually-hidden"
                        )
                        if active
                        else None,
                    ],
                    href=page_url(page.path, lang),
                    className="nav-link" + (" active" if active else ""),
                ),
                className="nav-item",
            )
        )
    other = "en" if lang == "de" else "de"
    logo = kommune.theme.logo
    return [
        html.Div(
            [
                dcc.Link(
                    [
                        html.Img(src=svc.asset(logo), alt="", className="site-logo") if logo else None,
                        html.Span(
                            [
                                html.Span(t("app_title", lang), className="site-title"),
                                html.Span(kommune.name, className="site-kommune"),
                            ],
                            className="site-brand-text",
                        ),
                    ],
                    href=page_url("/", lang),
                    className="site-brand",
                ),
                html.Nav(html.Ul(nav_items, className="nav site-nav"), **{"aria-label": "Hauptnavigation"}),
                html.A(
                    "English" if other == "en" else "Deutsch",
                    href=page_url(pathname, other),
                    lang=other,
                    hrefLang=other,
                    className="lang-switch",
                    title=t("language", lang),
                ),
            ],
            className="site-header-inner container-xxl",
        )
    ]


def footer(lang: str) -> list:
    return [
        html.Div(
            [
                html.Span(f"{t('app_title', lang)} · {services().kommune.name}"),
                dcc.Link(t("footer_sources", lang), href=page_url("/quellen", lang)),
            ],
            className="site-footer-inner container-xxl",
        )
    ]


def not_found(pathname: str, lang: str) -> html.Div:
    return html.Div(
        [
            html.H1(t("not_found_title", lang)),
            html.P(t("not_found_text", lang, path=pathname)),
            dcc.Link(t("back_home", lang), href=page_url("/", lang)),
        ]
    )


def register_router(app: dash.Dash, pages: list[Page]) -> None:
    @app.callback(
        Output(ids.PAGE, "children"),
        Output(ids.NAV, "children"),
        Output(ids.BANNERS, "children"),
        Output(ids.FOOTER, "children"),
        Output("app-shell", "className"),
        Output("app-shell", "style"),
        Output("skip-link", "children"),
        Input(ids.URL, "pathname"),
        Input(ids.URL, "search"),
    )
    def route(pathname, search):
        svc = services()
        path = app.strip_relative_path(pathname or "/")
        path = "/" + (path or "").strip("/")
        query = parse_query(search)
        lang = normalise_language(query.get("lang"), svc.settings.default_language)
        page, params = find_page(pages, path)
        if page is None:
            content = not_found(path, lang)
            chrome = True
        else:
            content = page.layout(query=query, lang=lang, **params)
            chrome = page.chrome
        theme = {"--bm-primary": svc.kommune.theme.primary, "--bm-accent": svc.kommune.theme.accent}
        if not chrome:
            return content, None, None, None, "app-shell no-chrome", theme, t("skip_to_content", lang)
        return (
            content,
            header(pages, path, lang),
            demo_notice(lang),
            footer(lang),
            "app-shell",
            theme,
            t("skip_to_content", lang),
        )
