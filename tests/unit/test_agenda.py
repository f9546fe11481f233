"""Presentation agendas: the slide grammar, the key-indicator choice, storage and the CLI."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from click.testing import CliRunner

from dashboard.cli import main
from dashboard.compute.agenda import (
    Slide,
    check_agenda_name,
    default_slides,
    key_indicators,
    parse_slides,
    slide_index,
)
from dashboard.repository import Repository


def test_default_agenda_is_the_overview_then_every_leitlinie_in_order():
    assert [s.token for s in default_slides([3, 1, 2])] == ["uebersicht", "ll1", "ll2", "ll3"]


def test_parse_keeps_valid_slides_and_names_the_parameter_in_each_error():
    parsed = parse_slides(
        "uebersicht, LL2,ll9,ind:abitur,ind:nope,quatsch,,",
        leitlinien=[1, 2],
        indicators=["abitur"],
    )
    assert [s.token for s in parsed.slides] == ["uebersicht", "ll2", "ind:abitur"]
    assert len(parsed.errors) == 3
    assert all(e.startswith("folien: ") for e in parsed.errors)
    assert "Leitlinie 9 gibt es nicht" in parsed.errors[0]
    assert "„nope“" in parsed.errors[1]
    assert "„quatsch“ ist keine Folie" in parsed.errors[2]


def test_tokens_round_trip():
    slides = (Slide("overview"), Slide("leitlinie", "4"), Slide("indicator", "kita_quote_u3"))
    parsed = parse_slides([s.token for s in slides], leitlinien=[4], indicators=["kita_quote_u3"])
    assert parsed.slides == slides and parsed.errors == ()


@pytest.mark.parametrize(
    ("value", "count", "expected"),
    [(None, 5, 0), ("1", 5, 0), ("3", 5, 2), ("99", 5, 4), ("0", 5, 0), ("-2", 5, 0), ("abc", 5, 0), ("2", 0, 0)],
)
def test_slide_index_is_clamped_to_the_agenda(value, count, expected):
    assert slide_index(value, count) == expected


@pytest.mark.parametrize("name", ["lg-2026-03", "sitzung_1", "a"])
def test_good_agenda_names(name):
    assert check_agenda_name(name) == name


@pytest.mark.parametrize("name", ["", "Groß", "mit leerzeichen", "-start", "x" * 65, "a/b"])
def test_bad_agenda_names_are_refused_in_german(name):
    with pytest.raises(ValueError, match="Ungültiger Agenda-Name"):
        check_agenda_name(name)


@dataclass
class Ind:
    id: str
    leitlinien: tuple
    target_value: float | None = None
    spatial_level: str = "stadtviertel"
    sort_key: int = 0


def test_key_indicators_prefer_linked_then_targets_then_maps():
    inds = [
        Ind("city_only", (1,), target_value=5, spatial_level="stadt", sort_key=0),
        Ind("plain", (1,), sort_key=1),
        Ind("with_target", (1,), target_value=3, sort_key=2),
        Ind("linked", (1,), sort_key=3),
        Ind("other_ll", (2,), target_value=1, sort_key=0),
    ]
    chosen = key_indicators(inds, 1, linked=["linked"], limit=3)
    assert [i.id for i in chosen] == ["linked", "with_target", "city_only"]
    assert [i.id for i in key_indicators(inds, 1, limit=10)] == ["with_target", "city_only", "plain", "linked"]
    assert key_indicators(inds, 7) == []


def test_repository_saves_replaces_and_deletes_agendas(halle_db):
    repo = Repository(halle_db)
    assert repo.save_agenda("test-agenda", "Erste", ["uebersicht", "ll1"]) is True
    assert repo.save_agenda("test-agenda", "Zweite", ["ll2"]) is False
    assert repo.agenda("test-agenda")["title"] == "Zweite"
    assert repo.agenda("test-agenda")["slides"] == ["ll2"]
    assert "test-agenda" in [a["name"] for a in repo.agendas()]
    assert repo.delete_agenda("test-agenda") is True
    assert repo.agenda("test-agenda") is None
    assert repo.delete_agenda("test-agenda") is False


def test_cli_saves_an_agenda_and_refuses_bad_slides_without_saving(halle_db, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", halle_db.url)
    runner = CliRunner()
    bad = runner.invoke(main, ["agenda", "save", "cli-test", "--slides", "uebersicht,ll42"])
    assert bad.exit_code == 2
    assert "Leitlinie 42 gibt es nicht" in bad.output and "Nichts gespeichert" in bad.output
    assert Repository(halle_db).agenda("cli-test") is None
    good = runner.invoke(
        main, ["agenda", "save", "cli-test", "--title", "LG März", "--slides", "ll3, ind:kita_quote_u3"]
    )
    assert good.exit_code == 0, good.output
    assert "/praesentation?agenda=cli-test" in good.output
    assert Repository(halle_db).agenda("cli-test")["slides"] == ["ll3", "ind:kita_quote_u3"]
    listed = runner.invoke(main, ["agenda", "list"])
    assert "cli-test\tLG März\tll3,ind:kita_quote_u3" in listed.output
    assert runner.invoke(main, ["agenda", "delete", "cli-test"]).exit_code == 0
