"""Embeds in a real Chromium: narrow screens, framing by allowed origins only, no cookies,
no suppressed values, the height message to the host page, and a path prefix."""

from __future__ import annotations

import http.server
import threading

import pytest
import requests
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from dashboard.app import create_app
from dashboard.repository import Repository
from tests.conftest import free_port

pytestmark = pytest.mark.browser

NO_HSCROLL = "return [document.documentElement.scrollWidth, document.documentElement.clientWidth];"


def _viewport(driver, width, height=800):
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 700},
    )


def _wait_embed(dash_duo):
    WebDriverWait(dash_duo.driver, 20).until(
        lambda d: d.execute_script(
            "const r = document.querySelector('.bm-embed');"
            "return r && [...r.querySelectorAll('.bm-graph')].every(g => g.querySelector('.main-svg'));"
        )
    )


class _HostPage:
    """A page on another origin (another port) that frames an embed and records its messages."""

    def __init__(self, src: str):
        body = f"""<!DOCTYPE html><html lang="de"><head><title>Host</title></head><body>
<h1>Stadt-Webseite</h1>
<iframe id="bm" src="{src}" title="Bildungsmonitor" style="width:100%;height:150px;border:0"></iframe>
<script>
window.messages = [];
addEventListener("message", function (e) {{
  if (!e.data || e.data.type !== "bildungsmonitor:height") return;
  window.messages.push({{origin: e.origin, height: e.data.height}});
  document.getElementById("bm").style.height = e.data.height + "px";
}});
</script></body></html>""".encode()

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server API
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *_args):
                return None

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.origin = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()


def test_embed001_no_horizontal_scroll_at_320_768_1280(dash_duo, make_settings):
    app = create_app(make_settings())
    dash_duo.start_server(app, port=free_port())
    pages = [
        "/embed/indikator/kita_quote_u3?tab=map&area=SV-07",
        "/embed/indikator/kita_quote_u3?tab=chart&area=SV-07",
        "/embed/indikator/kita_quote_u3?tab=table",
        "/embed/indikator/inkar_share_abitur",
        "/embed/leitlinie/1",
    ]
    for width in (320, 768, 1280):
        _viewport(dash_duo.driver, width)
        for path in pages:
            dash_duo.driver.get(dash_duo.server_url + path)
            _wait_embed(dash_duo)
            scroll, client = dash_duo.driver.execute_script(NO_HSCROLL)
            assert scroll <= client, f"{path} scrolls sideways at {width} px ({scroll} > {client})"
            # No navigation chrome in an embed.
            assert dash_duo.driver.execute_script("return document.querySelectorAll('.site-nav a').length") == 0
    assert dash_duo.get_logs() == []


def test_embed002_views_come_from_the_url_and_suppressed_values_never_arrive(dash_duo, make_settings):
    settings = make_settings()
    app = create_app(settings)
    dash_duo.start_server(app, port=free_port())
    repo = Repository(app.server.extensions["bildungsmonitor"].db)
    raw = repo.values("kita_quote_u3", level="stadtviertel", public=False)
    hidden = raw[(raw["flag"] == "suppressed") & (raw["year"] == 2024)]
    assert len(hidden), "the demo data has suppressed values in 2024"
    code = hidden["area_code"].iloc[0]
    name = hidden["area_name"].iloc[0]

    dash_duo.driver.get(dash_duo.server_url + "/embed/indikator/kita_quote_u3?tab=map&year=2024&lang=en")
    _wait_embed(dash_duo)
    assert dash_duo.driver.execute_script("return document.documentElement.lang") == "en"
    assert dash_duo.find_element(".embed-tab.is-active").text == "Map"
    plot = dash_duo.driver.execute_script(
        "const g = document.querySelector('.embed-graph .js-plotly-plot');"
        "return {locations: g.data[0].locations, z: g.data[0].z, text: g.data[0].hovertext};"
    )
    i = plot["locations"].index(code)
    assert plot["z"][i] == -1  # drawn as "no value"
    secret = f"{hidden['value'].iloc[0]:.1f}"
    assert secret not in plot["text"][i] and secret.replace(".", ",") not in plot["text"][i]

    dash_duo.driver.get(dash_duo.server_url + "/embed/indikator/kita_quote_u3?tab=table&year=2024")
    _wait_embed(dash_duo)
    rows = dash_duo.driver.execute_script(
        "return [...document.querySelectorAll('.embed-table-wrap table')[0].querySelectorAll('tbody tr')]"
        ".map(r => [r.cells[0].textContent, r.cells[1].textContent]);"
    )
    assert [name, "kein Wert"] in rows  # the city shows the area, not the number
    # Bad parameters are named, and the view still works.
    dash_duo.driver.get(dash_duo.server_url + "/embed/indikator/kita_quote_u3?tab=torte&year=1850&height=5")
    _wait_embed(dash_duo)
    text = dash_duo.find_element(".bm-embed").text
    assert "URL-Parameter tab: „torte“ ist ungültig" in text
    assert "URL-Parameter year: „1850“ ist ungültig" in text
    assert "URL-Parameter height: „5“ ist ungültig" in text


