"""Reading and writing the Maßnahmen register as XLSX or CSV (``;``, UTF-8 with BOM).

``read_register`` checks every row before anything is stored and raises
``RegisterError`` with one German message per problem, naming the row (as
numbered in the spreadsheet, header = row 1) and the column. ``write_register``
writes exactly what ``read_register`` reads back, so a round trip loses nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

from ..models import MASSNAHME_STATUSES

# (field, column header) in file order.
COLUMNS = (
    ("code", "Code"),
    ("title", "Titel"),
    ("description", "Beschreibung"),
    ("leitlinie", "Leitlinie"),
    ("handlungsfeld", "Handlungsfeld"),
    ("status", "Status"),
    ("responsible_unit", "Verantwortliche Stelle"),
    ("start", "Beginn"),
    ("end", "Ende"),
    ("progress_note", "Fortschrittsnotiz"),
    ("indicators", "Indikatoren"),
    ("is_example", "Beispiel"),
)
HEADERS = [header for _, header in COLUMNS]
FIELD_OF = {header: name for name, header in COLUMNS}
REQUIRED = ("Code", "Titel", "Leitlinie", "Handlungsfeld", "Status")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class RegisterError(ValueError):
    """The file cannot be imported; ``errors`` lists every problem in German."""

    def __init__(self, filename: str, errors: list[str]):
        self.filename = filename
        self.errors = errors
        shown = errors[:20]
        more = f"\n… und {len(errors) - 20} weitere Fehler." if len(errors) > 20 else ""
        super().__init__(f"{filename}: Import abgebrochen, nichts wurde geändert.\n" + "\n".join(shown) + more)


# -- writing ---------------------------------------------------------------------------


def _cell_text(name: str, value) -> str:
    if value is None:
        return ""
    if name == "indicators":
        return ", ".join(value)
    if name == "is_example":
        return "ja" if value else "nein"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def write_register(rows: list[dict], fmt: str) -> bytes:
    """The register as ``xlsx`` or ``csv`` bytes."""
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow(HEADERS)
        for row in rows:
            writer.writerow([_cell_text(name, row[name]) for name, _ in COLUMNS])
        return buffer.getvalue().encode("utf-8-sig")
    if fmt == "xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = "Maßnahmen"
        sheet.append(HEADERS)
        for r, row in enumerate(rows, start=2):
            for c, (name, _) in enumerate(COLUMNS, start=1):
                value = row[name]
                cell = sheet.cell(row=r, column=c)
                if isinstance(value, dt.date):
                    cell.value = value
                    cell.number_format = "DD.MM.YYYY"
                elif name == "leitlinie":
                    cell.value = int(value)
                else:
                    cell.value = _cell_text(name, value)
                    # Text stays text: a note starting with "=" must not become a formula.
                    cell.data_type = "s"
        sheet.freeze_panes = "A2"
        for c, width in enumerate((8, 50, 60, 10, 14, 18, 28, 12, 12, 40, 30, 9), start=1):
            sheet.column_dimensions[sheet.cell(row=1, column=c).column_letter].width = width
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()
    raise ValueError(f"Unbekanntes Format {fmt!r}: erlaubt sind xlsx und csv.")


# -- reading ---------------------------------------------------------------------------


def _raw_rows(content: bytes, filename: str) -> list[list]:
    lower = filename.lower()
    if lower.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001 - any unreadable file gets the same message
            raise RegisterError(
                filename, [f"Die Datei ist keine lesbare XLSX-Datei ({exc.__class__.__name__})."]
            ) from exc
        sheet = book.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    if lower.endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise RegisterError(
                filename, ["Die CSV-Datei ist nicht UTF-8-kodiert. Bitte als „CSV UTF-8“ speichern."]
            ) from exc
        return [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=";")]
    raise RegisterError(filename, ["Unbekanntes Dateiformat: erlaubt sind .xlsx und .csv."])


DATE_DE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


def _date(value) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    found = DATE_DE.match(text)
    if found:
        day, month, year = map(int, found.groups())
        return dt.date(year, month, day)
    return dt.date.fromisoformat(text[:10])


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_register(content: bytes, filename: str, catalogue: dict) -> list[dict]:
    """Parse and check a register file; every row must be valid, or nothing is returned.

    ``catalogue`` holds the known ``leitlinien`` (numbers), ``handlungsfelder``
    (codes) and ``indicators`` (ids).
    """
    # Keep the spreadsheet's row numbers (header = 1) even where blank rows are skipped.
    table = [(n, row) for n, row in enumerate(_raw_rows(content, filename), start=1) if any(_text(v) for v in row)]
    if not table:
        raise RegisterError(filename, ["Die Datei ist leer."])
    header_number, header_row = table[0]
    header = [_text(v) for v in header_row]
    missing = [h for h in REQUIRED if h not in header]
    if missing:
        raise RegisterError(
            filename,
            [
                f"Zeile {header_number}: Spalte(n) {', '.join(missing)} fehlen. Erwartet werden die Spalten: {', '.join(HEADERS)}."
            ],
        )
    unknown = [h for h in header if h and h not in FIELD_OF]
    if unknown:
        raise RegisterError(filename, [f"Zeile {header_number}: unbekannte Spalte(n) {', '.join(unknown)}."])
    position = {FIELD_OF[h]: i for i, h in enumerate(header) if h}
    errors: list[str] = []
    rows: list[dict] = []
    seen: dict[str, int] = {}
    for number, raw in table[1:]:

        def cell(name, raw=raw):
            i = position.get(name)
            return raw[i] if i is not None and i < len(raw) else None

        def problem(name, text, number=number):
            errors.append(f"Zeile {number}, Spalte „{dict(COLUMNS)[name]}“: {text}")

        row = {name: _text(cell(name)) for name, _ in COLUMNS}
        code = row["code"]
        if not code:
            problem("code", "Code fehlt.")
        elif code in seen:
            problem("code", f"Code {code} steht schon in Zeile {seen[code]}.")
        else:
            seen[code] = number
        if not row["title"]:
            problem("title", "Titel fehlt.")
        if row["status"] not in MASSNAHME_STATUSES:
            problem(
                "status",
                f"unbekannter Status „{row['status']}“. Erlaubt: {', '.join(MASSNAHME_STATUSES)}.",
            )
        if row["handlungsfeld"] not in catalogue["handlungsfelder"]:
            problem("handlungsfeld", f"unbekanntes Handlungsfeld „{row['handlungsfeld']}“.")
        try:
            row["leitlinie"] = int(row["leitlinie"])
            if row["leitlinie"] not in catalogue["leitlinien"]:
                raise ValueError
        except ValueError:
            problem("leitlinie", f"unbekannte Leitlinie „{row['leitlinie']}“.")
        for name in ("start", "end"):
            try:
                row[name] = _date(cell(name))
            except ValueError:
                problem(name, f"„{row[name]}“ ist kein Datum (TT.MM.JJJJ oder JJJJ-MM-TT).")
                row[name] = None
        if isinstance(row["start"], dt.date) and isinstance(row["end"], dt.date) and row["end"] < row["start"]:
            problem("end", "Das Ende liegt vor dem Beginn.")
        indicators = tuple(sorted({i.strip() for i in row["indicators"].split(",") if i.strip()}))
        bad = [i for i in indicators if i not in catalogue["indicators"]]
        if bad:
            problem("indicators", f"unbekannte Indikatoren {', '.join(bad)}.")
        row["indicators"] = indicators
        example = row["is_example"].lower()
        if example not in ("ja", "nein", "", "true", "false", "1", "0", "wahr", "falsch"):
            problem("is_example", f"„{row['is_example']}“: erlaubt sind ja oder nein.")
        row["is_example"] = example in ("ja", "true", "1", "wahr")
        rows.append(row)
    if errors:
        raise RegisterError(filename, errors)
    return rows
