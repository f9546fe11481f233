"""Model and loader tests, run on SQLite and on the real PostgreSQL."""

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from dashboard.db import Database
from dashboard.kommune import load_kommune
from dashboard.loader import load
from dashboard.models import Area, IndicatorValue, Massnahme
from dashboard.repository import Repository
from dashboard.settings import ROOT, SHARED_REAL_DEFAULT

KLEINSTADT = ROOT / "tests" / "fixtures" / "kleinstadt" / "kommune.toml"
HALLE = ROOT / "data" / "halle" / "kommune.toml"


@pytest.fixture
def halle(any_db_url):
    db = Database(any_db_url)
    load(db, load_kommune(HALLE, SHARED_REAL_DEFAULT), SHARED_REAL_DEFAULT)
    yield db
    db.dispose()


def test_halle_loads_areas_hierarchy_and_maßnahmen(halle):
    repo = Repository(halle)
    viertel = repo.areas("stadtviertel")
    bezirke = repo.areas("stadtbezirk")
    assert len(viertel) == 41 and len(bezirke) == 5
    assert set(viertel["parent_code"]) == set(bezirke["code"])
    assert set(bezirke["parent_code"]) == {"15002"}
    assert viertel["placeholder"].all()
    assert len(repo.massnahmen()) == 61
    assert [ll["number"] for ll in repo.leitlinien()] == list(range(1, 9))


def test_bezirk_rates_come_from_summed_counts(halle):
    repo = Repository(halle)
    viertel = repo.values("kita_quote_u3", level="stadtviertel", public=False)
    bezirke = repo.values("kita_quote_u3", level="stadtbezirk", public=False)
    areas = repo.areas("stadtviertel")
    members = areas[areas["parent_code"] == "SB-WEST"]["code"]
    year = viertel[viertel["area_code"].isin(members)]
    year = year[year["year"] == 2015]
    expected = year["numerator"].sum() / year["denominator"].sum() * 100
    got = bezirke[(bezirke["area_code"] == "SB-WEST") & (bezirke["year"] == 2015)]["value"].iloc[0]
    assert got == pytest.approx(expected)
    assert got != pytest.approx(year["value"].mean())


def test_public_values_never_contain_suppressed_numbers(halle):
    repo = Repository(halle)
    private = repo.values("kita_quote_u3", level="stadtviertel", public=False)
    public = repo.values("kita_quote_u3", level="stadtviertel")
    suppressed = public["flag"] == "suppressed"
    assert suppressed.any()
    assert public.loc[suppressed, ["value", "numerator", "denominator"]].isna().all().all()
    assert private.loc[private["flag"] == "suppressed", "numerator"].notna().all()


def test_one_value_per_indicator_area_year(halle):
    with pytest.raises(IntegrityError):
        with halle.session() as s:
            existing = s.scalars(select(IndicatorValue).limit(1)).one()
            s.add(
                IndicatorValue(
                    indicator_id=existing.indicator_id, area_id=existing.area_id, year=existing.year, value=1.0
                )
            )


def test_massnahme_version_check_refuses_a_stale_write(halle):
    with halle.session() as s:
        code = s.scalars(select(Massnahme.code).order_by(Massnahme.code).limit(1)).one()
    first, second = halle._sessionmaker(), halle._sessionmaker()
    try:
        a = first.scalars(select(Massnahme).where(Massnahme.code == code)).one()
        b = second.scalars(select(Massnahme).where(Massnahme.code == code)).one()
        a.status = "umgesetzt"
        first.commit()
        b.status = "zurückgestellt"
        with pytest.raises(StaleDataError):
            second.commit()
    finally:
        first.close()
        second.close()
    with halle.session() as s:
        assert s.scalars(select(Massnahme.status).where(Massnahme.code == code)).one() == "umgesetzt"


def test_a_second_kommune_is_only_configuration(any_db_url):
    db = Database(any_db_url)
    report = load(db, load_kommune(KLEINSTADT, SHARED_REAL_DEFAULT), SHARED_REAL_DEFAULT)
    assert report.areas == 3  # the city and two Ortsteile
    repo = Repository(db)
    assert list(repo.areas("ortsteil")["name"]) == ["Nordteil", "Südteil"]
    assert repo.meta()["kommune_name"] == "Kleinstadt an der Test"
    with db.session() as s:
        city = s.scalars(select(Area).where(Area.code == "99001")).one()
        assert city.level == "stadt"
    db.dispose()


def test_reloading_replaces_instead_of_duplicating(halle):
    load(halle, load_kommune(HALLE, SHARED_REAL_DEFAULT), SHARED_REAL_DEFAULT)
    assert len(Repository(halle).areas("stadtviertel")) == 41


def test_the_app_runs_a_second_kommune_without_code_changes(make_settings):
    from dashboard.app import create_app
    from dashboard.pages import home

    app = create_app(make_settings(kommune=str(KLEINSTADT)))
    with app.server.test_request_context("/"):
        text = str(home.layout(query={}, lang="de").to_plotly_json())
    assert "Gute Bildung für alle Kinder in Kleinstadt" in text
    assert "Lernen im Ortsteil stärken" in text
    assert "Halle" not in text
