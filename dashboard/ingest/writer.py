"""Writing an import in one transaction, recording it, and rolling it back.

Every import is one ``ImportRun`` row: who, when, file name, SHA-256, rows added
and changed, and the previous state of every row it touched (JSON), so that
``rollback`` can restore exactly what was there before. Only the latest import
that is still in force can be rolled back; older ones need the later ones
rolled back first, so that a rollback never overwrites newer data.
"""

from __future__ import annotations

import datetime as dt
import json
import math

import pandas as pd
from sqlalchemy import delete, func, select, update

from ..compute.disclosure import flag_small_counts
from ..db import Database
from ..models import Area, Handlungsfeld, ImportRun, Indicator, IndicatorValue, Leitlinie, Meta
from .catalogue import defaults_for_new

VALUE_FIELDS = ("value", "numerator", "denominator", "flag", "footnote", "series_break")
AREA_FIELDS = ("name", "level", "geometry", "geometry_original", "placeholder_geometry")
INDICATOR_FIELDS = (
    "name_de",
    "name_en",
    "definition_de",
    "definition_en",
    "unit",
    "decimals",
    "kind",
    "multiplier",
    "source",
    "licence",
    "source_url",
    "polarity",
    "target_value",
    "target_year",
    "min_count",
    "spatial_level",
    "is_demo",
    "last_update",
)
ROLLBACK = "rollback"


class RollbackError(ValueError):
    """The rollback is refused; the message is German."""


def _clean(value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return value


def _same(a, b) -> bool:
    a, b = _clean(a), _clean(b)
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)
    return a == b


def _plain(value):
    """Dates as ISO text, as the previous state stores them."""
    return value.isoformat() if isinstance(value, dt.date) else value


def _record(session, kind, filename, sha256, user, added, changed, state) -> ImportRun:
    run = ImportRun(
        kind=kind,
        filename=filename,
        sha256=sha256,
        imported_by=user or "",
        imported_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
        rows_added=added,
        rows_changed=changed,
        previous_state=json.dumps(state, ensure_ascii=False, default=str, separators=(",", ":")),
    )
    session.add(run)
    session.flush()
    return run


def suppress(values: pd.DataFrame, rules: dict) -> pd.DataFrame:
    """Primary suppression (``flag_small_counts``) per indicator, with its kind and min_count."""
    parts = []
    for indicator_id, part in values.groupby("indicator_id", sort=False):
        kind, min_count = rules[indicator_id]
        parts.append(flag_small_counts(part, kind=kind, min_count=min_count) if min_count > 0 else part)
    return pd.concat(parts) if parts else values


def _value_frame(rows: list) -> pd.DataFrame:
    """Rows (CleanValue objects or dicts) as one DataFrame, column by column (compact)."""
    names = ("indicator_id", "area_code", "year", *VALUE_FIELDS)
    if rows and isinstance(rows[0], dict):
        return pd.DataFrame({n: [r.get(n) for r in rows] for n in names})
    return pd.DataFrame({n: [getattr(r, n) for r in rows] for n in names})


def write_values(db: Database, rows: list, rules: dict, *, filename, sha256, user, progress=None) -> ImportRun:
    """Insert or update indicator values; one transaction, recorded as an ImportRun.

    ``previous_state`` holds the keys added (indicator -> year -> area ids) and the
    full previous rows of those changed.
    """
    frame = suppress(_value_frame(rows), rules) if rows else _value_frame(rows)
    with db.session() as s:
        area_ids = dict(s.execute(select(Area.code, Area.id)).all())
        frame["area_id"] = frame["area_code"].map(area_ids)
        columns = ["indicator_id", "area_id", "year", *VALUE_FIELDS]
        indicator_ids = sorted(set(frame["indicator_id"]))
        existing = {}
        for chunk in range(0, len(indicator_ids), 500):
            query = select(
                IndicatorValue.id,
                IndicatorValue.indicator_id,
                IndicatorValue.area_id,
                IndicatorValue.year,
                *[getattr(IndicatorValue, n) for n in VALUE_FIELDS],
            ).where(IndicatorValue.indicator_id.in_(indicator_ids[chunk : chunk + 500]))
            for row in s.execute(query).all():
                existing[(row[1], row[2], row[3])] = row
        updates, changed = [], []
        added: dict[str, dict[int, list[int]]] = {}
        n_added = 0
        batch: list[dict] = []
        total = len(frame)

        def flush(done: int) -> None:
            if batch:
                s.execute(IndicatorValue.__table__.insert(), batch)
                batch.clear()
            if progress:
                progress(done / max(total, 1))

        def cleaned_rows():
            # Chunk by chunk, so only a few thousand rows exist as Python objects at a time.
            for start in range(0, total, 5000):
                part = frame[columns].iloc[start : start + 5000]
                part = part.astype(object).where(part.notna(), None)
                yield from zip(*(part[c].tolist() for c in columns), strict=True)

        for n, values in enumerate(cleaned_rows(), start=1):
            indicator_id, area_id, year = values[0], int(values[1]), int(values[2])
            new = dict(zip(VALUE_FIELDS, values[3:], strict=True))
            new["series_break"] = bool(new["series_break"] or False)
            old = existing.get((indicator_id, area_id, year))
            if old is None:
                batch.append({"indicator_id": indicator_id, "area_id": area_id, "year": year, **new})
                added.setdefault(indicator_id, {}).setdefault(year, []).append(area_id)
                n_added += 1
            elif not all(_same(old[4 + i], new[name]) for i, name in enumerate(VALUE_FIELDS)):
                updates.append({"id": old[0], **new})
                changed.append({"key": [indicator_id, area_id, year], **dict(zip(VALUE_FIELDS, old[4:], strict=True))})
            if len(batch) >= 5000:
                flush(n)
        flush(total)
        if updates:
            s.execute(update(IndicatorValue), updates)
        return _record(
            s, "indicators", filename, sha256, user, n_added, len(changed), {"added": added, "changed": changed}
        )


