import pytest

from dashboard.kommune import KommuneConfigError, load_kommune
from dashboard.settings import ROOT, SHARED_REAL_DEFAULT

LEITLINIEN = [
    "Gleiche Bildungschancen für alle in unserer Stadt ermöglichen",
    "Eine inklusive Bildungslandschaft Halle (Saale) schaffen",
    "Zugänge ermöglichen und Übergänge aufeinander abstimmen",
    "Bestmögliches Lernen ermöglichen",
    "Beteiligung als Standard etablieren",
    "Bildung transparent gestalten",
    "Den digitalen Wandel begleiten",
    "Kooperation und Vernetzung verlässlich gestalten",
]


def test_halle_has_the_real_leitlinien_and_labelled_examples():
    config = load_kommune(ROOT / "data" / "halle" / "kommune.toml", SHARED_REAL_DEFAULT)
    assert config.name == "Halle (Saale)"
    assert [ll.title_de for ll in config.leitlinien] == LEITLINIEN
    assert len(config.handlungsfelder) == 12
    assert len(config.massnahmen) == 61
    assert all(hf.example and "(Beispiel)" in hf.title_de for hf in config.handlungsfelder)
    assert all(m.example for m in config.massnahmen)
    assert {m.leitlinie for m in config.massnahmen} == set(range(1, 9))
    assert [level.key for level in config.levels] == ["stadtviertel", "stadtbezirk", "stadt"]


def test_magdeburg_names_its_own_level():
    config = load_kommune(ROOT / "data" / "magdeburg" / "kommune.toml", SHARED_REAL_DEFAULT)
    assert [level.name_de for level in config.levels] == ["Stadtteil", "Stadt"]
    assert str(SHARED_REAL_DEFAULT) in str(config.geodata[0].file)


def test_unknown_status_names_file_and_entry(tmp_path):
    path = tmp_path / "kommune.toml"
    path.write_text(
        (ROOT / "tests" / "fixtures" / "kleinstadt" / "kommune.toml")
        .read_text(encoding="utf-8")
        .replace('status = "in Planung"', 'status = "fast fertig"'),
        encoding="utf-8",
    )
    with pytest.raises(KommuneConfigError) as error:
        load_kommune(path, SHARED_REAL_DEFAULT)
    message = str(error.value)
    assert str(path) in message
    assert "massnahmen[0] (K1)" in message
    assert "unbekannter Status 'fast fertig'" in message


def test_missing_city_level_is_an_error(tmp_path):
    path = tmp_path / "kommune.toml"
    path.write_text('slug = "x"\nname = "X"\ncity_code = "1"\n[[levels]]\nkey = "ortsteil"\nname_de = "Ortsteil"\n')
    with pytest.raises(KommuneConfigError, match="die Ebene 'stadt' fehlt"):
        load_kommune(path, SHARED_REAL_DEFAULT)
