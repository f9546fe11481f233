"""A Bildungsmanager uploads a file, reads the validation report, confirms, and rolls back."""

import os
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from dashboard.app import create_app
from dashboard.auth import hash_password
from dashboard.services import services
from dashboard.settings import ROOT
from tests.conftest import free_port

pytestmark = pytest.mark.browser

PASSWORD = "ein-sehr-langes-passwort"
FIXTURES = Path(__file__).parent.parent / "fixtures" / "import"
SHOTS = Path(os.environ["BM_SHOTS"]) if os.environ.get("BM_SHOTS") else None  # screenshots for review


AXE = ROOT / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
                   resultTypes: ['violations']})
  .then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                   .map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))))
  .catch(e => done(['axe-error: ' + e]));
"""


def serious_axe_violations(driver) -> list[str]:
    """axe-core's serious and critical WCAG 2.1 AA violations (skipped when `make axe` has not run)."""
    if not AXE.exists():
        return []
    driver.execute_script(AXE.read_text())
    return driver.execute_async_script(RUN_AXE)


def click(dash_duo, selector: str) -> None:
    element = dash_duo.find_element(selector)
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", element)
    element.click()


def upload(dash_duo, path: Path) -> None:
    dash_duo.driver.find_element(By.CSS_SELECTOR, "#import-upload input[type=file]").send_keys(str(path))


def test_imp001_upload_report_confirm_rollback(dash_duo, make_settings, tmp_path):
    app = create_app(make_settings(import_max_mb="0.01"))
    with app.server.app_context():
        services().repo.save_user("anna", hash_password(PASSWORD), "Anna Beispiel")
    dash_duo.start_server(app, port=free_port())
    driver = dash_duo.driver

    # Not signed in: no upload control, a way to sign in.
    driver.get(dash_duo.server_url + "/import")
    dash_duo.wait_for_contains_text(".import-page", "nur für angemeldete", timeout=20)
    assert not driver.find_elements(By.ID, "import-upload")

    driver.get(dash_duo.server_url + "/anmelden?weiter=/import")
    dash_duo.wait_for_element("#signin-user", timeout=20).send_keys("anna")
    dash_duo.find_element("#signin-password").send_keys(PASSWORD)
    dash_duo.find_element("#signin-submit").click()
    WebDriverWait(driver, 20).until(EC.url_contains("/import"))
    dash_duo.wait_for_element("#import-upload", timeout=20)

    # Keyboard: Enter on the button in the drop zone opens the file dialog.
    driver.execute_script("HTMLInputElement.prototype.click = function () { window.__bm_dialog = this.type; };")
    dash_duo.find_element("#import-choose").send_keys(Keys.ENTER)
    WebDriverWait(driver, 5).until(lambda d: d.execute_script("return window.__bm_dialog") == "file")

    # A bad file: the report lists the error with row and column; nothing can be confirmed.
    upload(dash_duo, FIXTURES / "unknown_area.csv")
    dash_duo.wait_for_contains_text("#import-report", "Unbekanntes Gebiet „Nördliche Neustatd“", timeout=30)
    assert serious_axe_violations(driver) == []
    report = dash_duo.find_element("#import-report").text
    assert "Zeile 2" in report and "Spalte „Gebiet“" in report and "Nördliche Neustadt" in report
    assert "1 Fehler, 0 Warnung(en)" in report
    assert not dash_duo.find_element("#import-confirm").is_displayed()

    # A file above the limit (here 0.01 MB) is refused in the browser, before it is sent.
    big = tmp_path / "gross.csv"
    big.write_text("Indikator;Gebiet;Jahr;Wert\n" + "schulanfaenger;SV-01;2024;1\n" * 1000, encoding="utf-8")
    upload(dash_duo, big)
    dash_duo.wait_for_contains_text("#import-size-error", "gross.csv: Die Datei ist 0,0 MB groß", timeout=20)

    # A good file: report without errors, confirm, saved and listed; then rolled back.
    upload(dash_duo, FIXTURES / "good_long_cp1252.csv")
    dash_duo.wait_for_contains_text("#import-report", "0 Fehler", timeout=30)
    assert "2 Werte für 1 Indikator(en)" in dash_duo.find_element("#import-report").text
    dash_duo.wait_for_element("#import-confirm", timeout=10)
    if SHOTS:
        driver.save_screenshot(str(SHOTS / "import_report.png"))
    click(dash_duo, "#import-confirm")
    dash_duo.wait_for_contains_text("#import-result", "Import 1 gespeichert: 2 Zeile(n) neu, 0 geändert.", timeout=30)
    dash_duo.wait_for_contains_text("#import-history", "good_long_cp1252.csv", timeout=10)
    assert "anna" in dash_duo.find_element("#import-history").text
    if SHOTS:
        driver.save_screenshot(str(SHOTS / "import_done.png"))
    click(dash_duo, "#import-history button")
    dash_duo.wait_for_contains_text("#import-result", "Import 1 zurückgenommen", timeout=30)
    assert "zurückgenommen" in dash_duo.find_element("#import-history").text
