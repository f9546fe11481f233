"""Without ../shared/data/real the app still runs, on demo data only."""

from dashboard.app import create_app
from dashboard.db import Database
from dashboard.kommune import load_kommune
from dashboard.loader import load
from dashboard.settings import ROOT


def test_halle_runs_on_demo_data_when_the_real_data_is_absent(make_settings, tmp_path):
    settings = make_settings(shared_data_dir=str(tmp_path / "no-such-folder"))
    app = create_app(settings)
    repo = app.server.extensions["bildungsmonitor"].repo
    ids = {ind.id for ind in repo.indicators()}
    assert ids and all(not i.startswith("inkar_") for i in ids)
    assert all(ind.is_demo for ind in repo.indicators())
    report = repo.meta()["load_report"]
    assert "INKAR-Daten nicht gefunden" in report
    assert app.server.test_client().get("/").status_code == 200


def test_magdeburg_without_real_data_says_what_is_missing(tmp_path):
    missing = tmp_path / "absent"
    db = Database(f"sqlite:///{tmp_path / 'md.sqlite3'}")
    report = load(db, load_kommune(ROOT / "data" / "magdeburg" / "kommune.toml", missing), missing)
    assert report.areas == 1  # only the city itself
    assert any("KISS-MD-Daten nicht gefunden" in reason for reason in report.skipped)
    assert any("Geodaten nicht gefunden" in reason for reason in report.skipped)
