"""Writing imports: one transaction, recorded, rolled back; round trip; catalogue; geodata."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import func, select

from dashboard.db import Database
from dashboard.ingest import service
from dashboard.ingest.export import to_csv
from dashboard.ingest.writer import RollbackError
from dashboard.kommune import load_kommune
from dashboard.models import Area, ImportRun, IndicatorValue
from dashboard.repository import Repository
from dashboard.settings import ROOT, SHARED_REAL_DEFAULT

FIXTURES = Path(__file__).parent.parent / "fixtures" / "import"


@pytest.fixture
def halle(halle_db, tmp_path):
    """A private copy of the session's Halle database (writes allowed)."""
    path = tmp_path / "halle.sqlite3"
    # The backup API copies a WAL-mode database consistently (a file copy would miss the -wal file).
    source = sqlite3.connect(halle_db.engine.url.database)
    target = sqlite3.connect(path)
    source.backup(target)
    source.close()
    target.close()
    db = Database(f"sqlite:///{path}")
    yield db, Repository(db)
    db.dispose()


@pytest.fixture(scope="module")
def halle_config():
    return load_kommune(ROOT / "data" / "halle" / "kommune.toml", SHARED_REAL_DEFAULT)


def stored(db, indicator_id: str) -> pd.DataFrame:
    return Repository(db).value_table([indicator_id]).set_index(["area", "year"]).sort_index()


def test_import_writes_records_and_rolls_back_to_the_previous_state(halle):
    db, repo = halle
    before = stored(db, "kita_quote_u3")
    year = int(before.index.get_level_values("year").max())
    data = (
        "Indikator;Gebiet;Jahr;Wert;Zähler;Nenner\n"
        f"kita_quote_u3;SV-01;{year};12,5;25;200\n"  # changes a stored value
        f"kita_quote_u3;SV-01;{year + 1};13;26;200\n"  # adds a new one
        f"kita_quote_u3;SV-02;{year + 1};1;2;200\n"  # a small count: stored flagged
    ).encode()
    plan = service.prepare_indicators(repo, data, "update.csv")
    assert plan.ok, plan.report.texts()
    result = service.commit(db, plan, user="heike")
    assert (result.rows_added, result.rows_changed) == (2, 1)
    after = stored(db, "kita_quote_u3")
    assert after.loc[("SV-01", year), "value"] == 12.5
    assert after.loc[("SV-02", year + 1), "flag"] == "suppressed"
    public = repo.values("kita_quote_u3", level="stadtviertel")
    row = public[(public["area_code"] == "SV-02") & (public["year"] == year + 1)].iloc[0]
    assert pd.isna(row["value"]) and pd.isna(row["numerator"])
    runs = repo.import_runs()
    assert runs[0]["filename"] == "update.csv" and runs[0]["imported_by"] == "heike"
    assert runs[0]["sha256"] == service.sha256(data)
    assert (runs[0]["rows_added"], runs[0]["rows_changed"]) == (2, 1)

    service.rollback(db, result.run_id, user="heike")
    pd.testing.assert_frame_equal(stored(db, "kita_quote_u3"), before)
    runs = repo.import_runs()
    assert runs[0]["kind"] == "rollback" and runs[1]["rolled_back"]
    with pytest.raises(RollbackError, match=f"Import {result.run_id} \\(update.csv\\) wurde bereits zurückgenommen."):
        service.rollback(db, result.run_id, user="heike")


def test_an_older_import_cannot_be_rolled_back_over_a_newer_one(halle):
    db, repo = halle
    first = service.commit(
        db,
        service.prepare_indicators(repo, b"Indikator;Gebiet;Jahr;Wert\nschulanfaenger;SV-01;2026;100\n", "a.csv"),
        user="x",
    )
    second = service.commit(
        db,
        service.prepare_indicators(repo, b"Indikator;Gebiet;Jahr;Wert\nschulanfaenger;SV-01;2026;110\n", "b.csv"),
        user="x",
    )
    with pytest.raises(RollbackError) as exc:
        service.rollback(db, first.run_id, user="x")
    assert str(exc.value) == (
        f"Import {first.run_id} kann nicht zurückgenommen werden, weil danach Import {second.run_id} (b.csv) "
        f"eingespielt wurde. Bitte zuerst Import {second.run_id} zurücknehmen."
    )
    service.rollback(db, second.run_id, user="x")
    assert stored(db, "schulanfaenger").loc[("SV-01", 2026), "value"] == 100
    service.rollback(db, first.run_id, user="x")
    assert ("SV-01", 2026) not in stored(db, "schulanfaenger").index


