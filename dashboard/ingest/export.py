"""Export of stored values in the long import format, so an export can be re-imported.

Flags without a value are written as the official symbol (``.``, ``-``, ``x``,
``/``, ``...``) in the value column; other flags go to ``Kennzeichen``.
Numbers use a decimal comma and ``;`` as delimiter (German Excel), UTF-8 with BOM.
"""

from __future__ import annotations

import csv
import io

import pandas as pd

from .symbols import SYMBOL_OF_FLAG

HEADER = ["Indikator", "Gebiet", "Jahr", "Wert", "Zähler", "Nenner", "Kennzeichen", "Fußnote", "Zeitreihenbruch"]


def _number(value) -> str:
    if value is None or pd.isna(value):
        return ""
    text = repr(float(value))
    if text.endswith(".0"):
        text = text[:-2]
    return text.replace(".", ",")


def to_csv(table: pd.DataFrame) -> bytes:
    """``Repository.value_table()`` as a long-format CSV (``;``, decimal comma, UTF-8 with BOM)."""
    buffer = io.StringIO()
    out = csv.writer(buffer, delimiter=";", lineterminator="\n")
    out.writerow(HEADER)
    for row in table.itertuples(index=False):
        flag = row.flag if isinstance(row.flag, str) else ""
        value = _number(row.value)
        if not value and flag in SYMBOL_OF_FLAG:
            value, flag = SYMBOL_OF_FLAG[flag], ""
        elif flag == "nothing" and value in ("0", ""):
            value, flag = "-", ""
        out.writerow(
            [
                row.indicator,
                row.area,
                int(row.year),
                value,
                _number(row.numerator),
                _number(row.denominator),
                flag,
                row.footnote if isinstance(row.footnote, str) else "",
                "ja" if bool(row.series_break) else "",
            ]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
