"""The Faktencheck as PDF: rendered by headless Chromium, read back with poppler-utils.

pdftotext checks the text (each Leitlinie heading, page numbers), pdftoppm turns
every page into an image (kept in the test's tmp folder for a look).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from dashboard.app import create_app
from dashboard.cli import main
from dashboard.kommune import load_kommune
from dashboard.settings import ROOT
from tests.conftest import free_port
from tests.unit.test_kommune import LEITLINIEN

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils fehlt (make browsers installiert es)"),
]


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def page_count(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def page_images(path: Path, folder: Path) -> list[Path]:
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(path), str(folder / "page")], check=True)
    return sorted(folder.glob("page-*.png"))


def squash(text: str) -> str:
    """pdftotext breaks long headings over lines; compare with single spaces."""
    return re.sub(r"-\s+", "-", re.sub(r"\s+", " ", text))


def run_cli(env: dict, *args: str):
    result = CliRunner().invoke(main, ["report", "faktencheck", *args], env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def test_fc001_halle_pdf_has_every_leitlinie_page_numbers_and_a_profile(halle_db, tmp_path):
    out = tmp_path / "faktencheck.pdf"
    result = run_cli({"DATABASE_URL": halle_db.url}, "--year", "2024", "--out", str(out), "--gebiete", "SV-37,SV-38")
    assert "8 Leitlinien" in result.output and "2 Gebietsprofile" in result.output
    pages = page_count(out)
    # Cover and contents, at least one page per Leitlinie, two profiles, the appendix.
    assert 12 <= pages <= 40
    text = squash(pdf_text(out))
    assert "Faktencheck Bildung 2024" in text
    for number, title in enumerate(LEITLINIEN, start=1):
        assert f"LEITLINIE {number} {title}" in text, title
    assert f"Seite 2 von {pages}" in text and f"Seite {pages} von {pages}" in text
    assert "Stadtviertelprofil Nördliche Neustadt (SV-37)" in text
    assert "Stadtviertelprofil Südliche Neustadt (SV-38)" in text
    assert "Beispieldaten: Die kleinräumigen Zahlen" in text
    assert "Landeswert" not in text
    images = page_images(out, tmp_path)
    assert len(images) == pages
    # Each Leitlinie starts on a new page: its heading is on a page of its own text.
    per_page = [squash(p) for p in pdf_text(out).split("\f")]
    for number in range(1, 9):
        starts = [i for i, p in enumerate(per_page) if f"LEITLINIE {number} " in p]
        assert len(starts) == 1, number
        # The contents on page 1 give the page each Leitlinie starts on (second print pass).
        listed = re.search(rf"Leitlinie {number}: .*? (\d+) ", per_page[0])
        assert listed and int(listed.group(1)) == starts[0] + 1, (number, starts)


def test_fc002_magdeburg_pdf_uses_its_example_structure(shared_dir, tmp_path):
    config = load_kommune(ROOT / "data" / "magdeburg" / "kommune.toml", shared_dir)
    out = tmp_path / "magdeburg.pdf"
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'md.sqlite3'}", "BM_SHARED_DATA": str(shared_dir)}
    run_cli(env, "--kommune", "magdeburg", "--year", "2023", "--out", str(out))
    text = squash(pdf_text(out))
    for leitlinie in config.leitlinien:
        assert f"LEITLINIE {leitlinie.number} {leitlinie.title_de}" in text
    assert "Median der Kreise Sachsen-Anhalts" in text
    assert "Keine Karte: Dieser Indikator liegt nur für die Gesamtstadt vor" in text
    assert "Beispieldaten:" not in text  # Magdeburg's data is real: no banner
    assert len(page_images(out, tmp_path)) == page_count(out) >= 1 + len(config.leitlinien)


def test_fc003_download_route_returns_the_pdf(make_settings):
    app = create_app(make_settings())
    client = app.server.test_client()
    response = client.get("/faktencheck/2024.pdf?gebiete=SV-37")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf" and response.data.startswith(b"%PDF")
    assert 'filename="faktencheck-halle-2024.pdf"' in response.headers["Content-Disposition"]
    bad = client.get("/faktencheck/2024.pdf?gebiete=SV-99")
    assert bad.status_code == 400 and "SV-99" in bad.get_data(as_text=True)
    too_many = client.get("/faktencheck/2024.html?gebiete=" + ",".join(f"SV-{i:02d}" for i in range(1, 9)))
    assert too_many.status_code == 400 and "höchstens" in too_many.get_data(as_text=True)
    printable = client.get("/faktencheck/2024.html")
    assert printable.status_code == 200 and b"@page" in printable.data and b"<script" not in printable.data
    assert client.get("/faktencheck").headers["Location"].endswith("/faktencheck/2024")


def test_fc004_report_page_in_the_browser(dash_duo, make_settings):
    app = create_app(make_settings())
    dash_duo.start_server(app, port=free_port())
    dash_duo.driver.get(dash_duo.server_url + "/faktencheck/2024?gebiete=SV-37")
    dash_duo.wait_for_text_to_equal(".fc-report h1", "Faktencheck Bildung 2024", timeout=90)
    headings = [el.text for el in dash_duo.find_elements(".fc-ll-title")]
    assert headings[:8] == LEITLINIEN
    assert "Stadtviertelprofil Nördliche Neustadt (SV-37)" in headings
    link = dash_duo.find_element("#fc-download-pdf")
    assert link.text == "PDF herunterladen"
    assert link.get_attribute("href").endswith("/faktencheck/2024.pdf?gebiete=SV-37")
    # Charts are static images with a text alternative; the Beispieldaten label is visible.
    images = dash_duo.find_elements(".fc-chart-img")
    assert images and all(img.get_attribute("alt") for img in images)
    # The data-URI SVGs really render (the content security policy allows data: images).
    assert all(dash_duo.driver.execute_script("return arguments[0].naturalWidth", img) > 0 for img in images)
    assert "Beispieldaten" in dash_duo.find_element("#fc-demo-banner").text
    assert dash_duo.get_logs() == []


def test_fc005_bad_year_in_the_address_is_explained(dash_duo, make_settings):
    app = create_app(make_settings())
    dash_duo.start_server(app, port=free_port())
    dash_duo.driver.get(dash_duo.server_url + "/faktencheck/zwanzig")
    dash_duo.wait_for_text_to_equal("#fc-error h1", "Faktencheck nicht möglich", timeout=30)
    assert "„zwanzig“" in dash_duo.find_element("#fc-error .notice").text
