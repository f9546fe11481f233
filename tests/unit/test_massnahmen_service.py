"""Editing Maßnahmen: history rows, version check (SQLite and PostgreSQL), nothing half-written."""

import datetime as dt

import pytest
from sqlalchemy import select

from dashboard.db import Database
from dashboard.kommune import load_kommune
from dashboard.loader import load
from dashboard.massnahmen_service import EditError, StaleVersionError, edit_massnahme
from dashboard.models import Massnahme, MassnahmeChange
from dashboard.repository import Repository
from dashboard.settings import ROOT, SHARED_REAL_DEFAULT

KLEINSTADT = ROOT / "tests" / "fixtures" / "kleinstadt" / "kommune.toml"


@pytest.fixture
def db(any_db_url):
    database = Database(any_db_url)
    load(database, load_kommune(KLEINSTADT, SHARED_REAL_DEFAULT), SHARED_REAL_DEFAULT)
    yield database
    database.dispose()


def _k1(db):
    return Repository(db).massnahmen()[0]


def test_an_edit_writes_one_history_row_per_changed_field(db):
    before = _k1(db)
    result = edit_massnahme(
        db,
        before["id"],
        expected_version=before["version"],
        changes={"status": "umgesetzt", "responsible_unit": "Bauamt", "end": dt.date(2027, 6, 30)},
        user="anna",
        comment="Lenkungsgruppe 11/2026",
    )
    assert result.changed == ("status", "end")  # the unit did not change
    after = _k1(db)
    assert after["status"] == "umgesetzt" and after["end"] == dt.date(2027, 6, 30)
    assert after["version"] == before["version"] + 1 == result.version
    history = Repository(db).massnahme_history([before["id"]])[before["id"]]
    rows = {h["field"]: h for h in history}
    assert rows["status"]["old_value"] == "in Planung" and rows["status"]["new_value"] == "umgesetzt"
    assert rows["end"]["old_value"] == "2026-12-31" and rows["end"]["new_value"] == "2027-06-30"
    assert {h["changed_by"] for h in history} == {"anna"}
    assert {h["comment"] for h in history} == {"Lenkungsgruppe 11/2026"}


def test_the_late_editor_gets_a_clear_message_and_nothing_is_overwritten(db):
    loaded = _k1(db)  # both editors load version 1
    edit_massnahme(
        db, loaded["id"], expected_version=loaded["version"], changes={"status": "umgesetzt"}, user="anna", comment="a"
    )
    with pytest.raises(StaleVersionError, match="inzwischen von jemand anderem geändert"):
        edit_massnahme(
            db,
            loaded["id"],
            expected_version=loaded["version"],
            changes={"status": "zurückgestellt", "progress_note": "von Ben"},
            user="ben",
            comment="b",
        )
    after = _k1(db)
    assert after["status"] == "umgesetzt" and after["progress_note"] == ""
    history = Repository(db).massnahme_history([loaded["id"]])[loaded["id"]]
    assert [h["changed_by"] for h in history] == ["anna"]


def test_a_write_that_lands_between_read_and_update_is_refused(db, monkeypatch):
    """The version column catches a concurrent commit after our version check."""
    loaded = _k1(db)
    import dashboard.massnahmen_service as service

    original = service._text
    done = []

    def concurrent_write(value):
        # Another worker commits after our version check, before our UPDATE.
        if not done:
            done.append(1)
            with db.session() as s:
                s.scalars(select(Massnahme).where(Massnahme.id == loaded["id"])).one().status = "umgesetzt"
        return original(value)

    monkeypatch.setattr(service, "_text", concurrent_write)
    with pytest.raises(StaleVersionError):
        edit_massnahme(
            db,
            loaded["id"],
            expected_version=loaded["version"],
            changes={"status": "zurückgestellt"},
            user="ben",
            comment="b",
        )
    assert _k1(db)["status"] == "umgesetzt"


def test_a_failed_write_leaves_the_previous_state(db, monkeypatch):
    loaded = _k1(db)

    def broken_flush(*_args, **_kwargs):
        raise RuntimeError("Datenbank weg")

    from sqlalchemy.orm import Session

    monkeypatch.setattr(Session, "flush", broken_flush)
    with pytest.raises(RuntimeError):
        edit_massnahme(
            db,
            loaded["id"],
            expected_version=loaded["version"],
            changes={"status": "umgesetzt"},
            user="anna",
            comment="x",
        )
    monkeypatch.undo()
    after = _k1(db)
    assert after["status"] == loaded["status"] and after["version"] == loaded["version"]
    with db.session() as s:
        assert s.scalars(select(MassnahmeChange)).all() == []


@pytest.mark.parametrize(
    ("changes", "comment", "message"),
    [
        ({"status": "fertig"}, "x", "Unbekannter Status"),
        ({"status": "umgesetzt"}, "  ", "Kommentar"),
        ({"end": dt.date(2020, 1, 1)}, "x", "Ende liegt vor dem Beginn"),
        ({"status": "in Planung"}, "x", "Keine Änderung"),
        ({"title": "neu"}, "x", "können nicht geändert werden"),
    ],
)
def test_invalid_edits_are_refused_in_german(db, changes, comment, message):
    loaded = _k1(db)
    with pytest.raises(EditError, match=message):
        edit_massnahme(
            db, loaded["id"], expected_version=loaded["version"], changes=changes, user="anna", comment=comment
        )
    assert _k1(db)["version"] == loaded["version"]


def test_two_editors_saving_at_the_same_moment_one_wins_one_is_told(db):
    """Real threads, real connections: exactly one save is stored, the other gets the message."""
    import threading

    loaded = _k1(db)
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def editor(name: str, status: str) -> None:
        barrier.wait()
        try:
            edit_massnahme(
                db,
                loaded["id"],
                expected_version=loaded["version"],
                changes={"status": status},
                user=name,
                comment=f"von {name}",
            )
            outcomes[name] = "saved"
        except StaleVersionError:
            outcomes[name] = "stale"

    threads = [
        threading.Thread(target=editor, args=("anna", "umgesetzt")),
        threading.Thread(target=editor, args=("ben", "zurückgestellt")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes.values()) == ["saved", "stale"], outcomes
    winner = next(name for name, outcome in outcomes.items() if outcome == "saved")
    after = _k1(db)
    assert after["status"] == {"anna": "umgesetzt", "ben": "zurückgestellt"}[winner]
    assert after["version"] == loaded["version"] + 1
    history = Repository(db).massnahme_history([loaded["id"]])[loaded["id"]]
    assert [h["changed_by"] for h in history] == [winner]
