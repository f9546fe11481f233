import pandas as pd

from dashboard.sources import demo
from dashboard.sources.halle_geo import STADTVIERTEL, generate


def test_demo_data_is_reproducible():
    first, second = demo.generate(seed=7), demo.generate(seed=7)
    pd.testing.assert_frame_equal(first.values, second.values)
    assert not demo.generate(seed=8).values["value"].equals(first.values["value"])


def test_demo_covers_the_bildungsbereiche_with_labelled_indicators():
    data = demo.generate()
    assert len(data.indicators) >= 15
    assert all(ind["is_demo"] and "(Beispieldaten)" in ind["name_de"] for ind in data.indicators)
    assert data.source.is_demo
    hf_bereich = {
        "HF01": "Frühkindliche Bildung",
        "HF02": "Übergänge",
        "HF03": "Schule",
        "HF04": "Schule",
        "HF05": "Übergänge",
        "HF06": "Berufliche Bildung",
        "HF07": "Weiterbildung",
        "HF08": "Teilhabe",
        "HF09": "Teilhabe",
        "HF11": "Digitalisierung",
        "HF12": "Vernetzung",
    }
    bereiche = {hf_bereich[ind["handlungsfeld"]] for ind in data.indicators}
    assert {
        "Frühkindliche Bildung",
        "Schule",
        "Übergänge",
        "Berufliche Bildung",
        "Weiterbildung",
        "Digitalisierung",
        "Teilhabe",
    } <= bereiche
    leitlinien = {n for ind in data.indicators for n in ind["leitlinien"]}
    assert leitlinien >= {1, 2, 3, 4, 5, 7, 8}


def test_demo_has_gaps_a_series_break_and_suppressed_counts():
    values = demo.generate().values
    district = values[values["area_code"].str.startswith("SV-")]
    assert district["year"].min() == 2012 and district["year"].max() == 2024
    per_indicator = district.groupby("indicator_id").size()
    assert (per_indicator < len(STADTVIERTEL) * 13).any(), "expected gaps"
    assert district["series_break"].any()
    assert (district["flag"] == "suppressed").sum() > 0
    assert (district["flag"] == "provisional").sum() > 0


def test_placeholder_geometry_is_a_valid_coverage_and_marked():
    import shapely
    from shapely.geometry import shape

    viertel, bezirke = generate()
    assert len(viertel["features"]) == len(STADTVIERTEL) == 41
    assert "PLATZHALTER" in viertel["note"]
    assert all(f["properties"]["placeholder"] for f in viertel["features"])
    shapes = [shape(f["geometry"]) for f in viertel["features"]]
    assert all(s.is_valid for s in shapes)
    # A coverage: no two quarters overlap.
    assert shapely.coverage_is_valid(shapes)
    assert len(bezirke["features"]) == 5