def write_catalogue(db: Database, specs: list[dict], *, filename, sha256, user) -> ImportRun:
    with db.session() as s:
        handlungsfelder = {hf.code: hf for hf in s.scalars(select(Handlungsfeld))}
        leitlinien = {ll.number: ll for ll in s.scalars(select(Leitlinie))}
        next_sort = (s.scalar(select(func.max(Indicator.sort_key))) or 0) + 1
        added, changed = [], []
        for spec in specs:
            spec = dict(spec)
            ll_numbers = spec.pop("leitlinien", None)
            hf_code = spec.pop("handlungsfeld", None)
            indicator = s.get(Indicator, spec["id"])
            if indicator is None:
                spec = defaults_for_new(spec)
                indicator = Indicator(id=spec["id"], name_de=spec.get("name_de", spec["id"]), sort_key=next_sort)
                next_sort += 1
                s.add(indicator)
                added.append(spec["id"])
            else:
                before = _indicator_state(indicator)
                if (
                    any(not _same(before[k], _plain(spec[k])) for k in spec if k in before)
                    or (ll_numbers is not None and sorted(ll_numbers) != before["leitlinien"])
                    or (hf_code is not None and hf_code != before["handlungsfeld"])
                ):
                    changed.append(before)
                else:
                    continue
            for name, value in spec.items():
                if name != "id":
                    setattr(indicator, name, value)
            if hf_code is not None:
                indicator.handlungsfeld_id = handlungsfelder[hf_code].id
            if ll_numbers is not None:
                indicator.leitlinien = [leitlinien[n] for n in ll_numbers]
        s.flush()
        return _record(
            s, "catalogue", filename, sha256, user, len(added), len(changed), {"added": added, "changed": changed}
        )


def _indicator_state(indicator: Indicator) -> dict:
    state = {name: getattr(indicator, name) for name in INDICATOR_FIELDS}
    state["id"] = indicator.id
    state["leitlinien"] = sorted(ll.number for ll in indicator.leitlinien)
    state["handlungsfeld"] = indicator.handlungsfeld.code if indicator.handlungsfeld else None
    if isinstance(state["last_update"], dt.date):
        state["last_update"] = state["last_update"].isoformat()
    return state


def write_areas(db: Database, rows: list[dict], *, filename, sha256, user) -> ImportRun:
    """Insert or update areas (with geometry) by code; parents are given as codes."""
    with db.session() as s:
        areas = {a.code: a for a in s.scalars(select(Area))}
        next_sort = (s.scalar(select(func.max(Area.sort_key)).where(Area.is_reference.is_(False))) or 0) + 1
        added, changed = [], []
        for row in rows:
            area = areas.get(row["code"])
            parent = areas.get(row.get("parent_code") or "")
            if area is None:
                area = Area(code=row["code"], sort_key=next_sort, is_reference=False)
                next_sort += 1
                s.add(area)
                areas[area.code] = area
                added.append(row["code"])
            else:
                before = {name: getattr(area, name) for name in AREA_FIELDS}
                before["code"] = area.code
                before["parent_code"] = area.parent.code if area.parent else None
                changed.append(before)
            for name in AREA_FIELDS:
                if name in row:
                    setattr(area, name, row[name])
            s.flush()
            area.parent_id = parent.id if parent else None
        s.flush()
        return _record(s, "geo", filename, sha256, user, len(added), len(changed), {"added": added, "changed": changed})


