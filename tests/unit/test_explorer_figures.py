"""Map and time-series builders, tested without a browser."""

import json

import pandas as pd
import plotly.io as pio

from dashboard.compute.classify import NO_DATA_COLOR, classify
from dashboard.figures.choropleth import (
    MAP_TRACE,
    NODATA_TRACE,
    apply_update,
    choropleth_figure,
    map_trace_update,
)
from dashboard.figures.timeseries import Band, Line, comparison_figure, timeseries_figure, timeseries_footnotes


def square(code, x, name):
    return {
        "type": "Feature",
        "id": code,
        "properties": {"name": name},
        "geometry": {
            "type": "Polygon",
            "coordinates": [[[x, 51], [x + 0.01, 51], [x + 0.01, 51.01], [x, 51.01], [x, 51]]],
        },
    }


GEO = {
    "type": "FeatureCollection",
    "features": [
        square("A", 11.0, "Altstadt"),
        square("B", 11.01, "Berg"),
        square("C", 11.02, "Chaos"),
        square("D", 11.03, "Dorf"),
    ],
}


def values():
    return pd.DataFrame(
        {
            "area_code": ["A", "B", "C", "D"],
            "area_name": ["Altstadt", "Berg", "Chaos", "Dorf"],
            "value": [1234.5, 20.0, float("nan"), float("nan")],
            "flag": [None, "provisional", "suppressed", None],
            "footnote": [None, None, None, None],
        }
    )


def test_map_hover_has_name_german_value_rank_and_reason_for_missing():
    frame = values()
    classes = classify(frame["value"], method="equal", n_classes=2, polarity="lower_better")
    update = map_trace_update(
        frame, ["A", "B", "C", "D"], classes=classes, unit="%", decimals=1, lang="de", polarity="lower_better"
    )
    hover = update["map"]["hovertext"]
    assert hover[0] == "<b>Altstadt</b><br>1.234,5 %<br>Rang 2 von 2 (1 = bester Wert)"
    assert "Rang 1 von 2" in hover[1] and "vorläufiger Wert" in hover[1]
    assert "Datenschutz" in hover[2]
    assert "Kein Wert für dieses Jahr" in hover[3]
    assert update["map"]["z"] == [1, 0, -1, -1]
    assert update["colorbar"]["ticktext"][0] == "kein Wert"
    assert update["colorbar"]["title"]["text"] == "%"
    # the no-value class is grey, the best class (lowest value here) the darkest blue
    scale = update["map"]["colorscale"]
    assert scale[0][1] == NO_DATA_COLOR
    assert scale[2][1] == classes.colors[0] == "#3182bd"


def test_map_marks_missing_areas_with_a_cross_and_selected_with_an_outline():
    frame = values()
    classes = classify(frame["value"], polarity="higher_better")
    fig = choropleth_figure(frame, GEO, classes=classes, unit="%", decimals=1, selected=["B"], placeholder=True)
    cross = fig.data[NODATA_TRACE]
    assert len(cross.lon) == 2  # C and D
    widths = fig.data[MAP_TRACE].marker.line.width
    assert widths[1] > widths[0]
    assert fig.layout.annotations[0].text == "Umrisse erfunden (Platzhalter)"
    assert fig.layout.geo.visible is False and fig.layout.geo.fitbounds == "locations"
    assert fig.layout.separators == ",."


def test_patch_update_carries_no_geometry_and_is_small():
    frame = values()
    classes = classify(frame["value"], polarity="higher_better")
    update = map_trace_update(frame, ["A", "B", "C", "D"], classes=classes, unit="%", decimals=1)
    text = json.dumps(update)
    assert "coordinates" not in text
    full = choropleth_figure(frame, GEO, classes=classes, unit="%", decimals=1)
    # applying the update to the full figure reproduces it
    again = apply_update(json.loads(pio.to_json(full)), update)
    assert again["data"][MAP_TRACE]["z"] == list(full.data[MAP_TRACE].z)


