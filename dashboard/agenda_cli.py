"""CLI: ``dashboard agenda save|list|show|delete`` (named slide sequences for /praesentation)."""

from __future__ import annotations

import sys

import click

from .settings import Settings


def _repo(settings: Settings):
    from .db import Database
    from .migrate import upgrade
    from .repository import Repository

    db = Database(settings.resolved_database_url)
    upgrade(db)
    return Repository(db)


@click.group("agenda")
def agenda_group() -> None:
    """Agenden für den Präsentationsmodus (/praesentation?agenda=NAME) verwalten."""


@agenda_group.command("save")
@click.argument("name")
@click.option(
    "--slides",
    required=True,
    help="Folien, durch Kommas getrennt: uebersicht, ll1 … ll8, ind:<Indikator-ID>, z. B. 'uebersicht,ll1,ind:kita_quote_u3'.",
)
@click.option("--title", default="", help="Titel der Sitzung, z. B. 'Lenkungsgruppe März 2026'.")
@click.pass_obj
def agenda_save(settings: Settings, name: str, slides: str, title: str) -> None:
    """Speichert die Agenda NAME (oder ersetzt sie)."""
    from .compute.agenda import check_agenda_name, parse_slides

    try:
        name = check_agenda_name(name)
    except ValueError as exc:
        click.echo(f"Fehler: {exc}", err=True)
        sys.exit(2)
    repo = _repo(settings)
    parsed = parse_slides(
        slides,
        leitlinien=[ll["number"] for ll in repo.leitlinien()],
        indicators=[ind.id for ind in repo.indicators()],
        param="--slides",
    )
    if parsed.errors or not parsed.slides:
        for error in parsed.errors or ["--slides: keine Folie angegeben."]:
            click.echo(f"Fehler: {error}", err=True)
        click.echo("Nichts gespeichert.", err=True)
        sys.exit(2)
    created = repo.save_agenda(name, title, [s.token for s in parsed.slides])
    verb = "angelegt" if created else "ersetzt"
    click.echo(f"Agenda {name} {verb}: {len(parsed.slides)} Folien. Aufruf: /praesentation?agenda={name}")


@agenda_group.command("list")
@click.pass_obj
def agenda_list(settings: Settings) -> None:
    """Zeigt alle gespeicherten Agenden."""
    agendas = _repo(settings).agendas()
    if not agendas:
        click.echo("Keine Agenden gespeichert.")
    for a in agendas:
        click.echo(f"{a['name']}\t{a['title']}\t{','.join(a['slides'])}")


@agenda_group.command("delete")
@click.argument("name")
@click.pass_obj
def agenda_delete(settings: Settings, name: str) -> None:
    """Löscht die Agenda NAME."""
    if not _repo(settings).delete_agenda(name):
        click.echo(f"Fehler: Die Agenda {name} gibt es nicht.", err=True)
        sys.exit(2)
    click.echo(f"Agenda {name} gelöscht.")
