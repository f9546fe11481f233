"""Explorer: an indicator/year change, patched map vs. a naive full-figure rebuild.

For each Kommune the script builds the app on a fresh SQLite file and sends
real Dash callback requests (``POST /_dash-update-component``) through Flask's
test client, so routing, the callback and JSON serialisation are all measured.

* **ours**: the explorer's map callback (``pages/explorer.update_map``), which
  answers with compact values (class index, rounded value and rank per area,
  legend; ``figures/choropleth.compact_update``) that ``assets/explorer.js``
  writes into the figure in the browser: no geometry, no hover strings.
  The heading and the trend chart redraw in their own callbacks; their bytes
  and time are printed too (not part of the comparison: the baseline has none).
* **naive baseline**, measured in the same run on the same app: a callback that
  reads the values and the full GeoJSON and rebuilds a whole
  ``px.choropleth`` figure on every change (what a first Dash app does).

Each side alternates indicator and year changes (the same sequence for both);
the time is the server time per request (median), the bytes the response body.
Run twice: Halle (41 Stadtviertel, placeholder shapes) and a synthetic
Kommune of 2,000 areas (a generated 40 × 50 grid), printed side by side.

    .venv/bin/python benchmarks/explorer.py [--rounds 30]

Targets: >= 20x fewer bytes and >= 5x less server time than the baseline.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import plotly.express as px  # noqa: E402
from dash import Input, Output, dcc, html  # noqa: E402

from dashboard.app import create_app  # noqa: E402
from dashboard.settings import Settings  # noqa: E402

NAIVE_GRAPH = "bench-naive-map"


def register_naive(app) -> None:
    """The baseline: rebuild the whole px.choropleth with the full GeoJSON on every change."""
    from dashboard.services import services

    @app.callback(
        Output(NAIVE_GRAPH, "figure"),
        Input("bench-indicator", "value"),
        Input("bench-year", "value"),
        Input("bench-level", "value"),
    )
    def naive(indicator, year, level):
        repo = services().repo
        frame = repo.values(indicator, level=level)
        frame = frame[frame["year"] == year]
        geojson = repo.geojson(level)
        fig = px.choropleth(
            frame,
            geojson=geojson,
            locations="area_code",
            featureidkey="id",
            color="value",
            hover_name="area_name",
            color_continuous_scale="Blues",
        )
        fig.update_geos(fitbounds="locations", visible=False)
        return fig

    # The components must exist in the layout for Dash to accept the request's ids.
    shell = app.layout

    def layout():
        return html.Div(
            [
                shell(),
                html.Div(
                    [
                        dcc.Input(id="bench-indicator"),
                        dcc.Input(id="bench-year"),
                        dcc.Input(id="bench-level"),
                        dcc.Graph(id=NAIVE_GRAPH),
                    ],
                    hidden=True,
                ),
            ]
        )

    app.layout = layout


def _callback_key(app, *needles: str) -> str:
    for key in app.callback_map:
        if all(n in key for n in needles):
            return key
    raise KeyError(needles)


def _outputs(key: str) -> list[dict]:
    parts = key.strip(".").split("...") if key.startswith("..") else [key]
    out = []
    for part in parts:
        ident, prop = part.rsplit(".", 1)
        out.append({"id": ident, "property": prop.split("@")[0]})
    return out


def _post(client, key: str, inputs: list[dict], state: list[dict], changed: str):
    outputs = _outputs(key)
    body = {
        "output": key,
        "outputs": outputs if key.startswith("..") else outputs[0],
        "inputs": inputs,
        "state": state,
        "changedPropIds": [changed],
    }
    start = time.perf_counter()
    response = client.post("/_dash-update-component", json=body)
    elapsed = time.perf_counter() - start
    if response.status_code not in (200, 204):
        raise RuntimeError(f"{response.status_code}: {response.get_data(as_text=True)[:500]}")
    return elapsed, len(response.get_data())


def changes(indicators: list[str], years: list[int], rounds: int) -> list[tuple[str, int, str]]:
    """Alternate indicator and year changes: (indicator, year, changed prop)."""
    rnd = random.Random(7)
    seq, ind, year = [], indicators[0], years[-1]
    for i in range(rounds):
        if i % 2 == 0:
            ind = indicators[(indicators.index(ind) + 1) % len(indicators)]
            seq.append((ind, year, "indicator"))
        else:
            year = rnd.choice([y for y in years if y != year] or years)
            seq.append((ind, year, "year"))
    return seq


def measure(app, level: str, indicators: list[str], years: list[int], rounds: int) -> dict:
    from dashboard.pages import explorer as ex

    client = app.server.test_client()
    client.get("/")  # first request: Flask/Dash setup
    # A session cookie switches the response cache for anonymous visitors off
    # (dashboard/response_cache.py): measured is the work, not a cache hit.
    client.set_cookie(app.server.config["SESSION_COOKIE_NAME"], "benchmark")
    ours_key = _callback_key(app, f"{ex.MAP}.figure", f"{ex.MAP_LEVEL}.data")
    naive_key = _callback_key(app, f"{NAIVE_GRAPH}.figure")
    lang = {"lang": "de", "default": "de"}

    def ours(ind, year, changed):
        inputs = [
            {"id": ex.INDICATOR, "property": "value", "value": ind},
            {"id": ex.YEAR, "property": "value", "value": year},
            {"id": ex.LEVEL, "property": "value", "value": level},
            {"id": ex.AREAS, "property": "value", "value": []},
            {"id": ex.CLASSES, "property": "value", "value": "quantile"},
            {"id": ex.BREAKS, "property": "value", "value": ""},
            {"id": ex.PALETTE, "property": "value", "value": "sequential"},
        ]
        state = [
            {"id": ex.MAP_LEVEL, "property": "data", "value": level},
            {"id": ex.LANG, "property": "data", "value": lang},
        ]
        prop = ex.INDICATOR if changed == "indicator" else ex.YEAR
        return _post(client, ours_key, inputs, state, f"{prop}.value")

    def naive(ind, year, changed):
        inputs = [
            {"id": "bench-indicator", "property": "value", "value": ind},
            {"id": "bench-year", "property": "value", "value": year},
            {"id": "bench-level", "property": "value", "value": level},
        ]
        return _post(client, naive_key, inputs, [], f"bench-{changed}.value")

    caption_key = _callback_key(app, f"{ex.MAP_CAPTION}.children")
    series_key = _callback_key(app, f"{ex.TS}.figure", f"{ex.TS_NOTES}.children")

    def panels(ind, year, changed):
        """The other panels that redraw on the same change (heading, trend chart): reported, not compared."""
        prop = ex.INDICATOR if changed == "indicator" else ex.YEAR
        common = [
            {"id": ex.INDICATOR, "property": "value", "value": ind},
            {"id": ex.YEAR, "property": "value", "value": year},
            {"id": ex.LEVEL, "property": "value", "value": level},
        ]
        state = [{"id": ex.LANG, "property": "data", "value": lang}]
        t1, n1 = _post(client, caption_key, common, state, f"{prop}.value")
        t2, n2 = _post(
            client, series_key, common + [{"id": ex.AREAS, "property": "value", "value": []}], state, f"{prop}.value"
        )
        return t1 + t2, n1 + n2

    seq = changes(indicators, years, rounds)
    # warm-up: the first round fills caches for both (the data cache is part of our design,
    # the naive one has none); the same warm-up is given to both.
    for ind, year, changed in seq[:4]:
        ours(ind, year, changed)
        naive(ind, year, changed)
    results = {}
    # Interleaved (ours, naive, panels for each change), so that load from other
    # processes on the machine hits both sides alike.
    sides = (("ours", ours), ("naive", naive), ("panels", panels))
    samples = {name: ([], []) for name, _ in sides}
    for ind, year, changed in seq:
        for name, fn in sides:
            t, n = fn(ind, year, changed)
            samples[name][0].append(t)
            samples[name][1].append(n)
    for name, (times, sizes) in samples.items():
        results[name] = {"time": statistics.median(times), "bytes": statistics.median(sizes)}
    # What the browser fetches once per level: the page with the map's geometry.
    with app.server.test_request_context(f"/indikatoren?level={level}"):
        catalogue = ex.data.catalogue()
        state, _ = ex.parse_state({"level": level, "indicator": indicators[0]}, catalogue)
        info = ex.data.indicator(indicators[0])
        figure = ex.build_map(state, info, "de")
    results["initial_map_bytes"] = len(figure.to_json())
    return results


# -- Kommunen ---------------------------------------------------------------------------


def halle(tmp: Path):
    settings = Settings.from_env(environ={}, database_url=f"sqlite:///{tmp / 'halle.sqlite3'}", secret_key="bench")
    app = create_app(settings)
    register_naive(app)
    with app.server.app_context():
        from dashboard.services import services

        repo = services().repo
        indicators = [i.id for i in repo.indicators() if i.spatial_level == "stadtviertel"][:6]
        years = repo.years(indicators[0])
    return app, "stadtviertel", indicators, years, "Halle (41 Stadtviertel)"


def grid_kommune(tmp: Path, nx: int = 40, ny: int = 50):
    """A synthetic Kommune of nx*ny square areas with 4 indicators over 10 years."""
    features = []
    size = 0.004
    for i in range(nx):
        for j in range(ny):
            x, y = 11.8 + i * size, 51.4 + j * size * 0.64
            ring = [[x, y], [x + size, y], [x + size, y + size * 0.64], [x, y + size * 0.64], [x, y]]
            features.append(
                {
                    "type": "Feature",
                    "properties": {"code": f"G{i:02d}{j:02d}", "name": f"Gebiet {i + 1}/{j + 1}"},
                    "geometry": {"type": "Polygon", "coordinates": [ring]},
                }
            )
    (tmp / "grid.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    (tmp / "kommune.toml").write_text(
        """slug = "gitterstadt"
