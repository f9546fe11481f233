"""The schema lives in Alembic migrations; these tests keep them equal to models.py.

When one fails after a model change: write a revision with
``dashboard db revision -m "what changed"``, check it, and commit it with the model.
"""

import datetime as dt

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select

from dashboard.app import create_app
from dashboard.db import Database, create_schema
from dashboard.migrate import INITIAL_REVISION, current_revision, head_revision, upgrade
from dashboard.models import Base, Leitlinie, Meta


def schema_differences(db: Database) -> list:
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        return compare_metadata(context, Base.metadata)


def test_migrations_build_exactly_the_models_schema(any_db_url):
    db = Database(any_db_url)
    assert upgrade(db) == (None, head_revision())
    differences = schema_differences(db)
    assert differences == [], (
        "models.py and migrations/ differ: add a revision with "
        f'`dashboard db revision -m "..."` and commit it. Differences: {differences}'
    )
    db.dispose()


def test_upgrading_a_database_at_the_first_revision_keeps_its_data(any_db_url, make_settings):
    db = Database(any_db_url)
    upgrade(db, INITIAL_REVISION)
    with db.session() as s:
        s.add_all(
            [
                Meta(key="kommune", value="halle"),
                Meta(key="loaded_at", value="2020-01-01T00:00:00"),
                Leitlinie(number=1, title_de="Alte Leitlinie", title_en="", description_de=""),
            ]
        )
    # Starting the app upgrades (if there is anything to upgrade) and must not reload the data.
    app = create_app(make_settings(database_url=any_db_url))
    assert current_revision(db) == head_revision()
    with db.session() as s:
        assert s.scalar(select(Meta.value).where(Meta.key == "loaded_at")) == "2020-01-01T00:00:00"
        assert s.scalars(select(Leitlinie.title_de)).all() == ["Alte Leitlinie"]
    with app.server.test_client() as client:
        assert client.get("/readyz").status_code == 200
    app.server.extensions["bildungsmonitor"].db.dispose()
    db.dispose()


def test_a_database_from_before_migrations_is_stamped_not_recreated(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'legacy.sqlite3'}")
    # The first version's schema (revision 0001), as its create_all built it: no version table.
    upgrade(db, INITIAL_REVISION)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE alembic_version")
    with db.session() as s:
        s.add(Meta(key="loaded_at", value=dt.date(2021, 5, 1).isoformat()))
    before, after = upgrade(db)
    assert (before, after) == (INITIAL_REVISION, head_revision())
    with db.session() as s:
        assert s.scalar(select(Meta.value).where(Meta.key == "loaded_at")) == "2021-05-01"
    assert "alembic_version" in inspect(db.engine).get_table_names()
    assert schema_differences(db) == []


def test_a_database_made_by_create_all_of_todays_models_is_stamped_at_the_newest_revision(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'dev.sqlite3'}")
    create_schema(db.engine)
    assert upgrade(db) == (head_revision(), head_revision())


def test_upgrade_twice_changes_nothing(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'twice.sqlite3'}")
    upgrade(db)
    assert upgrade(db) == (head_revision(), head_revision())


def test_the_images_dashboard_command_migrates(tmp_path):
    """The Docker image runs ``python -m dashboard.cli`` as ``dashboard`` (code in /app, not site-packages)."""
    import os
    import subprocess
    import sys

    from dashboard.settings import ROOT

    url = f"sqlite:///{tmp_path / 'image.sqlite3'}"
    result = subprocess.run(
        [sys.executable, "-m", "dashboard.cli", "db", "upgrade"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert f"leer -> {head_revision()}" in result.stdout
    assert current_revision(Database(url)) == head_revision()