def test_suppressed_values_never_enter_the_figure():
    frame = values()
    frame.loc[2, "value"] = 2.0  # a suppressed value that slipped through must still not be shown as a number
    frame = frame.assign(value=frame["value"].where(frame["flag"] != "suppressed"))
    fig = choropleth_figure(frame, GEO, classes=classify(frame["value"]), unit="%", decimals=1)
    assert "2,0" not in " ".join(fig.data[MAP_TRACE].hovertext)


def series(years, vals, **cols):
    return pd.DataFrame({"year": years, "value": vals, **cols})


def test_series_break_splits_the_line_and_provisional_values_are_open():
    frame = series(
        [2018, 2019, 2020, 2021],
        [1, 2, 3, 4],
        series_break=[False, False, True, False],
        flag=[None, None, None, "provisional"],
    )
    fig = timeseries_figure([Line("Altstadt", frame)], target_value=5, target_year=2025, unit="%", lang="de")
    lines = [tr for tr in fig.data if tr.name == "Altstadt"]
    assert [list(tr.x) for tr in lines] == [[2018, 2019], [2020, 2021]]
    assert lines[1].marker.symbol[-1] == "circle-open"
    assert sum(1 for tr in lines if tr.showlegend) == 1
    target = fig.layout.annotations[0].text
    assert target == "Zielwert 5,0 % (2025)"
    assert fig.layout.xaxis.range[1] >= 2025
    notes = timeseries_footnotes([Line("Altstadt", frame)], lang="de")
    assert any("vorläufige Werte (2021)" in n for n in notes)
    assert any("Zeitreihenbruch 2020" in n for n in notes)


def test_bands_and_reference_lines_keep_their_exact_labels():
    lo, hi = series([2020, 2021], [1, 2]), series([2020, 2021], [5, 6])
    fig = timeseries_figure(
        [
            Line("Halle (Saale)", series([2020, 2021], [3, 4]), role="city"),
            Line("Sachsen-Anhalt: Median der Kreise", series([2020, 2021], [3.5, 3.6]), role="reference"),
        ],
        bands=[Band("Sachsen-Anhalt: Spanne der Kreise (Minimum–Maximum)", lo, hi)],
        unit="%",
    )
    names = [tr.name for tr in fig.data if tr.showlegend is not False]
    assert "Sachsen-Anhalt: Spanne der Kreise (Minimum–Maximum)" in names
    assert "Sachsen-Anhalt: Median der Kreise" in names
    city = next(tr for tr in fig.data if tr.name == "Halle (Saale)")
    assert city.line.width > 3


def test_comparison_puts_the_best_on_top_and_highlights_the_city():
    frame = pd.DataFrame({"area_code": ["K1", "K2", "K3"], "area_name": ["Eins", "Zwei", "Drei"], "value": [3, 1, 2]})
    fig = comparison_figure(frame, highlight="K3", unit="%", decimals=1, polarity="lower_better")
    assert list(fig.data[0].y) == ["Zwei", "<b>Drei</b>", "Eins"]


def test_compact_update_matches_the_full_update_and_is_small():
    from dashboard.figures.choropleth import compact_update

    frame = values()
    classes = classify(frame["value"], method="equal", n_classes=2, polarity="lower_better")
    centroids = {"C": (11.025, 51.005), "D": (11.035, 51.005)}
    kw = dict(classes=classes, unit="%", decimals=1, lang="de", polarity="lower_better", selected=["B"])
    full = map_trace_update(frame, ["A", "B", "C", "D"], centroids=centroids, **kw)
    compact = compact_update(frame, ["A", "B", "C", "D"], centroids=centroids, **kw)
    assert compact["z"] == ",".join(str(z) for z in full["map"]["z"]) == "1,0,-1,-1"
    assert compact["v"] == "1234.5,20,,"
    assert compact["r"] == "2,1,,"
    assert compact["m"] == {"Wert unterdrückt (Datenschutz: kleine Fallzahl)": "2", "Kein Wert für dieses Jahr": "3"}
    assert compact["p"] == "1" and compact["s"] == [1]
    assert compact["nd"] == [[11.025, 51.005], [11.035, 51.005]]
    assert compact["l"] == full["colorbar"]["ticktext"]
    assert compact["ut"] == " %" and compact["hi"] == 0
    assert "coordinates" not in json.dumps(compact)
