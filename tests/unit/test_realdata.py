"""Real data from ../shared/data/real: Magdeburg (OSM + KISS-MD) and INKAR for Halle."""

import pandas as pd
import pytest

from dashboard.db import Database
from dashboard.kommune import load_kommune
from dashboard.loader import load
from dashboard.repository import Repository
from dashboard.settings import ROOT


@pytest.fixture(scope="module")
def magdeburg(tmp_path_factory, shared_dir):
    db = Database(f"sqlite:///{tmp_path_factory.mktemp('md') / 'md.sqlite3'}")
    load(db, load_kommune(ROOT / "data" / "magdeburg" / "kommune.toml", shared_dir), shared_dir)
    return Repository(db)


def test_magdeburg_has_its_40_real_stadtteile(magdeburg, shared_dir):
    areas = magdeburg.areas("stadtteil")
    mapping = pd.read_csv(shared_dir / "magdeburg-kiss-md" / "stadtteil_nr_mapping.csv", dtype=str)
    assert len(areas) == 40
    assert set(areas["code"]) == set(mapping["stadtteil_nr"])
    assert not areas["placeholder"].any()
    geo = magdeburg.geojson("stadtteil")
    assert len(geo["features"]) == 40
    sources = {s["key"]: s for s in magdeburg.sources()}
    assert "ODbL" in sources["osm_magdeburg"]["licence"]
    assert "Amt für Statistik" in sources["kiss_md"]["publisher"]


def test_magdeburg_pupils_match_the_kiss_table(magdeburg, shared_dir):
    table = pd.read_csv(
        shared_dir / "magdeburg-kiss-md" / "derived" / "md_schulen_nach_stadtteil_2008_2023.csv",
        dtype={"stadtteil_nr": str},
    )
    altstadt_2008 = table[(table["stadtteil_nr"] == "01") & (table["jahr"] == 2008)]["var5_schueler"].iloc[0]
    values = magdeburg.values("md_schueler", level="stadtteil")
    got = values[(values["area_code"] == "01") & (values["year"] == 2008)]["value"].iloc[0]
    assert got == altstadt_2008 == 3710
    indicator = magdeburg.indicator("md_schueler")
    assert "erschlossen" in indicator.definition_de  # the inference is said, not hidden


def test_magdeburg_jugendquote_city_is_aggregated_from_counts(magdeburg, shared_dir):
    ages = pd.read_csv(
        shared_dir / "magdeburg-kiss-md" / "derived" / "md_bevoelkerung_altersgruppen_2021_2025.csv",
        dtype={"stadtteil_nr": str},
    )
    city = ages[ages["stadtteil_nr"] == "15003"]
    if city.empty:
        city = ages.groupby("jahr").sum(numeric_only=True).reset_index()
    row = city[city["jahr"] == 2025].iloc[0]
    expected = (row["alter_0_6"] + row["alter_7_17"]) / (row["alter_18_44"] + row["alter_45_64"]) * 100
    values = magdeburg.values("md_jugendquote", level="stadt")
    got = values[values["year"] == 2025]["value"].iloc[0]
    assert got == pytest.approx(expected, rel=1e-3)


def test_halle_inkar_values_are_the_real_ones(halle_db, shared_dir):
    repo = Repository(halle_db)
    raw = pd.read_csv(shared_dir / "inkar-kreise-gerda" / "inkar_kreise_1995_2022.csv", dtype={"county_code": str})
    halle = raw[raw["county_code"] == "15002"].set_index("year")
    values = repo.values("inkar_share_no_degree", level="stadt").set_index("year")
    assert values.loc[2022, "value"] == pytest.approx(halle.loc[2022, "share_no_degree"])
    info = repo.indicator("inkar_share_no_degree")
    assert not info.is_demo and "dl-de/by-2-0" in info.licence
    refs = repo.reference_values("inkar_share_no_degree")
    st = raw[raw["county_code"].str.startswith("15")]
    median_2022 = st[st["year"] == 2022]["share_no_degree"].median()
    got = refs[(refs["area_code"] == "ST-KREISE-MEDIAN") & (refs["year"] == 2022)]["value"].iloc[0]
    assert got == pytest.approx(median_2022)
    # No invented Land average: every Land reference says what it is.
    names = set(refs["area_name"])
    assert "Sachsen-Anhalt: Median der Kreise" in names
    assert not any(name == "Sachsen-Anhalt" for name in names)
