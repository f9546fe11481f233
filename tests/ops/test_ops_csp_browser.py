"""The Content-Security-Policy (no 'unsafe-eval', inline scripts by hash) lets Dash and plotly render."""

import plotly.graph_objects as go
import pytest
from dash import Dash, Input, Output, dcc, html

from dashboard import security
from dashboard.app import create_app
from dashboard.figures.graph_config import graph_config
from dashboard.settings import ROOT
from tests.conftest import free_port

pytestmark = pytest.mark.browser


def csp_violations(dash_duo) -> list[str]:
    return [e["message"] for e in dash_duo.get_logs() if "Content Security Policy" in e["message"]]


def test_ops001_real_pages_render_under_the_policy(dash_duo, make_settings):
    app = create_app(make_settings())
    dash_duo.start_server(app, port=free_port())
    dash_duo.wait_for_text_to_equal("h1", "Leitlinien des Bildungsleitbilds", timeout=20)
    # A page with plotly figures (the Leitlinie's indicator sparklines).
    dash_duo.driver.get(dash_duo.server_url + "/leitlinie/1")
    dash_duo.wait_for_element(".js-plotly-plot .main-svg", timeout=20)
    # The explorer's map (plotly geo with the local topojson) and the embed view of it.
    dash_duo.driver.get(dash_duo.server_url + "/indikatoren")
    dash_duo.wait_for_element(".js-plotly-plot .choroplethlocation", timeout=30)
    dash_duo.driver.get(dash_duo.server_url + "/embed/indikator/kita_quote_u3?tab=map")
    dash_duo.wait_for_element(".js-plotly-plot .choroplethlocation", timeout=30)
    assert csp_violations(dash_duo) == []


def test_ops002_map_chart_and_clientside_callback_work_under_the_policy(dash_duo, make_settings):
    """A geo choropleth (as on the explorer), a line chart and an inline clientside callback."""
    app = Dash(__name__, assets_folder=str(ROOT / "assets"), serve_locally=True)
    geojson = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": code,
                "properties": {},
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [[[x, 51], [x + 0.1, 51], [x + 0.1, 51.1], [x, 51.1], [x, 51]]],
                },
            }
            for code, x in (("A", 11.9), ("B", 12.0))
        ],
    }
    choropleth = go.Figure(go.Choropleth(geojson=geojson, locations=["A", "B"], z=[1, 2], featureidkey="id"))
    choropleth.update_geos(fitbounds="locations", visible=False)
    line = go.Figure(go.Scatter(x=[2020, 2021, 2022], y=[1, 3, 2]))
    config = graph_config(app.get_asset_url("topojson/"))
    app.layout = html.Div(
        [
            dcc.Graph(id="map", figure=choropleth, config=config),
            dcc.Graph(id="line", figure=line, config=config),
            html.Button("Zählen", id="btn"),
            html.Span(id="out"),
        ]
    )
    app.clientside_callback(
        "function(n) { return 'geklickt ' + (n || 0); }",
        Output("out", "children"),
        Input("btn", "n_clicks"),
    )
    security.install(app, make_settings())
    dash_duo.start_server(app, port=free_port())
    dash_duo.wait_for_text_to_equal("#out", "geklickt 0", timeout=20)
    dash_duo.find_element("#btn").click()
    dash_duo.wait_for_text_to_equal("#out", "geklickt 1", timeout=10)
    dash_duo.wait_for_element("#map .choroplethlocation", timeout=20)
    dash_duo.wait_for_element("#line .scatterlayer .trace", timeout=20)
    assert len(dash_duo.find_elements("#map .choroplethlocation")) == 2
    assert csp_violations(dash_duo) == []
