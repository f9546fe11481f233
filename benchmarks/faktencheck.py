"""Faktencheck: build time and PDF size of the full Halle report, against baselines of the same run.

On a fresh SQLite file with Halle loaded, three documents go through the same
path (``build_report`` -> ``standalone_html`` -> headless Chromium):

* **bare**: a document with only the report's cover text and stylesheet
  (what Chromium costs for a PDF at all).
* **no charts**: the full report (every key indicator, 8 Leitlinien, the
  focus-area profiles) without trend charts and maps.
* **full**: the same with the static charts and maps (matplotlib SVG).

The two reports are printed as the app prints them (``report_pdf``: twice, the
second pass writes the page numbers into the contents); the bare document once.

Printed: seconds per phase (data and charts, HTML, PDF), PDF size and pages,
and the ratios full / no charts and full / bare.

    .venv/bin/python benchmarks/faktencheck.py [--rounds 1] [--kommune halle]

Targets: the full report builds in under 60 s on 2 shared cores and its PDF
stays under 5 MB (about 20 pages).
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dash import html  # noqa: E402

from dashboard.db import Database  # noqa: E402
from dashboard.i18n import t  # noqa: E402
from dashboard.kommune import load_kommune  # noqa: E402
from dashboard.loader import load  # noqa: E402
from dashboard.reports.faktencheck import (  # noqa: E402
    build_report,
    page_css,
    plan_report,
    report_pdf,
    standalone_html,
)
from dashboard.reports.pdf import html_to_pdf  # noqa: E402
from dashboard.reports.static_html import document  # noqa: E402
from dashboard.repository import Repository  # noqa: E402
from dashboard.settings import SHARED_REAL_DEFAULT, Settings  # noqa: E402

YEAR = 2024


def pages(pdf: bytes) -> int:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as tmp:
        tmp.write(pdf)
        tmp.flush()
        info = subprocess.run(["pdfinfo", tmp.name], capture_output=True, text=True).stdout
    found = re.search(r"Pages:\s+(\d+)", info)
    return int(found.group(1)) if found else -1


def measure(name: str, make_html, rounds: int) -> dict:
    build, pdf_times, sizes = [], [], []
    result = {}
    for _ in range(rounds):
        started = time.perf_counter()
        text, extra, to_pdf = make_html()
        built = time.perf_counter()
        pdf = to_pdf()
        done = time.perf_counter()
        build.append(built - started)
        pdf_times.append(done - built)
        sizes.append(len(pdf))
        result = {"pages": pages(pdf), "html_kb": len(text.encode()) / 1024, **extra}
    return {
        "name": name,
        "build": statistics.median(build),
        "pdf": statistics.median(pdf_times),
        "total": statistics.median(b + p for b, p in zip(build, pdf_times, strict=True)),
        "kb": statistics.median(sizes) / 1024,
        **result,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--kommune", default="halle")
    args = parser.parse_args()

    settings = Settings.from_env(kommune=args.kommune)
    config = load_kommune(settings.kommune_file, settings.shared_data)
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")
        load(db, config, settings.shared_data or SHARED_REAL_DEFAULT)
        repo = Repository(db)
        gebiete = tuple(config.focus_areas)
        plan = plan_report(repo, config, YEAR, gebiete=gebiete)

        def report_html(charts: bool):
            def make():
                report = build_report(repo, config, YEAR, gebiete=gebiete, plan=plan, charts=charts)
                n = sum(len(ll.indicators) for ll in report.leitlinien)
                extra = {"indicators": n, "leitlinien": len(report.leitlinien)}
                # report_pdf prints twice (the second pass numbers the contents).
                return standalone_html(report), extra, lambda: report_pdf(report)

            return make

        # The stylesheet (with the running footer) is taken from a report built before the clock starts.
        css = page_css(build_report(repo, config, YEAR, plan=plan, charts=False))

        def bare():
            body = html.Article([html.H1(t("fc_title", "de", year=YEAR)), html.P(config.name)], className="fc-report")
            text = document(body, title="bare", lang="de", css=css)
            return text, {}, lambda: html_to_pdf(text)

        rows = [
            measure("bare", bare, args.rounds),
            measure("no charts", report_html(False), args.rounds),
            measure("full", report_html(True), args.rounds),
        ]
    full = rows[-1]
    print(
        f"Faktencheck {config.name} {YEAR}: {full.get('indicators')} indicators, {full.get('leitlinien')} Leitlinien, "
        f"{len(gebiete)} profiles, rounds={args.rounds}"
    )
    print(f"{'document':<10} {'build s':>8} {'pdf s':>7} {'total s':>8} {'PDF KB':>8} {'pages':>6} {'HTML KB':>8}")
    for row in rows:
        print(
            f"{row['name']:<10} {row['build']:>8.2f} {row['pdf']:>7.2f} {row['total']:>8.2f} "
            f"{row['kb']:>8.0f} {row['pages']:>6} {row['html_kb']:>8.0f}"
        )
    no_charts, bare_row = rows[1], rows[0]
    print(
        f"ratio full / no charts: time {full['total'] / no_charts['total']:.1f}x, size {full['kb'] / no_charts['kb']:.1f}x"
    )
    print(
        f"ratio full / bare:      time {full['total'] / bare_row['total']:.1f}x, size {full['kb'] / bare_row['kb']:.1f}x"
    )
    ok = full["total"] < 60 and full["kb"] < 5 * 1024
    print(f"target (< 60 s, < 5 MB): {'met' if ok else 'MISSED'}")


if __name__ == "__main__":
    main()
