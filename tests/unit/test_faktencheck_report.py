"""Faktencheck report: the content built from Halle's data, written as static HTML."""

import re

import pytest
from dash import dcc, html

from dashboard.compute.sentences import Point, trend_sentence
from dashboard.formatting import format_value
from dashboard.kommune import load_kommune
from dashboard.reports.faktencheck import (
    ReportError,
    build_report,
    format_change,
    parse_gebiete,
    parse_year,
    plan_report,
    render,
    standalone_html,
)
from dashboard.reports.static_html import to_html
from dashboard.repository import Repository
from dashboard.settings import ROOT, SHARED_REAL_DEFAULT
from tests.unit.test_kommune import LEITLINIEN


@pytest.fixture(scope="module")
def halle():
    return load_kommune(ROOT / "data" / "halle" / "kommune.toml", SHARED_REAL_DEFAULT)


@pytest.fixture(scope="module")
def report(halle_db, halle):
    return build_report(Repository(halle_db), halle, 2024, gebiete=("SV-37",), charts=False)


def test_static_html_writes_tags_attributes_and_escapes():
    tree = html.Div(
        [html.H2("a < b", id="x"), html.Img(src="data:image/svg+xml;base64,AA", alt=""), html.Th("t", colSpan=2)],
        className="box",
        style={"marginTop": "2px"},
    )
    assert to_html(tree) == (
        '<div class="box" style="margin-top: 2px"><h2 id="x">a &lt; b</h2>'
        '<img alt="" src="data:image/svg+xml;base64,AA"><th colspan="2">t</th></div>'
    )
    with pytest.raises(TypeError):
        to_html(dcc.Graph())


def test_every_leitlinie_has_its_section_and_at_most_three_indicators(report):
    assert [ll.title for ll in report.leitlinien] == LEITLINIEN
    assert all(len(ll.indicators) <= 3 for ll in report.leitlinien)
    assert sum(len(ll.indicators) for ll in report.leitlinien) >= 15
    # Indicators with a Zielwert come first under their Leitlinie.
    for ll in report.leitlinien:
        flags = [s.info.target_value is not None for s in ll.indicators]
        assert flags == sorted(flags, reverse=True)


def test_sentences_match_the_data_shown(report, halle_db):
    repo = Repository(halle_db)
    section = report.leitlinien[0].indicators[0]
    info, fig = section.info, section.figures
    city = repo.values(info.id, level="stadt")
    city = city[city["area_code"] == "15002"].set_index("year")["value"]
    assert fig.latest.year == 2024 and fig.latest.value == pytest.approx(city[2024])
    assert fig.change_previous == pytest.approx(city[2024] - city[2023])
    expected = trend_sentence(
        name=info.name_de,
        unit=info.unit,
        decimals=info.decimals,
        polarity=info.polarity,
        start=Point(2019, city[2019]),
        end=Point(2024, city[2024]),
        references=list(fig.references),
    )
    assert section.sentence == expected
    assert format_value(city[2024], info.decimals, info.unit) in section.sentence


def test_standalone_html_is_printable_and_labels_demo_data(report):
    text = standalone_html(report)
    assert "<script" not in text and "http://" not in text.replace("http://www.w3.org", "")
    assert "size: A4" in text and "counter(pages)" in text
    for title in LEITLINIEN:
        assert f">{title}</h2>" in text
    assert 'id="fc-demo-banner"' in text
    demo = [s for ll in report.leitlinien for s in ll.indicators if s.info.is_demo]
    headings = re.findall(r"<h3 id=\"fc-ind-[^\"]+\">(.*?)</h3>", text)
    assert len(headings) == sum(len(ll.indicators) for ll in report.leitlinien)
    assert sum("Beispieldaten</span>" in h for h in headings) == len(demo)
    assert "Landeswert" not in text
    assert "Stadtviertelprofil Nördliche Neustadt (SV-37)" in text
    assert "Anhang: Quellen und Definitionen" in text


def test_inkar_indicators_compare_with_kreis_medians(halle_db, halle):
    repo = Repository(halle_db)
    if repo.indicator("inkar_share_no_degree") is None:
        pytest.skip("INKAR-Daten nicht geladen (../shared/data/real fehlt)")
    plan = plan_report(repo, halle, 2024)
    plan.key = {4: [repo.indicator("inkar_share_no_degree")]}
    report = build_report(repo, halle, 2024, plan=plan, charts=True)
    section = next(ll for ll in report.leitlinien if ll.number == 4).indicators[0]
    assert section.figures.latest.year == 2022  # INKAR ends before the report year
    assert "Median der Kreise Sachsen-Anhalts" in section.sentence
    assert "Median der Kreise Deutschlands" in section.sentence
    assert section.map_uri is None and "Gesamtstadt" in section.map_note
    assert section.trend_uri.startswith("data:image/svg+xml;base64,")


