"""Pure summaries of the Maßnahmen register: status counts, the overdue rule, filters.

No I/O: every function takes plain dicts (as returned by
``Repository.massnahmen()``) and returns plain data.

**Überfällig (overdue)**: the end date has passed (it is before *today*) and the
Maßnahme is neither *umgesetzt* nor *dauerhaft etabliert*. A Maßnahme that is
*zurückgestellt* (deferred) is **not** overdue: deferring is an explicit decision
of the Lenkungsgruppe that its own status already shows, and counting it again
as overdue would mix "late" with "stopped on purpose". A Maßnahme without an end
date is never overdue.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from ..models import DONE_STATUSES, MASSNAHME_STATUSES, MassnahmeStatus

# Statuses that end the overdue clock: done, or deliberately deferred.
NOT_OVERDUE_STATUSES = frozenset(DONE_STATUSES | {MassnahmeStatus.ZURUECKGESTELLT.value})

# The filter value for "überfällig" in the URL (?status=...&ueberfaellig=1).
FILTER_KEYS = ("status", "handlungsfeld", "einheit", "ueberfaellig")


def is_overdue(massnahme: dict, today: dt.date) -> bool:
    """True when the end date is before ``today`` and the Maßnahme is not done or deferred."""
    end = massnahme.get("end")
    if end is None:
        return False
    if isinstance(end, dt.datetime):
        end = end.date()
    return end < today and massnahme.get("status") not in NOT_OVERDUE_STATUSES


@dataclass(frozen=True)
class StatusSummary:
    """How many Maßnahmen are in each status (all statuses, in register order)."""

    counts: tuple[tuple[str, int], ...]
    total: int
    done: int
    overdue: int

    @property
    def done_share(self) -> float | None:
        """Share (0..1) umgesetzt or dauerhaft etabliert; None without Maßnahmen."""
        return self.done / self.total if self.total else None

    def count(self, status: str) -> int:
        return dict(self.counts).get(status, 0)


def status_summary(massnahmen: Iterable[dict], today: dt.date) -> StatusSummary:
    items = list(massnahmen)
    counts = {status: 0 for status in MASSNAHME_STATUSES}
    for m in items:
        if m["status"] not in counts:
            raise ValueError(f"Unbekannter Status {m['status']!r} bei Maßnahme {m.get('code', '?')}")
        counts[m["status"]] += 1
    return StatusSummary(
        counts=tuple(counts.items()),
        total=len(items),
        done=sum(counts[s] for s in DONE_STATUSES),
        overdue=sum(1 for m in items if is_overdue(m, today)),
    )


def summaries_by_leitlinie(
    massnahmen: Iterable[dict], numbers: Iterable[int], today: dt.date
) -> dict[int, StatusSummary]:
    """One summary per Leitlinie number (also for Leitlinien without Maßnahmen)."""
    items = list(massnahmen)
    return {n: status_summary([m for m in items if m["leitlinie"] == n], today) for n in numbers}


@dataclass(frozen=True)
class MassnahmenFilter:
    """The filters of the Leitlinie page, read from and written to the URL."""

    status: str = ""
    handlungsfeld: str = ""
    einheit: str = ""
    ueberfaellig: bool = False

    @classmethod
    def from_query(cls, query: dict[str, str]) -> MassnahmenFilter:
        status = query.get("status", "")
        return cls(
            status=status if status in MASSNAHME_STATUSES else "",
            handlungsfeld=query.get("handlungsfeld", ""),
            einheit=query.get("einheit", ""),
            ueberfaellig=query.get("ueberfaellig", "") in ("1", "true", "ja"),
        )

    def to_query(self) -> dict[str, str]:
        query = {"status": self.status, "handlungsfeld": self.handlungsfeld, "einheit": self.einheit}
        if self.ueberfaellig:
            query["ueberfaellig"] = "1"
        return {k: v for k, v in query.items() if v}

    @property
    def active(self) -> bool:
        return bool(self.to_query())


def filter_massnahmen(massnahmen: Iterable[dict], flt: MassnahmenFilter, today: dt.date) -> list[dict]:
    return [
        m
        for m in massnahmen
        if (not flt.status or m["status"] == flt.status)
        and (not flt.handlungsfeld or m["handlungsfeld"] == flt.handlungsfeld)
        and (not flt.einheit or m["responsible_unit"] == flt.einheit)
        and (not flt.ueberfaellig or is_overdue(m, today))
    ]
