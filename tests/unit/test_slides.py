"""Slide and embed panels: pure builders, checked without a browser."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import plotly.utils
import pytest

from dashboard.compute.massnahmen import status_summary
from dashboard.figures.graph_config import graph_config
from dashboard.figures.slides import (
    IndicatorData,
    figure_text,
    indicator_card,
    leitlinie_body,
    overview_body,
    sources_line,
    value_table,
    year_ticks,
)
from dashboard.repository import Repository


def _texts(component) -> list[str]:
    """All strings in a Dash component tree, in order."""
    out = []

    def walk(node):
        if isinstance(node, str):
            out.append(node)
        elif isinstance(node, list | tuple):
            for child in node:
                walk(child)
        elif hasattr(node, "children"):
            walk(node.children)

    walk(component)
    return out


def _find(component, class_name: str) -> list:
    found = []

    def walk(node):
        if isinstance(node, list | tuple):
            for child in node:
                walk(child)
        elif hasattr(node, "to_plotly_json"):
            if class_name in (getattr(node, "className", "") or "").split():
                found.append(node)
            walk(getattr(node, "children", None))

    walk(component)
    return found


@pytest.fixture(scope="module")
def kita(halle_db) -> IndicatorData:
    repo = Repository(halle_db)
    info = repo.indicator("kita_quote_u3")
    areas = repo.values(info.id, level="stadtviertel")
    return IndicatorData(
        info=info,
        city=repo.values(info.id, level="stadt"),
        areas=areas[areas["year"] == areas["year"].max()],
        geojson=repo.geojson("stadtviertel"),
        city_name="Halle (Saale)",
        level_label="Stadtviertel",
        placeholder=True,
    )


def test_text_alternative_states_the_trend_and_the_map_range(kita):
    text = figure_text(kita, lang="de")
    city = kita.city.dropna(subset=["value"]).sort_values("year")
    last = city.iloc[-1]
    assert f"{last['value']:.1f}".replace(".", ",") + " %" in text
    assert "Karte 2024: Die " in text and "Stadtviertel reichen von" in text
    low = kita.areas.loc[kita.areas["value"].idxmin()]
    assert low["area_name"] in text


def test_value_table_is_a_plain_labelled_table_with_german_numbers():
    frame = pd.DataFrame({"year": [2023, 2024], "value": [1234.5, float("nan")]})
    table = value_table(frame, key="year", key_label="Jahr", caption="Kita", decimals=1, unit="%", lang="de")
    body = json.dumps(table, cls=plotly.utils.PlotlyJSONEncoder)
    assert table.__class__.__name__ == "Table"
    texts = _texts(table)
    assert texts[0] == "Kita"
    assert "Wert (%)" in texts and "1.234,5" in texts and "kein Wert" in texts
    assert '"scope": "row"' in body and '"scope": "col"' in body


def test_card_has_a_hidden_sentence_and_tables_and_hides_only_the_graphs(kita):
    card = indicator_card(kita, config=graph_config("/assets/topojson/", static=True), lang="de", demo_labelled=True)
    texts = _texts(card)
    assert "Betreuungsquote unter 3 Jahren" in texts  # "(Beispieldaten)" said once per slide instead
    hidden = _find(card, "visually-hidden")
    hidden_text = " ".join(t for h in hidden for t in _texts(h))
    assert "Werte je Jahr" in hidden_text and "Werte je Gebiet" in hidden_text
    graphs = _find(card, "card-map") + _find(card, "card-trend")
    assert len(graphs) == 2
    assert all(g.to_plotly_json()["props"].get("aria-hidden") == "true" for g in graphs)
    # status in words, not only colour
    assert any(t in texts for t in ("Ziel erreicht", "Auf Kurs", "Nicht auf Kurs"))


def test_graph_config_keeps_plotly_offline():
    config = graph_config("/bildungsmonitor/assets/topojson/", static=True)
    assert config["topojsonURL"] == "/bildungsmonitor/assets/topojson/"
    assert config["staticPlot"] is True and config["displayModeBar"] is False


def test_year_ticks_are_few_and_include_the_target_year(kita):
    ticks = year_ticks(kita)
    assert 3 <= len(ticks) <= 4
    assert ticks[0] == int(kita.city.dropna(subset=["value"])["year"].min())
    assert ticks[-1] == kita.info.target_year


def test_overview_says_done_and_overdue_in_words():
    leitlinien = [
        {"number": 1, "title_de": "Eins", "title_en": "One"},
        {"number": 2, "title_de": "Zwei", "title_en": ""},
    ]
    today = dt.date(2026, 1, 1)
    massnahmen = [
        {"code": "a", "leitlinie": 1, "status": "umgesetzt", "end": dt.date(2020, 1, 1)},
        {"code": "b", "leitlinie": 1, "status": "in Umsetzung", "end": dt.date(2025, 1, 1)},
    ]
    summaries = {1: status_summary(massnahmen, today), 2: status_summary([], today)}
    texts = _texts(overview_body(leitlinien, summaries, lang="de"))
    assert "1 von 2 umgesetzt" in texts and "1 überfällig" in texts and "keine Maßnahmen" in texts
    assert "Two" not in texts and "Zwei" in texts


def test_leitlinie_without_indicators_says_so():
    body = leitlinie_body(status_summary([], dt.date(2026, 1, 1)), [], config={}, lang="de", massnahmen_label="M")
    assert "Dieser Leitlinie sind noch keine Indikatoren zugeordnet." in _texts(body)


def test_sources_named_once_and_demo_licence_left_out(kita):
    line = sources_line([kita, kita], lang="de", note="Karten: x.")
    texts = _texts(line)
    assert texts.count(kita.info.source) == 1
    assert "Quelle: " in texts and "Karten: x. " in texts


def test_empty_leitlinie_says_so_in_words_instead_of_an_empty_bar():
    body = leitlinie_body(status_summary([], dt.date(2026, 1, 1)), [], config={}, lang="de", massnahmen_label="M")
    texts = _texts(body)
    assert "Für diese Leitlinie sind keine Maßnahmen erfasst." in texts


def test_a_source_with_its_own_label_is_not_labelled_twice(kita):
    from dataclasses import replace

    info = replace(kita.info, source="Datenquelle: INKAR, BBSR Bonn", is_demo=False, licence="dl-de/by-2-0")
    line = sources_line([replace(kita, info=info)], lang="de")
    assert _texts(line) == ["Datenquelle: INKAR, BBSR Bonn, dl-de/by-2-0"]
