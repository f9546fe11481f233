"""Daten importieren (/import): upload, validation report, confirmation, history, rollback.

Only for signed-in users (``auth.current_user()``), checked in the layout and
again in every callback. The file travels base64-encoded; the browser refuses
a file above ``BM_IMPORT_MAX_MB`` before sending it (clientside callback), the
server checks the size again (``ingest.limits``) and Flask refuses requests
above ``BM_MAX_REQUEST_MB``. Checking and importing call the same service as
the CLI (``ingest.service``); the import re-reads the file and refuses it when
its SHA-256 differs from the one that was checked.
"""

from __future__ import annotations

import base64
import binascii

from dash import ALL, Input, Output, State, ctx, dcc, html, no_update

from .. import auth
from ..components import notice
from ..formatting import format_date, format_number
from ..i18n import t
from ..ingest import service
from ..ingest.limits import Limits
from ..ingest.report import ERROR
from ..layout import page_url
from ..pages import Page
from ..services import services

KIND = "import-kind"
SHEET = "import-sheet"
FORMAT = "import-format"
LEVEL = "import-level"
CODE_FIELD = "import-code-field"
NAME_FIELD = "import-name-field"
PARENT_FIELD = "import-parent-field"
UPLOAD = "import-upload"
FILE = "import-file"
LIMIT = "import-limit"
SIZE_ERROR = "import-size-error"
FILE_NAME = "import-file-name"
CHECK = "import-check"
CONFIRM = "import-confirm"
CHECKED = "import-checked"
REPORT = "import-report"
RESULT = "import-result"
HISTORY = "import-history"
ROLLBACK = "import-rollback"
LANG = "import-lang"
INDICATOR_OPTIONS = "import-indicator-options"
GEO_OPTIONS = "import-geo-options"


def signed_in_user() -> dict | None:
    """The signed-in user (issue 4's ``auth.current_user``), or None. One place to change the guard."""
    return auth.current_user()


def _limits() -> Limits:
    return Limits.from_mb(services().settings.import_max_mb)


def _field(label: str, control, field_id: str) -> html.Div:
    return html.Div([html.Label(label, htmlFor=field_id, className="form-label"), control], className="mb-3")


