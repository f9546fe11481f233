"""Import, update and rollback on SQLite and on the real PostgreSQL (TEST_DATABASE_URL)."""

from __future__ import annotations

import pandas as pd

from dashboard.db import Database, create_schema
from dashboard.ingest import service, writer
from dashboard.repository import Repository


def small_database(url: str) -> Database:
    db = Database(url)
    create_schema(db.engine)
    areas = [{"code": "C", "name": "Teststadt", "level": "stadt", "parent_code": None}]
    areas += [{"code": f"V{n}", "name": f"Viertel {n}", "level": "viertel", "parent_code": "C"} for n in range(1, 5)]
    writer.write_areas(db, areas, filename="setup", sha256="-", user="test")
    writer.write_catalogue(
        db,
        [{"id": "kinder", "name_de": "Kinder", "kind": "count", "unit": "Anzahl", "multiplier": 1.0, "min_count": 3}],
        filename="setup",
        sha256="-",
        user="test",
    )
    return db


def test_import_update_rollback_and_public_suppression(any_db_url):
    db = small_database(any_db_url)
    repo = Repository(db)
    first = b"Indikator;Gebiet;2023;2024\nkinder;V1;10;2\nkinder;V2;20;25\nkinder;V3;30;31\nkinder;V4;0;0\n"
    plan = service.prepare_indicators(repo, first, "kinder.csv")
    assert plan.ok, plan.report.texts()
    one = service.commit(db, plan, user="test")
    assert (one.rows_added, one.rows_changed) == (8, 0)

    public = repo.values("kinder", level="viertel").set_index(["area_code", "year"])
    # V1 2024 (2 children) is suppressed; V2 (25) is the smallest positive sibling and goes with it,
    # so the city total (58) minus the visible V3 and V4 does not give V1 back.
    assert pd.isna(public.loc[("V1", 2024), "value"]) and pd.isna(public.loc[("V2", 2024), "value"])
    assert public.loc[("V3", 2024), "value"] == 31 and public.loc[("V4", 2024), "value"] == 0
    assert public.loc[("V1", 2023), "value"] == 10
    city = repo.values("kinder", level="stadt").set_index("year")
    assert city.loc[2024, "value"] == 58

    update = b"Indikator;Gebiet;Jahr;Wert\nkinder;V1;2023;12\n"
    two = service.commit(db, service.prepare_indicators(repo, update, "korrektur.csv"), user="test")
    assert (two.rows_added, two.rows_changed) == (0, 1)
    service.rollback(db, two.run_id, user="test")
    assert repo.value_table(["kinder"]).set_index(["area", "year"]).loc[("V1", 2023), "value"] == 10
    service.rollback(db, one.run_id, user="test")
    assert repo.value_table(["kinder"]).empty
    db.dispose()
