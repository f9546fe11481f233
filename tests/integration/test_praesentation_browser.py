"""Presentation mode in a real Chromium: keyboard, room-sized text, every slide fits the projector."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from dashboard.app import create_app
from tests.conftest import free_port

pytestmark = pytest.mark.browser

# The smallest font of visible text (graphs are hidden from the check: they
# carry a sentence and a table instead), and whether the page scrolls.
MEASURE = """
const root = document.querySelector('.bm-presentation');
let min = 1000, where = '';
const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
while (walker.nextNode()) {
  const node = walker.currentNode;
  if (!node.textContent.trim()) continue;
  const el = node.parentElement;
  if (el.closest('.visually-hidden, [aria-hidden="true"]')) continue;
  const size = parseFloat(getComputedStyle(el).fontSize);
  if (size < min) { min = size; where = node.textContent.trim().slice(0, 40); }
}
const doc = document.documentElement;
return {min, where, scrollH: doc.scrollHeight, h: window.innerHeight, scrollW: doc.scrollWidth, w: window.innerWidth};
"""


def _viewport(driver, width, height):
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
    )


def _wait_slide(dash_duo, number: int):
    WebDriverWait(dash_duo.driver, 20).until(
        lambda d: (
            d.execute_script("const r = document.querySelector('.bm-presentation'); return r && r.dataset.slide;")
            == str(number)
        )
    )


def _wait_graphs(dash_duo):
    """Every graph on the slide has drawn (plotly's SVG is there)."""
    WebDriverWait(dash_duo.driver, 20).until(
        lambda d: d.execute_script(
            "return [...document.querySelectorAll('.bm-graph')].every(g => g.querySelector('.main-svg'));"
        )
    )


def _press(dash_duo, key):
    dash_duo.driver.find_element(By.TAG_NAME, "body").send_keys(key)


def test_pres001_keyboard_moves_between_slides_and_esc_leaves(dash_duo, make_settings):
    app = create_app(make_settings())
    dash_duo.start_server(app, port=free_port())
    dash_duo.driver.get(dash_duo.server_url + "/praesentation?folien=uebersicht,ll1,ll2")
    _wait_slide(dash_duo, 1)
    assert "Leitlinien: Stand der Maßnahmen" in dash_duo.find_element("#slide-title").text
    _press(dash_duo, Keys.ARROW_RIGHT)
    _wait_slide(dash_duo, 2)
    assert "Gleiche Bildungschancen" in dash_duo.find_element("#slide-title").text
    assert "folie=2" in dash_duo.driver.current_url and "folien=uebersicht" in dash_duo.driver.current_url
    _press(dash_duo, Keys.PAGE_DOWN)
    _wait_slide(dash_duo, 3)
    assert "inklusive Bildungslandschaft" in dash_duo.find_element("#slide-title").text
    _press(dash_duo, Keys.ARROW_RIGHT)  # last slide: stays
    _press(dash_duo, Keys.PAGE_UP)
    _wait_slide(dash_duo, 2)
    _press(dash_duo, Keys.ARROW_LEFT)
    _wait_slide(dash_duo, 1)
    _press(dash_duo, Keys.SPACE)
    _wait_slide(dash_duo, 2)
    _press(dash_duo, Keys.SHIFT + Keys.SPACE)
    _wait_slide(dash_duo, 1)
    # The on-screen buttons do the same and are at least 44 px tall.
    sizes = dash_duo.driver.execute_script(
        "return [...document.querySelectorAll('.slide-btn')].map(b => [b.id, b.getBoundingClientRect().height, b.getBoundingClientRect().width]);"
    )
    assert {s[0] for s in sizes} >= {"slide-prev", "slide-next", "slide-fullscreen", "slide-exit"}
    assert all(h >= 44 and w >= 44 for _, h, w in sizes), sizes
    dash_duo.find_element("#slide-next").click()
    _wait_slide(dash_duo, 2)
    # F asks for full screen (the Fullscreen API), F again leaves it.
    _press(dash_duo, "f")
    WebDriverWait(dash_duo.driver, 5).until(lambda d: d.execute_script("return !!document.fullscreenElement"))
    _press(dash_duo, "f")
    WebDriverWait(dash_duo.driver, 5).until(lambda d: d.execute_script("return !document.fullscreenElement"))
    _press(dash_duo, Keys.ESCAPE)
    dash_duo.wait_for_text_to_equal("h1", "Leitlinien des Bildungsleitbilds", timeout=20)
    # Back on a normal page the keys do nothing special.
    _press(dash_duo, Keys.ARROW_RIGHT)
    assert dash_duo.driver.execute_script("return document.querySelector('.bm-presentation')") is None
    assert dash_duo.get_logs() == []


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)])
def test_pres002_every_slide_fits_the_projector_with_room_sized_text(dash_duo, make_settings, size):
    app = create_app(make_settings())
    dash_duo.start_server(app, port=free_port())
    _viewport(dash_duo.driver, *size)
    dash_duo.driver.get(dash_duo.server_url + "/praesentation")
    _wait_slide(dash_duo, 1)
    count = int(dash_duo.find_element("#praesentation").get_attribute("data-count"))
    # 1024×768 is the tight one: every slide. At 1920×1080 the overview and the densest Leitlinien.
    slides = list(range(1, count + 1)) if size[0] == 1024 else [1, 2, 4]
    for number in [*slides, "ind"]:
        if number == "ind":
            dash_duo.driver.get(dash_duo.server_url + "/praesentation?folien=ind:kita_quote_u3,ind:inkar_share_abitur")
            number = 1
        elif number > 1:
            dash_duo.driver.get(dash_duo.server_url + f"/praesentation?folie={number}")
        _wait_slide(dash_duo, number)
        _wait_graphs(dash_duo)
        m = dash_duo.driver.execute_script(MEASURE)
        title = dash_duo.find_element("#slide-title").text
        assert m["min"] >= 24, f"{title}: text of {m['min']} px: {m['where']!r}"
        assert m["scrollH"] <= m["h"] and m["scrollW"] <= m["w"], f"{title} scrolls at {size}: {m}"


