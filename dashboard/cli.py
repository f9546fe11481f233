"""The ``dashboard`` command line (``[project.scripts]``)."""

from __future__ import annotations

import logging
import sys

import click

from .settings import Settings


@click.group()
@click.option("--kommune", default=None, help="Kommune-Konfiguration (Standard: BM_KOMMUNE oder halle).")
@click.pass_context
def main(ctx: click.Context, kommune: str | None) -> None:
    """Bildungsmonitor: Daten laden, importieren, Berichte erzeugen."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    overrides = {"kommune": kommune} if kommune else {}
    ctx.obj = Settings.from_env(**overrides)


@main.command("load")
@click.pass_obj
def load_command(settings: Settings) -> None:
    """Lädt die Kommune (Konfiguration und Datenquellen) neu in die Datenbank."""
    from .db import Database
    from .kommune import KommuneConfigError, load_kommune
    from .loader import load

    try:
        config = load_kommune(settings.kommune_file, settings.shared_data)
    except KommuneConfigError as exc:
        click.echo(f"Fehler: {exc}", err=True)
        sys.exit(2)
    db = Database(settings.resolved_database_url)
    report = load(db, config, settings.shared_data)
    click.echo(report.summary())


@main.command("demo-geo")
def demo_geo_command() -> None:
    """Schreibt die Platzhalter-Geometrie für Halle (geo/halle/) neu."""
    from .sources import halle_geo

    halle_geo.write()
    click.echo("geo/halle/ neu geschrieben (Platzhalter-Umrisse).")


@main.command("run")
@click.option("--host", default="127.0.0.1")
@click.option("--port", default=8050, type=int)
@click.option("--debug/--no-debug", default=False)
@click.pass_obj
def run_command(settings: Settings, host: str, port: int, debug: bool) -> None:
    """Startet den Entwicklungsserver."""
    from .app import create_app

    create_app(settings).run(host=host, port=port, debug=debug)


from .massnahmen_cli import massnahmen_group, user_group  # noqa: E402

main.add_command(user_group)
main.add_command(massnahmen_group)

from .ingest.cli import export_command, import_group  # noqa: E402

main.add_command(import_group)
main.add_command(export_command)

from .db_cli import db_group  # noqa: E402

main.add_command(db_group)

from .reports.cli import report_group  # noqa: E402

main.add_command(report_group)

from .agenda_cli import agenda_group  # noqa: E402

main.add_command(agenda_group)

if __name__ == "__main__":  # pragma: no cover
    main()
