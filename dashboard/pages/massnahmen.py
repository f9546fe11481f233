"""Maßnahmen: one panel per Leitlinie with status counts, done share, target status, Handlungsfelder.

Also the register download (XLSX/CSV, public) and, for signed-in
Bildungsmanager only, the register upload. The upload callback checks the
session on the server; the public view has no upload control at all.
"""

from __future__ import annotations

import base64

from dash import Input, Output, State, dcc, html, no_update

from .. import auth
from ..cache import invalidate_data
from ..components import notice
from ..compute.massnahmen import summaries_by_leitlinie
from ..compute.targets import LABELS as TARGET_LABELS
from ..compute.targets import SYMBOLS as TARGET_SYMBOLS
from ..figures.massnahmen import done_share_text, status_bar
from ..i18n import t
from ..ingest.massnahmen import XLSX_MIME, RegisterError, read_register, write_register
from ..layout import page_url
from ..massnahmen_service import import_register, register_catalogue, register_rows
from ..massnahmen_view import leitlinie_targets, today
from ..pages import Page
from ..services import services

EXPORT_XLSX = "mn-export-xlsx"
EXPORT_CSV = "mn-export-csv"
DOWNLOAD = "mn-download"
UPLOAD = "mn-upload"
UPLOAD_RESULT = "mn-upload-result"
PANELS = "massnahmen-panels"
TARGET_ORDER = ("reached", "on_track", "off_track", "no_data")


def demo_tag(is_demo: bool, lang: str, name_says_demo: bool = False):
    """Beispieldaten written next to an indicator built on invented numbers (unless its name says so)."""
    if not is_demo or name_says_demo:
        return None
    return html.Span("Beispieldaten" if lang == "de" else "demo data", className="demo-tag")


def name_says_demo(name: str) -> bool:
    return "beispieldaten" in name.lower() or "demo data" in name.lower()


def title(item: dict, lang: str) -> str:
    return item["title_en"] if lang == "en" and item.get("title_en") else item["title_de"]


def auth_line(lang: str, next_path: str) -> html.P:
    """Who is signed in, or a link to sign in (for Bildungsmanager)."""
    user = auth.current_user()
    if user:
        return html.P(
            [
                t("mn_signed_in_as", lang, name=user["display_name"] or user["username"]),
                " · ",
                dcc.Link(t("signin_out", lang), href=page_url("/anmelden", lang, weiter=next_path)),
            ],
            className="auth-line",
            id="auth-line",
        )
    return html.P(
        dcc.Link(t("mn_signin_hint", lang), href=page_url("/anmelden", lang, weiter=next_path)),
        className="auth-line",
        id="auth-line",
    )


def target_block(number: int, lang: str) -> html.Div:
    items = leitlinie_targets(number, lang)
    heading = html.H3(t("mn_targets", lang), className="panel-subtitle")
    if not items:
        return html.Div([heading, html.P(t("mn_targets_none", lang), className="muted")], className="target-block")
    counts = {status: sum(1 for _, st in items if st.status == status) for status in TARGET_ORDER}
    summary = " · ".join(
        f"{TARGET_SYMBOLS[s]} {TARGET_LABELS[s][lang]}: {counts[s]}" for s in TARGET_ORDER if counts[s]
    )
    return html.Div(
        [
            heading,
            html.P(summary, className="target-summary"),
            html.Ul(
                [
                    html.Li(
                        [
                            html.Span(
                                [html.Span(st.symbol, **{"aria-hidden": "true"}), f" {st.label}"],
                                className=f"target-status target-{st.status}",
                            ),
                            " ",
                            dcc.Link(info.name(lang), href=page_url("/indikatoren", lang, indicator=info.id)),
                            demo_tag(info.is_demo, lang, name_says_demo(info.name(lang))),
                            html.Br(),
                            html.Small(st.explanation, className="muted"),
                        ],
                        className="target-item",
                    )
                    for info, st in items
                ],
                className="target-list",
            ),
            html.P(t("mn_targets_basis", lang), className="muted small"),
        ],
        className="target-block",
    )


def leitlinie_panel(ll: dict, summary, lang: str) -> html.Li:
    number = ll["number"]
    href = page_url(f"/leitlinie/{number}", lang)
    overdue = (
        html.P(
            dcc.Link(
                t("mn_overdue_count", lang, n=summary.overdue),
                href=page_url(f"/leitlinie/{number}", lang, ueberfaellig="1"),
            ),
            className="overdue-line",
        )
        if summary.overdue
        else None
    )
    return html.Li(
        html.Article(
            [
                html.P(f"{t('leitlinie', lang)} {number}", className="card-kicker"),
                html.H2(dcc.Link(title(ll, lang), href=href), className="leitlinie-title h5"),
                html.H3(t("mn_status_of", lang), className="panel-subtitle"),
                status_bar(summary, lang=lang, caption=f"{t('mn_status_of', lang)}, {t('leitlinie', lang)} {number}"),
                html.P(done_share_text(summary, lang), className="done-share"),
                overdue,
                target_block(number, lang),
                html.H3(t("handlungsfelder", lang), className="panel-subtitle"),
                html.Ul([html.Li(title(hf, lang)) for hf in ll["handlungsfelder"]], className="hf-list"),
                html.P(dcc.Link(t("mn_open_leitlinie", lang, n=number), href=href), className="panel-more"),
            ],
            className="leitlinie-card massnahmen-panel",
            id=f"massnahmen-ll-{number}",
        ),
        className="leitlinie-item",
    )