def layout(query: dict, lang: str) -> html.Div:  # noqa: ARG001 - uniform page signature
    title = html.H1(t("import_title", lang))
    if signed_in_user() is None:
        return html.Div(
            [
                title,
                notice(t("import_signin", lang), kind="info", lang=lang),
                html.P(dcc.Link(t("import_signin_link", lang), href=page_url("/anmelden", lang, weiter="/import"))),
            ],
            className="import-page",
        )
    svc = services()
    levels = [level for level in svc.kommune.district_levels]
    limit = float(svc.settings.import_max_mb)
    limit_mb = format_number(limit, 0 if limit.is_integer() else 2, lang)
    return html.Div(
        [
            title,
            html.P(t("import_intro", lang)),
            dcc.Store(id=LANG, data=lang),
            dcc.Store(
                id=LIMIT,
                data={
                    "bytes": _limits().max_bytes,
                    "mb": limit_mb,
                    "message": t("import_too_large", lang),
                    "label": f"{t('import_file', lang)}: {t('import_drop', lang)}",
                },
            ),
            dcc.Store(id=FILE),
            dcc.Store(id=CHECKED),
            html.Fieldset(
                [
                    html.Legend(t("import_kind", lang), className="form-label"),
                    dcc.RadioItems(
                        id=KIND,
                        options=[
                            {"label": t("import_kind_indicators", lang), "value": service.INDICATORS},
                            {"label": t("import_kind_catalogue", lang), "value": service.CATALOGUE},
                            {"label": t("import_kind_geo", lang), "value": service.GEO},
                        ],
                        value=service.INDICATORS,
                        labelClassName="import-radio",
                    ),
                ],
                className="mb-3",
            ),
            html.Div(
                [
                    _field(t("import_sheet", lang), dcc.Input(id=SHEET, type="text", className="form-control"), SHEET),
                    _field(
                        t("import_format", lang),
                        dcc.Dropdown(
                            id=FORMAT,
                            options=[
                                {"label": t("import_format_auto", lang), "value": "auto"},
                                {"label": t("import_format_long", lang), "value": "long"},
                                {"label": t("import_format_wide", lang), "value": "wide"},
                            ],
                            value="auto",
                            clearable=False,
                            searchable=False,
                        ),
                        FORMAT,
                    ),
                ],
                id=INDICATOR_OPTIONS,
            ),
            html.Div(
                [
                    _field(
                        t("import_level", lang),
                        dcc.Dropdown(
                            id=LEVEL,
                            options=[
                                {"label": lv.name_de if lang == "de" else lv.name_en, "value": lv.key} for lv in levels
                            ],
                            value=levels[0].key if levels else None,
                            clearable=False,
                        ),
                        LEVEL,
                    ),
                    _field(
                        t("import_code_field", lang),
                        dcc.Input(id=CODE_FIELD, type="text", value="code", className="form-control"),
                        CODE_FIELD,
                    ),
                    _field(
                        t("import_name_field", lang),
                        dcc.Input(id=NAME_FIELD, type="text", value="name", className="form-control"),
                        NAME_FIELD,
                    ),
                    _field(
                        t("import_parent_field", lang),
                        dcc.Input(id=PARENT_FIELD, type="text", className="form-control"),
                        PARENT_FIELD,
                    ),
                ],
                id=GEO_OPTIONS,
                hidden=True,
            ),
            html.Div(
                [
                    html.Span(t("import_file", lang), className="form-label d-block"),
                    dcc.Upload(
                        id=UPLOAD,
                        # A real button inside the drop zone: Enter or Space on it opens the
                        # file dialog (dcc.Upload's own zone is not keyboard-focusable).
                        children=html.Div(
                            [
                                html.Span([t("import_drop", lang), " ", t("import_limit", lang, mb=limit_mb)]),
                                html.Button(
                                    t("import_choose", lang),
                                    id="import-choose",
                                    type="button",
                                    className="btn btn-outline-primary btn-sm ms-2",
                                ),
                            ]
                        ),
                        className="import-drop",
                        multiple=False,
                    ),
                    html.P(id=FILE_NAME, className="import-file-name", **{"aria-live": "polite"}),
                    html.Div(id=SIZE_ERROR, role="alert"),
                ],
                className="mb-3",
            ),
            html.Button(t("import_check", lang), id=CHECK, className="btn btn-primary me-2", type="button"),
            dcc.Loading(html.Div(id=REPORT, className="import-report mt-3", **{"aria-live": "polite"})),
            html.Button(t("import_confirm", lang), id=CONFIRM, className="btn btn-success", type="button", hidden=True),
            dcc.Loading(html.Div(id=RESULT, className="mt-3", role="status")),
            html.H2(t("import_history", lang), className="h4 mt-4"),
            html.Div(history(lang), id=HISTORY),
        ],
        className="import-page",
    )


def report_view(plan: service.Plan, lang: str) -> html.Div:
    """The validation report as a plain, labelled table (status as text, never colour alone)."""
    report = plan.report
    errors, warnings = report.errors, report.warnings
    rows = [
        html.Tr(
            [
                html.Td(
                    t("import_error" if issue.severity == ERROR else "import_warning", lang),
                    className=f"issue-{issue.severity}",
                ),
                html.Td(issue.where()),
                html.Td(issue.message),
            ]
        )
        for issue in report.issues
    ]
    head = [
        html.H2(t("import_report", lang), className="h4"),
        html.P([html.Strong(plan.filename + (": " if plan.ok else "")), plan.summary_text() if plan.ok else None]),
    ]
    head.append(
        notice(
            [
                t("import_counts", lang, errors=len(errors), warnings=len(warnings)),
                " ",
                t("import_ok", lang) if plan.ok else t("import_blocked", lang),
            ],
            kind="info" if plan.ok else "error",
            lang=lang,
            role="status" if plan.ok else "alert",
        )
    )
    table = None
    if rows:
        table = html.Table(
            [
                html.Caption(t("import_report", lang), className="visually-hidden"),
                html.Thead(
                    html.Tr(
                        [
                            html.Th(t(k, lang), scope="col")
                            for k in ("import_col_kind", "import_col_where", "import_col_message")
                        ]
                    )
                ),
                html.Tbody(rows),
            ],
            className="table table-sm import-issues",
        )
        table = html.Div(table, className="table-responsive")
    more = html.P(t("import_more", lang, n=report.suppressed_issues)) if report.suppressed_issues else None
    return html.Div([*head, table, more])


