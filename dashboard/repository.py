"""All queries, as named methods of one class (storage lives here and only here).

Methods return plain data (dicts, lists, DataFrames) that callers may change
freely: nothing returned is shared between requests.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from .compute.aggregate import aggregate
from .compute.disclosure import SUPPRESSED, count_of, public_view, secondary_suppression
from .db import Database
from .models import (
    Agenda,
    Area,
    Handlungsfeld,
    Indicator,
    IndicatorValue,
    Leitlinie,
    Massnahme,
    MassnahmeChange,
    Meta,
    Source,
    User,
)

VALUE_FIELDS = [
    "area_code",
    "area_name",
    "level",
    "year",
    "value",
    "numerator",
    "denominator",
    "flag",
    "footnote",
    "series_break",
]

# The value columns of IndicatorValue, in VALUE_FIELDS order after the area columns.
_VALUE_DATA = (
    IndicatorValue.year,
    IndicatorValue.value,
    IndicatorValue.numerator,
    IndicatorValue.denominator,
    IndicatorValue.flag,
    IndicatorValue.footnote,
    IndicatorValue.series_break,
)


def _value_query(indicator_id: str):
    """One indicator's values with their area's code, name and level (VALUE_FIELDS)."""
    return (
        select(Area.code, Area.name, Area.level, *_VALUE_DATA)
        .join(Area, Area.id == IndicatorValue.area_id)
        .where(IndicatorValue.indicator_id == indicator_id)
        .order_by(Area.sort_key, IndicatorValue.year)
    )


@dataclass(frozen=True)
class IndicatorInfo:
    id: str
    name_de: str
    name_en: str
    definition_de: str
    definition_en: str
    unit: str
    decimals: int
    kind: str
    multiplier: float
    source: str
    licence: str
    source_url: str
    source_key: str | None
    polarity: str
    handlungsfeld_code: str | None
    handlungsfeld_title: str | None
    bereich: str | None
    leitlinien: tuple[int, ...]
    target_value: float | None
    target_year: int | None
    min_count: int
    spatial_level: str
    is_demo: bool
    last_update: object
    sort_key: int

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" and self.name_en else self.name_de

    def definition(self, lang: str) -> str:
        return self.definition_en if lang == "en" and self.definition_en else self.definition_de


def _indicator_info(ind: Indicator) -> IndicatorInfo:
    hf = ind.handlungsfeld
    return IndicatorInfo(
        id=ind.id,
        name_de=ind.name_de,
        name_en=ind.name_en,
        definition_de=ind.definition_de,
        definition_en=ind.definition_en,
        unit=ind.unit,
        decimals=ind.decimals,
        kind=ind.kind,
        multiplier=ind.multiplier,
        source=ind.source,
        licence=ind.licence,
        source_url=ind.source_url,
        source_key=ind.source_key,
        polarity=ind.polarity,
        handlungsfeld_code=hf.code if hf else None,
        handlungsfeld_title=hf.title_de if hf else None,
        bereich=hf.bereich if hf else None,
        leitlinien=tuple(ll.number for ll in ind.leitlinien),
        target_value=ind.target_value,
        target_year=ind.target_year,
        min_count=ind.min_count,
        spatial_level=ind.spatial_level,
        is_demo=ind.is_demo,
        last_update=ind.last_update,
        sort_key=ind.sort_key,
    )


class Repository:
    def __init__(self, db: Database):
        self.db = db

    # -- Kommune and catalogue -------------------------------------------------

    def meta(self) -> dict[str, str]:
        with self.db.session() as s:
            return {m.key: m.value for m in s.scalars(select(Meta))}

    def leitlinien(self) -> list[dict]:
        with self.db.session() as s:
            rows = s.scalars(
                select(Leitlinie).options(selectinload(Leitlinie.handlungsfelder)).order_by(Leitlinie.number)
            )
            return [
                {
                    "number": ll.number,
                    "title_de": ll.title_de,
                    "title_en": ll.title_en,
                    "handlungsfelder": [
                        {"code": hf.code, "title_de": hf.title_de, "title_en": hf.title_en, "is_example": hf.is_example}
                        for hf in ll.handlungsfelder
                    ],
                }
                for ll in rows
            ]

    def handlungsfelder(self) -> list[dict]:
        with self.db.session() as s:
            rows = s.scalars(
                select(Handlungsfeld).options(selectinload(Handlungsfeld.leitlinien)).order_by(Handlungsfeld.number)
            )
            return [
                {
                    "code": hf.code,
                    "number": hf.number,
                    "title_de": hf.title_de,
                    "title_en": hf.title_en,
                    "bereich": hf.bereich,
                    "is_example": hf.is_example,
                    "leitlinien": [ll.number for ll in hf.leitlinien],
                }
                for hf in rows
            ]

    def indicators(self) -> list[IndicatorInfo]:
        with self.db.session() as s:
            rows = s.scalars(
                select(Indicator)
                .options(selectinload(Indicator.leitlinien), selectinload(Indicator.handlungsfeld))
                .order_by(Indicator.sort_key, Indicator.id)
            )
            return [_indicator_info(ind) for ind in rows]

    def indicator(self, indicator_id: str) -> IndicatorInfo | None:
        with self.db.session() as s:
            ind = s.get(Indicator, indicator_id)
            return _indicator_info(ind) if ind else None

    def sources(self) -> list[dict]:
        with self.db.session() as s:
            return [
                {c.name: getattr(src, c.name) for c in Source.__table__.columns}
                for src in s.scalars(select(Source).order_by(Source.is_demo, Source.key))
            ]

    # -- Areas and geometry -------------------------------------------------------

    def areas(self, level: str | None = None, *, include_reference: bool = False) -> pd.DataFrame:
        with self.db.session() as s:
            parent = Area.__table__.alias("parent")
            query = (
                select(
                    Area.code,
                    Area.name,
                    Area.level,
                    Area.is_reference,
                    Area.placeholder_geometry,
                    parent.c.code.label("parent_code"),
                )
                .outerjoin(parent, parent.c.id == Area.parent_id)
                .order_by(Area.sort_key, Area.name)
            )
            if level:
                query = query.where(Area.level == level)
            if not include_reference:
                query = query.where(Area.is_reference.is_(False))
            return pd.DataFrame(
                s.execute(query).all(), columns=["code", "name", "level", "is_reference", "placeholder", "parent_code"]
            )

    def geojson(self, level: str) -> dict:
        """The level's simplified geometry as a FeatureCollection, ids = area codes."""
        with self.db.session() as s:
            rows = s.execute(
                select(Area.code, Area.name, Area.geometry, Area.placeholder_geometry)
                .where(Area.level == level, Area.geometry.is_not(None))
                .order_by(Area.sort_key)
            ).all()
        return {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "id": code,
                    "properties": {"name": name, "placeholder": placeholder},
                    "geometry": json.loads(geometry),
                }
                for code, name, geometry, placeholder in rows
            ],
        }

    def has_placeholder_geometry(self) -> bool:
        with self.db.session() as s:
            return s.scalar(select(Area.id).where(Area.placeholder_geometry.is_(True)).limit(1)) is not None

    # -- Values -------------------------------------------------------------------

    def _stored_values(self, s, indicator_id: str, level: str | None, area_codes) -> pd.DataFrame:
        query = _value_query(indicator_id)
        if level:
            query = query.where(Area.level == level)
        if area_codes is not None:
            query = query.where(Area.code.in_(list(area_codes)))
        return pd.DataFrame(s.execute(query).all(), columns=VALUE_FIELDS)

    def values(
        self,
        indicator_id: str,
        *,
        level: str | None = None,
        area_codes: list[str] | None = None,
        public: bool = True,
    ) -> pd.DataFrame:
        """Values of one indicator at one level (or for given areas).

        Where nothing is stored at the level, the values are aggregated from the
        level below (numerators and denominators, never rates). ``public``
        removes suppressed values before they can reach a browser.
        """
        info = self.indicator(indicator_id)
        if info is None:
            return pd.DataFrame(columns=VALUE_FIELDS)
        with self.db.session() as s:
            # All stored values, read once: the requested rows, the children of an
            # aggregate and the disclosure check all come from this one frame.
            stored = self._stored_values(s, indicator_id, None, None)
            wanted = pd.Series(True, index=stored.index)
            if level:
                wanted &= stored["level"] == level
            if area_codes is not None:
                wanted &= stored["area_code"].isin(list(area_codes))
            frame = stored[wanted].reset_index(drop=True)
            if level and frame.empty:
                frame = self._aggregated(s, info, level, stored)
                if area_codes is not None:
                    frame = frame[frame["area_code"].isin(area_codes)]
            frame = frame.astype({"value": float, "numerator": float, "denominator": float})
            frame["flag"] = frame["flag"].astype(object).where(frame["flag"].notna(), None)
            return public_view(self._protected(s, info, frame, stored)) if public else frame

    def _aggregated(self, s, info: IndicatorInfo, level: str, children: pd.DataFrame) -> pd.DataFrame:
        areas = pd.DataFrame(
            s.execute(
                select(Area.id, Area.code, Area.name, Area.level, Area.parent_id).where(Area.is_reference.is_(False))
            ).all(),
            columns=["id", "code", "name", "level", "parent_id"],
        )
        targets = areas[areas["level"] == level]
        if targets.empty:
            return pd.DataFrame(columns=VALUE_FIELDS)
        code_by_id = dict(zip(areas["id"], areas["code"], strict=True))
        # Map every area to its ancestor on the target level.
        parent_of_id = dict(zip(areas["id"], areas["parent_id"], strict=True))
        target_ids = set(targets["id"])
        ancestor: dict[str, str] = {}
        for area_id in areas["id"]:
            current = parent_of_id.get(area_id)
            while current is not None and current not in target_ids:
                current = parent_of_id.get(current)
            if current is not None:
                ancestor[code_by_id[area_id]] = code_by_id[current]
        if children.empty:
            return pd.DataFrame(columns=VALUE_FIELDS)
        # Aggregate from the lowest stored level only, so nothing counts twice.
        levels_with_data = children["level"].unique()
        lowest = next((lv for lv in self._level_order(s) if lv in levels_with_data), None)
        children = children[children["level"] == lowest]
        # Only areas of that level are expected children; counting the levels in
        # between (Stadtbezirke under the Stadt) would mark every total incomplete.
        lowest_codes = set(areas.loc[areas["level"] == lowest, "code"])
        ancestor = {code: parent for code, parent in ancestor.items() if code in lowest_codes}
        result = aggregate(children, ancestor, kind=info.kind, multiplier=info.multiplier)
        names = dict(zip(targets["code"], targets["name"], strict=True))
        result["area_name"] = result["area_code"].map(names)
        result["level"] = level
        provisional_years = set(children.loc[children["flag"] == "provisional", "year"])
        result["flag"] = result["year"].map(lambda y: "provisional" if y in provisional_years else None)
        result["footnote"] = result["incomplete"].map(
            lambda inc: (
                "Aus unvollständigen Teilgebieten berechnet: für einzelne Teilgebiete fehlen Werte." if inc else None
            )
        )
        break_years = set(children.loc[children["series_break"].astype(bool), "year"])
        result["series_break"] = result["year"].isin(break_years)
        return result[VALUE_FIELDS]

    def _level_order(self, s) -> list[str]:
        """Levels from smallest to largest, read from the area hierarchy."""
        rows = s.execute(select(Area.level, Area.parent_id, Area.id).where(Area.is_reference.is_(False))).all()
        depth: dict[str, int] = {}
        parent_of = {area_id: parent for _level, parent, area_id in rows}
        for level, _parent, area_id in rows:
            d, current = 0, parent_of.get(area_id)
            while current is not None:
                d, current = d + 1, parent_of.get(current)
            depth[level] = max(depth.get(level, 0), d)
        return sorted(depth, key=lambda lv: -depth[lv])

    def reference_values(self, indicator_id: str) -> pd.DataFrame:
        """Values of reference areas (Land, Bund, other Kreise) for one indicator."""
        with self.db.session() as s:
            query = _value_query(indicator_id).where(Area.is_reference.is_(True))
            return pd.DataFrame(s.execute(query).all(), columns=VALUE_FIELDS)

    def years(self, indicator_id: str) -> list[int]:
        with self.db.session() as s:
            return list(
                s.scalars(
                    select(IndicatorValue.year)
                    .where(IndicatorValue.indicator_id == indicator_id)
                    .distinct()
                    .order_by(IndicatorValue.year)
                )
            )

    # -- Import and disclosure control (dashboard/ingest, issue 5) ----------------

    def _protected(self, s, info: IndicatorInfo, frame: pd.DataFrame, stored: pd.DataFrame) -> pd.DataFrame:
        """``frame`` with secondary suppression (README: Datenschutz), decided over all levels.

        ``stored`` holds every stored value of the indicator (all levels).
        """
        if frame.empty or info.min_count <= 0 or info.kind == "index":
            return frame
        counts = count_of(stored.astype({"value": float, "numerator": float}), info.kind)
        # Sums of counts that are all 0 or >= min_count are never small: nothing to protect.
        if not (((counts > 0) & (counts < info.min_count)) | (stored["flag"] == SUPPRESSED)).any():
            return frame
        full, parent_of = self._all_levels(s, info, stored)
        protected = secondary_suppression(full, parent_of, kind=info.kind, min_count=info.min_count)
        shut = protected[protected["flag"] == SUPPRESSED]
        hidden = set(zip(shut["area_code"], shut["year"].astype(int), strict=True))
        frame = frame.copy()
        mask = [(code, int(year)) in hidden for code, year in zip(frame["area_code"], frame["year"], strict=True)]
        frame.loc[mask, "flag"] = SUPPRESSED
        return frame

    def _all_levels(self, s, info: IndicatorInfo, stored: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, str]]:
        """Every published count of an indicator and the area tree.

        Levels without stored values get the sums of the lowest stored level's
        counts (what ``_aggregated`` publishes as numerator), computed here in one
        vectorised pass because only the counts matter for disclosure control.
        """
        rows = s.execute(
            select(Area.code, Area.parent_id, Area.id, Area.level).where(Area.is_reference.is_(False))
        ).all()
        code_of = {area_id: code for code, _parent, area_id, _level in rows}
        level_of = {code: level for code, _parent, _id, level in rows}
        parent_of = {code: code_of[parent] for code, parent, _id, _level in rows if parent in code_of}
        stored = stored[stored["area_code"].isin(set(code_of.values()))]
        stored = stored.astype({"value": float, "numerator": float, "denominator": float})
        present = set(stored["level"])
        order = self._level_order(s)
        lowest = next((level for level in order if level in present), None)
        parts = [stored]
        if lowest is not None:
            base = stored[stored["level"] == lowest].assign(
                count=count_of(stored[stored["level"] == lowest], info.kind)
            )
            for level in order[order.index(lowest) + 1 :]:
                if level in present:
                    continue
                ancestor = {}
                for code in base["area_code"].unique():
                    current = parent_of.get(code)
                    while current is not None and level_of.get(current) != level:
                        current = parent_of.get(current)
                    if current is not None:
                        ancestor[code] = current
                sums = (
                    base.assign(area_code=base["area_code"].map(ancestor))
                    .dropna(subset=["area_code"])
                    .groupby(["area_code", "year"])["count"]
                    .sum(min_count=1)
                    .reset_index()
                )
                parts.append(
                    pd.DataFrame(
                        {
                            "area_code": sums["area_code"],
                            "level": level,
                            "year": sums["year"],
                            "value": sums["count"] if info.kind == "count" else float("nan"),
                            "numerator": sums["count"],
                            "denominator": float("nan"),
                            "flag": None,
                        }
                    )
                )
        parts = [p for p in parts if not p.empty]
        if not parts:
            return pd.DataFrame(columns=VALUE_FIELDS), parent_of
        return pd.concat(parts, ignore_index=True), parent_of

    def import_areas(self) -> list[tuple[str, str, str]]:
        """(code, name, level) of every area, reference areas included, for matching imports."""
        with self.db.session() as s:
            query = select(Area.code, Area.name, Area.level).order_by(Area.sort_key, Area.name)
            return [tuple(row) for row in s.execute(query).all()]

    def stored_value_map(self, indicator_ids: list[str]) -> dict[tuple[str, str, int], float | None]:
        """(indicator, area code, year) -> stored value, for the import's year-on-year check."""
        if not indicator_ids:
            return {}
        with self.db.session() as s:
            query = (
                select(IndicatorValue.indicator_id, Area.code, IndicatorValue.year, IndicatorValue.value)
                .join(Area, Area.id == IndicatorValue.area_id)
                .where(IndicatorValue.indicator_id.in_(indicator_ids))
            )
            return {(i, a, y): v for i, a, y, v in s.execute(query).all()}

    def value_table(self, indicator_ids: list[str] | None = None) -> pd.DataFrame:
        """All stored values in the long import format (staff export; suppressed values included)."""
        with self.db.session() as s:
            query = (
                select(
                    IndicatorValue.indicator_id,
                    Area.code,
                    *_VALUE_DATA,
                )
                .join(Area, Area.id == IndicatorValue.area_id)
                .order_by(IndicatorValue.indicator_id, Area.sort_key, IndicatorValue.year)
            )
            if indicator_ids is not None:
                query = query.where(IndicatorValue.indicator_id.in_(indicator_ids))
            columns = [
                "indicator",
                "area",
                "year",
                "value",
                "numerator",
                "denominator",
                "flag",
                "footnote",
                "series_break",
            ]
            return pd.DataFrame(s.execute(query).all(), columns=columns)

    def import_runs(self) -> list[dict]:
        """Every recorded import and rollback, newest first."""
        from .models import ImportRun

        with self.db.session() as s:
            return [
                {
                    "id": r.id,
                    "kind": r.kind,
                    "filename": r.filename,
                    "sha256": r.sha256,
                    "imported_by": r.imported_by,
                    "imported_at": r.imported_at,
                    "rows_added": r.rows_added,
                    "rows_changed": r.rows_changed,
                    "rolled_back": r.rolled_back,
                }
                for r in s.scalars(select(ImportRun).order_by(ImportRun.id.desc()))
            ]

    # -- Maßnahmen ----------------------------------------------------------------

    def massnahmen(self, leitlinie: int | None = None) -> list[dict]:
        with self.db.session() as s:
            query = (
                select(Massnahme)
                .options(
                    selectinload(Massnahme.leitlinie),
                    selectinload(Massnahme.handlungsfeld),
                    selectinload(Massnahme.indicators),
                )
                .order_by(Massnahme.code)
            )
            if leitlinie is not None:
                query = query.join(Leitlinie, Leitlinie.id == Massnahme.leitlinie_id).where(
                    Leitlinie.number == leitlinie
                )
            return [
                {
                    "id": m.id,
                    "code": m.code,
                    "title": m.title,
                    "description": m.description,
                    "status": m.status,
                    "responsible_unit": m.responsible_unit,
                    "start": m.start,
                    "end": m.end,
                    "progress_note": m.progress_note,
                    "leitlinie": m.leitlinie.number,
                    "handlungsfeld": m.handlungsfeld.code,
                    "handlungsfeld_title": m.handlungsfeld.title_de,
                    "is_example": m.is_example,
                    "version": m.version,
                    "updated_at": m.updated_at,
                    "indicators": [i.id for i in m.indicators],
                }
                for m in s.scalars(query)
            ]

    def massnahme(self, massnahme_id: int) -> dict | None:
        """One Maßnahme (same fields as ``massnahmen()``) or None."""
        with self.db.session() as s:
            code = s.scalar(select(Massnahme.code).where(Massnahme.id == massnahme_id))
        if code is None:
            return None
        return next((m for m in self.massnahmen_by_codes([code])), None)

    def massnahmen_by_codes(self, codes: list[str]) -> list[dict]:
        wanted = set(codes)
        return [m for m in self.massnahmen() if m["code"] in wanted]

    def massnahme_history(self, massnahme_ids: list[int] | None = None) -> dict[int, list[dict]]:
        """The change history per Maßnahme id, newest first."""
        with self.db.session() as s:
            query = select(MassnahmeChange).order_by(MassnahmeChange.changed_at.desc(), MassnahmeChange.id.desc())
            if massnahme_ids is not None:
                query = query.where(MassnahmeChange.massnahme_id.in_(list(massnahme_ids)))
            history: dict[int, list[dict]] = {}
            for c in s.scalars(query):
                history.setdefault(c.massnahme_id, []).append(
                    {
                        "changed_at": c.changed_at,
                        "changed_by": c.changed_by,
                        "field": c.field,
                        "old_value": c.old_value,
                        "new_value": c.new_value,
                        "comment": c.comment,
                    }
                )
            return history

    def massnahmen_last_change(self) -> dict[int, object]:
        """When each Maßnahme was last changed (newest history entry), by Maßnahme id."""
        from sqlalchemy import func

        with self.db.session() as s:
            rows = s.execute(
                select(MassnahmeChange.massnahme_id, func.max(MassnahmeChange.changed_at)).group_by(
                    MassnahmeChange.massnahme_id
                )
            ).all()
            return dict(rows)

    # -- Users ----------------------------------------------------------------------

    def user(self, username: str) -> dict | None:
        """A user with the password hash (for sign-in only; never send it to a browser)."""
        with self.db.session() as s:
            u = s.scalar(select(User).where(User.username == username))
            if u is None:
                return None
            return {
                "username": u.username,
                "display_name": u.display_name,
                "role": u.role,
                "password_hash": u.password_hash,
            }

    def users(self) -> list[dict]:
        """All users without their password hashes."""
        with self.db.session() as s:
            return [
                {"username": u.username, "display_name": u.display_name, "role": u.role}
                for u in s.scalars(select(User).order_by(User.username))
            ]

    def delete_user(self, username: str) -> bool:
        with self.db.session() as s:
            u = s.scalar(select(User).where(User.username == username))
            if u is None:
                return False
            s.delete(u)
            return True

    def save_user(self, username: str, password_hash: str, display_name: str = "") -> bool:
        """Create the user or set a new password; True when the user is new."""
        with self.db.session() as s:
            u = s.scalar(select(User).where(User.username == username))
            created = u is None
            if created:
                u = User(username=username, password_hash=password_hash, display_name=display_name or username)
                s.add(u)
            else:
                u.password_hash = password_hash
                if display_name:
                    u.display_name = display_name
            return created

    # -- Presentation agendas ---------------------------------------------------------

    def agendas(self) -> list[dict]:
        with self.db.session() as s:
            return [_agenda_dict(a) for a in s.scalars(select(Agenda).order_by(Agenda.name))]

    def agenda(self, name: str) -> dict | None:
        with self.db.session() as s:
            a = s.scalar(select(Agenda).where(Agenda.name == name))
            return _agenda_dict(a) if a else None

    def save_agenda(self, name: str, title: str, slides: list[str]) -> bool:
        """Create or replace the named agenda; True when it is new."""
        with self.db.session() as s:
            a = s.scalar(select(Agenda).where(Agenda.name == name))
            created = a is None
            if created:
                a = Agenda(name=name)
                s.add(a)
            a.title = title
            a.slides = json.dumps(list(slides))
            return created

    def delete_agenda(self, name: str) -> bool:
        with self.db.session() as s:
            a = s.scalar(select(Agenda).where(Agenda.name == name))
            if a is None:
                return False
            s.delete(a)
            return True


def _agenda_dict(a: Agenda) -> dict:
    return {"name": a.name, "title": a.title, "slides": json.loads(a.slides or "[]"), "created_at": a.created_at}
