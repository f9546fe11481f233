"""Long and wide tables of indicator values, turned into one record per cell.

Long: one row per indicator, area and year (``Indikator;Gebiet;Jahr;Wert;...``).
Wide: years as columns (``Indikator;Gebiet;2019;2020;...``), as Regionalstatistik
and most Excel reports have them; an optional column ``Größe`` says whether a
row holds the values (``Wert``), numerators (``Zähler``) or denominators (``Nenner``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .headers import FIELD_LABELS, VALUE_HEADERS, map_headers, normalise_header, year_of_header
from .report import Report
from .symbols import is_blank
from .tables import RawTable

LONG = "long"
WIDE = "wide"
MEASURES = {
    "wert": "value",
    "value": "value",
    "werte": "value",
    "zaehler": "numerator",
    "numerator": "numerator",
    "nenner": "denominator",
    "denominator": "denominator",
}


@dataclass(slots=True)
class CellRecord:
    """The raw cells of one (indicator, area, year) with where each came from."""

    row: int
    cells: dict = field(default_factory=dict)  # field -> raw cell
    columns: dict = field(default_factory=dict)  # field -> column header as in the file
    rows: dict = field(default_factory=dict)  # field -> row number (wide files with Größe rows)

    def where(self, name: str) -> dict:
        return {"row": self.rows.get(name, self.row), "column": self.columns.get(name)}


def _label(header, index: int) -> str:
    text = header[index]
    if isinstance(text, float) and text.is_integer():
        text = int(text)
    return str(text) if not is_blank(text) else f"Spalte {index + 1}"


def detect_format(table: RawTable) -> str | None:
    fields, _ = map_headers(table.header, VALUE_HEADERS)
    if "year" in fields:
        return LONG
    if any(year_of_header(h) for h in table.header):
        return WIDE
    return None


def _missing_column(report: Report, table: RawTable, name: str, fmt: str):
    found = ", ".join(f"„{_label(table.header, i)}“" for i in range(len(table.header)))
    accepted = ", ".join(VALUE_HEADERS[name][:2])
    report.error(
        f"Die Spalte „{FIELD_LABELS[name]}“ fehlt ({fmt}; erlaubte Überschriften z. B. {accepted}). "
        f"Gefundene Spalten: {found}.",
        sheet=table.sheet,
        row=1,
    )


def records(table: RawTable, report: Report, fmt: str | None = None):
    """CellRecords, one per (indicator, area, year); header problems go to ``report`` at once.

    Returns an iterable that may be a generator: iterate it once.
    """
    detected = detect_format(table)
    fmt = fmt or detected
    if fmt is None:
        report.error(
            "Weder eine Spalte „Jahr“ (Langformat) noch Jahresspalten wie „2020“ (Breitformat) gefunden.",
            sheet=table.sheet,
            row=1,
        )
        return []
    fields, unmapped = map_headers(table.header, VALUE_HEADERS)
    if fmt == LONG:
        return _long(table, report, fields, unmapped)
    return _wide(table, report, fields, unmapped)


def _long(table, report, fields, unmapped):
    label = "Langformat"
    if "area" not in fields and "area_name" in fields:
        fields["area"] = fields.pop("area_name")
    missing = [name for name in ("indicator", "area", "year") if name not in fields]
    for name in missing:
        _missing_column(report, table, name, label)
    if not any(name in fields for name in ("value", "numerator", "denominator", "flag")):
        _missing_column(report, table, "value", label)
        missing.append("value")
    if missing:
        return []
    for index in unmapped:
        if not is_blank(table.header[index]):
            report.warning(
                f"Die Spalte „{_label(table.header, index)}“ ist unbekannt und wird nicht gelesen.",
                sheet=table.sheet,
                row=1,
                column=_label(table.header, index),
            )
    columns = {name: _label(table.header, i) for name, i in fields.items()}
    # A generator: records are made one at a time while they are validated (peak memory).
    return (
        CellRecord(row=row_number, cells={name: cells[i] for name, i in fields.items()}, columns=columns)
        for row_number, cells in table.rows
    )


def _wide(table, report, fields, unmapped):
    label = "Breitformat"
    if "area" not in fields and "area_name" in fields:
        fields["area"] = fields.pop("area_name")
    missing = [name for name in ("indicator", "area") if name not in fields]
    for name in missing:
        _missing_column(report, table, name, label)
    if missing:
        return []
    years = []
    for index in unmapped:
        year = year_of_header(table.header[index])
        if year:
            years.append((year, index))
        elif not is_blank(table.header[index]):
            report.warning(
                f"Die Spalte „{_label(table.header, index)}“ ist weder ein Jahr noch bekannt und wird nicht gelesen.",
                sheet=table.sheet,
                row=1,
                column=_label(table.header, index),
            )
    seen_years = {}
    for year, index in years:
        if year in seen_years:
            report.error(
                f"Das Jahr {year} steht zweimal in der Kopfzeile (auch in Spalte „{_label(table.header, seen_years[year])}“).",
                sheet=table.sheet,
                row=1,
                column=_label(table.header, index),
            )
        seen_years[year] = index
    i_ind, i_area = fields["indicator"], fields["area"]
    i_measure = fields.get("measure")
    i_foot = fields.get("footnote")
    l_ind, l_area = _label(table.header, i_ind), _label(table.header, i_area)
    if i_measure is None:
        return _wide_values(table, years, i_ind, i_area, i_foot, l_ind, l_area)
    by_key: dict[tuple, CellRecord] = {}
    out: list[CellRecord] = []
    for row_number, cells in table.rows:
        measure = "value"
        if not is_blank(cells[i_measure]):
            measure = MEASURES.get(normalise_header(cells[i_measure]))
            if measure is None:
                report.error(
                    f"Unbekannte Größe „{cells[i_measure]}“. Erlaubt: Wert, Zähler, Nenner.",
                    sheet=table.sheet,
                    row=row_number,
                    column=_label(table.header, i_measure),
                )
                continue
        indicator, area = cells[i_ind], cells[i_area]
        for year, index in years:
            cell = cells[index]
            if is_blank(cell):
                continue
            key = (str(indicator).strip(), str(area).strip(), year)
            record = by_key.get(key)
            if record is None:
                record = CellRecord(
                    row=row_number,
                    cells={"indicator": indicator, "area": area, "year": year},
                    columns={"indicator": l_ind, "area": l_area, "year": _label(table.header, index)},
                )
                if i_foot is not None and not is_blank(cells[i_foot]):
                    record.cells["footnote"] = cells[i_foot]
                by_key[key] = record
                out.append(record)
            elif measure in record.cells:
                first = record.rows.get(measure, record.row)
                report.error(
                    f"Doppelter Eintrag: {key[0]}, {key[1]}, {year} ({FIELD_LABELS[measure]}) steht schon in Zeile {first}.",
                    sheet=table.sheet,
                    row=row_number,
                    column=_label(table.header, index),
                    kind="duplicate",
                )
                continue
            record.cells[measure] = cell
            record.columns[measure] = _label(table.header, index)
            record.rows[measure] = row_number
    return out


def _wide_values(table, years, i_ind, i_area, i_foot, l_ind, l_area):
    """Records of a wide table without a Größe column, one at a time (a generator)."""
    # Every record of a year column has the same column labels: share them.
    shared = {
        index: {
            "indicator": l_ind,
            "area": l_area,
            "year": _label(table.header, index),
            "value": _label(table.header, index),
        }
        for _year, index in years
    }
    for row_number, cells in table.rows:
        indicator, area = cells[i_ind], cells[i_area]
        footnote = cells[i_foot] if i_foot is not None and not is_blank(cells[i_foot]) else None
        for year, index in years:
            cell = cells[index]
            if is_blank(cell):
                continue
            record = CellRecord(
                row=row_number,
                cells={"indicator": indicator, "area": area, "year": year, "value": cell},
                columns=shared[index],
            )
            if footnote is not None:
                record.cells["footnote"] = footnote
            yield record


def indicator_cells(table: RawTable) -> set[str]:
    """The indicator ids named in a table (to load their stored values once)."""
    fields, _ = map_headers(table.header, VALUE_HEADERS)
    if "indicator" not in fields:
        return set()
    index = fields["indicator"]
    return {str(cells[index]).strip() for _, cells in table.rows}
