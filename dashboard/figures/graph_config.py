"""The ``config`` of every ``dcc.Graph``: offline-safe and quiet. Pure.

plotly.js loads ``world_110m.json`` from ``https://cdn.plot.ly/`` for any
``geo`` map with a ``locationmode`` (our choropleths use ``geojson-id``), and the
map is not drawn when that fails (no network in the meeting room). Pointing
``topojsonURL`` at ``assets/topojson/`` (an empty topology served by the app)
keeps every request on our own server.

Example:
    dcc.Graph(figure=fig, config=graph_config(services().asset("topojson/"), static=True))
"""

from __future__ import annotations

TOPOJSON_ASSET = "topojson/"


def graph_config(topojson_url: str, *, static: bool = False, **extra) -> dict:
    """Config for ``dcc.Graph``.

    Args:
        topojson_url: URL of the folder with ``world_110m.json`` (``app.get_asset_url("topojson/")``).
        static: no hover, zoom or mode bar (slides: nothing hides behind a hover).
        extra: further plotly config keys.
    """
    config = {
        "topojsonURL": topojson_url,
        "displaylogo": False,
        "responsive": True,
        "locale": "de",
    }
    if static:
        config.update(staticPlot=True, displayModeBar=False)
    config.update(extra)
    return config