def test_embed003_framed_only_by_allowed_origins_and_without_cookies(dash_duo, make_settings):
    allowed = _HostPage("about:blank")  # origin first, page body below
    port = free_port()
    app_origin = f"http://127.0.0.1:{port}"
    src = f"{app_origin}/embed/indikator/kita_quote_u3?tab=chart"
    allowed.close()
    allowed = _HostPage(src)
    other = _HostPage(src)
    try:
        app = create_app(make_settings(frame_ancestors=f"{allowed.origin} https://www.halle.de"))
        dash_duo.start_server(app, port=port)
        # Headers: the embed names the allowed ancestors; every other page forbids framing.
        embed = requests.get(src, timeout=10)
        assert "frame-ancestors " + f"{allowed.origin} https://www.halle.de" in embed.headers["Content-Security-Policy"]
        assert "X-Frame-Options" not in embed.headers
        assert "Set-Cookie" not in embed.headers
        home = requests.get(app_origin + "/indikatoren", timeout=10)
        assert "frame-ancestors 'none'" in home.headers["Content-Security-Policy"]
        assert home.headers["X-Frame-Options"] == "DENY"

        # The allowed host page shows the embed, which reports its height.
        dash_duo.driver.get(allowed.origin + "/")
        WebDriverWait(dash_duo.driver, 20).until(lambda d: d.execute_script("return window.messages.length > 0"))
        message = dash_duo.driver.execute_script("return window.messages[window.messages.length - 1]")
        assert message["origin"] == app_origin and message["height"] > 200
        WebDriverWait(dash_duo.driver, 10).until(
            lambda d: d.execute_script("return document.getElementById('bm').getBoundingClientRect().height") > 200
        )
        # A host that is not allowed gets nothing: Chromium refuses to render the frame.
        dash_duo.driver.get(other.origin + "/")
        dash_duo.driver.implicitly_wait(0)
        import time

        time.sleep(4)
        assert dash_duo.driver.execute_script("return window.messages.length") == 0

        # The embed, opened directly, leaves no cookie in the browser.
        dash_duo.driver.delete_all_cookies()
        dash_duo.driver.get(src)
        _wait_embed(dash_duo)
        assert dash_duo.driver.get_cookies() == []
    finally:
        allowed.close()
        other.close()


def _strip_prefix(wsgi_app, prefix: str):
    """What the reverse proxy does: /bildungsmonitor/x reaches the app as /x."""

    def middleware(environ, start_response):
        path = environ.get("PATH_INFO", "")
        if not path.startswith(prefix):  # outside the prefix nothing reaches the app
            start_response("302 Found", [("Location", prefix + path.lstrip("/"))])
            return [b""]
        environ["PATH_INFO"] = path[len(prefix) - 1 :]
        return wsgi_app(environ, start_response)

    return middleware


def test_embed004_works_under_a_path_prefix(dash_duo, make_settings):
    prefix = "/bildungsmonitor/"
    app = create_app(make_settings(url_prefix=prefix))
    app.server.wsgi_app = _strip_prefix(app.server.wsgi_app, prefix)
    dash_duo.start_server(app, port=free_port())
    dash_duo.driver.get(dash_duo.server_url + prefix + "embed/indikator/kita_quote_u3?tab=map")
    _wait_embed(dash_duo)
    assert dash_duo.find_element(".embed-tab.is-active").text == "Karte"
    # Assets came through the prefix: our stylesheet and scripts are applied.
    assert dash_duo.driver.execute_script(
        "return [...document.styleSheets].some(s => (s.href || '').includes('/bildungsmonitor/assets/embed.css'))"
    )
    links = dash_duo.driver.execute_script("return [...document.querySelectorAll('.bm-embed a')].map(a => a.href)")
    assert links and all("/bildungsmonitor/" in href for href in links), links
    dash_duo.find_element(".embed-tabs a").click()  # Zeitreihe
    WebDriverWait(dash_duo.driver, 20).until(
        lambda d: d.execute_script("return document.querySelector('.embed-tab.is-active').textContent") == "Zeitreihe"
    )
    assert "/bildungsmonitor/embed/indikator/kita_quote_u3?tab=chart" in dash_duo.driver.current_url
    _wait_embed(dash_duo)
    # The presentation works there too.
    dash_duo.driver.get(dash_duo.server_url + prefix + "praesentation")
    dash_duo.wait_for_element("#slide-next", timeout=20)
    assert dash_duo.find_element("#slide-next").get_attribute("href").endswith("/bildungsmonitor/praesentation?folie=2")
    assert dash_duo.get_logs() == []


def test_embed005_einbetten_dialog_on_the_explorer_gives_a_working_snippet(dash_duo, make_settings):
    app = create_app(make_settings())
    dash_duo.start_server(app, port=free_port())
    dash_duo.driver.get(dash_duo.server_url + "/indikatoren?indicator=kita_quote_u3&year=2022&areas=SV-07")
    summary = dash_duo.wait_for_element(".embed-dialog > summary", timeout=20)
    assert summary.text == "Einbetten"
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus();", summary)
    summary.send_keys(Keys.ENTER)  # opens by keyboard
    code = ".embed-dialog textarea"
    WebDriverWait(dash_duo.driver, 10).until(
        lambda d: "<iframe" in (d.find_element("css selector", code).get_attribute("value") or "")
    )
    snippet = dash_duo.find_element(code).get_attribute("value")
    iframe, listener = snippet.split("\n")
    assert f'src="{dash_duo.server_url}/embed/indikator/kita_quote_u3?tab=map&amp;year=2022&amp;area=SV-07"' in iframe
    assert 'title="Bildungsmonitor Halle (Saale): Betreuungsquote unter 3 Jahren' in iframe
    assert f'e.origin!=="{dash_duo.server_url}"' in listener and "bildungsmonitor:height" in listener
    # Options change the snippet: the table, in English.
    for label in ("Tabelle", "English"):
        radio = dash_duo.driver.find_element(
            "xpath", f"//details[contains(@class, 'embed-dialog')]//label[normalize-space()='{label}']//input"
        )
        dash_duo.driver.execute_script("arguments[0].focus();", radio)
        radio.send_keys(Keys.SPACE)  # keyboard, like the summary
    WebDriverWait(dash_duo.driver, 10).until(
        lambda d: (
            "tab=table" in d.find_element("css selector", code).get_attribute("value")
            and "lang=en" in d.find_element("css selector", code).get_attribute("value")
        )
    )
    src = dash_duo.find_element(code).get_attribute("value").split('src="')[1].split('"')[0].replace("&amp;", "&")
    dash_duo.driver.get(src)
    _wait_embed(dash_duo)
    assert dash_duo.find_element(".embed-tab.is-active").text == "Table"
    assert "2022" in dash_duo.find_element(".embed-table-wrap caption").text


def test_embed006_einbetten_dialog_on_the_leitlinie_page(dash_duo, make_settings):
    app = create_app(make_settings())
    dash_duo.start_server(app, port=free_port())
    dash_duo.driver.get(dash_duo.server_url + "/leitlinie/3?lang=en")
    summary = dash_duo.wait_for_element(".embed-dialog > summary", timeout=20)
    assert summary.text == "Embed"
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", summary)
    summary.click()
    code = ".embed-dialog textarea"
    WebDriverWait(dash_duo.driver, 10).until(
        lambda d: "<iframe" in (d.find_element("css selector", code).get_attribute("value") or "")
    )
    src = dash_duo.find_element(code).get_attribute("value").split('src="')[1].split('"')[0].replace("&amp;", "&")
    assert src == f"{dash_duo.server_url}/embed/leitlinie/3?lang=en"
    dash_duo.driver.get(src)
    _wait_embed(dash_duo)
    assert "Guiding principle 3" in dash_duo.find_element(".bm-embed").text
    assert dash_duo.find_elements(".bm-embed .status-bar")