RESOURCES = "return performance.getEntriesByType('resource').map(e => e.name).concat([location.href]);"


def test_pres003_offline_every_request_stays_on_the_app_and_200_percent_zoom_reflows(dash_duo, make_settings):
    """Nothing is loaded from another host (no CDN, no plotly topojson), on slides, embeds and the explorer;
    at 200 % zoom (half the CSS pixels) a slide scrolls down but never sideways."""
    app = create_app(make_settings())
    dash_duo.start_server(app, port=free_port())
    requested = set()
    for path in (
        "/praesentation",
        "/praesentation?folie=2",
        "/praesentation?folien=ind:kita_quote_u3",
        "/embed/indikator/kita_quote_u3?tab=map",
        "/indikatoren?indicator=kita_quote_u3",
    ):
        dash_duo.driver.get(dash_duo.server_url + path)
        dash_duo.wait_for_element("#page-content > *", timeout=20)
        _wait_graphs(dash_duo)
        requested.update(dash_duo.driver.execute_script(RESOURCES))
        html = dash_duo.driver.execute_script("return document.documentElement.outerHTML")
        assert "cdn." not in html and "unpkg" not in html and "googleapis" not in html
    outside = sorted(u for u in requested if not u.startswith(dash_duo.server_url))
    assert outside == []
    assert any("topojson/world_110m.json" in u for u in requested)  # plotly asked us, not cdn.plot.ly
    assert dash_duo.get_logs() == []

    _viewport(dash_duo.driver, 512, 384)  # 1024×768 at 200 % zoom
    for path in ("/praesentation", "/praesentation?folie=2", "/embed/indikator/kita_quote_u3?tab=chart"):
        dash_duo.driver.get(dash_duo.server_url + path)
        dash_duo.wait_for_element("#page-content > *", timeout=20)
        _wait_graphs(dash_duo)
        m = dash_duo.driver.execute_script(MEASURE if "praesentation" in path else "return {}")
        scroll_w, client_w = dash_duo.driver.execute_script(
            "return [document.documentElement.scrollWidth, document.documentElement.clientWidth];"
        )
        assert scroll_w <= client_w, f"{path} scrolls sideways at 200 %"
        if m:
            assert m["min"] >= 16, m  # still large type after reflow
    # The controls stay reachable at the end of the slide.
    dash_duo.driver.get(dash_duo.server_url + "/praesentation?folie=2")
    button = dash_duo.wait_for_element("#slide-next")
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", button)
    assert dash_duo.driver.execute_script(
        "const r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight;", button
    )
    button.send_keys(Keys.ENTER)
    _wait_slide(dash_duo, 3)


