"""Shared fixtures: settings and apps on their own database, PostgreSQL, real data."""

from __future__ import annotations

import os
import socket
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from dashboard.db import Database
from dashboard.kommune import load_kommune
from dashboard.loader import load
from dashboard.settings import ROOT, SHARED_REAL_DEFAULT, Settings

os.environ.setdefault("DASH_TEST_CHROMEPATH", "/usr/bin/chromium")
TESTS = Path(__file__).parent


def free_port() -> int:
    """A free TCP port on loopback. dash_duo defaults to 8050, which parallel runs share."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pytest_setup_options():
    """Chromium flags for this machine's closed network (used by dash_duo)."""
    from selenium.webdriver.chrome.options import Options

    options = Options()
    for flag in (
        "--headless",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1920,1080",
    ):
        options.add_argument(flag)
    return options


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The real public data; tests that need it skip with a visible reason where it is absent."""
    path = Path(os.environ.get("BM_SHARED_DATA", SHARED_REAL_DEFAULT))
    if not (path / "inkar-kreise-gerda").exists():
        pytest.skip(f"Echte Daten nicht vorhanden: {path} fehlt (../shared/data/real)")
    return path


@pytest.fixture
def make_settings(tmp_path):
    """Settings on a fresh SQLite file in tmp_path; keyword overrides win."""

    def factory(**overrides) -> Settings:
        overrides.setdefault("database_url", f"sqlite:///{tmp_path / 'test.sqlite3'}")
        overrides.setdefault("secret_key", "test-secret")
        return Settings.from_env(environ={}, **overrides)

    return factory


@pytest.fixture(scope="session")
def halle_db(tmp_path_factory) -> Database:
    """A SQLite database with Halle loaded once per session (read-only use)."""
    path = tmp_path_factory.mktemp("halle") / "halle.sqlite3"
    db = Database(f"sqlite:///{path}")
    config = load_kommune(ROOT / "data" / "halle" / "kommune.toml", SHARED_REAL_DEFAULT)
    load(db, config, SHARED_REAL_DEFAULT)
    return db


@pytest.fixture
def pg_url():
    """A private schema in the real PostgreSQL (TEST_DATABASE_URL), dropped afterwards."""
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        pytest.skip("TEST_DATABASE_URL ist nicht gesetzt: PostgreSQL-Tests übersprungen (.ci/run setzt es)")
    schema = f"bm_test_{uuid.uuid4().hex[:10]}"
    engine = create_engine(base)
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in base else "?"
    yield f"{base}{separator}options=-csearch_path%3D{schema}"
    with engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db_url(request, tmp_path):
    """Run a test on SQLite and on the real PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'any.sqlite3'}"
    return request.getfixturevalue("pg_url")