def rollback(db: Database, run_id: int, *, user: str) -> ImportRun:
    """Restore the state before import ``run_id``; one transaction. Raises RollbackError."""
    with db.session() as s:
        run = s.get(ImportRun, run_id)
        if run is None:
            raise RollbackError(f"Einen Import mit der Nummer {run_id} gibt es nicht.")
        if run.kind == ROLLBACK:
            raise RollbackError(f"Eintrag {run_id} ist selbst eine Rücknahme und kann nicht zurückgenommen werden.")
        if run.rolled_back:
            raise RollbackError(f"Import {run_id} ({run.filename}) wurde bereits zurückgenommen.")
        loaded = s.scalar(select(Meta.value).where(Meta.key == "loaded_at"))
        if loaded and dt.datetime.fromisoformat(loaded).replace(tzinfo=None) > run.imported_at:
            raise RollbackError(
                f"Import {run_id} ({run.filename}) stammt von vor dem letzten vollständigen Laden der Daten "
                f"(dashboard load, {loaded[:16].replace('T', ' ')} UTC) und kann nicht mehr zurückgenommen werden."
            )
        later = s.scalars(
            select(ImportRun)
            .where(ImportRun.id > run_id, ImportRun.rolled_back.is_(False), ImportRun.kind != ROLLBACK)
            .order_by(ImportRun.id.desc())
        ).first()
        if later is not None:
            raise RollbackError(
                f"Import {run_id} kann nicht zurückgenommen werden, weil danach Import {later.id} "
                f"({later.filename}) eingespielt wurde. Bitte zuerst Import {later.id} zurücknehmen."
            )
        state = json.loads(run.previous_state or "{}")
        {"indicators": _undo_values, "catalogue": _undo_catalogue, "geo": _undo_areas}[run.kind](s, state)
        run.rolled_back = True
        return _record(
            s,
            ROLLBACK,
            f"Rücknahme von Import {run_id} ({run.filename})",
            run.sha256,
            user,
            0,
            run.rows_added + run.rows_changed,
            {"of": run_id},
        )


def _undo_values(s, state):
    for indicator_id, years in state.get("added", {}).items():
        for year, area_ids in years.items():
            for start in range(0, len(area_ids), 500):
                s.execute(
                    delete(IndicatorValue).where(
                        IndicatorValue.indicator_id == indicator_id,
                        IndicatorValue.year == int(year),
                        IndicatorValue.area_id.in_(area_ids[start : start + 500]),
                    )
                )
    for before in state.get("changed", []):
        indicator_id, area_id, year = before.pop("key")
        s.execute(
            update(IndicatorValue)
            .where(
                IndicatorValue.indicator_id == indicator_id,
                IndicatorValue.area_id == area_id,
                IndicatorValue.year == year,
            )
            .values(**before)
        )


def _undo_catalogue(s, state):
    if state.get("added"):
        s.execute(delete(IndicatorValue).where(IndicatorValue.indicator_id.in_(state["added"])))
        for indicator in s.scalars(select(Indicator).where(Indicator.id.in_(state["added"]))):
            s.delete(indicator)
    handlungsfelder = {hf.code: hf for hf in s.scalars(select(Handlungsfeld))}
    leitlinien = {ll.number: ll for ll in s.scalars(select(Leitlinie))}
    for before in state.get("changed", []):
        indicator = s.get(Indicator, before["id"])
        for name in INDICATOR_FIELDS:
            value = before[name]
            if name == "last_update" and value:
                value = dt.date.fromisoformat(value)
            setattr(indicator, name, value)
        hf = before.get("handlungsfeld")
        indicator.handlungsfeld_id = handlungsfelder[hf].id if hf in handlungsfelder else None
        indicator.leitlinien = [leitlinien[n] for n in before.get("leitlinien", []) if n in leitlinien]


def _undo_areas(s, state):
    areas = {a.code: a for a in s.scalars(select(Area))}
    for before in state.get("changed", []):
        area = areas[before["code"]]
        for name in AREA_FIELDS:
            setattr(area, name, before[name])
        parent = areas.get(before.get("parent_code") or "")
        area.parent_id = parent.id if parent else None
    s.flush()
    added = state.get("added", [])
    if added:
        ids = [areas[c].id for c in added if c in areas]
        s.execute(delete(IndicatorValue).where(IndicatorValue.area_id.in_(ids)))
        # Children first, so no foreign key points at a deleted parent.
        s.execute(update(Area).where(Area.id.in_(ids)).values(parent_id=None))
        s.execute(delete(Area).where(Area.id.in_(ids)))