def test_bad_input_gives_german_errors_naming_it(halle_db, halle):
    with pytest.raises(ReportError, match="„zwanzig“"):
        parse_year("zwanzig")
    with pytest.raises(ReportError, match="außerhalb"):
        parse_year("1800")
    assert parse_gebiete(" SV-37, SV-38 ,SV-37") == ("SV-37", "SV-38")
    with pytest.raises(ReportError, match="höchstens 6"):
        parse_gebiete(",".join(f"SV-{i:02d}" for i in range(1, 8)))
    with pytest.raises(ReportError, match="gebiete.*SV-99"):
        plan_report(Repository(halle_db), halle, 2024, gebiete=("SV-99",))
    with pytest.raises(ReportError, match="keine Daten"):
        plan_report(Repository(halle_db), halle, 1991)


def test_profile_compares_the_area_with_the_city(report):
    (profile,) = report.profiles
    assert profile.code == "SV-37" and profile.level_name == "Stadtviertel"
    rows = {row.info.id: row for row in profile.rows}
    assert "inkar_share_abitur" not in rows  # city-only indicators have no district value
    row = rows["kita_quote_u3"]
    assert row.year == 2024 and row.city.value == pytest.approx(report.leitlinien[0].indicators[0].figures.latest.value)


def test_change_is_in_percentage_points_for_rates():
    class Info:
        decimals, unit = 1, "%"

    assert format_change(1.26, Info, "de") == "+1,3 Prozentpunkte"
    assert format_change(-0.4, Info, "de") == "−0,4 Prozentpunkte"
    assert format_change(0.0, Info, "en") == "±0.0 percentage points"
    assert format_change(None, Info, "de") == "–"


def test_key_indicators_can_be_chosen_in_kommune_toml(halle_db, halle, tmp_path):
    import dataclasses

    toml = tmp_path / "kommune.toml"
    toml.write_text('[faktencheck.indicators]\n1 = ["inklusionsquote", "schulanfaenger"]\n', encoding="utf-8")
    plan = plan_report(Repository(halle_db), dataclasses.replace(halle, path=toml), 2024)
    assert [i.id for i in plan.key[1]] == ["inklusionsquote", "schulanfaenger"]
    assert plan.key[2]  # the other Leitlinien stay automatic
    toml.write_text('[faktencheck.indicators]\n1 = ["gibt_es_nicht"]\n', encoding="utf-8")
    with pytest.raises(ReportError, match=r"kommune\.toml.*gibt_es_nicht"):
        plan_report(Repository(halle_db), dataclasses.replace(halle, path=toml), 2024)


def test_charts_have_a_table_alternative_and_hide_suppressed_values(halle_db, halle):
    repo = Repository(halle_db)
    plan = plan_report(repo, halle, 2024)
    plan.key = {1: [repo.indicator("kita_quote_u3")]}
    report = build_report(repo, halle, 2024, plan=plan)
    section = report.leitlinien[0].indicators[0]
    assert section.trend_uri and section.map_uri
    text = to_html(render(report))
    assert text.count('<details class="fc-data">') == 1
    city_2024 = format_value(section.figures.latest.value, 1, "%")
    assert f"<td>{city_2024}</td>" in text  # the trend table holds the city's 2024 value
    stored = repo.values("kita_quote_u3", level="stadtviertel", public=False)
    hidden = stored[(stored["year"] == section.map_year) & (stored["flag"] == "suppressed")]
    assert len(hidden) >= 1  # the demo data has small counts in this year
    assert len(section.map_rows) == len(stored[stored["year"] == section.map_year])
    for name, value in zip(hidden["area_name"], hidden["value"], strict=True):
        row = next(r for r in section.map_rows if r[0] == name)
        assert row[1] is None and row[2] is True
        assert format_value(value, 1, "%") not in _row_of(text, name)


def _row_of(text: str, name: str) -> str:
    start = text.index(f'<th scope="row">{name}</th>')
    return text[start : text.index("</tr>", start)]
