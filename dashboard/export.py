"""Downloads of the visible data: CSV for German Excel and XLSX. Pure, no I/O.

German Excel opens a CSV correctly when it uses ``;`` as separator, a decimal
comma and a UTF-8 byte order mark (BOM); so that is what ``to_csv_bytes``
writes for ``lang="de"``. English gets ``,`` and a decimal point.
"""

from __future__ import annotations

import io
import math

import pandas as pd

BOM = "\ufeff"


def _number(value, decimals: int, lang: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = f"{float(value):.{decimals}f}"
    return text.replace(".", ",") if lang == "de" else text


def to_csv_bytes(
    frame: pd.DataFrame, *, decimals: int = 1, lang: str = "de", number_columns=("Wert", "Value")
) -> bytes:
    """CSV with a BOM; ``;`` and decimal comma in German, no thousands separators."""
    out = frame.copy()
    for column in number_columns:
        if column in out:
            out[column] = [_number(v, decimals, lang) for v in out[column]]
    buffer = io.StringIO()
    out.to_csv(buffer, sep=";" if lang == "de" else ",", index=False, lineterminator="\r\n")
    return (BOM + buffer.getvalue()).encode("utf-8")


def to_xlsx_bytes(
    frame: pd.DataFrame, *, about: list[tuple[str, str]], decimals: int = 1, sheet: str = "Daten"
) -> bytes:
    """An Excel workbook: the data (numbers stay numbers) and a sheet about source and licence."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name=sheet, index=False)
        pd.DataFrame(about, columns=["Angabe", "Inhalt"]).to_excel(writer, sheet_name="Quelle", index=False)
        ws = writer.sheets[sheet]
        number_format = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
        for col_idx, column in enumerate(frame.columns, start=1):
            width = max([len(str(column))] + [len(str(v)) for v in frame[column].head(200)]) + 2
            ws.column_dimensions[ws.cell(row=1, column=col_idx).column_letter].width = min(60, width)
            if column in ("Wert", "Value"):
                for row in ws.iter_rows(min_row=2, min_col=col_idx, max_col=col_idx):
                    for cell in row:
                        cell.number_format = number_format
        ws.freeze_panes = "A2"
        about_ws = writer.sheets["Quelle"]
        about_ws.column_dimensions["A"].width = 22
        about_ws.column_dimensions["B"].width = 100
    return buffer.getvalue()