def history(lang: str) -> html.Div:
    runs = services().repo.import_runs()[:10]
    if not runs:
        return html.P(t("import_history_empty", lang))
    latest_active = next((r for r in runs if r["kind"] != "rollback" and not r["rolled_back"]), None)
    rows = [
        html.Tr(
            [
                html.Td(str(r["id"])),
                html.Td(format_date(r["imported_at"], lang)),
                html.Td(r["imported_by"] or "–"),
                html.Td(r["filename"]),
                html.Td(f"{format_number(r['rows_added'], 0, lang)} / {format_number(r['rows_changed'], 0, lang)}"),
                html.Td(
                    t("import_rolled_back", lang)
                    if r["rolled_back"]
                    else ("–" if r["kind"] == "rollback" else t("import_active", lang))
                ),
            ]
        )
        for r in runs
    ]
    button = (
        html.Button(
            t("import_rollback", lang, run=latest_active["id"]),
            id={"type": ROLLBACK, "run": latest_active["id"]},
            className="btn btn-outline-danger btn-sm",
            type="button",
        )
        if latest_active
        else None
    )
    return html.Div(
        [
            html.Div(
                html.Table(
                    [
                        html.Thead(
                            html.Tr(
                                [
                                    html.Th(t(k, lang), scope="col")
                                    for k in (
                                        "import_col_no",
                                        "import_col_when",
                                        "import_col_who",
                                        "import_col_file",
                                        "import_col_rows",
                                        "import_col_state",
                                    )
                                ]
                            )
                        ),
                        html.Tbody(rows),
                    ],
                    className="table table-sm import-history",
                ),
                className="table-responsive",
            ),
            button,
        ]
    )


def _decode(file: dict | None) -> tuple[bytes | None, str]:
    if not file or not file.get("contents"):
        return None, ""
    try:
        return base64.b64decode(file["contents"].split(",", 1)[1], validate=True), file.get("filename") or "upload"
    except (IndexError, binascii.Error, ValueError):
        return b"", file.get("filename") or "upload"


def _prepare(kind, data, filename, sheet, fmt, level, code_field, name_field, parent_field) -> service.Plan:
    svc = services()
    limits = _limits()
    if kind == service.CATALOGUE:
        return service.prepare_catalogue(svc.repo, svc.kommune, data, filename, sheet=sheet or None, limits=limits)
    if kind == service.GEO:
        return service.prepare_geo(
            svc.repo,
            svc.kommune,
            data,
            filename,
            level=level,
            code_field=(code_field or "").strip(),
            name_field=(name_field or "").strip(),
            parent_field=(parent_field or "").strip() or None,
            limits=limits,
        )
    return service.prepare_indicators(
        svc.repo,
        data,
        filename,
        sheet=(sheet or "").strip() or None,
        fmt=None if fmt in (None, "auto") else fmt,
        limits=limits,
    )


def _refused(lang: str):
    return notice(t("import_signin", lang), kind="error", lang=lang, role="alert")


# The browser measures the file before anything is sent: a file above the
# limit never leaves it. (len(base64) * 3 / 4 is the file size.)
SIZE_CHECK = """
function(contents, filename, limit) {
    if (!contents) { return [null, "", ""]; }
    var b64 = contents.slice(contents.indexOf(",") + 1);
    var size = Math.floor(b64.length * 3 / 4);
    if (size > limit.bytes) {
        var mb = (size / 1048576).toFixed(1).replace(".", ",");
        var text = limit.message.replace("{name}", filename).replace("{size}", mb).replace("{mb}", limit.mb);
        return [null, "", text];
    }
    return [{contents: contents, filename: filename}, filename, ""];
}
"""


# dcc.Upload's file input has no label of its own; give it the drop zone's text.
LABEL_INPUT = """
function(limit) {
    var tries = 0;
    function label() {
        var input = document.querySelector("#import-upload input[type=file]");
        if (input && limit) { input.setAttribute("aria-label", limit.label); return; }
        if (tries++ < 50) { setTimeout(label, 100); }
    }
    label();
    return window.dash_clientside.no_update;
}
"""


