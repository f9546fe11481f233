"""Explorer: URL state, downloads and suppression, without a browser (app context only)."""

import io

import openpyxl
import pandas as pd
import pytest

from dashboard.app import create_app
from dashboard.explorer_state import Catalogue, ExplorerState, clamp_year, parse_state
from dashboard.export import to_csv_bytes

CATALOGUE = Catalogue(
    indicators=["a", "b"],
    default_indicator="a",
    years={"a": [2020, 2021, 2022], "b": [2010]},
    levels=["stadtviertel", "stadtbezirk"],
    area_codes={"stadtviertel": {"SV-01", "SV-02"}, "stadtbezirk": {"SB-1"}},
    leitlinien=[1, 2],
)


def test_url_round_trip():
    state = ExplorerState("b", 2010, "stadtbezirk", ("SB-1",), tab="table", palette="diverging", leitlinie=2)
    query = dict(pair.split("=") for pair in state.search("en").lstrip("?").split("&"))
    again, notices = parse_state(query, CATALOGUE, "en")
    assert notices == []
    assert again == state


def test_bad_parameters_fall_back_with_german_notices_naming_them():
    query = {
        "indicator": "x",
        "year": "abc",
        "level": "mond",
        "areas": "SV-01,ZZ",
        "tab": "pie",
        "classes": "manual",
        "breaks": "1; zwei",
        "palette": "neon",
        "leitlinie": "9",
    }
    state, notices = parse_state(query, CATALOGUE, "de")
    assert state == ExplorerState("a", 2022, "stadtviertel", ("SV-01",))
    text = " ".join(notices)
    for part in ("„x“", "„abc“", "„mond“", "ZZ", "„pie“", "'zwei' ist keine Zahl", "„neon“", "„9“"):
        assert part in text


def test_clamp_year():
    assert clamp_year(2021, [2020, 2022]) == 2022
    assert clamp_year(None, [2020, 2022]) == 2022
    assert clamp_year(1990, [2020, 2022]) == 2020
    assert clamp_year(2020, []) is None


def test_csv_for_german_excel():
    frame = pd.DataFrame({"Gebiet": ["Süd"], "Jahr": [2024], "Wert": [1234.56]})
    raw = to_csv_bytes(frame, decimals=1, lang="de")
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8-sig") == "Gebiet;Jahr;Wert\r\nSüd;2024;1234,6\r\n"
    assert to_csv_bytes(frame, lang="en").decode("utf-8-sig").splitlines()[1] == "Süd,2024,1234.6"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    from dashboard.settings import Settings

    path = tmp_path_factory.mktemp("explorer") / "halle.sqlite3"
    return create_app(Settings.from_env(environ={}, database_url=f"sqlite:///{path}", secret_key="t"))


def test_export_and_map_never_carry_suppressed_values(app):
    from dashboard import explorer_data as data
    from dashboard.export import to_xlsx_bytes
    from dashboard.pages import explorer as ex
    from dashboard.services import services

    with app.server.test_request_context("/indikatoren"):
        raw = services().repo.values("schulanfaenger", level="stadtviertel", public=False)
        secret = raw[raw["flag"] == "suppressed"].iloc[0]
        state, info = ex._state("schulanfaenger", int(secret["year"]), "stadtviertel", [secret["area_code"]])
        payload = ex.map_data(state, info, "de")
        codes, _ = data.area_order("stadtviertel")
        index = codes.index(secret["area_code"])
        assert payload["v"].split(",")[index] == ""
        assert str(index) in payload["m"]["Wert unterdrückt (Datenschutz: kleine Fallzahl)"].split(",")
        frame = ex.export_frame(state, info, "de")
        row = frame[(frame["Gebietsschlüssel"] == secret["area_code"]) & (frame["Jahr"] == int(secret["year"]))]
        assert row["Wert"].isna().all()
        book = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(frame, about=ex._about(info, "de"))))
        assert book.sheetnames == ["Daten", "Quelle"]
        assert any("Beispieldaten" in str(c.value) for c in book["Quelle"]["B"])
        table = ex.build_table(state, info, "de")
        rows = [tr for body in table.children[2:] for tr in body.children]
        row = next(tr for tr in rows if tr.to_plotly_json()["props"].get("data-code") == secret["area_code"])
        cells = [cell.children for cell in row.children]
        assert cells[1] == "–" and cells[2] == "–" and "Datenschutz" in cells[4]


def test_city_only_indicator_shows_kreise_instead_of_a_map(app, shared_dir):  # noqa: ARG001 - needs INKAR
    from dashboard.pages import explorer as ex

    with app.server.test_request_context("/indikatoren"):
        layout = ex.layout({"indicator": "inkar_share_abitur", "year": "2020"}, "de")
        text = str(layout)
        assert "Kreise in Sachsen-Anhalt, 2020" in text
        state, info = ex._state("inkar_share_abitur", 2020, "stadtviertel", [])
        compare = ex.build_compare(state, info, "de")
        names = list(compare.data[0].y)
        assert "<b>Halle (Saale)</b>" in names and "Magdeburg" in names and len(names) >= 14


def test_german_parameter_names_open_the_same_view():
    state, notices = parse_state(
        {"indikator": "b", "jahr": "2010", "ebene": "stadtbezirk", "gebiete": "SB-1"}, CATALOGUE
    )
    assert notices == []
    assert (state.indicator, state.year, state.level, state.areas) == ("b", 2010, "stadtbezirk", ("SB-1",))


def test_leitlinie_page_links_open_their_indicator_in_the_explorer(make_settings):
    from dashboard.explorer_data import catalogue as load_catalogue
    from dashboard.layout import parse_query
    from dashboard.pages import leitlinie

    app = create_app(make_settings())
    with app.server.test_request_context("/leitlinie/1"):
        page = leitlinie.layout(query={}, lang="de", number="1")
        hrefs = [c.href for c in _walk(page) if getattr(c, "href", "") and "/indikatoren" in c.href]
        assert hrefs, "expected sparkline links into the explorer"
        for href in hrefs:
            query = parse_query(href.split("?", 1)[1])
            state, notices = parse_state(query, load_catalogue(), "de")
            assert notices == []
            assert state.indicator == query["indicator"]


def _walk(component):
    yield component
    children = getattr(component, "children", None)
    if children is None:
        return
    for child in children if isinstance(children, (list, tuple)) else [children]:
        if hasattr(child, "to_plotly_json"):
            yield from _walk(child)
