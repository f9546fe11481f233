"""Print a standalone HTML document to PDF with headless Chromium (Debian's ``chromium``).

Page numbers come from the document's own ``@page`` margin boxes (Chromium
prints them since version 131), so the plain ``--print-to-pdf`` switch is
enough: no driver, no DevTools connection, no network.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

CANDIDATES = ("chromium", "chromium-browser", "google-chrome")
TIMEOUT_SECONDS = 180


class PdfError(RuntimeError):
    """Chromium is missing or failed; the message says what to do, in German."""


def find_chromium() -> str:
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    raise PdfError(
        "Chromium nicht gefunden: Für den PDF-Export wird Debians Paket „chromium“ gebraucht (make browsers)."
    )


def html_to_pdf(html_text: str, *, chromium: str | None = None) -> bytes:
    """The PDF of ``html_text`` (a complete document without external resources)."""
    binary = chromium or find_chromium()
    with tempfile.TemporaryDirectory(prefix="bm-pdf-") as tmp:
        folder = Path(tmp)
        source = folder / "report.html"
        target = folder / "report.pdf"
        source.write_text(html_text, encoding="utf-8")
        command = [
            binary,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--no-pdf-header-footer",
            # A private profile: parallel exports must not share Chromium's profile lock.
            f"--user-data-dir={folder / 'profile'}",
            f"--print-to-pdf={target}",
            source.as_uri(),
        ]
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False)
        except subprocess.TimeoutExpired as exc:
            raise PdfError(f"Chromium hat das PDF nicht in {TIMEOUT_SECONDS} Sekunden erzeugt.") from exc
        if not target.exists() or target.stat().st_size == 0:
            tail = (result.stderr or "").strip().splitlines()[-3:]
            raise PdfError(
                f"Chromium konnte das PDF nicht erzeugen (Rückgabewert {result.returncode}): {' '.join(tail)}"
            )
        return target.read_bytes()


def page_texts(pdf: bytes) -> list[str]:
    """The text of each page (poppler's pdftotext); empty when poppler-utils is not installed."""
    binary = shutil.which("pdftotext")
    if not binary:
        return []
    with tempfile.TemporaryDirectory(prefix="bm-pdf-") as tmp:
        source = Path(tmp) / "report.pdf"
        source.write_bytes(pdf)
        result = subprocess.run([binary, str(source), "-"], capture_output=True, text=True, timeout=60, check=False)
    if result.returncode != 0:
        return []
    pages = result.stdout.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages
