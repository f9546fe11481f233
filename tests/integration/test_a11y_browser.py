"""axe-core (WCAG 2.1 A/AA rules) in a real Chromium on the public and meeting-room pages.

axe-core comes from the npm registry (``make axe`` installs it into .cache/axe;
``make test`` depends on it). The test fails on any serious or critical violation.
"""

from __future__ import annotations

import pytest
from selenium.webdriver.support.ui import WebDriverWait

from dashboard.app import create_app
from dashboard.settings import ROOT
from tests.conftest import free_port

pytestmark = pytest.mark.browser

AXE = ROOT / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"

PAGES = [
    ("/indikatoren?indicator=kita_quote_u3&year=2022", ".explorer"),
    ("/indikatoren?indicator=kita_quote_u3&tab=table", ".explorer"),  # + the open Einbetten dialog
    ("/massnahmen", "main h1"),
    ("/praesentation", ".bm-presentation"),
    ("/praesentation?folie=2", ".bm-presentation"),
    ("/praesentation?folien=ind:kita_quote_u3", ".bm-presentation"),
    ("/embed/indikator/kita_quote_u3?tab=map&area=SV-07", ".bm-embed"),
    ("/embed/indikator/kita_quote_u3?tab=table", ".bm-embed"),
    ("/embed/leitlinie/1", ".bm-embed"),
    ("/", "#leitlinien-list"),
    ("/praesentation/agenden", "#agenda-list"),
]

RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']},
                   resultTypes: ['violations']})
  .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                         nodes: v.nodes.slice(0, 4).map(n => n.target.join(' '))}))))
  .catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));
"""


def _ready(driver, selector: str) -> bool:
    return driver.execute_script(
        "const root = document.querySelector(arguments[0]);"
        "return !!root && [...document.querySelectorAll('.js-plotly-plot')].every(g => g.querySelector('.main-svg'));",
        selector,
    )


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        pytest.skip(f"axe-core fehlt: {AXE} (make axe)")
    return AXE.read_text()


def test_a11y001_no_serious_or_critical_axe_violations(dash_duo, make_settings, axe_source):
    app = create_app(make_settings())
    dash_duo.start_server(app, port=free_port())
    dash_duo.driver.set_script_timeout(60)
    found = {}
    for path, selector in PAGES:
        dash_duo.driver.get(dash_duo.server_url + path)
        WebDriverWait(dash_duo.driver, 30).until(lambda d, s=selector: _ready(d, s))
        if "tab=table" in path and path.startswith("/indikatoren"):
            dash_duo.driver.execute_script("document.querySelector('.embed-dialog > summary').click();")
            WebDriverWait(dash_duo.driver, 10).until(
                lambda d: "<iframe" in d.execute_script("return document.querySelector('.embed-dialog textarea').value")
            )
        dash_duo.driver.execute_script(axe_source)
        violations = dash_duo.driver.execute_async_script(RUN_AXE)
        bad = [v for v in violations if v["impact"] in ("serious", "critical")]
        if bad:
            found[path] = bad
    assert not found, "\n".join(
        f"{path}: {v['impact']} {v['id']} ({v['help']}) at {v['nodes']}" for path, vs in found.items() for v in vs
    )
