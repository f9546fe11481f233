"""The per-app services (settings, Kommune, database, repository, cache).

Callbacks and layouts reach them through ``services()``, which reads the
current Flask app, so several apps (one per test) can live in one process.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from flask_caching import Cache

from .db import Database
from .kommune import KommuneConfig
from .repository import Repository
from .settings import Settings

EXTENSION_KEY = "bildungsmonitor"


@dataclass
class Services:
    settings: Settings
    kommune: KommuneConfig
    db: Database
    repo: Repository
    cache: Cache
    app: object = None  # the dash.Dash app; set by create_app

    def url(self, path: str) -> str:
        """A link that works under the URL prefix (behind a proxy, in an iframe)."""
        return self.app.get_relative_path(path)

    def asset(self, name: str) -> str:
        return self.app.get_asset_url(name)


def services() -> Services:
    return current_app.extensions[EXTENSION_KEY]
