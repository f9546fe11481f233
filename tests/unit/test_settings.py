import pytest

from dashboard.settings import ROOT, SETTINGS, Settings


def test_defaults_run_halle_on_a_local_sqlite_file():
    settings = Settings.from_env(environ={})
    assert settings.kommune == "halle"
    assert settings.resolved_database_url.startswith("sqlite:///")
    assert settings.resolved_database_url.endswith("instance/halle.sqlite3")
    assert settings.default_language == "de"
    assert settings.url_prefix == "/"


def test_argument_beats_environment_beats_default():
    env = {"DATABASE_URL": "postgresql://env/db", "BM_DEFAULT_LANGUAGE": "en"}
    settings = Settings.from_env(environ=env, database_url="sqlite:///arg.db")
    assert settings.database_url == "sqlite:///arg.db"
    assert settings.default_language == "en"


def test_bad_language_is_refused_in_german():
    with pytest.raises(ValueError, match="BM_DEFAULT_LANGUAGE muss 'de' oder 'en' sein"):
        Settings.from_env(environ={"BM_DEFAULT_LANGUAGE": "fr"})


def test_every_setting_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [s.env for s in SETTINGS.values() if f"`{s.env}`" not in readme]
    assert missing == [], f"README documents not: {missing}"
