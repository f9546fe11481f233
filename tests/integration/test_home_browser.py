"""The app starts in a real headless Chromium and shows the Leitlinien."""

import pytest

from dashboard.app import create_app
from tests.conftest import free_port
from tests.unit.test_kommune import LEITLINIEN

pytestmark = pytest.mark.browser


def test_home001_home_page_lists_the_leitlinien(dash_duo, make_settings):
    app = create_app(make_settings())
    dash_duo.start_server(app, port=free_port())
    dash_duo.wait_for_text_to_equal("h1", "Leitlinien des Bildungsleitbilds", timeout=20)
    titles = [el.text for el in dash_duo.find_elements("#leitlinien-list .leitlinie-title")]
    assert titles == LEITLINIEN
    assert dash_duo.driver.execute_script("return document.documentElement.lang") == "de"
    assert dash_duo.driver.title == "Bildungsmonitor Halle (Saale)"
    banner = dash_duo.find_element("#demo-banner").text
    assert "Beispieldaten" in banner and "erfunden" in banner


def test_home002_english_via_url(dash_duo, make_settings):
    app = create_app(make_settings())
    dash_duo.start_server(app, port=free_port())
    dash_duo.driver.get(dash_duo.server_url + "/?lang=en")
    dash_duo.wait_for_text_to_equal("h1", "Guiding principles", timeout=20)
    assert dash_duo.driver.execute_script("return document.documentElement.lang") == "en"
