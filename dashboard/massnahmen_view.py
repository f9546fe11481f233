"""Read side of the Maßnahmen pages: city-wide indicator series and target statuses.

Gathers data through the repository and pure computation, cached under the
data version (so an edit or import shows at once in every worker).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from .cache import cached
from .compute.targets import TargetStatus, target_status
from .repository import IndicatorInfo
from .services import services


def today() -> dt.date:
    return dt.date.today()


def city_series(indicator_id: str) -> pd.DataFrame:
    """The indicator's city-wide yearly values (``year``, ``value``, ``series_break``), public view."""

    def compute() -> pd.DataFrame:
        svc = services()
        frame = svc.repo.values(indicator_id, level="stadt", area_codes=[svc.kommune.city_code])
        return frame[["year", "value", "series_break"]].reset_index(drop=True)

    return cached("city-series", compute, indicator_id).copy()


def indicator_target(info: IndicatorInfo, lang: str) -> TargetStatus:
    def compute() -> TargetStatus:
        frame = city_series(info.id)
        breaks = frame.loc[frame["series_break"].astype(bool), "year"]
        return target_status(
            frame[["year", "value"]],
            target_value=info.target_value,
            target_year=info.target_year,
            polarity=info.polarity,
            lang=lang,
            since_year=int(breaks.max()) if not breaks.empty else None,
            decimals=info.decimals,
            unit=info.unit,
        )

    return cached("indicator-target", compute, info.id, lang)


def leitlinie_targets(number: int, lang: str) -> list[tuple[IndicatorInfo, TargetStatus]]:
    """The indicators of a Leitlinie that have a Zielwert, with their target status."""
    return [
        (info, indicator_target(info, lang))
        for info in services().repo.indicators()
        if number in info.leitlinien and info.target_value is not None
    ]


def indicators_by_id() -> dict[str, IndicatorInfo]:
    return {info.id: info for info in services().repo.indicators()}
