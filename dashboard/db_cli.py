"""``dashboard db ...``: the database schema under Alembic migrations."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

import click

from .settings import Settings

# Alembic announces each of its plugins at INFO when imported; only its upgrades matter.
logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)


@click.group("db")
def db_group() -> None:
    """Datenbankschema (Alembic-Migrationen)."""


@db_group.command("upgrade")
@click.option("--revision", default="head", show_default=True, help="Ziel-Revision.")
@click.pass_obj
def upgrade_command(settings: Settings, revision: str) -> None:
    """Bringt die Datenbank auf den neuesten Stand; vorhandene Daten bleiben erhalten."""
    from .db import Database
    from .migrate import upgrade

    db = Database(settings.resolved_database_url)
    before, after = upgrade(db, revision)
    db.dispose()
    if before == after:
        click.echo(f"Datenbankschema ist aktuell (Revision {after}).")
    else:
        click.echo(f"Datenbankschema aktualisiert: {before or 'leer'} -> {after}.")


@db_group.command("current")
@click.pass_obj
def current_command(settings: Settings) -> None:
    """Zeigt die Revision der Datenbank und die neueste Revision."""
    from .db import Database
    from .migrate import current_revision, head_revision

    db = Database(settings.resolved_database_url)
    click.echo(f"Datenbank: {current_revision(db) or 'keine'}; neueste: {head_revision()}")
    db.dispose()


@db_group.command("revision")
@click.option("-m", "--message", required=True, help="Kurzbeschreibung der Änderung.")
def revision_command(message: str) -> None:
    """Schreibt eine neue Migration aus dem Unterschied zwischen models.py und den Migrationen."""
    from alembic import command

    from .db import Database
    from .migrate import alembic_config, upgrade

    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite:///{Path(tmp) / 'head.sqlite3'}")
        upgrade(db)
        from .migrate import MIGRATIONS

        rev_id = f"{len(list((MIGRATIONS / 'versions').glob('[0-9]*.py'))) + 1:04d}"
        command.revision(alembic_config(db.url), message=message, autogenerate=True, rev_id=rev_id)
        db.dispose()
    click.echo("Neue Migration unter migrations/versions/ geschrieben: bitte prüfen und committen.")