def test_pres004_signed_in_user_saves_an_agenda_that_the_presentation_follows(dash_duo, make_settings):
    from selenium.webdriver.support import expected_conditions as EC

    from dashboard.auth import hash_password
    from dashboard.services import services

    password = "ein-sehr-langes-passwort"
    app = create_app(make_settings())
    with app.server.app_context():
        services().repo.save_user("anna", hash_password(password), "Anna Beispiel")
    dash_duo.start_server(app, port=free_port())
    driver = dash_duo.driver
    # Without a session: the list, no form.
    driver.get(dash_duo.server_url + "/praesentation/agenden")
    dash_duo.wait_for_text_to_equal("h1", "Agenden für die Präsentation", timeout=20)
    assert not driver.find_elements("css selector", "#agenda-save")
    assert "Noch keine Agenda gespeichert." in dash_duo.find_element("#agenda-list").text

    driver.get(dash_duo.server_url + "/anmelden?weiter=/praesentation/agenden")
    dash_duo.wait_for_element("#signin-user", timeout=20).send_keys("anna")
    dash_duo.find_element("#signin-password").send_keys(password)
    dash_duo.find_element("#signin-submit").click()
    WebDriverWait(driver, 20).until(EC.url_contains("/praesentation/agenden"))
    name = dash_duo.wait_for_element("#agenda-name", timeout=20)
    name.send_keys("lg-maerz")
    dash_duo.find_element("#agenda-title").send_keys("Lenkungsgruppe März")
    slides = dash_duo.find_element("#agenda-slides")
    slides.send_keys(Keys.CONTROL, "a")
    slides.send_keys(Keys.DELETE)
    slides.send_keys("ll2, ll99, ind:gibtsnicht")
    save = dash_duo.find_element("#agenda-save")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", save)
    save.click()
    dash_duo.wait_for_contains_text("#agenda-result", "Leitlinie 99 gibt es nicht", timeout=20)
    assert "„gibtsnicht“ ist unbekannt" in dash_duo.find_element("#agenda-result").text
    slides.send_keys(Keys.CONTROL, "a")
    slides.send_keys(Keys.DELETE)
    slides.send_keys("ll2, ind:kita_quote_u3")
    save.click()
    dash_duo.wait_for_contains_text("#agenda-result", "Agenda lg-maerz gespeichert (2 Folien).", timeout=20)
    assert "lg-maerz" in dash_duo.find_element("#agenda-list").text

    driver.get(dash_duo.server_url + "/praesentation?agenda=lg-maerz")
    _wait_slide(dash_duo, 1)
    assert "inklusive Bildungslandschaft" in dash_duo.find_element("#slide-title").text
    assert "Lenkungsgruppe März" in dash_duo.find_element("#slide-title").text
    assert dash_duo.find_element("#praesentation").get_attribute("data-count") == "2"
    _press(dash_duo, Keys.ARROW_RIGHT)
    _wait_slide(dash_duo, 2)
    assert "Betreuungsquote unter 3 Jahren" in dash_duo.find_element("#slide-title").text
    # An unknown agenda is named, and the default sequence is shown.
    driver.get(dash_duo.server_url + "/praesentation?agenda=gibtsnicht")
    _wait_slide(dash_duo, 1)
    assert "Die Agenda „gibtsnicht“ ist nicht gespeichert" in dash_duo.find_element(".bm-presentation").text
