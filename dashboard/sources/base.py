"""What a source loader hands to the database writer."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

VALUE_COLUMNS = [
    "indicator_id",
    "area_code",
    "year",
    "value",
    "numerator",
    "denominator",
    "flag",
    "footnote",
    "series_break",
]


class SourceUnavailable(RuntimeError):
    """The files of a real-data source are absent; the app runs on without them."""


@dataclass
class SourceInfo:
    key: str
    title: str
    publisher: str
    licence: str
    url: str = ""
    attribution: str = ""
    note: str = ""
    is_demo: bool = False


@dataclass
class SourceData:
    """Indicators, extra areas and values from one source.

    ``indicators`` are dicts with the columns of ``models.Indicator`` plus
    ``leitlinien`` (numbers) and ``handlungsfeld`` (code). ``areas`` are dicts
    with code, name, level, parent_code, is_reference. ``values`` has
    VALUE_COLUMNS.
    """

    source: SourceInfo
    indicators: list[dict] = field(default_factory=list)
    areas: list[dict] = field(default_factory=list)
    values: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=VALUE_COLUMNS))


def empty_values() -> pd.DataFrame:
    return pd.DataFrame(columns=VALUE_COLUMNS)