name = "Gitterstadt (synthetisch)"
city_code = "99999"

[[levels]]
key = "gebiet"
name_de = "Gebiet"
name_en = "Area"
plural_de = "Gebiete"

[[levels]]
key = "stadt"
name_de = "Stadt"

[[geodata]]
level = "gebiet"
file = "grid.geojson"
code_field = "code"
name_field = "name"

[[leitlinien]]
number = 1
title_de = "Synthetisch"
"""
    )
    settings = Settings.from_env(
        environ={},
        kommune=str(tmp / "kommune.toml"),
        database_url=f"sqlite:///{tmp / 'grid.sqlite3'}",
        secret_key="bench",
    )
    app = create_app(settings)
    from dashboard.models import Area, Indicator, IndicatorValue

    rnd = random.Random(3)
    indicators = [f"synth_{k}" for k in range(4)]
    years = list(range(2015, 2025))
    with app.server.app_context():
        from dashboard.services import services

        db = services().db
        with db.session() as s:
            areas = s.query(Area.id, Area.code).filter(Area.level == "gebiet").all()
            for k, ind in enumerate(indicators):
                s.add(
                    Indicator(
                        id=ind,
                        name_de=f"Synthetischer Indikator {k + 1}",
                        unit="%",
                        decimals=1,
                        kind="rate",
                        multiplier=100.0,
                        polarity="higher_better",
                        spatial_level="gebiet",
                        is_demo=True,
                        source="synthetisch",
                        licence="CC0",
                    )
                )
            s.flush()
            rows = []
            for ind in indicators:
                for area_id, _code in areas:
                    base = rnd.uniform(20, 80)
                    for year in years:
                        den = rnd.randint(50, 400)
                        num = round(den * min(0.99, max(0.01, (base + rnd.gauss(0, 4)) / 100)))
                        rows.append(
                            {
                                "indicator_id": ind,
                                "area_id": area_id,
                                "year": year,
                                "value": num / den * 100,
                                "numerator": num,
                                "denominator": den,
                                "series_break": False,
                            }
                        )
            s.bulk_insert_mappings(IndicatorValue, rows)
    register_naive(app)
    return app, "gebiet", indicators, years, f"Gitter ({nx * ny} Gebiete)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=30, help="indicator/year changes per side")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for build in (halle, grid_kommune):
            sub = tmp / build.__name__
            sub.mkdir()
            app, level, indicators, years, label = build(sub)
            results.append((label, measure(app, level, indicators, years, args.rounds)))

    def kb(n):
        return f"{n / 1024:,.1f} kB"

    def ms(s):
        return f"{s * 1000:,.1f} ms"

    width = 30
    header = f"{'':34}" + "".join(f"{label:>{width}}" for label, _ in results)
    print("Explorer: one indicator/year change (median of", args.rounds, "requests per side)")
    print(header)
    rows = [
        ("naive px.choropleth: bytes", lambda r: kb(r["naive"]["bytes"])),
        ("compact map update: bytes", lambda r: kb(r["ours"]["bytes"])),
        ("  -> bytes ratio (target >= 20x)", lambda r: f"{r['naive']['bytes'] / r['ours']['bytes']:,.1f}x"),
        ("naive px.choropleth: server time", lambda r: ms(r["naive"]["time"])),
        ("compact map update: server time", lambda r: ms(r["ours"]["time"])),
        ("  -> time ratio (target >= 5x)", lambda r: f"{r['naive']['time'] / r['ours']['time']:,.1f}x"),
        ("map with geometry (once per level)", lambda r: kb(r["initial_map_bytes"])),
        ("other panels on the change: bytes", lambda r: kb(r["panels"]["bytes"])),
        ("other panels on the change: time", lambda r: ms(r["panels"]["time"])),
    ]
    for name, fn in rows:
        print(f"{name:34}" + "".join(f"{fn(r):>{width}}" for _, r in results))
    ok = all(
        r["naive"]["bytes"] / r["ours"]["bytes"] >= 20 and r["naive"]["time"] / r["ours"]["time"] >= 5
        for _, r in results
    )
    print("targets met" if ok else "TARGETS NOT MET")
    return 0


if __name__ == "__main__":
    sys.exit(main())