def test_a_failing_write_leaves_nothing_behind(halle, monkeypatch):
    db, repo = halle
    plan = service.prepare_indicators(repo, b"Indikator;Gebiet;Jahr;Wert\nschulanfaenger;SV-01;2026;100\n", "a.csv")
    with db.session() as s:
        n_values, n_runs = s.scalar(select(func.count(IndicatorValue.id))), s.scalar(select(func.count(ImportRun.id)))
    from dashboard.ingest import writer

    def broken(*_args, **_kwargs):
        raise RuntimeError("Festplatte voll")

    monkeypatch.setattr(writer, "_record", broken)
    with pytest.raises(RuntimeError):
        service.commit(db, plan, user="x")
    with db.session() as s:
        assert s.scalar(select(func.count(IndicatorValue.id))) == n_values
        assert s.scalar(select(func.count(ImportRun.id))) == n_runs


def test_round_trip_import_export_reimport_gives_equal_values(halle):
    db, repo = halle
    ids = ["kita_quote_u3", "schulanfaenger", "inkar_share_abitur"]
    original = repo.value_table(ids)
    exported = to_csv(original)
    # Re-import into a fresh copy after deleting the values: everything must come back equal.
    with db.session() as s:
        s.execute(IndicatorValue.__table__.delete().where(IndicatorValue.indicator_id.in_(ids)))
    plan = service.prepare_indicators(repo, exported, "export.csv")
    assert plan.ok, plan.report.texts("error")[:5]
    result = service.commit(db, plan, user="rt")
    assert result.rows_added == len(original)
    again = repo.value_table(ids)
    pd.testing.assert_frame_equal(again.reset_index(drop=True), original.reset_index(drop=True))
    # And a second import of the same export changes nothing.
    same = service.commit(db, service.prepare_indicators(repo, exported, "export.csv"), user="rt")
    assert (same.rows_added, same.rows_changed) == (0, 0)


def test_catalogue_import_adds_an_indicator_that_values_can_then_use(halle, halle_config):
    db, repo = halle
    catalogue = (
        "ID;Name;Name (en);Definition;Einheit;Nachkommastellen;Art;Faktor;Quelle;Lizenz;Polarität;"
        "Handlungsfeld;Leitlinien;Zielwert;Zieljahr;Mindestfallzahl;Ebene;Beispieldaten\n"
        "ganztag_quote;Ganztagsquote;All-day school rate;Anteil der Schüler:innen im Ganztag;%;1;Anteil;100;"
        "Schulamt;CC BY 4.0;höher ist besser;;1, 2;60;2030;5;stadtviertel;ja\n"
    ).encode()
    plan = service.prepare_catalogue(repo, halle_config, catalogue, "katalog.csv")
    assert plan.ok, plan.report.texts()
    service.commit(db, plan, user="x")
    info = repo.indicator("ganztag_quote")
    assert (info.name_en, info.kind, info.polarity, info.min_count, info.leitlinien) == (
        "All-day school rate",
        "rate",
        "higher_better",
        5,
        (1, 2),
    )
    assert info.target_value == 60 and info.is_demo
    values = service.prepare_indicators(repo, b"Indikator;Gebiet;Jahr;Wert\nganztag_quote;SV-01;2024;45\n", "v.csv")
    assert values.ok, values.report.texts()
    bad = service.prepare_catalogue(repo, halle_config, b"ID;Name;Art\nx1;X;Prozent\n", "k.csv")
    assert bad.report.texts("error") == [
        "k.csv, Zeile 2, Spalte „Art“: Unbekannte Art „Prozent“. Erlaubt: Anteil (rate), Anzahl (count), "
        "Mittelwert (mean), Index."
    ]


def geojson(features) -> bytes:
    return json.dumps({"type": "FeatureCollection", "features": features}).encode()


def test_geodata_with_invalid_polygons_is_repaired_and_reported(halle, halle_config):
    db, repo = halle
    data = (FIXTURES / "invalid_polygons.geojson").read_bytes()
    plan = service.prepare_geo(
        repo,
        halle_config,
        data,
        "invalid_polygons.geojson",
        level="stadtviertel",
        code_field="code",
        name_field="name",
        parent_field="bezirk",
    )
    assert plan.ok, plan.report.texts()
    repaired = [t for t in plan.report.texts("warning") if "repariert" in t]
    assert repaired == [
        "invalid_polygons.geojson: 1 ungültige Fläche(n) wurden repariert (make_valid): Schleife (NEU-1): "
        "Selbstüberschneidung bei 11.97 51.49. Bitte die Umrisse prüfen; das Original bleibt für Exporte erhalten."
    ]
    result = service.commit(db, plan, user="x")
    assert result.rows_added == 2
    areas = repo.areas("stadtviertel").set_index("code")
    assert areas.loc["NEU-1", "parent_code"] == "SB-MITTE"
    feature = next(f for f in repo.geojson("stadtviertel")["features"] if f["id"] == "NEU-1")
    import shapely.geometry

    assert shapely.geometry.shape(feature["geometry"]).is_valid
    with db.session() as s:
        original = s.scalar(select(Area.geometry_original).where(Area.code == "NEU-1"))
    assert json.loads(original)["coordinates"][0][1] == [11.98, 51.5]  # the original bow-tie is kept
    service.rollback(db, result.run_id, user="x")
    assert "NEU-1" not in set(repo.areas("stadtviertel")["code"])


