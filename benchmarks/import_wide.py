"""Import of a wide XLSX: 200 indicators × 60 areas × 15 years (180,000 values).

Prints the time and peak memory of the whole import (read, validate, write to
SQLite in one transaction, with the CLI's progress bar) as ratios to plain
``pandas.read_excel`` of the same file, measured in the same run.

    .venv/bin/python benchmarks/import_wide.py
"""

from __future__ import annotations

import gc
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import click
import openpyxl
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dashboard.db import Database, create_schema  # noqa: E402
from dashboard.ingest import service, writer  # noqa: E402
from dashboard.repository import Repository  # noqa: E402

N_INDICATORS, N_AREAS, YEARS = 200, 60, list(range(2010, 2025))


def make_database(path: Path) -> Database:
    db = Database(f"sqlite:///{path}")
    create_schema(db.engine)
    areas = [{"code": "00000", "name": "Benchstadt", "level": "stadt", "parent_code": None}]
    areas += [
        {"code": f"BV-{n:02d}", "name": f"Viertel {n}", "level": "stadtviertel", "parent_code": "00000"}
        for n in range(1, N_AREAS + 1)
    ]
    writer.write_areas(db, areas, filename="bench", sha256="-", user="bench")
    specs = [
        {"id": f"ind_{n:03d}", "name_de": f"Indikator {n}", "kind": "count", "unit": "Anzahl", "multiplier": 1.0}
        for n in range(N_INDICATORS)
    ]
    writer.write_catalogue(db, specs, filename="bench", sha256="-", user="bench")
    return db


def make_xlsx(path: Path) -> None:
    rng = random.Random(5)
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Daten")
    sheet.append(["Indikator", "Gebiet", *YEARS])
    for n in range(N_INDICATORS):
        for a in range(1, N_AREAS + 1):
            base = rng.randint(50, 5000)
            sheet.append([f"ind_{n:03d}", f"BV-{a:02d}", *[base + rng.randint(-20, 20) for _ in YEARS]])
    book.save(path)


def timed(func) -> float:
    gc.collect()
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def peak_memory(func) -> int:
    """Peak of Python allocations (tracemalloc; it slows code down, so time is measured separately)."""
    gc.collect()
    tracemalloc.start()
    func()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bm-bench-") as folder:
        folder = Path(folder)
        xlsx = folder / "wide.xlsx"
        make_xlsx(xlsx)
        data = xlsx.read_bytes()
        print(f"Datei: {len(data) / 1024 / 1024:.1f} MB, {N_INDICATORS * N_AREAS * len(YEARS):,} Werte")
        runs = iter(range(100))

        def baseline():
            frame = pd.read_excel(xlsx, sheet_name="Daten")
            assert frame.shape == (N_INDICATORS * N_AREAS, 2 + len(YEARS))

        def run_import():
            db = make_database(folder / f"bench{next(runs)}.sqlite3")
            repo = Repository(db)
            with click.progressbar(length=100, label="Import", file=sys.stderr) as bar:
                done = [0]

                def advance(fraction: float) -> None:
                    target = int(fraction * 100)
                    if target > done[0]:
                        bar.update(target - done[0])
                        done[0] = target

                plan = service.prepare_indicators(
                    repo, data, xlsx.name, sheet="Daten", progress=lambda f: advance(f * 0.6)
                )
                assert plan.ok, plan.report.texts()[:5]
                result = service.commit(db, plan, user="bench", progress=lambda f: advance(0.6 + f * 0.4))
                advance(1.0)
            assert result.rows_added == N_INDICATORS * N_AREAS * len(YEARS)
            db.dispose()

        # Time: the better of two runs each, without tracemalloc; memory: one run each with it.
        base_s = min(timed(baseline), timed(baseline))
        import_s = min(timed(run_import), timed(run_import))
        base_peak = peak_memory(baseline)
        import_peak = peak_memory(run_import)

        print(f"pandas.read_excel (Basis):            {base_s:6.2f} s   {base_peak / 1024 / 1024:7.1f} MB")
        print(f"Import (lesen, prüfen, schreiben):    {import_s:6.2f} s   {import_peak / 1024 / 1024:7.1f} MB")
        print(f"Verhältnis Zeit:     {import_s / base_s:.2f} × pandas.read_excel")
        print(f"Verhältnis Speicher: {import_peak / base_peak:.2f} × pandas.read_excel")


if __name__ == "__main__":
    main()
