"""CLI: ``dashboard user create NAME`` and ``dashboard massnahmen export|import FILE``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .settings import Settings


def _db(settings: Settings):
    from .db import Database
    from .migrate import upgrade

    # Migrate rather than create_all, so a model change without a revision is not hidden.
    db = Database(settings.resolved_database_url)
    upgrade(db)
    return db


@click.group("user")
def user_group() -> None:
    """Benutzerinnen und Benutzer (Bildungsmanager) verwalten."""


@user_group.command("create")
@click.argument("username")
@click.option("--display-name", default="", help="Angezeigter Name (Standard: der Benutzername).")
@click.option("--password-stdin", is_flag=True, help="Passwort aus der Standardeingabe lesen (erste Zeile).")
@click.pass_obj
def user_create(settings: Settings, username: str, display_name: str, password_stdin: bool) -> None:
    """Legt USERNAME an oder setzt ein neues Passwort. Gespeichert wird nur ein scrypt-Hash."""
    from .auth import check_new_password, hash_password
    from .repository import Repository

    username = username.strip()
    if not username:
        click.echo("Fehler: Der Benutzername ist leer.", err=True)
        sys.exit(2)
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Passwort", hide_input=True, confirmation_prompt="Passwort wiederholen")
    try:
        check_new_password(password)
    except ValueError as exc:
        click.echo(f"Fehler: {exc}", err=True)
        sys.exit(2)
    created = Repository(_db(settings)).save_user(username, hash_password(password), display_name)
    click.echo(f"Benutzer {username} {'angelegt' if created else 'aktualisiert (neues Passwort)'}.")


@user_group.command("list")
@click.pass_obj
def user_list(settings: Settings) -> None:
    """Zeigt alle Benutzer (ohne Passwörter)."""
    from .repository import Repository

    users = Repository(_db(settings)).users()
    for user in users:
        click.echo(f"{user['username']}\t{user['display_name']}\t{user['role']}")
    if not users:
        click.echo("Keine Benutzer angelegt. Anlegen mit: dashboard user create NAME")


@user_group.command("delete")
@click.argument("username")
@click.pass_obj
def user_delete(settings: Settings, username: str) -> None:
    """Löscht USERNAME; laufende Sitzungen dieses Benutzers enden sofort."""
    from .repository import Repository

    if not Repository(_db(settings)).delete_user(username):
        click.echo(f"Fehler: Benutzer {username} gibt es nicht.", err=True)
        sys.exit(2)
    click.echo(f"Benutzer {username} gelöscht.")


@click.group("massnahmen")
def massnahmen_group() -> None:
    """Das Maßnahmenregister exportieren und importieren (XLSX oder CSV)."""


def _format_of(path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in ("xlsx", "csv"):
        click.echo(f"Fehler: {path.name}: erlaubt sind .xlsx und .csv.", err=True)
        sys.exit(2)
    return suffix


@massnahmen_group.command("export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
def massnahmen_export(settings: Settings, file: Path) -> None:
    """Schreibt das ganze Maßnahmenregister nach FILE (.xlsx oder .csv mit ';')."""
    from .ingest.massnahmen import write_register
    from .massnahmen_service import register_rows

    fmt = _format_of(file)
    rows = register_rows(_db(settings))
    file.write_bytes(write_register(rows, fmt))
    click.echo(f"{len(rows)} Maßnahmen nach {file} exportiert.")


@massnahmen_group.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--user", "user", default="cli", help="Wer importiert (steht in der Historie).")
@click.pass_obj
def massnahmen_import(settings: Settings, file: Path, user: str) -> None:
    """Liest das Maßnahmenregister aus FILE. Bei einem Fehler wird nichts geändert."""
    from .ingest.massnahmen import RegisterError, read_register
    from .massnahmen_service import import_register, register_catalogue

    _format_of(file)
    db = _db(settings)
    content = file.read_bytes()
    try:
        rows = read_register(content, file.name, register_catalogue(db))
    except RegisterError as exc:
        click.echo(f"Fehler: {exc}", err=True)
        sys.exit(1)
    summary = import_register(db, rows, user=user, filename=file.name, content=content)
    _invalidate_running_apps(settings)
    click.echo(summary.text())


def _invalidate_running_apps(settings: Settings) -> None:
    """Tell running workers (sharing the Redis cache) that the data changed."""
    if not settings.redis_url:
        return
    from .app import create_app
    from .cache import invalidate_data

    app = create_app(settings, load_if_empty=False)
    with app.server.app_context():
        invalidate_data()
