"""``dashboard import ...``: the command-line entrance to the import (same code path as /import)."""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

import click

from ..formatting import format_date
from ..settings import Settings
from . import service
from .limits import Limits, too_large_message
from .report import ERROR


def _services(settings: Settings):
    from ..db import Database, create_schema
    from ..kommune import load_kommune
    from ..repository import Repository

    kommune = load_kommune(settings.kommune_file, settings.shared_data)
    db = Database(settings.resolved_database_url)
    create_schema(db.engine)
    return kommune, db, Repository(db)


def _limits(settings: Settings) -> Limits:
    return Limits.from_mb(getattr(settings, "import_max_mb", None))


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "cli"


def _read(path: Path, limits: Limits) -> bytes:
    # Refuse by size before reading a huge file into memory.
    size = path.stat().st_size
    if size > limits.max_bytes:
        click.echo(f"Fehler: {path.name}: {too_large_message(size, limits)}", err=True)
        click.echo("Import abgebrochen. Es wurde nichts gespeichert.", err=True)
        sys.exit(1)
    return path.read_bytes()


def _print_report(plan: service.Plan) -> None:
    for issue in plan.report.issues:
        label = "Fehler" if issue.severity == ERROR else "Warnung"
        click.echo(f"{label}: {issue.text()}", err=issue.severity == ERROR)
    if plan.report.suppressed_issues:
        click.echo(f"… und {plan.report.suppressed_issues} weitere gleichartige Meldungen.", err=True)


def _finish(plan: service.Plan, db, dry_run: bool, progress_label: str | None = None) -> None:
    _print_report(plan)
    if not plan.ok:
        n = len(plan.report.errors)
        click.echo(f"Import abgebrochen: {n} Fehler. Es wurde nichts gespeichert.", err=True)
        sys.exit(1)
    click.echo(f"Geprüft: {plan.filename}: {plan.summary_text()} {len(plan.report.warnings)} Warnung(en).")
    if dry_run:
        click.echo("Probelauf (--dry-run): nichts gespeichert.")
        return
    if progress_label and len(plan.rows) > 2000:
        with click.progressbar(length=100, label=progress_label) as bar:
            done = [0]

            def advance(fraction: float) -> None:
                target = int(fraction * 100)
                if target > done[0]:
                    bar.update(target - done[0])
                    done[0] = target

            result = service.commit(db, plan, user=_user(), progress=advance)
            advance(1.0)
    else:
        result = service.commit(db, plan, user=_user())
    click.echo(result.text())


@click.group("import")
def import_group() -> None:
    """Daten importieren: Indikatorwerte, Indikatorenkatalog, Geodaten; Importe zurücknehmen."""


@import_group.command("indicators")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--sheet", default=None, help="Blattname in einer XLSX-Datei (Standard: das erste Blatt).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["long", "wide"]),
    default=None,
    help="Lang- oder Breitformat (Standard: erkannt).",
)
@click.option("--dry-run", is_flag=True, help="Nur prüfen, nichts speichern.")
@click.pass_obj
def indicators_command(settings: Settings, file: Path, sheet, fmt, dry_run) -> None:
    """Indikatorwerte aus CSV oder XLSX (Lang- oder Breitformat) importieren."""
    _kommune, db, repo = _services(settings)
    limits = _limits(settings)
    data = _read(file, limits)
    with click.progressbar(length=100, label=f"Lese {file.name}") as bar:
        done = [0]

        def advance(fraction: float) -> None:
            target = int(fraction * 100)
            if target > done[0]:
                bar.update(target - done[0])
                done[0] = target

        plan = service.prepare_indicators(repo, data, file.name, sheet=sheet, fmt=fmt, limits=limits, progress=advance)
        advance(1.0)
    _finish(plan, db, dry_run, progress_label="Schreibe Werte")


@import_group.command("catalogue")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--sheet", default=None, help="Blattname in einer XLSX-Datei.")
@click.option("--dry-run", is_flag=True, help="Nur prüfen, nichts speichern.")
@click.pass_obj
def catalogue_command(settings: Settings, file: Path, sheet, dry_run) -> None:
    """Den Indikatorenkatalog (eine Zeile je Indikator) importieren."""
    kommune, db, repo = _services(settings)
    limits = _limits(settings)
    plan = service.prepare_catalogue(repo, kommune, _read(file, limits), file.name, sheet=sheet, limits=limits)
    _finish(plan, db, dry_run)


@import_group.command("geo")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--level", required=True, help="Ebene, z. B. stadtviertel (Halle) oder stadtteil (Magdeburg).")
@click.option("--code-field", required=True, help="Eigenschaft mit dem Gebietscode.")
@click.option("--name-field", required=True, help="Eigenschaft mit dem Gebietsnamen.")
@click.option("--parent-field", default=None, help="Eigenschaft mit dem übergeordneten Gebiet (Code oder Name).")
@click.option("--dry-run", is_flag=True, help="Nur prüfen, nichts speichern.")
@click.pass_obj
def geo_command(settings: Settings, file: Path, level, code_field, name_field, parent_field, dry_run) -> None:
    """Gebietsgrenzen aus GeoJSON, Shapefile (ZIP) oder GeoPackage importieren."""
    kommune, db, repo = _services(settings)
    limits = _limits(settings)
    plan = service.prepare_geo(
        repo,
        kommune,
        _read(file, limits),
        file.name,
        level=level,
        code_field=code_field,
        name_field=name_field,
        parent_field=parent_field,
        limits=limits,
    )
    _finish(plan, db, dry_run)


@import_group.command("rollback")
@click.argument("run_id", type=int)
@click.pass_obj
def rollback_command(settings: Settings, run_id: int) -> None:
    """Einen Import zurücknehmen (den Stand davor wiederherstellen)."""
    from .writer import RollbackError

    _kommune, db, _repo = _services(settings)
    try:
        result = service.rollback(db, run_id, user=_user())
    except RollbackError as exc:
        click.echo(f"Fehler: {exc}", err=True)
        sys.exit(1)
    click.echo(
        f"Import {run_id} zurückgenommen ({result.rows_changed} Zeile(n) wiederhergestellt; Eintrag {result.run_id})."
    )


@import_group.command("list")
@click.pass_obj
def list_command(settings: Settings) -> None:
    """Alle Importe und Rücknahmen, die neuesten zuerst."""
    _kommune, _db, repo = _services(settings)
    runs = repo.import_runs()
    if not runs:
        click.echo("Noch keine Importe.")
        return
    for run in runs:
        state = " (zurückgenommen)" if run["rolled_back"] else ""
        click.echo(
            f"{run['id']:>4}  {format_date(run['imported_at'])}  {run['kind']:<10}  {run['filename']}  "
            f"+{run['rows_added']} ~{run['rows_changed']}  {run['imported_by'] or '–'}  "
            f"sha256:{run['sha256'][:12]}{state}"
        )


@click.command("export-values")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--indicator", "indicators", multiple=True, help="Nur diese Indikatoren (mehrfach möglich).")
@click.pass_obj
def export_command(settings: Settings, file: Path, indicators) -> None:
    """Gespeicherte Werte im Langformat als CSV ausgeben (re-importierbar; enthält gesperrte Werte)."""
    from .export import to_csv

    _kommune, _db, repo = _services(settings)
    table = repo.value_table(list(indicators) or None)
    file.write_bytes(to_csv(table))
    click.echo(f"{len(table)} Werte nach {file} geschrieben (nur für den internen Gebrauch: enthält gesperrte Werte).")
