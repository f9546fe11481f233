"""Anmelden / Abmelden for Bildungsmanager (users are created with ``dashboard user create``).

The sign-in runs in a Dash callback (a JSON POST, which another site cannot
send without CORS); on success the signed session cookie is set on that
response and the browser is sent on to the page it came from.
"""

from __future__ import annotations

from dash import Input, Output, State, dcc, html, no_update

from .. import auth
from ..components import notice
from ..i18n import t
from ..layout import page_url
from ..pages import Page

USER = "signin-user"
PASSWORD = "signin-password"
SUBMIT = "signin-submit"
SIGN_OUT = "signin-out"
RESULT = "signin-result"
REDIRECT = "signin-redirect"
NEXT = "signin-next"


def _safe_next(value: str | None) -> str:
    """Only local paths (no other sites, no protocol-relative //host)."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/massnahmen"
    return value


def layout(query: dict, lang: str) -> html.Div:
    target = _safe_next(query.get("weiter"))
    user = auth.current_user()
    common = [
        dcc.Location(id=REDIRECT, refresh=True),
        dcc.Store(id=NEXT, data={"path": target, "lang": lang}),
        html.H1(t("signin_title", lang)),
    ]
    if user:
        return html.Div(
            [
                *common,
                html.P(t("mn_signed_in_as", lang, name=user["display_name"] or user["username"]), id="signin-who"),
                html.Button(t("signin_out", lang), id=SIGN_OUT, className="btn btn-outline-primary", type="button"),
                html.Div(id=RESULT, role="status"),
                # Present so the sign-in callback's inputs exist on this page too.
                html.Div(
                    [
                        dcc.Input(id=USER, type="hidden"),
                        dcc.Input(id=PASSWORD, type="hidden"),
                        html.Button(id=SUBMIT, hidden=True),
                    ],
                    hidden=True,
                ),
            ],
            className="signin-page",
        )
    return html.Div(
        [
            *common,
            html.P(t("signin_intro", lang)),
            html.Form(
                [
                    html.Div(
                        [
                            html.Label(t("signin_user", lang), htmlFor=USER, className="form-label"),
                            dcc.Input(
                                id=USER, type="text", autoComplete="username", className="form-control", debounce=False
                            ),
                        ],
                        className="mb-3",
                    ),
                    html.Div(
                        [
                            html.Label(t("signin_password", lang), htmlFor=PASSWORD, className="form-label"),
                            dcc.Input(
                                id=PASSWORD,
                                type="password",
                                autoComplete="current-password",
                                className="form-control",
                                n_submit=0,
                            ),
                        ],
                        className="mb-3",
                    ),
                    html.Button(t("signin_submit", lang), id=SUBMIT, className="btn btn-primary", type="button"),
                    html.Button(id=SIGN_OUT, hidden=True, type="button"),
                ],
                className="signin-form",
                **{"aria-label": t("signin_title", lang)},
            ),
            html.Div(id=RESULT, role="status"),
        ],
        className="signin-page",
    )


PAGE = Page(path="/anmelden", layout=layout, title_key="nav_signin", nav=False, order=95)


def register_callbacks(app) -> None:
    @app.callback(
        Output(RESULT, "children"),
        Output(REDIRECT, "href"),
        Input(SUBMIT, "n_clicks"),
        Input(PASSWORD, "n_submit"),
        State(USER, "value"),
        State(PASSWORD, "value"),
        State(NEXT, "data"),
        prevent_initial_call=True,
    )
    def sign_in(clicks, submits, username, password, target):
        if not clicks and not submits:
            return no_update, no_update
        lang = (target or {}).get("lang", "de")
        try:
            auth.sign_in(username or "", password or "")
        except auth.SignInError as exc:
            return notice(str(exc), kind="error", lang=lang, role="alert"), no_update
        path = _safe_next((target or {}).get("path"))
        return t("signin_done", lang), page_url(path, lang)

    @app.callback(
        Output(RESULT, "children", allow_duplicate=True),
        Output(REDIRECT, "href", allow_duplicate=True),
        Input(SIGN_OUT, "n_clicks"),
        State(NEXT, "data"),
        prevent_initial_call=True,
    )
    def sign_out(clicks, target):
        if not clicks:
            return no_update, no_update
        auth.sign_out()
        lang = (target or {}).get("lang", "de")
        return t("signin_signed_out", lang), page_url(_safe_next((target or {}).get("path")), lang)
