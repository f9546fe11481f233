"""Checks before anything is written: types, ranges, duplicates, unknown keys.

Errors block the import; warnings do not. Every finding names file, sheet,
row and column (see ``report.Issue``), and all of them are listed, not just
the first.

Errors: unknown indicator or area (with the closest names), a year that is no
whole number or outside ``MIN_YEAR``..next year, a text in a number column,
negative counts, numerators or denominators, a numerator greater than its
denominator or a share outside 0–100 % (rate indicators in %), duplicate rows.
Warnings: a jump of more than 50 % against the previous year (in the file or
in the database), areas of a level without a value in a year that others have.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
from dataclasses import dataclass, field

from ..formatting import format_number
from ..models import IndicatorKind
from .areas import AreaMatcher, KnownArea, code_text
from .formats import CellRecord
from .report import Report
from .symbols import NotANumber, clean_text, is_blank, parse_cell, parse_flag, parse_number

MIN_YEAR = 1950
JUMP_WARNING = 0.5
COUNT = IndicatorKind.COUNT.value
RATE = IndicatorKind.RATE.value


@dataclass(frozen=True)
class IndicatorRule:
    """What the validator needs to know about an indicator."""

    id: str
    name: str
    kind: str
    unit: str
    multiplier: float
    min_count: int
    decimals: int = 1

    @property
    def is_share(self) -> bool:
        return self.kind == RATE and self.unit.strip() == "%"


@dataclass
class Context:
    """What is known from the database: indicators, areas, existing values."""

    indicators: dict[str, IndicatorRule]
    areas: list[KnownArea]
    #: (indicator, area_code, year) -> stored value, for the jump warning.
    existing: dict[tuple, float] = field(default_factory=dict)
    max_year: int = field(default_factory=lambda: dt.date.today().year + 1)

    def __post_init__(self):
        self.matcher = AreaMatcher(self.areas)
        self._by_name = {rule.name.strip().lower(): rule for rule in self.indicators.values() if rule.name}
        self._ci = {key.lower(): rule for key, rule in self.indicators.items()}
        self._indicator_cache: dict = {}

    def indicator(self, cell) -> IndicatorRule | None:
        if cell in self._indicator_cache:
            return self._indicator_cache[cell]
        text = clean_text(cell)
        found = self.indicators.get(text) or self._ci.get(text.lower()) or self._by_name.get(text.lower())
        self._indicator_cache[cell] = found
        return found

    def indicator_suggestions(self, cell) -> list[str]:
        text = clean_text(cell).lower()
        return difflib.get_close_matches(text, list(self._ci), n=3, cutoff=0.6)


@dataclass(slots=True)
class CleanValue:
    indicator_id: str
    area_code: str
    year: int
    value: float | None
    numerator: float | None
    denominator: float | None
    flag: str | None
    footnote: str | None
    series_break: bool
    row: int

    def __getitem__(self, name: str):
        return getattr(self, name)


def _num(x: float) -> str:
    return format_number(x, 0 if float(x).is_integer() else 2)


def validate_values(
    records, ctx: Context, report: Report, sheet: str | None = None, decimal: str = "."
) -> list[CleanValue]:
    """Check every record; returns the clean values (only meaningful when ``report.ok``)."""
    out: list[CleanValue] = []
    seen: dict[tuple, int] = {}
    unknown_areas: dict[str, int] = {}
    current: list[CellRecord] = []

    def err(message, name, kind=None):
        report.error(message, sheet=sheet, kind=kind or message, **current[0].where(name))

    for rec in records:
        ok = True
        current[:] = [rec]
        cells = rec.cells

        # Lookups are cached per distinct cell; blanks are only examined on the error path.
        rule = ctx.indicator(cells.get("indicator"))
        if rule is None and is_blank(cells.get("indicator")):
            err("Der Indikator fehlt.", "indicator", "missing-indicator")
            ok = False
        elif rule is None:
            hints = ctx.indicator_suggestions(cells["indicator"])
            hint = (
                f" Meinten Sie: {', '.join(hints)}?" if hints else " Bitte zuerst den Indikatorenkatalog importieren."
            )
            err(f"Unbekannter Indikator „{clean_text(cells['indicator'])}“.{hint}", "indicator", "unknown-indicator")
            ok = False

        area = ctx.matcher.match(cells.get("area"))
        if area is None and is_blank(cells.get("area")):
            err("Das Gebiet fehlt.", "area", "missing-area")
            ok = False
        elif area is None:
            text = code_text(cells["area"])
            unknown_areas[text] = unknown_areas.get(text, 0) + 1
            hints = ctx.matcher.suggestions(text)
            hint = (
                f" Ähnliche bekannte Gebiete: {', '.join(hints)}."
                if hints
                else " Es ist weder Code noch Name eines bekannten Gebiets."
            )
            err(f"Unbekanntes Gebiet „{text}“.{hint}", "area", "unknown-area")
            ok = False

        raw_year = cells.get("year")
        if type(raw_year) is int and MIN_YEAR <= raw_year <= ctx.max_year:
            year = raw_year  # the usual case (wide headers, Excel numbers)
        else:
            year = _year(raw_year, ctx, err)
            ok = ok and year is not None

        if rule is not None and area is not None and year is not None:
            key = (rule.id, area.code, year)
            if key in seen:
                err(
                    f"Doppelter Eintrag: {rule.id}, {area.name}, {year} steht schon in Zeile {seen[key]}.",
                    "indicator",
                    "duplicate",
                )
                continue
            seen[key] = rec.row

        numbers: dict[str, float | None] = {}
        flag = None
        for name in ("value", "numerator", "denominator"):
            if name not in cells:
                continue
            try:
                number, symbol = parse_cell(cells.get(name), decimal)
            except NotANumber as exc:
                err(str(exc), name, f"not-a-number-{name}")
                ok = False
                continue
            numbers[name] = number
            if symbol and (flag is None or name == "value"):
                flag = symbol
        if "flag" in cells:
            try:
                explicit = parse_flag(cells["flag"])
                flag = explicit or flag
            except ValueError as exc:
                err(str(exc), "flag", "flag")
                ok = False
        if not ok or rule is None:
            continue

        value, numerator, denominator = numbers.get("value"), numbers.get("numerator"), numbers.get("denominator")
        is_count = rule.kind == COUNT
        for name, number, label in (
            ("value", value if is_count else None, "Negative Anzahl"),
            ("numerator", numerator, "Negativer Zähler"),
            ("denominator", denominator, "Negativer Nenner"),
        ):
            if number is not None and number < 0:
                err(f"{label} ({_num(number)}): Anzahlen können nicht kleiner als 0 sein.", name, f"negative-{name}")
                ok = False
        if rule.is_share:
            if numerator is not None and denominator is not None and numerator > denominator:
                err(
                    f"Der Zähler ({_num(numerator)}) ist größer als der Nenner ({_num(denominator)}): "
                    f"ein Anteil in % kann nicht über 100 % liegen.",
                    "numerator",
                    "numerator-gt-denominator",
                )
                ok = False
            if value is not None and not 0 <= value <= 100:
                err(f"Der Anteil {_num(value)} % liegt außerhalb von 0 bis 100 %.", "value", "share-range")
                ok = False
        if value is None and numerator is not None and denominator and rule.kind != COUNT:
            value = numerator / denominator * rule.multiplier
        if is_count and numerator is None and value is not None:
            numerator = value
        if not ok:
            continue

        footnote = cells.get("footnote")
        series_break = cells.get("series_break")
        out.append(
            CleanValue(
                indicator_id=rule.id,
                area_code=area.code,
                year=year,
                value=value,
                numerator=numerator,
                denominator=denominator,
                flag=flag,
                footnote=None if footnote is None or is_blank(footnote) else clean_text(footnote),
                series_break=False if series_break is None else _truthy(series_break),
                row=rec.row,
            )
        )
    del seen  # free the keys before the warnings (peak memory)
    if report.ok:
        _warn_jumps(out, ctx, report, sheet)
        _warn_missing_areas(out, ctx, report, sheet)
    return out


def _year(raw, ctx: Context, err) -> int | None:
    """A year cell checked in full: missing, not a whole number, or out of range are errors (None)."""
    try:
        number = parse_number(raw)
        if number is None:
            err("Das Jahr fehlt.", "year", "missing-year")
            return None
        if not float(number).is_integer():
            raise NotANumber
        year = int(number)
        if not MIN_YEAR <= year <= ctx.max_year:
            err(
                f"Das Jahr {year} liegt außerhalb des zulässigen Bereichs {MIN_YEAR}–{ctx.max_year}.",
                "year",
                "year-range",
            )
            return None
        return year
    except NotANumber:
        err(f"„{clean_text(raw)}“ ist keine Jahreszahl (erwartet z. B. 2023).", "year", "year-type")
        return None


def _truthy(cell) -> bool:
    if is_blank(cell):
        return False
    return clean_text(cell).lower() in {"1", "ja", "yes", "true", "wahr", "x"}


def _warn_jumps(values: list[CleanValue], ctx: Context, report: Report, sheet):
    # Sorted by indicator, area and year, the previous year is the previous entry (no extra index).
    ordered = sorted(values, key=lambda v: (v.indicator_id, v.area_code, v.year))
    before = None
    for v in ordered:
        prior, before = before, v
        if v.value is None:
            continue
        if prior is not None and (prior.indicator_id, prior.area_code, prior.year) == (
            v.indicator_id,
            v.area_code,
            v.year - 1,
        ):
            previous = prior.value
        else:
            previous = ctx.existing.get((v.indicator_id, v.area_code, v.year - 1))
        if previous is None or (isinstance(previous, float) and math.isnan(previous)) or previous == 0:
            continue
        change = (v.value - previous) / abs(previous)
        if abs(change) > JUMP_WARNING:
            report.warning(
                f"Sprung um {'+' if change > 0 else '−'}{format_number(abs(change) * 100, 0)} % gegenüber "
                f"{v.year - 1} ({_num(previous)} → {_num(v.value)}). Bitte prüfen.",
                sheet=sheet,
                row=v.row,
                column=None,
                kind="jump",
            )


def _warn_missing_areas(values: list[CleanValue], ctx: Context, report: Report, sheet):
    by_level: dict[str, list[KnownArea]] = {}
    level_of = {}
    for area in ctx.areas:
        by_level.setdefault(area.level, []).append(area)
        level_of[area.code] = area.level
    groups: dict[tuple, set] = {}
    for v in values:
        groups.setdefault((v.indicator_id, level_of.get(v.area_code), v.year), set()).add(v.area_code)
    for (indicator_id, level, year), present in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][2])):
        if level is None or level == "stadt":
            continue
        missing = [a.name for a in by_level.get(level, []) if a.code not in present]
        if missing and len(present) > 1:
            shown = ", ".join(missing[:5]) + (f" und {len(missing) - 5} weitere" if len(missing) > 5 else "")
            report.warning(
                f"{indicator_id}, {year}: für {len(missing)} Gebiet(e) der Ebene „{level}“ fehlt ein Wert ({shown}).",
                sheet=sheet,
                kind="missing-area",
            )