def register_section(lang: str, signed_in: bool) -> html.Section:
    children = [
        html.H2(t("mn_export", lang), className="h5"),
        html.P(t("mn_export_text", lang)),
        html.Div(
            [
                html.Button("XLSX", id=EXPORT_XLSX, className="btn btn-outline-primary", type="button"),
                html.Button("CSV", id=EXPORT_CSV, className="btn btn-outline-primary", type="button"),
            ],
            className="button-row",
        ),
        dcc.Download(id=DOWNLOAD),
    ]
    if signed_in:
        children += [
            html.H2(t("mn_import", lang), className="h5 mt-3"),
            html.P(t("mn_import_text", lang)),
            dcc.Upload(
                html.Div(t("mn_import_drop", lang)),
                id=UPLOAD,
                accept=".xlsx,.csv",
                max_size=5 * 1024 * 1024,
                className="upload-box",
            ),
            dcc.Loading(html.Div(id=UPLOAD_RESULT, role="status", className="upload-result")),
        ]
    return html.Section(children, className="register-section", id="register-section")


def layout(query: dict, lang: str) -> html.Div:  # noqa: ARG001 - uniform page signature
    svc = services()
    leitlinien = svc.repo.leitlinien()
    massnahmen = svc.repo.massnahmen()
    numbers = [ll["number"] for ll in leitlinien]
    summaries = summaries_by_leitlinie(massnahmen, numbers, today())
    overall = summaries_by_leitlinie([{**m, "leitlinie": 0} for m in massnahmen], [0], today())[0]
    examples = any(m["is_example"] for m in massnahmen)
    user = auth.current_user()
    return html.Div(
        [
            html.Div(
                [html.H1(t("mn_title", lang)), auth_line(lang, "/massnahmen")],
                className="page-head",
            ),
            notice(t("mn_example_notice", lang, kommune=svc.kommune.name), kind="example", lang=lang)
            if examples
            else None,
            html.P(t("mn_intro", lang), className="lead"),
            html.Section(
                [
                    html.H2(t("mn_all", lang), className="h5"),
                    status_bar(overall, lang=lang, caption=t("mn_all", lang)),
                    html.P(done_share_text(overall, lang), className="done-share"),
                    html.P(
                        [t("mn_overdue_count", lang, n=overall.overdue), ". ", t("mn_overdue_rule", lang)],
                        className="muted small",
                    ),
                ],
                className="overall-panel",
                id="massnahmen-overall",
            ),
            html.Ol(
                [leitlinie_panel(ll, summaries[ll["number"]], lang) for ll in leitlinien],
                className="leitlinien-grid massnahmen-grid",
                id=PANELS,
            ),
            register_section(lang, signed_in=user is not None),
        ]
    )


PAGE = Page(path="/massnahmen", layout=layout, title_key="nav_massnahmen", nav=True, order=20)


def register_callbacks(app) -> None:
    @app.callback(
        Output(DOWNLOAD, "data"),
        Input(EXPORT_XLSX, "n_clicks"),
        Input(EXPORT_CSV, "n_clicks"),
        prevent_initial_call=True,
    )
    def export(_xlsx, _csv):
        from dash import ctx

        fmt = "csv" if ctx.triggered_id == EXPORT_CSV else "xlsx"
        svc = services()
        content = write_register(register_rows(svc.db), fmt)
        filename = f"massnahmen-{svc.kommune.slug}-{today().isoformat()}.{fmt}"
        mime = XLSX_MIME if fmt == "xlsx" else "text/csv"
        return dcc.send_bytes(content, filename, type=mime)

    @app.callback(
        Output(UPLOAD_RESULT, "children"),
        Input(UPLOAD, "contents"),
        State(UPLOAD, "filename"),
        prevent_initial_call=True,
    )
    def upload(contents, filename):
        # Checked on the server: the control is only rendered for signed-in users,
        # but a request can be sent without it.
        user = auth.current_user()
        if user is None:
            return notice(t("mn_refused", "de"), kind="error", role="alert")
        if not contents or not filename:
            return no_update
        try:
            content = base64.b64decode(contents.split(",", 1)[1])
        except (IndexError, ValueError):
            return notice(f"{filename}: Die Datei konnte nicht gelesen werden.", kind="error", role="alert")
        svc = services()
        try:
            rows = read_register(content, filename, register_catalogue(svc.db))
        except RegisterError as exc:
            return notice(
                [
                    f"{filename}: Import abgebrochen, nichts wurde geändert.",
                    html.Ul([html.Li(e) for e in exc.errors[:50]]),
                ],
                kind="error",
                role="alert",
            )
        summary = import_register(svc.db, rows, user=user["username"], filename=filename, content=content)
        invalidate_data()
        return notice(summary.text(), kind="info")
