"""Maßnahme: everything about one Maßnahme, its history, and (signed in) the edit form.

The edit form is rendered only for a signed-in Bildungsmanager. The save
callback checks the session again on the server, so a request sent without
the form (or with a forged cookie) is refused and changes nothing.
"""

from __future__ import annotations

import datetime as dt

from dash import Input, Output, State, dcc, html, no_update

from .. import auth
from ..cache import invalidate_data
from ..components import notice
from ..compute.massnahmen import is_overdue
from ..figures.massnahmen import status_badge, status_label
from ..formatting import format_date
from ..i18n import t
from ..layout import page_url
from ..massnahmen_service import FIELD_LABELS, EditError, StaleVersionError, edit_massnahme
from ..massnahmen_view import today
from ..models import MASSNAHME_STATUSES
from ..pages import Page
from ..services import services
from .leitlinie import indicator_links, last_change_text, period_text

EDIT_ID = "mn-edit-id"
EDIT_VERSION = "mn-edit-version"
EDIT_LANG = "mn-edit-lang"
EDIT_STATUS = "mn-edit-status"
EDIT_NOTE = "mn-edit-note"
EDIT_UNIT = "mn-edit-unit"
EDIT_START = "mn-edit-start"
EDIT_END = "mn-edit-end"
EDIT_COMMENT = "mn-edit-comment"
EDIT_SAVE = "mn-edit-save"
EDIT_RESULT = "mn-edit-result"
DETAILS = "mn-details"
HISTORY = "mn-history"


def details(m: dict, lang: str, last_change=None) -> list:
    overdue = is_overdue(m, today())
    return [
        html.P(
            [
                status_badge(m["status"], lang=lang, id="mn-status"),
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
                html.Dt(t("mn_progress", lang)),
                html.Dd(m["progress_note"] or "–", className="progress-note"),
                html.Dt(t("mn_last_change", lang)),
                html.Dd(last_change_text(last_change, lang)),
            ],
            className="massnahme-dl",
        ),
    ]


FIELD_LABELS_EN = {
    "status": "Status",
    "progress_note": "Progress note",
    "responsible_unit": "Responsible unit",
    "start": "Start",
    "end": "End",
    "title": "Title",
    "description": "Description",
    "leitlinie": "Guiding principle",
    "handlungsfeld": "Field of action",
    "indicators": "Indicators",
    "is_example": "Example",
}


def field_label(field: str, lang: str) -> str:
    labels = FIELD_LABELS_EN if lang == "en" else FIELD_LABELS
    return labels.get(field, field)


def _value_text(field: str, value: str | None, lang: str) -> str:
    if value is None:
        return "–"
    if field in ("start", "end"):
        try:
            return format_date(dt.date.fromisoformat(value), lang)
        except ValueError:
            return value
    if field == "status":
        return status_label(value, lang)
    return value


def history_table(history: list[dict], lang: str) -> html.Div:
    if not history:
        return html.P(t("mn_history_none", lang), className="muted")
    head = [
        "mn_history_when",
        "mn_history_who",
        "mn_history_field",
        "mn_history_old",
        "mn_history_new",
        "mn_history_comment",
    ]
    return html.Div(
        html.Table(
            [
                html.Caption(t("mn_history", lang), className="visually-hidden"),
                html.Thead(html.Tr([html.Th(t(key, lang), scope="col") for key in head])),
                html.Tbody(
                    [
                        html.Tr(
                            [
                                html.Td(format_date(h["changed_at"], lang)),
                                html.Td(h["changed_by"]),
                                html.Td(field_label(h["field"], lang)),
                                html.Td(_value_text(h["field"], h["old_value"], lang)),
                                html.Td(_value_text(h["field"], h["new_value"], lang)),
                                html.Td(h["comment"]),
                            ],
                            className="history-row",
                        )
                        for h in history
                    ]
                ),
            ],
            className="table history-table",
        ),
        className="table-scroll",
    )


def edit_form(m: dict, lang: str) -> html.Section:
    def field(label, control_id, control):
        return html.Div([html.Label(label, htmlFor=control_id, className="form-label"), control], className="mb-3")

    return html.Section(
        [
            html.H2(t("mn_edit_title", lang), className="h5"),
            dcc.Store(id=EDIT_ID, data=m["id"]),
            dcc.Store(id=EDIT_VERSION, data=m["version"]),
            html.Fieldset(
                [
                    html.Legend(t("mn_filter_status", lang), className="form-label"),
                    dcc.RadioItems(
                        id=EDIT_STATUS,
                        options=[{"label": " " + status_label(s, lang), "value": s} for s in MASSNAHME_STATUSES],
                        value=m["status"],
                        className="status-radios",
                        inputClassName="form-check-input",
                        labelClassName="form-check-label",
                    ),
                ],
                className="mb-3",
            ),
            field(
                t("mn_progress", lang),
                EDIT_NOTE,
                dcc.Textarea(id=EDIT_NOTE, value=m["progress_note"], className="form-control", rows=3),
            ),
            field(
                t("mn_responsible", lang),
                EDIT_UNIT,
                dcc.Input(id=EDIT_UNIT, value=m["responsible_unit"], className="form-control", type="text"),
            ),
            html.Div(
                [
                    field(
                        field_label("start", lang),
                        EDIT_START,
                        dcc.Input(
                            id=EDIT_START,
                            type="date",
                            value=m["start"].isoformat() if m["start"] else "",
                            className="form-control",
                        ),
                    ),
                    field(
                        field_label("end", lang),
                        EDIT_END,
                        dcc.Input(
                            id=EDIT_END,
                            type="date",
                            value=m["end"].isoformat() if m["end"] else "",
                            className="form-control",
                        ),
                    ),
                ],
                className="date-row",
            ),
            field(
                t("mn_edit_comment", lang),
                EDIT_COMMENT,
                # Not `required`: the browser would mark the empty field red before anyone typed.
                # The server refuses an edit without a comment with a clear message.
                dcc.Textarea(id=EDIT_COMMENT, value="", className="form-control", rows=2),
            ),
            html.Button(t("mn_save", lang), id=EDIT_SAVE, className="btn btn-primary", type="button"),
            html.Div(id=EDIT_RESULT, role="status", className="edit-result"),
        ],
        className="edit-panel",
        id="edit-panel",
    )


