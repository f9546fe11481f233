"""Number and date formats for German (1.234,5) and English (1,234.5)."""

from __future__ import annotations

import datetime as dt
import math


def format_number(value, decimals: int = 1, lang: str = "de") -> str:
    """Format a number for display; missing values become an en dash.

    >>> format_number(1234.5, 1)
    '1.234,5'
    >>> format_number(1234.5, 1, "en")
    '1,234.5'
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:,.{decimals}f}"
    if lang == "de":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def format_value(value, decimals: int, unit: str, lang: str = "de") -> str:
    """A value with its unit: '12,3 %', '45,0 je 1.000', '1.234'."""
    number = format_number(value, decimals, lang)
    if number == "–" or not unit or unit == "Anzahl":
        return number
    unit_text = unit if lang == "de" else unit.replace("je ", "per ").replace("1.000", "1,000")
    return f"{number} {unit_text}"


def format_date(value: dt.date | dt.datetime | None, lang: str = "de") -> str:
    if value is None:
        return "–"
    if isinstance(value, dt.datetime):
        return value.strftime("%d.%m.%Y, %H:%M" if lang == "de" else "%Y-%m-%d %H:%M")
    return value.strftime("%d.%m.%Y" if lang == "de" else "%Y-%m-%d")
