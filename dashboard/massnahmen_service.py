"""Writing the Maßnahmen register: edits with history and version check, imports.

Every write happens in one transaction (``Database.session``): either the
Maßnahme, its history rows and its new version are all stored, or nothing is.
Callbacks and the CLI call these functions; they hold no SQL themselves.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError

from .db import Database
from .models import (
    MASSNAHME_STATUSES,
    Handlungsfeld,
    ImportRun,
    Indicator,
    Leitlinie,
    Massnahme,
    MassnahmeChange,
)

# Fields a Bildungsmanager may change in the UI, in form order.
EDITABLE_FIELDS = ("status", "progress_note", "responsible_unit", "start", "end")

FIELD_LABELS = {
    "status": "Status",
    "progress_note": "Fortschrittsnotiz",
    "responsible_unit": "Verantwortliche Stelle",
    "start": "Beginn",
    "end": "Ende",
    "title": "Titel",
    "description": "Beschreibung",
    "leitlinie": "Leitlinie",
    "handlungsfeld": "Handlungsfeld",
    "indicators": "Indikatoren",
    "is_example": "Beispiel",
}


class EditError(ValueError):
    """The edit is refused; the message is German and meant for the user."""


class StaleVersionError(EditError):
    """Someone else saved the Maßnahme after this editor loaded it."""


@dataclass(frozen=True)
class EditResult:
    version: int
    changed: tuple[str, ...]


def _text(value) -> str | None:
    """How a value is written into the history (dates as ISO, empty as None)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def validate_changes(changes: dict) -> dict:
    """Check an edit's values; returns them cleaned. Raises EditError in German."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise EditError(f"Diese Felder können nicht geändert werden: {', '.join(sorted(unknown))}.")
    clean = dict(changes)
    if "status" in clean and clean["status"] not in MASSNAHME_STATUSES:
        raise EditError(f"Unbekannter Status „{clean['status']}“. Erlaubt sind: {', '.join(MASSNAHME_STATUSES)}.")
    for key in ("progress_note", "responsible_unit"):
        if key in clean:
            clean[key] = (clean[key] or "").strip()
    for key in ("start", "end"):
        if key in clean and clean[key] is not None and not isinstance(clean[key], dt.date):
            raise EditError(f"{FIELD_LABELS[key]}: kein gültiges Datum.")
    return clean


def edit_massnahme(
    db: Database,
    massnahme_id: int,
    *,
    expected_version: int,
    changes: dict,
    user: str,
    comment: str,
    now: dt.datetime | None = None,
) -> EditResult:
    """Change a Maßnahme and write one history row per changed field.

    ``expected_version`` is the version the editor loaded. When someone saved in
    between, nothing is written and ``StaleVersionError`` says so. The check is
    done twice: here, and by SQLAlchemy's version column in the UPDATE itself,
    which also catches a write that lands between our read and our update.
    """
    if not user:
        raise EditError("Nicht angemeldet: Änderungen sind nur nach der Anmeldung möglich.")
    comment = (comment or "").strip()
    if not comment:
        raise EditError("Bitte einen Kommentar angeben: Jede Änderung wird mit Begründung protokolliert.")
    clean = validate_changes(changes)
    now = now or dt.datetime.now()
    try:
        with db.session() as s:
            m = s.get(Massnahme, massnahme_id)
            if m is None:
                raise EditError(f"Maßnahme {massnahme_id} gibt es nicht (mehr).")
            if m.version != expected_version:
                raise StaleVersionError(_stale_message(m.code))
            start = clean.get("start", m.start)
            end = clean.get("end", m.end)
            if start and end and end < start:
                raise EditError("Das Ende liegt vor dem Beginn. Bitte die Daten prüfen.")
            changed = []
            for key in EDITABLE_FIELDS:
                if key not in clean:
                    continue
                old, new = getattr(m, key), clean[key]
                if _text(old) == _text(new):
                    continue
                changed.append(key)
                s.add(
                    MassnahmeChange(
                        massnahme_id=m.id,
                        changed_at=now,
                        changed_by=user,
                        field=key,
                        old_value=_text(old),
                        new_value=_text(new),
                        comment=comment,
                    )
                )
                setattr(m, key, new)
            if not changed:
                raise EditError("Keine Änderung: Alle Werte sind schon so gespeichert.")
            m.updated_at = now
            s.flush()
            return EditResult(version=m.version, changed=tuple(changed))
    except StaleDataError as exc:
        raise StaleVersionError(_stale_message(None)) from exc


def _stale_message(code: str | None) -> str:
    which = f"Maßnahme {code}" if code else "Diese Maßnahme"
    return (
        f"{which} wurde inzwischen von jemand anderem geändert. Ihre Änderung wurde nicht gespeichert, "
        "damit nichts überschrieben wird. Bitte laden Sie die Seite neu, prüfen Sie den aktuellen Stand "
        "und tragen Sie Ihre Änderung dann erneut ein."
    )


# -- The whole register: export and import --------------------------------------------

REGISTER_FIELDS = (
    "code",
    "title",
    "description",
    "leitlinie",
    "handlungsfeld",
    "status",
    "responsible_unit",
    "start",
    "end",
    "progress_note",
    "indicators",
    "is_example",
)


def register_rows(db: Database) -> list[dict]:
    """Every Maßnahme as one flat row (the register), ordered by code."""
    with db.session() as s:
        query = (
            select(Massnahme)
            .options(
                selectinload(Massnahme.leitlinie),
                selectinload(Massnahme.handlungsfeld),
                selectinload(Massnahme.indicators),
            )
            .order_by(Massnahme.code)
        )
        rows = [_row_of(m) for m in s.scalars(query)]
        return rows


def register_catalogue(db: Database) -> dict:
    """What an imported register may refer to: Leitlinien, Handlungsfelder, indicators."""
    with db.session() as s:
        return {
            "leitlinien": set(s.scalars(select(Leitlinie.number))),
            "handlungsfelder": set(s.scalars(select(Handlungsfeld.code))),
            "indicators": set(s.scalars(select(Indicator.id))),
        }


@dataclass
class ImportSummary:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: int = 0
    not_in_file: list[str] = field(default_factory=list)

    def text(self) -> str:
        parts = [
            f"{len(self.added)} neu",
            f"{len(self.changed)} geändert",
            f"{self.unchanged} unverändert",
        ]
        text = "Import abgeschlossen: " + ", ".join(parts) + "."
        if self.not_in_file:
            text += (
                f" {len(self.not_in_file)} Maßnahmen stehen nicht in der Datei und bleiben unverändert "
                f"({', '.join(self.not_in_file[:10])}{' …' if len(self.not_in_file) > 10 else ''})."
            )
        return text


def import_register(db: Database, rows: list[dict], *, user: str, filename: str, content: bytes = b"") -> ImportSummary:
    """Store a validated register (see ``ingest.massnahmen.read_register``) in one transaction.

    Maßnahmen are matched by code: new codes are added, changed fields are
    written with a history row each (comment: the file name), and Maßnahmen not in
    the file are left as they are (an import never deletes). An ``ImportRun``
    keeps the previous state of every touched Maßnahme.
    """
    summary = ImportSummary()
    now = dt.datetime.now()
    comment = f"Import aus {filename}"
    with db.session() as s:
        leitlinien = {ll.number: ll for ll in s.scalars(select(Leitlinie))}
        felder = {hf.code: hf for hf in s.scalars(select(Handlungsfeld))}
        existing = {
            m.code: m
            for m in s.scalars(
                select(Massnahme).options(
                    selectinload(Massnahme.leitlinie),
                    selectinload(Massnahme.handlungsfeld),
                    selectinload(Massnahme.indicators),
                )
            )
        }
        previous = {}
        for row in rows:
            indicators = [s.get(Indicator, i) for i in row["indicators"]]
            m = existing.get(row["code"])
            if m is None:
                m = Massnahme(
                    code=row["code"],
                    title=row["title"],
                    description=row["description"],
                    status=row["status"],
                    responsible_unit=row["responsible_unit"],
                    start=row["start"],
                    end=row["end"],
                    progress_note=row["progress_note"],
                    leitlinie=leitlinien[row["leitlinie"]],
                    handlungsfeld=felder[row["handlungsfeld"]],
                    is_example=row["is_example"],
                    indicators=indicators,
                    updated_at=now,
                )
                s.add(m)
                summary.added.append(row["code"])
                continue
            before = _row_of(m)
            diffs = [key for key in REGISTER_FIELDS if key != "code" and _text_of(before[key]) != _text_of(row[key])]
            if not diffs:
                summary.unchanged += 1
                continue
            previous[m.code] = {k: _text_of(v) for k, v in before.items()}
            for key in diffs:
                s.add(
                    MassnahmeChange(
                        massnahme=m,
                        changed_at=now,
                        changed_by=user,
                        field=key,
                        old_value=_text_of(before[key]),
                        new_value=_text_of(row[key]),
                        comment=comment,
                    )
                )
                if key == "leitlinie":
                    m.leitlinie = leitlinien[row[key]]
                elif key == "handlungsfeld":
                    m.handlungsfeld = felder[row[key]]
                elif key == "indicators":
                    m.indicators = indicators
                else:
                    setattr(m, key, row[key])
            m.updated_at = now
            summary.changed.append(m.code)
        in_file = {row["code"] for row in rows}
        summary.not_in_file = sorted(set(existing) - in_file)
        s.add(
            ImportRun(
                kind="massnahmen",
                filename=filename,
                sha256=hashlib.sha256(content).hexdigest(),
                imported_by=user,
                imported_at=now,
                rows_added=len(summary.added),
                rows_changed=len(summary.changed),
                previous_state=json.dumps(previous, ensure_ascii=False),
            )
        )
    return summary


def _row_of(m: Massnahme) -> dict:
    return {
        "code": m.code,
        "title": m.title,
        "description": m.description,
        "leitlinie": m.leitlinie.number,
        "handlungsfeld": m.handlungsfeld.code,
        "status": m.status,
        "responsible_unit": m.responsible_unit,
        "start": m.start,
        "end": m.end,
        "progress_note": m.progress_note,
        "indicators": tuple(sorted(i.id for i in m.indicators)),
        "is_example": m.is_example,
    }


def _text_of(value) -> str | None:
    if isinstance(value, tuple | list):
        return ", ".join(value) or None
    if isinstance(value, bool):
        return "ja" if value else "nein"
    return _text(value)
