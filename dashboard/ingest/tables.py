"""Reading CSV and XLSX tables into rows of cells, without guessing types.

CSV: delimiter ``;``, ``,`` or tab (read from the header line), decimal comma
or point (read from the cells), UTF-8 with or without BOM, or Windows-1252.
XLSX: the sheet is chosen by name (default: the first sheet). Every row keeps
its row number as the spreadsheet shows it (header = row 1), so messages can
name it.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field

from .report import Report
from .symbols import guess_decimal, is_blank

#: Bytes that Windows-1252 leaves undefined: a file with them is in neither encoding.
_CP1252_UNDEFINED = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")
#: UTF-8 read as Windows-1252 and saved again ("Ã¤" for "ä"): the text is garbled.
_MOJIBAKE = re.compile("Ã[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a]")
DELIMITER_NAMES = {";": "„;“ (Semikolon)", ",": "„,“ (Komma)", "\t": "Tabulator"}


@dataclass
class RawTable:
    """The cells of one sheet: ``header`` and ``rows`` of (row number, cells)."""

    file: str
    sheet: str | None
    header: list
    rows: list[tuple[int, list]] = field(default_factory=list)
    decimal: str = "."
    delimiter: str | None = None
    encoding: str | None = None


def is_xlsx(data: bytes, filename: str) -> bool:
    return filename.lower().endswith((".xlsx", ".xlsm")) or data[:4] == b"PK\x03\x04"


def decode(data: bytes, report: Report) -> tuple[str | None, str | None]:
    """(text, encoding) of a CSV; records an encoding error and returns (None, None)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data, bom = data[3:], True
    else:
        bom = False
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in data[:4096]:
        report.error(
            "Die Datei ist nicht als UTF-8 oder Windows-1252 gespeichert (vermutlich UTF-16). "
            "Bitte in Excel „Speichern unter“ → „CSV UTF-8 (durch Trennzeichen getrennt)“ wählen."
        )
        return None, None
    try:
        text, encoding = data.decode("utf-8"), "utf-8-sig" if bom else "utf-8"
    except UnicodeDecodeError:
        bad = _CP1252_UNDEFINED.search(data)
        if bom or bad:
            position = bad.start() if bad else 0
            line = data[:position].count(b"\n") + 1
            report.error(
                f"Die Zeichenkodierung ist weder UTF-8 noch Windows-1252 (unlesbares Byte in Zeile {line}). "
                "Bitte die Datei als „CSV UTF-8“ speichern.",
                row=line,
            )
            return None, None
        text, encoding = data.decode("cp1252"), "cp1252"
    garbled = _MOJIBAKE.search(text)
    if garbled:
        line = text[: garbled.start()].count("\n") + 1
        snippet = text[max(0, garbled.start() - 8) : garbled.end() + 8].strip().splitlines()[0]
        report.error(
            f"Die Umlaute sind verstümmelt („{snippet}“): die Datei wurde mit falscher Zeichenkodierung "
            "gespeichert (UTF-8 doppelt kodiert). Bitte die Originaldatei als „CSV UTF-8“ speichern.",
            row=line,
        )
        return None, None
    return text, encoding


def _split_count(line: str, delimiter: str) -> int:
    return len(next(csv.reader([line], delimiter=delimiter), []))


def sniff_delimiter(header_line: str) -> str:
    """The delimiter of the header line: ``;`` wins over tab, tab over ``,``."""
    for candidate in (";", "\t", ","):
        if _split_count(header_line, candidate) > 1:
            return candidate
    return ";"