def layout(query: dict, lang: str, code: str = "") -> html.Div:  # noqa: ARG001 - uniform page signature
    svc = services()
    m = next((x for x in svc.repo.massnahmen() if x["code"] == code), None)
    if m is None:
        return html.Div(
            [
                html.H1(t("nav_massnahme", lang)),
                notice(t("mn_not_found", lang, code=code), kind="error", lang=lang, role="alert"),
                dcc.Link(t("mn_back_overview", lang), href=page_url("/massnahmen", lang)),
            ]
        )
    leitlinie = next(ll for ll in svc.repo.leitlinien() if ll["number"] == m["leitlinie"])
    user = auth.current_user()
    history = svc.repo.massnahme_history([m["id"]]).get(m["id"], [])
    ll_title = leitlinie["title_en"] if lang == "en" and leitlinie["title_en"] else leitlinie["title_de"]
    return html.Div(
        [
            dcc.Store(id=EDIT_LANG, data=lang),
            html.P(
                dcc.Link(
                    "← " + t("mn_back", lang, n=m["leitlinie"]), href=page_url(f"/leitlinie/{m['leitlinie']}", lang)
                ),
                className="back",
            ),
            html.P(
                [
                    html.Span(m["code"], className="card-kicker"),
                    " ",
                    html.Span(t("mn_example_tag", lang), className="example-tag") if m["is_example"] else None,
                ],
                className="card-top",
            ),
            html.H1(m["title"], id="massnahme-title"),
            notice(t("mn_example_notice", lang, kommune=svc.kommune.name), kind="example", lang=lang)
            if m["is_example"]
            else None,
            html.P(
                [
                    f"{t('leitlinie', lang)} {m['leitlinie']}: {ll_title} · {t('mn_filter_hf', lang)}: ",
                    m["handlungsfeld_title"],
                ],
                className="muted",
            ),
            html.Div(
                [
                    html.Div(
                        [
                            html.Div(details(m, lang, history[0]["changed_at"] if history else None), id=DETAILS),
                            html.P(m["description"], className="massnahme-description", id="massnahme-description"),
                            html.H2(t("mn_indicators", lang), className="h5") if m["indicators"] else None,
                            indicator_links(m["indicators"], lang),
                        ],
                        className="massnahme-main",
                    ),
                    edit_form(m, lang) if user else None,
                ],
                className="massnahme-layout" + (" with-edit" if user else ""),
            ),
            html.H2(t("mn_history", lang), className="h5 mt-4"),
            html.Div(history_table(history, lang), id=HISTORY),
        ]
    )


PAGE = Page(path="/massnahme/<code>", layout=layout, title_key="nav_massnahme", nav=False, order=22)


def _date(value: str | None, label: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise EditError(f"{label}: „{value}“ ist kein gültiges Datum.") from exc


def register_callbacks(app) -> None:
    @app.callback(
        Output(EDIT_RESULT, "children"),
        Output(EDIT_VERSION, "data"),
        Output(DETAILS, "children"),
        Output(HISTORY, "children"),
        Output(EDIT_COMMENT, "value"),
        Input(EDIT_SAVE, "n_clicks"),
        State(EDIT_ID, "data"),
        State(EDIT_VERSION, "data"),
        State(EDIT_STATUS, "value"),
        State(EDIT_NOTE, "value"),
        State(EDIT_UNIT, "value"),
        State(EDIT_START, "value"),
        State(EDIT_END, "value"),
        State(EDIT_COMMENT, "value"),
        State(EDIT_LANG, "data"),
        prevent_initial_call=True,
    )
    def save(_clicks, massnahme_id, version, status, note, unit, start, end, comment, lang):
        lang = lang if lang in ("de", "en") else "de"
        # The server decides, not the form: no valid session, no change.
        user = auth.current_user()
        if user is None:
            return (
                notice(t("mn_refused", lang), kind="error", lang=lang, role="alert"),
                no_update,
                no_update,
                no_update,
                no_update,
            )
        svc = services()
        try:
            changes = {
                "status": status,
                "progress_note": note or "",
                "responsible_unit": unit or "",
                "start": _date(start, FIELD_LABELS["start"]),
                "end": _date(end, FIELD_LABELS["end"]),
            }
            result = edit_massnahme(
                svc.db,
                int(massnahme_id),
                expected_version=int(version),
                changes=changes,
                user=user["username"],
                comment=comment or "",
            )
        except StaleVersionError as exc:
            return notice(str(exc), kind="error", lang=lang, role="alert"), no_update, no_update, no_update, no_update
        except EditError as exc:
            return notice(str(exc), kind="error", lang=lang, role="alert"), no_update, no_update, no_update, no_update
        invalidate_data()
        m = svc.repo.massnahme(int(massnahme_id))
        history = svc.repo.massnahme_history([m["id"]]).get(m["id"], [])
        fields = ", ".join(field_label(f, lang) for f in result.changed)
        return (
            notice(t("mn_saved", lang, fields=fields), kind="info", lang=lang),
            result.version,
            details(m, lang, history[0]["changed_at"] if history else None),
            history_table(history, lang),
            "",
        )
