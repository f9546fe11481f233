"""Database schema under Alembic migrations (``migrations/``).

``upgrade(db)`` brings any database to the newest revision: an empty one is
built by running every migration, one made by an older version is upgraded in
place (its data kept), and one created before migrations existed (by
``create_all``, matching the first revision) is stamped with that revision
first. ``prepare_database`` also loads the Kommune when the database is empty.

On PostgreSQL both run under an advisory lock, so several instances starting
at once migrate and load exactly once.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect, select

from .db import Database
from .models import Meta
from .settings import ROOT

log = logging.getLogger(__name__)
# Alembic announces each of its plugins at INFO on every start; only its upgrades matter.
logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)

MIGRATIONS = ROOT / "migrations"
INITIAL_REVISION = "0001"
VERSION_TABLE = "alembic_version"
# Any fixed 64-bit number; all Bildungsmonitor instances on one database share it.
ADVISORY_LOCK_ID = 7_341_202_611


def alembic_config(url: str, connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@functools.cache
def head_revision() -> str:
    return ScriptDirectory(str(MIGRATIONS)).get_current_head()


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


@contextmanager
def _exclusive(db: Database) -> Iterator[None]:
    """Hold a PostgreSQL advisory lock (no-op on SQLite, which locks the file itself)."""
    if db.engine.dialect.name != "postgresql":
        yield
        return
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql(f"SELECT pg_advisory_lock({ADVISORY_LOCK_ID})")
        try:
            yield
        finally:
            conn.exec_driver_sql(f"SELECT pg_advisory_unlock({ADVISORY_LOCK_ID})")


def _upgrade_unlocked(db: Database, revision: str = "head") -> tuple[str | None, str | None]:
    with db.engine.begin() as conn:
        tables = set(inspect(conn).get_table_names())
        before = MigrationContext.configure(conn).get_current_revision()
        config = alembic_config(db.url, conn)
        if before is None and Meta.__tablename__ in tables:
            # Created by create_all, without migrations: the first revision, or the newest
            # when create_all already built today's models.
            before = head_revision() if not _differences(conn) else INITIAL_REVISION
            log.info("Datenbank ohne Migrationsstand: als Revision %s markiert.", before)
            command.stamp(config, before)
        if before != head_revision() or revision != "head":
            command.upgrade(config, revision)
        after = MigrationContext.configure(conn).get_current_revision()
    if before != after:
        log.info("Datenbankschema aktualisiert: %s -> %s", before or "leer", after)
    return before, after


def _differences(conn: Connection) -> list:
    """What differs between the database and models.py (empty: the same schema)."""
    from alembic.autogenerate import compare_metadata

    from .models import Base

    context = MigrationContext.configure(conn, opts={"compare_type": True})
    return compare_metadata(context, Base.metadata)


def upgrade(db: Database, revision: str = "head") -> tuple[str | None, str | None]:
    """Migrate ``db`` to ``revision``; returns (revision before, revision after)."""
    with _exclusive(db):
        return _upgrade_unlocked(db, revision)


def is_loaded(db: Database) -> bool:
    with db.session() as session:
        return session.scalar(select(Meta.value).where(Meta.key == "kommune")) is not None


def prepare_database(db: Database, kommune, shared: Path, *, load_if_empty: bool = True) -> None:
    """On start: migrate, then load the Kommune into an empty database (once, under a lock)."""
    from .loader import load

    with _exclusive(db):
        _upgrade_unlocked(db)
        if load_if_empty and not is_loaded(db):
            report = load(db, kommune, shared)
            log.info(report.summary())