def read_csv(data: bytes, filename: str, report: Report) -> RawTable | None:
    text, encoding = decode(data, report)
    if text is None:
        return None
    lines = text.splitlines()
    first = next((n for n, line in enumerate(lines) if line.strip()), None)
    if first is None:
        report.error("Die Datei ist leer: sie enthält keine Kopfzeile und keine Daten.")
        return None
    delimiter = sniff_delimiter(lines[first])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list]] = []
    header: list | None = None
    others = [d for d in (";", ",", "\t") if d != delimiter]
    for row_number, cells in enumerate(reader, start=1):
        if not any(c.strip() for c in cells):
            continue
        if header is None:
            header = [c.strip() for c in cells]
            while header and not header[-1]:
                header.pop()
            continue
        # Excel pads rows with empty trailing fields; those are harmless.
        while len(cells) > len(header) and not cells[-1].strip():
            cells.pop()
        if len(cells) != len(header):
            line = delimiter.join(cells)
            other = next((d for d in others if d in line and _split_count(line, d) >= len(header)), None)
            if other:
                report.error(
                    f"{len(cells)} Feld(er) statt {len(header)}. Die Kopfzeile ist durch "
                    f"{DELIMITER_NAMES[delimiter]} getrennt, diese Zeile durch {DELIMITER_NAMES[other]} "
                    "(gemischte Trennzeichen). Bitte die Datei mit einem einzigen Trennzeichen speichern.",
                    row=row_number,
                    kind="mixed-delimiters",
                )
            else:
                report.error(
                    f"{len(cells)} Feld(er) statt {len(header)} wie in der Kopfzeile.",
                    row=row_number,
                    kind="field-count",
                )
            continue
        rows.append((row_number, cells))
    if header is None or not rows:
        report.error("Die Datei enthält nur eine Kopfzeile und keine Datenzeilen.")
        return None
    decimal = "." if delimiter == "," else guess_decimal(c for _, cells in rows[:5000] for c in cells)
    return RawTable(filename, None, header, rows, decimal=decimal, delimiter=delimiter, encoding=encoding)


def sheet_names(data: bytes) -> list[str]:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    try:
        return list(book.sheetnames)
    finally:
        book.close()


def read_xlsx(data: bytes, filename: str, sheet: str | None, report: Report, progress=None) -> RawTable | None:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        report.error(f"Die Datei ist keine lesbare Excel-Datei (XLSX): {exc}")
        return None
    try:
        if sheet is None:
            sheet = book.sheetnames[0]
        if sheet not in book.sheetnames:
            names = ", ".join(f"„{n}“" for n in book.sheetnames)
            report.error(f"Das Blatt „{sheet}“ gibt es nicht. Vorhandene Blätter: {names}.")
            return None
        worksheet = book[sheet]
        total = worksheet.max_row or 0
        header = None
        rows: list[tuple[int, list]] = []
        for row_number, cells in enumerate(worksheet.iter_rows(values_only=True), start=1):
            if progress and total and row_number % 500 == 0:
                progress(row_number / total)
            if all(is_blank(c) for c in cells):
                continue
            if header is None:
                header = [c.strip() if isinstance(c, str) else c for c in cells]
                while header and is_blank(header[-1]):
                    header.pop()
                continue
            cells = list(cells[: len(header)]) + [None] * (len(header) - len(cells))
            rows.append((row_number, cells))
    finally:
        book.close()
    if header is None:
        report.error("Das Blatt ist leer: es enthält keine Kopfzeile und keine Daten.", sheet=sheet)
        return None
    if not rows:
        report.error("Das Blatt enthält nur eine Kopfzeile und keine Datenzeilen.", sheet=sheet)
        return None
    decimal = guess_decimal(c for _, cells in rows[:5000] for c in cells if isinstance(c, str))
    return RawTable(filename, sheet, header, rows, decimal=decimal)


def read_table(data: bytes, filename: str, report: Report, *, sheet: str | None = None, progress=None):
    """Read a CSV or XLSX file; problems go into ``report`` and None is returned."""
    if not data.strip():
        report.error("Die Datei ist leer: sie enthält keine Kopfzeile und keine Daten.")
        return None
    if is_xlsx(data, filename):
        return read_xlsx(data, filename, sheet, report, progress)
    if sheet:
        report.warning(f"Eine CSV-Datei hat keine Blätter; die Angabe „{sheet}“ wird ignoriert.")
    return read_csv(data, filename, report)
