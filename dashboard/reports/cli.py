"""``dashboard report faktencheck --year 2024 --out report.pdf``: the Faktencheck as PDF."""

from __future__ import annotations

import dataclasses
import sys
import time
from pathlib import Path

import click

from ..formatting import format_number
from ..settings import Settings


@click.group("report")
def report_group() -> None:
    """Berichte erzeugen (Faktencheck als PDF)."""


@report_group.command("faktencheck")
@click.option("--year", required=True, type=int, help="Berichtsjahr, z. B. 2024.")
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="Ziel-PDF.")
@click.option("--kommune", default=None, help="Kommune (Standard: wie beim dashboard-Befehl).")
@click.option("--gebiete", default="", help="Gebietsprofile für diese Codes, z. B. SV-37,SV-38.")
@click.option("--lang", type=click.Choice(["de", "en"]), default="de", show_default=True)
@click.option("--html", "html_out", type=click.Path(dir_okay=False, path_type=Path), help="Auch das HTML schreiben.")
@click.pass_obj
def faktencheck_command(
    settings: Settings, year: int, out: Path, kommune: str | None, gebiete: str, lang: str, html_out: Path | None
) -> None:
    """Erzeugt den Faktencheck eines Jahres als PDF (über Debians headless Chromium)."""
    from ..db import Database
    from ..kommune import KommuneConfigError, load_kommune
    from ..loader import is_loaded, load
    from ..repository import Repository
    from .faktencheck import ReportError, build_report, parse_gebiete, plan_report, report_pdf, standalone_html
    from .pdf import PdfError

    if kommune:
        settings = dataclasses.replace(settings, kommune=kommune)
    started = time.perf_counter()
    try:
        config = load_kommune(settings.kommune_file, settings.shared_data)
        db = Database(settings.resolved_database_url)
        if not is_loaded(db):
            click.echo(load(db, config, settings.shared_data).summary())
        repo = Repository(db)
        plan = plan_report(repo, config, year, gebiete=parse_gebiete(gebiete))
        with click.progressbar(length=plan.steps + 1, label="Faktencheck", show_pos=True) as bar:
            report = build_report(repo, config, year, lang=lang, plan=plan, progress=lambda _label: bar.update(1))
            if html_out:
                html_out.write_text(standalone_html(report), encoding="utf-8")
            pdf = report_pdf(report)
            bar.update(1)
    except (KommuneConfigError, ReportError, PdfError) as exc:
        click.echo(f"Fehler: {exc}", err=True)
        sys.exit(2)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(pdf)
    n = sum(len(ll.indicators) for ll in report.leitlinien)
    seconds = format_number(time.perf_counter() - started, 1)
    click.echo(
        f"{out}: {format_number(len(pdf) / 1024, 0)} KB, {n} Indikatoren, {len(report.leitlinien)} Leitlinien, "
        f"{len(report.profiles)} Gebietsprofile, {seconds} s"
    )
