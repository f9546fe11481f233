"""The one code path of every import, used by the CLI and the upload page alike.

``prepare_*`` reads and validates a file and returns a ``Plan`` (nothing is
written yet); the caller shows ``plan.report`` and, when it has no errors,
calls ``commit(plan)``, which writes in one transaction and records the
import. ``rollback`` restores the state before an import.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

import shapely.geometry

from ..db import Database
from ..kommune import KommuneConfig
from ..repository import Repository
from . import writer
from .areas import KnownArea
from .catalogue import read_catalogue
from .formats import detect_format, indicator_cells, records
from .geodata import read_geodata
from .limits import Limits, TooLarge, check_size
from .report import Report
from .tables import read_table
from .validate import Context, IndicatorRule, validate_values

Progress = Callable[[float], None] | None
INDICATORS, CATALOGUE, GEO = "indicators", "catalogue", "geo"
DEFAULT_LIMITS = Limits()


@dataclass
class Plan:
    """A validated file, ready to be written (when ``report.ok``)."""

    kind: str
    filename: str
    sha256: str
    report: Report
    rows: list = field(default_factory=list)
    rules: dict = field(default_factory=dict)
    summary: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.report.ok and bool(self.rows)

    def summary_text(self) -> str:
        """One German sentence on what the file holds, for the CLI and the upload page."""
        s = self.summary
        if self.kind == INDICATORS:
            years = s.get("years") or []
            span = f"{years[0]}–{years[-1]}" if len(years) > 1 else (str(years[0]) if years else "–")
            fmt = "Breitformat" if s.get("format") == "wide" else "Langformat"
            details = [fmt]
            if s.get("sheet"):
                details.append(f"Blatt „{s['sheet']}“")
            if s.get("delimiter"):
                details.append("Trennzeichen " + {";": "„;“", ",": "„,“", "\t": "Tabulator"}[s["delimiter"]])
                details.append("Dezimalkomma" if s.get("decimal") == "," else "Dezimalpunkt")
                details.append({"cp1252": "Windows-1252"}.get(s.get("encoding"), "UTF-8"))
            return (
                f"{s.get('values', 0)} Werte für {s.get('indicators', 0)} Indikator(en), "
                f"{s.get('areas', 0)} Gebiet(e), {'Jahre' if len(years) > 1 else 'Jahr'} {span} ({', '.join(details)})."
            )
        if self.kind == CATALOGUE:
            return f"{s.get('indicators', 0)} Indikator(en) im Katalog, davon {s.get('new', 0)} neu."
        return f"{s.get('areas', 0)} Fläche(n) der Ebene „{s.get('level', '')}“, davon {s.get('new', 0)} neu."


@dataclass
class Result:
    run_id: int
    rows_added: int
    rows_changed: int

    def text(self) -> str:
        return (
            f"Import {self.run_id} gespeichert: {self.rows_added} Zeile(n) neu, {self.rows_changed} geändert. "
            f"Rücknahme mit: dashboard import rollback {self.run_id}"
        )


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _start(kind: str, data: bytes, filename: str, limits: Limits) -> Plan:
    plan = Plan(kind=kind, filename=filename, sha256=sha256(data), report=Report(filename))
    try:
        check_size(data, filename, limits)
    except TooLarge as exc:
        plan.report.error(str(exc).removeprefix(f"{filename}: "))
    return plan


def _step(progress: Progress, start: float, end: float) -> Progress:
    if progress is None:
        return None
    return lambda fraction: progress(start + (end - start) * min(max(fraction, 0.0), 1.0))


def prepare_indicators(
    repo: Repository,
    data: bytes,
    filename: str,
    *,
    sheet: str | None = None,
    fmt: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    progress: Progress = None,
) -> Plan:
    """Read and check a long or wide table of indicator values."""
    plan = _start(INDICATORS, data, filename, limits)
    report = plan.report
    if not report.ok:
        return plan
    table = read_table(data, filename, report, sheet=sheet, progress=_step(progress, 0.0, 0.6))
    if table is None:
        return plan
    cells = records(table, report, fmt)
    if not report.ok:
        return plan
    infos = repo.indicators()
    rules = {i.id: IndicatorRule(i.id, i.name_de, i.kind, i.unit, i.multiplier, i.min_count, i.decimals) for i in infos}
    wanted = indicator_cells(table)
    ctx = Context(
        indicators=rules,
        areas=[KnownArea(*row) for row in repo.import_areas()],
        existing=repo.stored_value_map(sorted(wanted & set(rules))),
    )
    if progress:
        progress(0.7)
    values = validate_values(cells, ctx, report, sheet=table.sheet, decimal=table.decimal)
    if progress:
        progress(0.8)
    if not values and report.ok:
        report.error("Die Datei enthält keine Werte.", sheet=table.sheet)
    del cells  # the raw cells are no longer needed; keep the peak memory down
    table.rows = []
    plan.rows = values
    plan.rules = {rid: (rules[rid].kind, rules[rid].min_count) for rid in {v.indicator_id for v in values}}
    plan.summary = {
        "format": fmt or detect_format(table),
        "sheet": table.sheet,
        "values": len(values),
        "indicators": len({v.indicator_id for v in values}),
        "areas": len({v.area_code for v in values}),
        "years": sorted({v.year for v in values}),
        "delimiter": table.delimiter,
        "decimal": table.decimal,
        "encoding": table.encoding,
    }
    return plan


def prepare_catalogue(
    repo: Repository, kommune: KommuneConfig, data: bytes, filename: str, *, sheet=None, limits: Limits = DEFAULT_LIMITS
) -> Plan:
    plan = _start(CATALOGUE, data, filename, limits)
    if not plan.report.ok:
        return plan
    table = read_table(data, filename, plan.report, sheet=sheet)
    if table is None:
        return plan
    plan.rows = read_catalogue(
        table,
        plan.report,
        handlungsfelder={hf["code"] for hf in repo.handlungsfelder()},
        leitlinien={ll["number"] for ll in repo.leitlinien()},
        levels={level.key for level in kommune.levels},
    )
    known = {i.id for i in repo.indicators()}
    plan.summary = {
        "indicators": len(plan.rows),
        "new": sum(1 for s in plan.rows if s["id"] not in known),
        "sheet": table.sheet,
    }
    return plan


def prepare_geo(
    repo: Repository,
    kommune: KommuneConfig,
    data: bytes,
    filename: str,
    *,
    level: str,
    code_field: str,
    name_field: str,
    parent_field: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Plan:
    plan = _start(GEO, data, filename, limits)
    report = plan.report
    keys = [lv.key for lv in kommune.levels]
    if level not in keys or level == "stadt":
        report.error(
            f"Unbekannte Ebene „{level}“. Ebenen von {kommune.name}: {', '.join(k for k in keys if k != 'stadt')}."
        )
    if not report.ok:
        return plan
    parent_level = keys[keys.index(level) + 1]
    areas = repo.areas(parent_level)
    parent_areas = [KnownArea(c, n, parent_level) for c, n in zip(areas["code"], areas["name"], strict=True)]
    parent_shapes = {}
    if parent_level != "stadt":
        parent_shapes = {f["id"]: shapely.geometry.shape(f["geometry"]) for f in repo.geojson(parent_level)["features"]}
    if parent_level == "stadt" and not parent_areas:
        parent_areas = [KnownArea(kommune.city_code, kommune.name, "stadt")]
    plan.rows = read_geodata(
        data,
        filename,
        report,
        level=level,
        code_field=code_field,
        name_field=name_field,
        parent_field=parent_field,
        parent_areas=parent_areas,
        parent_shapes=parent_shapes,
        default_parent=kommune.city_code if parent_level == "stadt" else None,
    )
    existing = set(repo.areas(level)["code"])
    incoming = {row["code"] for row in plan.rows}
    missing = sorted(existing - incoming)
    if plan.rows and missing:
        report.warning(
            f"{len(missing)} bisherige Gebiet(e) der Ebene „{level}“ fehlen in der Datei und bleiben unverändert: "
            + ", ".join(missing[:10])
        )
    unplaced = [row["code"] for row in plan.rows if row["parent_code"] is None]
    if unplaced:
        report.error(
            f"{len(unplaced)} Fläche(n) liegen in keinem Gebiet der Ebene „{parent_level}“: {', '.join(unplaced[:10])}. "
            "Bitte ein Feld mit dem übergeordneten Gebiet angeben (--parent-field)."
        )
    plan.summary = {"areas": len(plan.rows), "new": len(incoming - existing), "level": level}
    return plan


def commit(db: Database, plan: Plan, *, user: str, progress: Progress = None) -> Result:
    """Write a validated plan in one transaction and record it. Refuses a plan with errors."""
    if not plan.ok:
        raise ValueError("Der Import hat Fehler und wird nicht gespeichert.")
    common = {"filename": plan.filename, "sha256": plan.sha256, "user": user}
    if plan.kind == INDICATORS:
        run = writer.write_values(db, plan.rows, plan.rules, progress=progress, **common)
    elif plan.kind == CATALOGUE:
        run = writer.write_catalogue(db, plan.rows, **common)
    else:
        run = writer.write_areas(db, plan.rows, **common)
    _data_changed()
    return Result(run.id, run.rows_added, run.rows_changed)


def rollback(db: Database, run_id: int, *, user: str) -> Result:
    run = writer.rollback(db, run_id, user=user)
    _data_changed()
    return Result(run.id, 0, run.rows_changed)


def _data_changed() -> None:
    """Inside the app, every worker's cached figures become stale at once."""
    from flask import has_app_context

    if has_app_context():
        from ..cache import invalidate_data

        invalidate_data()
