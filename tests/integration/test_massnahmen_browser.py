"""A Bildungsmanager signs in, changes a status, and sees counts and history change."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from dashboard.app import create_app
from dashboard.auth import hash_password
from dashboard.services import services
from tests.conftest import free_port

pytestmark = pytest.mark.browser

PASSWORD = "ein-sehr-langes-passwort"
SCRIPT = "<script>window.__bm_xss = 1</script> Kita eröffnet"


def click(dash_duo, selector: str) -> None:
    element = dash_duo.find_element(selector)
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", element)
    element.click()


def umgesetzt_count(dash_duo, leitlinie: int) -> int:
    selector = f"#massnahmen-ll-{leitlinie} .status-legend-item[data-status='umgesetzt'] strong"
    return int(dash_duo.wait_for_element(selector, timeout=20).text)


def test_mn001_sign_in_change_status_see_counts_and_history(dash_duo, make_settings):
    app = create_app(make_settings())
    with app.server.app_context():
        services().repo.save_user("anna", hash_password(PASSWORD), "Anna Beispiel")
    dash_duo.start_server(app, port=free_port())
    driver = dash_duo.driver

    # Public overview: counts written as text, Maßnahmen labelled as examples, no upload control.
    driver.get(dash_duo.server_url + "/massnahmen")
    before = umgesetzt_count(dash_duo, 1)
    assert "Beispiele" in dash_duo.find_element(".notice-example").text
    assert not driver.find_elements(By.ID, "mn-upload")

    driver.get(dash_duo.server_url + "/massnahme/M01")
    dash_duo.wait_for_element("#massnahme-title", timeout=20)
    assert not driver.find_elements(By.ID, "mn-edit-save")

    # Sign in and come back to the Maßnahme.
    driver.get(dash_duo.server_url + "/anmelden?weiter=/massnahme/M01")
    dash_duo.wait_for_element("#signin-user", timeout=20).send_keys("anna")
    dash_duo.find_element("#signin-password").send_keys(PASSWORD)
    dash_duo.find_element("#signin-submit").click()
    WebDriverWait(driver, 20).until(EC.url_contains("/massnahme/M01"))
    dash_duo.wait_for_element("#mn-edit-save", timeout=20)
    assert dash_duo.find_element("#mn-status").text == "in Umsetzung"

    click(dash_duo, "#mn-edit-status input[value='umgesetzt']")
    dash_duo.find_element("#mn-edit-note").send_keys(SCRIPT)
    dash_duo.find_element("#mn-edit-comment").send_keys("Lenkungsgruppe 12/2026")
    click(dash_duo, "#mn-edit-save")
    dash_duo.wait_for_contains_text("#mn-edit-result", "Gespeichert", timeout=20)
    assert dash_duo.find_element("#mn-status").text == "umgesetzt"

    rows = [r.text for r in dash_duo.find_elements("#mn-history .history-row")]
    assert any("anna" in r and "Status" in r and "in Umsetzung" in r and "umgesetzt" in r for r in rows), rows
    assert all("Lenkungsgruppe 12/2026" in r for r in rows)
    # <script> in a text is shown as text and never runs.
    assert SCRIPT in dash_duo.find_element("#mn-details .progress-note").text
    assert driver.execute_script("return window.__bm_xss") is None

    driver.get(dash_duo.server_url + "/massnahmen")
    assert umgesetzt_count(dash_duo, 1) == before + 1
    assert "Angemeldet als Anna Beispiel" in dash_duo.find_element("#auth-line").text


def test_mn002_filters_live_in_the_url(dash_duo, make_settings):
    app = create_app(make_settings())
    dash_duo.start_server(app, port=free_port())
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + "/leitlinie/1?status=in%20Umsetzung")
    dash_duo.wait_for_contains_text("#ll-count", "7 von 11 Maßnahmen", timeout=20)
    statuses = {el.text for el in dash_duo.find_elements("#ll-massnahmen .status-badge")}
    assert statuses == {"in Umsetzung"}
    assert not driver.find_elements(By.ID, "mn-edit-save")

    click(dash_duo, "#ll-filter-overdue input")
    WebDriverWait(driver, 20).until(EC.url_contains("ueberfaellig=1"))
    assert "status=in+Umsetzung" in driver.current_url
    count = dash_duo.find_element("#ll-count").text
    overdue = dash_duo.find_elements("#ll-massnahmen .overdue-tag")
    assert count == f"{len(overdue)} von 11 Maßnahmen angezeigt"

    # The address reproduces the view.
    driver.get(driver.current_url)
    dash_duo.wait_for_text_to_equal("#ll-count", count, timeout=20)
    assert dash_duo.find_element("#ll-filter-overdue input").is_selected()