def register_callbacks(app) -> None:
    app.clientside_callback(
        LABEL_INPUT,
        Output(UPLOAD, "title"),
        Input(LIMIT, "data"),
    )
    app.clientside_callback(
        SIZE_CHECK,
        Output(FILE, "data"),
        Output(FILE_NAME, "children"),
        Output(SIZE_ERROR, "children"),
        Input(UPLOAD, "contents"),
        State(UPLOAD, "filename"),
        State(LIMIT, "data"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output(INDICATOR_OPTIONS, "hidden"),
        Output(GEO_OPTIONS, "hidden"),
        Input(KIND, "value"),
    )
    def show_options(kind):
        return kind == service.GEO, kind != service.GEO

    @app.callback(
        Output(REPORT, "children"),
        Output(CONFIRM, "hidden"),
        Output(CHECKED, "data"),
        Output(RESULT, "children", allow_duplicate=True),
        Input(CHECK, "n_clicks"),
        Input(FILE, "data"),
        State(KIND, "value"),
        State(SHEET, "value"),
        State(FORMAT, "value"),
        State(LEVEL, "value"),
        State(CODE_FIELD, "value"),
        State(NAME_FIELD, "value"),
        State(PARENT_FIELD, "value"),
        State(LANG, "data"),
        prevent_initial_call=True,
    )
    def check(_clicks, file, kind, sheet, fmt, level, code_field, name_field, parent_field, lang):
        if signed_in_user() is None:
            return _refused(lang), True, None, None
        data, filename = _decode(file)
        if data is None:
            return notice(t("import_no_file", lang), kind="info", lang=lang), True, None, None
        plan = _prepare(kind, data, filename, sheet, fmt, level, code_field, name_field, parent_field)
        checked = {"sha256": plan.sha256, "kind": kind} if plan.ok else None
        return report_view(plan, lang), not plan.ok, checked, None

    @app.callback(
        Output(RESULT, "children", allow_duplicate=True),
        Output(CONFIRM, "hidden", allow_duplicate=True),
        Output(HISTORY, "children", allow_duplicate=True),
        Input(CONFIRM, "n_clicks"),
        State(FILE, "data"),
        State(CHECKED, "data"),
        State(KIND, "value"),
        State(SHEET, "value"),
        State(FORMAT, "value"),
        State(LEVEL, "value"),
        State(CODE_FIELD, "value"),
        State(NAME_FIELD, "value"),
        State(PARENT_FIELD, "value"),
        State(LANG, "data"),
        prevent_initial_call=True,
    )
    def confirm(clicks, file, checked, kind, sheet, fmt, level, code_field, name_field, parent_field, lang):
        if not clicks:
            return no_update, no_update, no_update
        user = signed_in_user()
        if user is None:
            return _refused(lang), True, no_update
        data, filename = _decode(file)
        plan = _prepare(kind, data or b"", filename, sheet, fmt, level, code_field, name_field, parent_field)
        if not checked or checked.get("sha256") != plan.sha256 or checked.get("kind") != kind or not plan.ok:
            return notice(t("import_changed_file", lang), kind="error", lang=lang, role="alert"), True, no_update
        result = service.commit(services().db, plan, user=user["username"])
        done = notice(
            t("import_done", lang, run=result.run_id, added=result.rows_added, changed=result.rows_changed),
            kind="info",
            lang=lang,
        )
        return done, True, history(lang)

    @app.callback(
        Output(RESULT, "children", allow_duplicate=True),
        Output(HISTORY, "children", allow_duplicate=True),
        Input({"type": ROLLBACK, "run": ALL}, "n_clicks"),
        State(LANG, "data"),
        prevent_initial_call=True,
    )
    def rollback(clicks, lang):
        if not any(clicks or []):
            return no_update, no_update
        user = signed_in_user()
        if user is None:
            return _refused(lang), no_update
        from ..ingest.writer import RollbackError

        run_id = ctx.triggered_id["run"]
        try:
            service.rollback(services().db, int(run_id), user=user["username"])
        except RollbackError as exc:
            return notice(str(exc), kind="error", lang=lang, role="alert"), history(lang)
        return notice(t("import_rollback_done", lang, run=run_id), kind="info", lang=lang), history(lang)


PAGE = Page(path="/import", layout=layout, title_key="nav_import", nav=False, order=96)
