"""The indicator explorer in a real headless Chromium: map colours, clicks, URL state, table."""

import re
from urllib.parse import parse_qs, urlparse

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from dashboard.app import create_app
from tests.conftest import free_port

pytestmark = pytest.mark.browser

PATHS = "#explorer-map path.choroplethlocation"


def fills(dash_duo) -> list[str]:
    return dash_duo.driver.execute_script(
        "return Array.from(document.querySelectorAll(arguments[0])).map(p => p.getAttribute('fill'))", PATHS
    )


def trace_names(dash_duo, graph_id) -> list[str]:
    return dash_duo.driver.execute_script(
        "var gd = document.querySelector('#' + arguments[0] + ' .js-plotly-plot');"
        "return gd && gd.data ? gd.data.map(t => t.name) : [];",
        graph_id,
    )


def query(dash_duo) -> dict:
    search = dash_duo.driver.execute_script("return window.location.search")
    return {k: v[0] for k, v in parse_qs(urlparse(search).query).items()}


def wait(dash_duo, condition, timeout=15):
    return WebDriverWait(dash_duo.driver, timeout).until(lambda _d: condition())


@pytest.fixture
def explorer(dash_duo, make_settings):
    app = create_app(make_settings())
    dash_duo.start_server(app, port=free_port())

    def open_(search=""):
        dash_duo.driver.get(dash_duo.server_url + "/indikatoren" + search)
        wait(dash_duo, lambda: fills(dash_duo) and all(fills(dash_duo)), timeout=25)
        return dash_duo

    return open_


def test_expl001_indicator_and_year_change_the_map_colours(explorer):
    duo = explorer()
    assert duo.find_element("#explorer-title").text.startswith("Betreuungsquote unter 3 Jahren")
    assert "Beispieldaten" in duo.find_element("#explorer-title").text
    before = fills(duo)

    year_input = duo.find_element("#explorer-year input[type=number]")
    year_input.send_keys(Keys.CONTROL, "a")
    year_input.send_keys("2014", Keys.TAB)  # the number box commits on blur
    wait(duo, lambda: fills(duo) != before)
    assert "2014" in duo.find_element("#explorer-map-heading").text
    after_year = fills(duo)

    duo.find_element("#explorer-indicator").click()
    search = duo.find_element(".dash-dropdown-search")
    search.send_keys("Inklusion")
    option = wait(
        duo,
        lambda: next(
            (
                o
                for o in duo.driver.find_elements(By.CSS_SELECTOR, ".dash-dropdown-option")
                if "Inklusionsquote" in o.text
            ),
            None,
        ),
    )
    option.click()
    wait(duo, lambda: "Inklusionsquote" in duo.find_element("#explorer-title").text)
    wait(duo, lambda: fills(duo) != after_year)
    assert query(duo)["indicator"] == "inklusionsquote" and query(duo)["year"] == "2014"
    # the geometry was not sent again: still one trace with all 41 shapes, and the legend names the unit
    assert (
        duo.driver.execute_script(
            "return document.querySelector('#explorer-map .js-plotly-plot').data[0].geojson.features.length"
        )
        == 41
    )
    assert "%" in duo.find_element("#explorer-map .colorbar").text


def test_expl002_clicking_an_area_adds_its_time_series_and_the_table_matches_the_hover(explorer):
    duo = explorer()
    assert "Halle (Saale)" in trace_names(duo, "explorer-ts")
    code, name, hover = duo.driver.execute_script(
        "var gd = document.querySelector('#explorer-map .js-plotly-plot'); var t = gd.data[0];"
        "var i = t.z.findIndex(z => z >= 0); return [t.locations[i], t.hovertext[i].match(/<b>(.*?)<\\/b>/)[1], t.hovertext[i]];"
    )
    index = duo.driver.execute_script(
        "return document.querySelector('#explorer-map .js-plotly-plot').data[0].locations.indexOf(arguments[0])", code
    )
    # plotly's geo layer catches the click on its background and finds the shape under the pointer
    ActionChains(duo.driver).move_to_element(duo.driver.find_elements(By.CSS_SELECTOR, PATHS)[index]).click().perform()
    wait(duo, lambda: name in trace_names(duo, "explorer-ts"))
    assert query(duo)["areas"] == code
    # the clicked area now has a thick outline
    width = duo.driver.execute_script(
        "return document.querySelector('#explorer-map .js-plotly-plot').data[0].marker.line.width[arguments[0]]", index
    )
    assert width > 2

    # after the click the hover texts were rebuilt in the browser from the compact update
    rebuilt = duo.driver.execute_script(
        "var t = document.querySelector('#explorer-map .js-plotly-plot').data[0]; return t.hovertext[arguments[0]]",
        index,
    )
    assert rebuilt == hover
    value = re.search(r"<br>([\d.,]+) %<br>Rang (\d+) von \d+ \(1 = bester Wert\)", rebuilt)
    duo.driver.find_element(By.XPATH, "//label[.//span[text()='Tabelle']]").click()
    row = wait(duo, lambda: duo.driver.find_element(By.CSS_SELECTOR, f"#explorer-table tr[data-code='{code}']"))
    cells = row.find_elements(By.CSS_SELECTOR, "th, td")
    assert cells[0].text == name
    assert cells[1].text == value.group(1)
    assert cells[2].text == value.group(2)
    assert query(duo)["tab"] == "table"


def test_expl003_a_copied_url_restores_the_view_and_back_works(explorer):
    url = "?indicator=ohne_abschluss&year=2016&level=stadtbezirk&areas=SB-MITTE&tab=table&palette=diverging"
    duo = explorer(url.replace("&tab=table", ""))
    duo.driver.get(duo.server_url + "/indikatoren" + url)
    table = duo.wait_for_element("#explorer-table", timeout=20)
    assert "2016" in table.find_element(By.TAG_NAME, "caption").text
    assert "Stadtbezirk" in table.find_element(By.TAG_NAME, "caption").text
    assert len(table.find_elements(By.CSS_SELECTOR, "tbody:first-of-type tr")) == 5
    assert "ohne Abschluss" in duo.find_element("#explorer-title").text
    checked = duo.driver.execute_script("return document.querySelector('#explorer-level input:checked').value")
    assert checked == "stadtbezirk"
    assert query(duo) == {
        "indicator": "ohne_abschluss",
        "year": "2016",
        "level": "stadtbezirk",
        "areas": "SB-MITTE",
        "tab": "table",
        "palette": "diverging",
    }
    # back to the map tab, then browser back restores the table
    duo.driver.find_element(By.XPATH, "//label[.//span[text()='Karte und Verlauf']]").click()
    wait(duo, lambda: query(duo).get("tab") is None)
    wait(duo, lambda: "Mitte" in trace_names(duo, "explorer-ts"))
    duo.driver.back()
    wait(duo, lambda: duo.find_element("#explorer-table-panel").is_displayed())
    assert query(duo)["tab"] == "table"


def test_expl004_bad_url_parameters_fall_back_with_a_notice(explorer):
    duo = explorer("?indicator=gibtsnicht&year=abc&level=mond")
    notices = duo.find_element("#explorer-notices").text
    assert "Den Indikator „gibtsnicht“ aus der Adresse gibt es nicht" in notices
    assert "Die Ebene „mond“" in notices
    assert duo.find_element("#explorer-title").text.startswith("Betreuungsquote unter 3 Jahren")