def test_shapefile_without_prj_is_refused(halle, halle_config):
    _db, repo = halle
    plan = service.prepare_geo(
        repo,
        halle_config,
        (FIXTURES / "shapefile_without_prj.zip").read_bytes(),
        "shapefile_without_prj.zip",
        level="stadtviertel",
        code_field="code",
        name_field="name",
    )
    assert plan.report.texts("error") == [
        "shapefile_without_prj.zip: Im Shapefile „flaechen.shp“ fehlt die .prj-Datei mit dem "
        "Koordinatenbezugssystem. Ohne sie ist unklar, wo die Flächen liegen. Bitte die .prj-Datei mit in das "
        "ZIP-Archiv packen."
    ]


def test_geopackage_in_another_crs_is_reprojected_and_parents_found_by_location(halle, halle_config, tmp_path):
    import geopandas as gpd
    import shapely

    db, repo = halle
    bezirk = next(f for f in repo.geojson("stadtbezirk")["features"] if f["id"] == "SB-NORD")
    inner = shapely.geometry.shape(bezirk["geometry"]).representative_point().buffer(0.002)
    frame = gpd.GeoDataFrame({"nr": ["T-1"], "bez": ["Testviertel"]}, geometry=[inner], crs="EPSG:4326")
    frame.to_crs("EPSG:25832").to_file(tmp_path / "t.gpkg", driver="GPKG")
    plan = service.prepare_geo(
        repo,
        halle_config,
        (tmp_path / "t.gpkg").read_bytes(),
        "t.gpkg",
        level="stadtviertel",
        code_field="nr",
        name_field="bez",
    )
    assert plan.ok, plan.report.texts()
    service.commit(db, plan, user="x")
    assert repo.areas("stadtviertel").set_index("code").loc["T-1", "parent_code"] == "SB-NORD"
    feature = next(f for f in repo.geojson("stadtviertel")["features"] if f["id"] == "T-1")
    lon, lat = shapely.geometry.shape(feature["geometry"]).centroid.coords[0]
    assert 11.8 < lon < 12.1 and 51.4 < lat < 51.6  # WGS84, not UTM metres
    missing = service.prepare_geo(
        repo,
        halle_config,
        (tmp_path / "t.gpkg").read_bytes(),
        "t.gpkg",
        level="stadtviertel",
        code_field="code",
        name_field="bez",
    )
    assert missing.report.texts("error") == [
        "t.gpkg: Das Feld „code“ (Code) gibt es nicht. Vorhandene Felder: nr, bez."
    ]


def test_catalogue_update_changes_only_the_given_columns_and_rolls_back(halle, halle_config):
    db, repo = halle
    before = repo.indicator("schulanfaenger")
    plan = service.prepare_catalogue(
        repo, halle_config, b"ID;Name;Mindestfallzahl\nschulanfaenger;Schulanf\xc3\xa4nger:innen;5\n", "k.csv"
    )
    assert plan.ok, plan.report.texts()
    run = service.commit(db, plan, user="x")
    after = repo.indicator("schulanfaenger")
    assert (after.name_de, after.min_count) == ("Schulanfänger:innen", 5)
    # Columns the file leaves out keep their stored values (no silent reset to defaults).
    assert (after.kind, after.multiplier, after.polarity, after.leitlinien) == (
        before.kind,
        before.multiplier,
        before.polarity,
        before.leitlinien,
    )
    service.rollback(db, run.run_id, user="x")
    assert repo.indicator("schulanfaenger") == before


def test_an_import_from_before_a_full_reload_cannot_be_rolled_back(halle):
    import datetime as dt

    from dashboard.models import Meta

    db, repo = halle
    plan = service.prepare_indicators(repo, b"Indikator;Gebiet;Jahr;Wert\nschulanfaenger;SV-01;2026;100\n", "a.csv")
    run = service.commit(db, plan, user="x")
    later = (dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)).isoformat(timespec="seconds")
    with db.session() as s:
        s.merge(Meta(key="loaded_at", value=later))
    with pytest.raises(RollbackError) as exc:
        service.rollback(db, run.run_id, user="x")
    assert str(exc.value).startswith(
        f"Import {run.run_id} (a.csv) stammt von vor dem letzten vollständigen Laden der Daten (dashboard load, "
    )
