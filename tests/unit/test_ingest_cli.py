"""The command line: `dashboard import ...` with summary, refusal, list and rollback."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from dashboard.cli import main

FIXTURES = Path(__file__).parent.parent / "fixtures" / "import"


@pytest.fixture
def db_url(halle_db, tmp_path) -> str:
    path = tmp_path / "cli.sqlite3"
    source, target = sqlite3.connect(halle_db.engine.url.database), sqlite3.connect(path)
    source.backup(target)
    source.close()
    target.close()
    return f"sqlite:///{path}"


def run(db_url: str, *args: str):
    return CliRunner().invoke(main, ["import", *args], env={"DATABASE_URL": db_url, "BM_KOMMUNE": "halle"})


def test_cli_imports_lists_and_rolls_back(db_url):
    result = run(db_url, "indicators", str(FIXTURES / "good_long_cp1252.csv"))
    assert result.exit_code == 0, result.output
    assert (
        "Geprüft: good_long_cp1252.csv: 2 Werte für 1 Indikator(en), 2 Gebiet(e), Jahr 2025 (Langformat, "
        "Trennzeichen „;“, Dezimalkomma, Windows-1252). 1 Warnung(en)." in result.output
    )
    assert (
        "Import 1 gespeichert: 2 Zeile(n) neu, 0 geändert. Rücknahme mit: dashboard import rollback 1" in result.output
    )
    listing = run(db_url, "list")
    assert "good_long_cp1252.csv  +2 ~0" in listing.output
    rolled = run(db_url, "rollback", "1")
    assert rolled.exit_code == 0 and "Import 1 zurückgenommen" in rolled.output
    again = run(db_url, "rollback", "1")
    assert again.exit_code == 1
    assert "Fehler: Import 1 (good_long_cp1252.csv) wurde bereits zurückgenommen." in again.output


def test_cli_refuses_a_bad_file_and_writes_nothing(db_url):
    result = run(db_url, "indicators", str(FIXTURES / "unknown_area.csv"))
    assert result.exit_code == 1
    assert (
        "Fehler: unknown_area.csv, Zeile 2, Spalte „Gebiet“: Unbekanntes Gebiet „Nördliche Neustatd“." in result.output
    )
    assert "Import abgebrochen: 1 Fehler. Es wurde nichts gespeichert." in result.output
    assert "Noch keine Importe." in run(db_url, "list").output


def test_cli_refuses_an_oversized_file_before_reading_it(db_url, tmp_path):
    big = tmp_path / "gross.csv"
    with big.open("wb") as out:
        out.truncate(50 * 1024 * 1024)  # a sparse 50 MB file: refused by its size alone
    result = run(db_url, "indicators", str(big))
    assert result.exit_code == 1
    assert (
        "Fehler: gross.csv: Die Datei ist 50,0 MB groß; erlaubt sind höchstens 20,0 MB. Bitte die Datei "
        "aufteilen (z. B. ein Blatt oder einige Indikatoren je Datei)." in result.output
    )


def test_cli_geo_import_needs_a_prj(db_url):
    result = run(
        db_url,
        "geo",
        str(FIXTURES / "shapefile_without_prj.zip"),
        "--level",
        "stadtviertel",
        "--code-field",
        "code",
        "--name-field",
        "name",
    )
    assert result.exit_code == 1
    assert "fehlt die .prj-Datei mit dem Koordinatenbezugssystem" in result.output


def test_an_oversized_upload_request_is_refused_by_flask(make_settings):
    """The upload page's second guard: requests above BM_MAX_REQUEST_MB get 413 before any callback runs."""
    from dashboard.app import create_app

    app = create_app(make_settings(max_request_mb="1", import_max_mb="0.5"))
    client = app.server.test_client()
    body = (
        b'{"output": "import-report.children", "inputs": [], "state": [{"value": "' + b"A" * (2 * 1024 * 1024) + b'"}]}'
    )
    response = client.post("/_dash-update-component", data=body, content_type="application/json")
    assert response.status_code == 413


def test_an_import_inside_the_app_makes_cached_data_stale(make_settings):
    from dashboard.app import create_app
    from dashboard.cache import data_version
    from dashboard.ingest import service
    from dashboard.services import services

    app = create_app(make_settings())
    with app.server.app_context():
        before = data_version()
        svc = services()
        plan = service.prepare_indicators(svc.repo, (FIXTURES / "good_long_cp1252.csv").read_bytes(), "a.csv")
        result = service.commit(svc.db, plan, user="x")
        assert data_version() == before + 1
        service.rollback(svc.db, result.run_id, user="x")
        assert data_version() == before + 2
