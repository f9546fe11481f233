"""The import on real data: Magdeburg's KISS-MD tables and OSM Stadtteile (level ``stadtteil``).

The input files are derived at test time from ../shared/data/real (never copied
into the repository); the tests skip with a reason where it is absent.
"""

from __future__ import annotations

import io

import pandas as pd
import pytest

from dashboard.db import Database
from dashboard.ingest import service
from dashboard.kommune import load_kommune
from dashboard.loader import load
from dashboard.repository import Repository
from dashboard.settings import ROOT

pytestmark = pytest.mark.realdata


@pytest.fixture(scope="module")
def magdeburg(tmp_path_factory, shared_dir):
    if not (shared_dir / "magdeburg-kiss-md" / "derived").exists():
        pytest.skip(f"KISS-MD-Daten fehlen: {shared_dir / 'magdeburg-kiss-md' / 'derived'}")
    config = load_kommune(ROOT / "data" / "magdeburg" / "kommune.toml", shared_dir)
    db = Database(f"sqlite:///{tmp_path_factory.mktemp('md-import') / 'md.sqlite3'}")
    load(db, config, shared_dir)
    return config, db, Repository(db)


def test_a_wide_xlsx_derived_from_kiss_md_imports_by_stadtteil_name(magdeburg, shared_dir):
    config, db, repo = magdeburg
    ages = pd.read_csv(
        shared_dir / "magdeburg-kiss-md" / "derived" / "md_bevoelkerung_altersgruppen_2021_2025.csv",
        dtype={"stadtteil_nr": str},
    )
    catalogue = (
        "ID;Name;Einheit;Nachkommastellen;Art;Quelle;Mindestfallzahl;Ebene\n"
        "md_kinder_0_6;Kinder von 0 bis 6 Jahren;Anzahl;0;Anzahl;Landeshauptstadt Magdeburg, Amt für Statistik;3;"
        "stadtteil\n"
    ).encode("cp1252")
    plan = service.prepare_catalogue(repo, config, catalogue, "katalog.csv")
    assert plan.ok, plan.report.texts()
    service.commit(db, plan, user="test")

    # Wide, as Excel reports have it: one row per Stadtteil, years as columns; names
    # written without umlauts and in lower case, as a forgiving match must accept.
    wide = ages.pivot_table(index="stadtteil", columns="jahr", values="alter_0_6", aggfunc="first")
    wide.index = [
        name.lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss") for name in wide.index
    ]
    wide = wide.reset_index().rename(columns={"index": "Stadtteil"})
    wide.insert(0, "Indikator", "md_kinder_0_6")
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer) as writer:
        wide.to_excel(writer, sheet_name="Kinder", index=False)
    plan = service.prepare_indicators(repo, buffer.getvalue(), "kinder.xlsx", sheet="Kinder")
    assert plan.ok, plan.report.texts("error")
    assert plan.summary["format"] == "wide"
    result = service.commit(db, plan, user="test")
    rows = ages.dropna(subset=["alter_0_6"])
    assert result.rows_added == len(rows)  # 39 Stadtteile with people, and the city total row
    # "Magdeburg (Stadt gesamt)" is the city: its total is stored at the city level.
    city_rows = rows[rows["stadtteil_nr"] == "15003"]
    expected = rows[rows["stadtteil_nr"] != "15003"]
    assert len(city_rows) == 5

    stored = repo.value_table(["md_kinder_0_6"]).set_index(["area", "year"])
    for row in expected.itertuples():
        assert stored.loc[(row.stadtteil_nr, row.jahr), "value"] == row.alter_0_6
    city = repo.values("md_kinder_0_6", level="stadt", public=False).set_index("year")
    assert city.loc[2023, "value"] == city_rows[city_rows["jahr"] == 2023]["alter_0_6"].iloc[0]
    # The source's total differs from the sum of its Stadtteile by a few persons (14,063 vs 14,058
    # in 2023); within 0.1 % shows that no Stadtteil was lost or matched twice.
    total = expected[expected["jahr"] == 2023]["alter_0_6"].sum()
    assert abs(city.loc[2023, "value"] - total) / total < 0.001


def test_magdeburg_stadtteile_reimported_from_a_geopackage_in_utm(magdeburg, shared_dir, tmp_path):
    import geopandas as gpd

    config, db, repo = magdeburg
    osm = gpd.read_file(shared_dir / "magdeburg-stadtteile-osm" / "Stadtteile.geojson")
    mapping = pd.read_csv(shared_dir / "magdeburg-kiss-md" / "stadtteil_nr_mapping.csv", dtype=str)
    osm["nr"] = osm["name"].map(dict(zip(mapping["stadtteil_name"], mapping["stadtteil_nr"], strict=True)))
    osm.to_crs("EPSG:25832").to_file(tmp_path / "stadtteile.gpkg", driver="GPKG")
    plan = service.prepare_geo(
        repo,
        config,
        (tmp_path / "stadtteile.gpkg").read_bytes(),
        "stadtteile.gpkg",
        level="stadtteil",
        code_field="nr",
        name_field="name",
    )
    assert plan.ok, plan.report.texts()
    result = service.commit(db, plan, user="test")
    assert (result.rows_added, result.rows_changed) == (0, 40)
    areas = repo.areas("stadtteil")
    assert len(areas) == 40 and set(areas["parent_code"]) == {"15003"}
    assert len(repo.geojson("stadtteil")["features"]) == 40
