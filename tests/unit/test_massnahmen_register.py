"""Export and import of the whole Maßnahmen register (XLSX and CSV), CLI included."""

import datetime as dt

import pytest
from click.testing import CliRunner

from dashboard.cli import main
from dashboard.db import Database
from dashboard.ingest.massnahmen import HEADERS, RegisterError, read_register, write_register
from dashboard.kommune import load_kommune
from dashboard.loader import load
from dashboard.massnahmen_service import edit_massnahme, import_register, register_catalogue, register_rows
from dashboard.repository import Repository
from dashboard.settings import ROOT, SHARED_REAL_DEFAULT

HALLE = ROOT / "data" / "halle" / "kommune.toml"


@pytest.fixture
def db(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'register.sqlite3'}")
    load(database, load_kommune(HALLE, SHARED_REAL_DEFAULT), SHARED_REAL_DEFAULT)
    yield database
    database.dispose()


def _with_tricky_texts(db):
    """Edits that a careless export would lose: quotes, ;, line breaks, =formula, umlauts."""
    m = Repository(db).massnahmen()[0]
    edit_massnahme(
        db,
        m["id"],
        expected_version=m["version"],
        changes={"progress_note": '=SUMME(A1) "zitiert"; Zeile 1\nZeile 2 – Größe', "start": None},
        user="anna",
        comment="Test",
    )


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_round_trip_loses_nothing(db, fmt):
    _with_tricky_texts(db)
    before = register_rows(db)
    content = write_register(before, fmt)
    rows = read_register(content, f"register.{fmt}", register_catalogue(db))
    assert rows == before
    summary = import_register(db, rows, user="anna", filename=f"register.{fmt}", content=content)
    assert summary.changed == [] and summary.added == [] and summary.unchanged == 61
    assert register_rows(db) == before


def test_csv_uses_semicolons_and_a_bom(db):
    content = write_register(register_rows(db), "csv")
    assert content.startswith(b"\xef\xbb\xbf")
    assert content.decode("utf-8-sig").splitlines()[0] == ";".join(HEADERS)


def _csv_with(db, replace: dict[int, dict[str, str]]) -> bytes:
    rows = register_rows(db)
    for index, changes in replace.items():
        rows[index] = {**rows[index], **changes}
    return write_register(rows, "csv")


def test_bad_status_and_unknown_handlungsfeld_name_row_and_column_and_change_nothing(db):
    before = register_rows(db)
    content = _csv_with(db, {2: {"status": "fertig"}, 4: {"handlungsfeld": "HF99", "title": "Neu"}})
    with pytest.raises(RegisterError) as info:
        read_register(content, "kaputt.csv", register_catalogue(db))
    message = str(info.value)
    assert "kaputt.csv" in message and "nichts wurde geändert" in message
    assert "Zeile 4, Spalte „Status“: unbekannter Status „fertig“" in message
    assert "Zeile 6, Spalte „Handlungsfeld“: unbekanntes Handlungsfeld „HF99“" in message
    assert register_rows(db) == before


def test_import_changes_and_adds_with_history(db):
    rows = register_rows(db)
    rows[0] = {**rows[0], "status": "zurückgestellt"}
    rows.append({**rows[1], "code": "M99", "title": "Neue Maßnahme", "end": dt.date(2030, 1, 1)})
    content = write_register(rows, "xlsx")
    parsed = read_register(content, "neu.xlsx", register_catalogue(db))
    summary = import_register(db, parsed, user="anna", filename="neu.xlsx", content=content)
    assert summary.added == ["M99"] and summary.changed == [rows[0]["code"]]
    repo = Repository(db)
    first = next(m for m in repo.massnahmen() if m["code"] == rows[0]["code"])
    assert first["status"] == "zurückgestellt"
    history = repo.massnahme_history([first["id"]])[first["id"]]
    assert history[0]["comment"] == "Import aus neu.xlsx" and history[0]["new_value"] == "zurückgestellt"


def test_cli_export_import_and_refusal(db, tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", db.url)
    runner = CliRunner()
    target = tmp_path / "register.csv"
    result = runner.invoke(main, ["massnahmen", "export", str(target)])
    assert result.exit_code == 0, result.output
    assert "61 Maßnahmen" in result.output
    result = runner.invoke(main, ["massnahmen", "import", str(target)])
    assert result.exit_code == 0 and "61 unverändert" in result.output
    bad = tmp_path / "bad.csv"
    bad.write_bytes(target.read_bytes().replace(b";umgesetzt;", b";fertig;", 1))
    result = runner.invoke(main, ["massnahmen", "import", str(bad)])
    assert result.exit_code == 1
    assert "Spalte „Status“: unbekannter Status „fertig“" in result.output


def test_cli_creates_users_with_a_scrypt_hash_only(db, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", db.url)
    result = CliRunner().invoke(main, ["user", "create", "anna", "--password-stdin"], input="ein-langes-passwort\n")
    assert result.exit_code == 0, result.output
    stored = Repository(db).user("anna")
    assert stored["password_hash"].startswith("scrypt:")
    assert "ein-langes-passwort" not in stored["password_hash"]
    result = CliRunner().invoke(main, ["user", "create", "ben", "--password-stdin"], input="kurz\n")
    assert result.exit_code == 2 and "zu kurz" in result.output
    assert Repository(db).user("ben") is None


def test_cli_prompts_for_the_password_twice_lists_and_deletes_users(db, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", db.url)
    runner = CliRunner()
    result = runner.invoke(main, ["user", "create", "ben"], input="noch-ein-passwort\nnoch-ein-passwort\n")
    assert result.exit_code == 0 and "Benutzer ben angelegt" in result.output
    assert "noch-ein-passwort" not in result.output  # hidden input
    result = runner.invoke(main, ["user", "list"])
    assert result.output.startswith("ben\t") and "scrypt" not in result.output
    assert runner.invoke(main, ["user", "delete", "ben"]).exit_code == 0
    assert Repository(db).user("ben") is None
    result = runner.invoke(main, ["user", "delete", "ben"])
    assert result.exit_code == 2 and "gibt es nicht" in result.output
