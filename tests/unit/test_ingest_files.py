"""Bad import files: each is refused with its exact German message (file, row, column)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from dashboard.ingest import service
from dashboard.ingest.limits import MB, Limits
from dashboard.repository import Repository

FIXTURES = Path(__file__).parent.parent / "fixtures" / "import"


@pytest.fixture(scope="module")
def repo(halle_db) -> Repository:
    return Repository(halle_db)


def prepare(repo, name: str, **options):
    return service.prepare_indicators(repo, (FIXTURES / name).read_bytes(), name, **options)


def errors(plan) -> list[str]:
    return plan.report.texts("error")


BAD_FILES = {
    "wrong_encoding_utf16.csv": [
        "wrong_encoding_utf16.csv: Die Datei ist nicht als UTF-8 oder Windows-1252 gespeichert (vermutlich "
        "UTF-16). Bitte in Excel „Speichern unter“ → „CSV UTF-8 (durch Trennzeichen getrennt)“ wählen."
    ],
    "wrong_encoding_mojibake.csv": [
        "wrong_encoding_mojibake.csv, Zeile 1: Die Umlaute sind verstümmelt („r;Wert;ZÃ¤hler;Nen“): die Datei "
        "wurde mit falscher Zeichenkodierung gespeichert (UTF-8 doppelt kodiert). Bitte die Originaldatei als "
        "„CSV UTF-8“ speichern."
    ],
    "mixed_delimiters.csv": [
        "mixed_delimiters.csv, Zeile 3: 1 Feld(er) statt 6. Die Kopfzeile ist durch „;“ (Semikolon) getrennt, "
        "diese Zeile durch „,“ (Komma) (gemischte Trennzeichen). Bitte die Datei mit einem einzigen "
        "Trennzeichen speichern."
    ],
    "text_in_number.csv": [
        "text_in_number.csv, Zeile 2, Spalte „Wert“: „fünfzig“ ist keine Zahl. Erlaubt sind Zahlen (z. B. 12,5) "
        "und die Zeichen der amtlichen Statistik . - x / ..."
    ],
    "duplicate_keys.csv": [
        "duplicate_keys.csv, Zeile 3, Spalte „Indikator“: Doppelter Eintrag: kita_quote_u3, Altstadt, 2025 steht "
        "schon in Zeile 2."
    ],
    "unknown_area.csv": [
        "unknown_area.csv, Zeile 2, Spalte „Gebiet“: Unbekanntes Gebiet „Nördliche Neustatd“. Ähnliche bekannte "
        "Gebiete: Nördliche Neustadt, Nördliche Innenstadt, Südliche Neustadt."
    ],
    "numerator_gt_denominator.csv": [
        "numerator_gt_denominator.csv, Zeile 2, Spalte „Zähler“: Der Zähler (210) ist größer als der Nenner "
        "(200): ein Anteil in % kann nicht über 100 % liegen."
    ],
    "negative_count.csv": [
        "negative_count.csv, Zeile 2, Spalte „Wert“: Negative Anzahl (-4): Anzahlen können nicht kleiner als 0 sein."
    ],
    "empty.csv": ["empty.csv: Die Datei ist leer: sie enthält keine Kopfzeile und keine Daten."],
    "header_only.csv": ["header_only.csv: Die Datei enthält nur eine Kopfzeile und keine Datenzeilen."],
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_is_refused_with_its_exact_message(repo, name):
    plan = prepare(repo, name)
    assert not plan.ok
    assert errors(plan) == BAD_FILES[name]


def test_all_errors_are_listed_not_just_the_first(repo):
    data = (
        "Indikator;Gebiet;Jahr;Wert;Zähler;Nenner\n"
        "kita_quote_u3;SV-01;2025;abc;;\n"
        "gibtsnicht;SV-01;2025;1;;\n"
        "kita_quote_u3;SV-02;1850;50;100;200\n"
        "schulanfaenger;SV-03;2025;-1;;\n"
    ).encode()
    plan = service.prepare_indicators(repo, data, "viele.csv")
    assert errors(plan) == [
        "viele.csv, Zeile 2, Spalte „Wert“: „abc“ ist keine Zahl. Erlaubt sind Zahlen (z. B. 12,5) und die "
        "Zeichen der amtlichen Statistik . - x / ...",
        "viele.csv, Zeile 3, Spalte „Indikator“: Unbekannter Indikator „gibtsnicht“. Bitte zuerst den "
        "Indikatorenkatalog importieren.",
        "viele.csv, Zeile 4, Spalte „Jahr“: Das Jahr 1850 liegt außerhalb des zulässigen Bereichs "
        f"1950–{plan_max_year()}.",
        "viele.csv, Zeile 5, Spalte „Wert“: Negative Anzahl (-1): Anzahlen können nicht kleiner als 0 sein.",
    ]


def plan_max_year() -> int:
    import datetime as dt

    return dt.date.today().year + 1


@pytest.mark.parametrize("name", ["good_long_cp1252.csv", "good_long_utf8_bom.csv"])
def test_either_encoding_delimiter_and_decimal_is_read(repo, name):
    plan = prepare(repo, name)
    assert plan.ok, plan.report.texts()
    rows = {(r["area_code"], r["year"]): r for r in plan.rows}
    # "Nördliche Innenstadt" in cp1252 and "noerdliche innenstadt" both match SV-03.
    assert rows[("SV-03", 2025)]["value"] == 45.5
    assert rows[("SV-03", 2025)]["numerator"] == 91
    assert rows[("SV-01", 2025)]["denominator"] == 200


def test_official_symbols_become_flags_in_a_wide_file(repo):
    plan = prepare(repo, "symbols_wide.csv")
    assert plan.ok, plan.report.texts()
    got = {(r["area_code"], r["year"]): (r["value"], r["flag"]) for r in plan.rows}
    assert got == {
        ("SV-01", 2022): (None, "secret"),
        ("SV-01", 2023): (0.0, "nothing"),
        ("SV-01", 2024): (None, "blocked"),
        ("SV-02", 2022): (None, "unreliable"),
        ("SV-02", 2023): (None, "later"),
        ("SV-02", 2024): (12.0, None),
    }
    assert plan.summary_text() == (
        "6 Werte für 1 Indikator(en), 2 Gebiet(e), Jahre 2022–2024 (Breitformat, Trennzeichen „;“, "
        "Dezimalpunkt, UTF-8)."
    )


def test_a_jump_of_more_than_half_is_a_warning_not_an_error(repo):
    previous = repo.values("kita_quote_u3", level="stadtviertel", public=False)
    last = previous[previous["area_code"] == "SV-01"].sort_values("year").iloc[-1]
    value = round(float(last["value"]) * 0.4, 1)  # a drop by 60 %
    data = f"Indikator;Gebiet;Jahr;Wert\nkita_quote_u3;SV-01;{int(last['year']) + 1};{value}\n".replace(".", ",")
    plan = service.prepare_indicators(repo, data.encode(), "sprung.csv")
    assert plan.ok
    jumps = [t for t in plan.report.texts("warning") if "Sprung" in t]
    assert len(jumps) == 1
    assert jumps[0].startswith("sprung.csv, Zeile 2: Sprung um −6")
    assert f"% gegenüber {int(last['year'])} (" in jumps[0] and jumps[0].endswith("Bitte prüfen.")


def test_a_50_mb_file_is_refused_by_size_before_parsing(repo):
    """Decision (README): files above BM_IMPORT_MAX_MB (default 20 MB) are refused, not imported."""
    line = b"kita_quote_u3;SV-01;2025;50;100;200\n"
    data = b"Indikator;Gebiet;Jahr;Wert;Z\xc3\xa4hler;Nenner\n" + line * (50 * MB // len(line) + 1)
    assert len(data) > 50 * MB
    plan = service.prepare_indicators(repo, data, "gross.csv")
    assert errors(plan) == [
        "gross.csv: Die Datei ist 50,0 MB groß; erlaubt sind höchstens 20,0 MB. Bitte die Datei aufteilen "
        "(z. B. ein Blatt oder einige Indikatoren je Datei)."
    ]
    # With a raised limit the same file is read (the limit is the only reason for the refusal).
    small = data[: 2 * MB].rsplit(b"\n", 1)[0] + b"\n"
    assert service.prepare_indicators(repo, small, "klein.csv", limits=Limits(max_bytes=3 * MB)).report.texts(
        "error"
    ) != errors(plan)


def test_a_zip_bomb_disguised_as_xlsx_is_refused_by_size_unopened(repo):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (300 * MB))
    data = buffer.getvalue()
    assert len(data) < 1 * MB
    plan = service.prepare_indicators(repo, data, "bombe.xlsx")
    assert errors(plan) == [
        "bombe.xlsx: Der Inhalt des Archivs wäre entpackt 300,0 MB groß (erlaubt: 160,0 MB). Die Datei wird aus "
        "Sicherheitsgründen nicht entpackt (mögliche Zip-Bombe)."
    ]


def test_xlsx_sheet_is_chosen_by_name(repo):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Hinweise"
    book.active.append(["Dieses Blatt enthält keine Daten."])
    sheet = book.create_sheet("Daten")
    sheet.append(["Indikator", "Gebiet", 2023, 2024])
    sheet.append(["schulanfaenger", "Altstadt", 120, 130])
    buffer = io.BytesIO()
    book.save(buffer)
    plan = service.prepare_indicators(repo, buffer.getvalue(), "werte.xlsx", sheet="Daten")
    assert plan.ok, plan.report.texts()
    assert sorted((r["year"], r["value"]) for r in plan.rows) == [(2023, 120.0), (2024, 130.0)]
    missing = service.prepare_indicators(repo, buffer.getvalue(), "werte.xlsx", sheet="Tabelle1")
    assert errors(missing) == [
        "werte.xlsx: Das Blatt „Tabelle1“ gibt es nicht. Vorhandene Blätter: „Hinweise“, „Daten“."
    ]


def test_bytes_that_are_neither_utf8_nor_windows_1252_are_refused(repo):
    data = b"Indikator;Gebiet;Jahr;Wert\n" + b"schulanfaenger;Altstadt\x81;2024;5\n"
    plan = service.prepare_indicators(repo, data, "kaputt.csv")
    assert errors(plan) == [
        "kaputt.csv, Zeile 2: Die Zeichenkodierung ist weder UTF-8 noch Windows-1252 (unlesbares Byte in Zeile 2). "
        "Bitte die Datei als „CSV UTF-8“ speichern."
    ]
