"""Panels around an indicator: the data table, definition and source, target status.

Pure builders: data in, Dash components out. The table is a plain, labelled
``html.Table`` (keyboard- and screen-reader friendly, not a DataTable).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from dash import html

from ..compute.targets import TargetStatus
from ..formatting import format_date, format_number
from ..i18n import t
from .choropleth import missing_reason, ranks

SORT_KEYS = ("name", "value", "rank")


def table_rows(
    year_frame: pd.DataFrame,
    previous_frame: pd.DataFrame,
    *,
    polarity: str,
    area_codes: Sequence[str] | None = None,
    names: dict[str, str] | None = None,
) -> pd.DataFrame:
    """One row per area: name, value, rank (1 = best), previous value, note.

    ``area_codes`` lists every area of the level, so areas without a value
    still appear (with the reason in ``note``).
    """
    frame = year_frame.drop_duplicates("area_code").set_index("area_code")
    codes = list(area_codes) if area_codes is not None else list(frame.index)
    names = dict(names or {})
    value = frame["value"].astype(float).reindex(codes) if len(frame) else pd.Series(float("nan"), index=codes)
    prev = previous_frame.drop_duplicates("area_code").set_index("area_code") if len(previous_frame) else None
    out = pd.DataFrame(
        {
            "area_code": codes,
            "area_name": [names.get(c) or (frame.loc[c, "area_name"] if c in frame.index else c) for c in codes],
            "value": value.to_numpy(),
            "rank": ranks(value, polarity).to_numpy(),
            "previous": [
                float(prev.loc[c, "value"]) if prev is not None and c in prev.index else float("nan") for c in codes
            ],
            "flag": [frame.loc[c, "flag"] if c in frame.index else None for c in codes],
            "footnote": [frame.loc[c, "footnote"] if c in frame.index else None for c in codes],
        }
    )
    return out


def _note(row, lang: str) -> str:
    flag = row["flag"] if isinstance(row["flag"], str) else None
    footnote = row["footnote"] if isinstance(row["footnote"], str) else None
    if pd.isna(row["value"]):
        return missing_reason(flag, lang, footnote)
    if flag == "provisional":
        return "vorläufig" if lang == "de" else "provisional"
    return footnote or ""


def sort_rows(rows: pd.DataFrame, key: str, descending: bool) -> pd.DataFrame:
    """Sort by name, value or rank; rows without a value always go last."""
    column = {"name": "area_name", "value": "value", "rank": "rank"}.get(key, "area_name")
    if column == "area_name":
        return rows.sort_values(column, ascending=not descending, key=lambda s: s.str.lower())
    return rows.sort_values(column, ascending=not descending, na_position="last")


def data_table(
    rows: pd.DataFrame,
    *,
    year: int,
    previous_year: int | None,
    decimals: int,
    unit: str,
    caption: str,
    lang: str = "de",
    sort: str = "rank",
    descending: bool = False,
    extra_rows: pd.DataFrame | None = None,
    sort_id_prefix: str = "explorer-sort",
    table_id: str = "explorer-table",
) -> html.Table:
    """The accessible, sortable table (sorting buttons live in the column headers).

    Args:
        rows: from ``table_rows``.
        extra_rows: city and reference rows (area_name, value) shown in a
            separate, unsorted body below the areas.
        sort, descending: current sort; the header shows ``aria-sort``.
        sort_id_prefix: button ids are ``{prefix}-{key}``.
    """
    unit_text = f" ({unit})" if unit and unit != "Anzahl" else ""
    header_cells = []
    for key, label in (
        ("name", t("ex_area", lang)),
        ("value", t("ex_value", lang, year=year) + unit_text),
        ("rank", t("ex_rank", lang)),
    ):
        active = key == sort
        aria = ("descending" if descending else "ascending") if active else "none"
        arrow = (" ▼" if descending else " ▲") if active else " ↕"
        header_cells.append(
            html.Th(
                html.Button(
                    [label, html.Span(arrow, **{"aria-hidden": "true"})],
                    id=f"{sort_id_prefix}-{key}",
                    className="sort-button",
                    n_clicks=0,
                ),
                scope="col",
                **{"aria-sort": aria},
                className="num" if key != "name" else None,
            )
        )
    header_cells.append(
        html.Th(
            t("ex_previous", lang, year=previous_year) if previous_year else t("ex_previous", lang, year=""),
            scope="col",
            className="num",
        )
    )
    header_cells.append(html.Th(t("ex_note", lang), scope="col"))
    body = []
    for _, row in sort_rows(rows, sort, descending).iterrows():
        has_value = not pd.isna(row["value"])
        body.append(
            html.Tr(
                [
                    html.Th(row["area_name"], scope="row"),
                    html.Td(format_number(row["value"], decimals, lang), className="num"),
                    html.Td(str(int(row["rank"])) if has_value else "–", className="num"),
                    html.Td(format_number(row["previous"], decimals, lang), className="num"),
                    html.Td(_note(row, lang), className="note"),
                ],
                className=None if has_value else "no-value",
                **{"data-code": row["area_code"]},
            )
        )
    bodies = [html.Tbody(body)]
    if extra_rows is not None and len(extra_rows):
        bodies.append(
            html.Tbody(
                [html.Tr(html.Th(t("ex_references", lang), colSpan=5, scope="colgroup", className="group-head"))]
                + [
                    html.Tr(
                        [
                            html.Th(r["area_name"], scope="row"),
                            html.Td(format_number(r["value"], decimals, lang), className="num"),
                            html.Td("", className="num"),
                            html.Td(format_number(r.get("previous"), decimals, lang), className="num"),
                            html.Td(r.get("note") or "", className="note"),
                        ],
                        **{"data-code": r["area_code"]},
                    )
                    for _, r in extra_rows.iterrows()
                ],
                className="reference-rows",
            )
        )
    return html.Table(
        [html.Caption(caption), html.Thead(html.Tr(header_cells)), *bodies],
        className="data-table",
        id=table_id,
    )


def status_badge(status: TargetStatus, *, lang: str = "de", badge_id: str | None = None) -> html.Div:
    """The target status as symbol + words + explanation (never colour alone)."""
    return html.Div(
        [
            html.Span(t("ex_target_status", lang) + ": ", className="status-kicker"),
            html.Span(
                [html.Span(status.symbol + " ", **{"aria-hidden": "true"}), status.label],
                className=f"status-badge status-{status.status}",
            ),
            html.Span(" " + status.explanation, className="status-explanation"),
        ],
        className="target-status",
        id=badge_id,
    )


def definition_panel(info, *, level_name: str, lang: str = "de", panel_id: str | None = None) -> html.Details:
    """Definition, source, licence, last update and spatial level, one click away."""
    rows = [
        (t("ex_definition", lang).split(" ")[0], info.definition(lang) or "–"),
        (t("ex_unit", lang), info.unit or "–"),
        (t("ex_polarity", lang), t(f"ex_pol_{info.polarity}", lang)),
        (t("ex_spatial_level", lang), level_name),
        (
            t("ex_source", lang),
            html.A(info.source, href=info.source_url, rel="noopener") if info.source_url else info.source or "–",
        ),
        (t("ex_licence", lang), info.licence or "–"),
        (t("ex_last_update", lang), format_date(info.last_update, lang) if info.last_update else "–"),
    ]
    if info.target_value is not None:
        target = format_number(info.target_value, info.decimals, lang) + (f" {info.unit}" if info.unit else "")
        rows.append((t("ex_target", lang), target + (f" ({info.target_year})" if info.target_year else "")))
    return html.Details(
        [
            html.Summary(t("ex_definition", lang)),
            html.Dl(
                [item for label, value in rows for item in (html.Dt(label), html.Dd(value))], className="source-dl"
            ),
        ],
        className="definition-panel",
        id=panel_id,
    )
