"""The app factory: ``create_app(settings)`` builds one Dash app on its own database."""

from __future__ import annotations

import logging
import secrets

import dash
from flask import Flask, request
from flask_caching import Cache

from . import health, logging_setup, response_cache, security
from . import layout as shell_layout
from .db import Database
from .i18n import normalise_language
from .kommune import load_kommune
from .migrate import prepare_database
from .pages import load_pages
from .repository import Repository
from .services import EXTENSION_KEY, Services
from .settings import ROOT, Settings

log = logging.getLogger(__name__)

INDEX_TEMPLATE = """<!DOCTYPE html>
<html lang="{lang}">
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
    </head>
    <body>
        {%app_entry%}
        <footer>
            {%config%}
            {%scripts%}
            {%renderer%}
        </footer>
    </body>
</html>"""


class BildungsmonitorDash(dash.Dash):
    """Dash with ``<html lang>`` set per request (Dash's default page has none)."""

    default_language = "de"

    def interpolate_index(self, **kwargs):
        html = super().interpolate_index(**kwargs)
        try:
            lang = normalise_language(request.args.get("lang"), self.default_language)
        except RuntimeError:  # outside a request
            lang = self.default_language
        return html.replace("{lang}", lang, 1)


def _cache_config(settings: Settings) -> dict:
    if settings.redis_url:
        return {
            "CACHE_TYPE": "RedisCache",
            "CACHE_REDIS_URL": settings.redis_url,
            "CACHE_DEFAULT_TIMEOUT": 600,
            "CACHE_KEY_PREFIX": settings.cache_prefix,
        }
    return {"CACHE_TYPE": "SimpleCache", "CACHE_DEFAULT_TIMEOUT": 600}


def create_app(settings: Settings | None = None, *, load_if_empty: bool = True) -> dash.Dash:
    """Build the app. Loads the Kommune's data into an empty database first."""
    settings = settings or Settings.from_env()
    kommune = load_kommune(settings.kommune_file, settings.shared_data)
    db = Database(settings.resolved_database_url)
    # Alembic migrations, then the Kommune's data into an empty database (once, under a lock).
    prepare_database(db, kommune, settings.shared_data, load_if_empty=load_if_empty)

    server = Flask(__name__)
    server.secret_key = settings.secret_key or secrets.token_hex(32)
    server.config.update(SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax")
    cache = Cache(server, config=_cache_config(settings))
    logging_setup.install(server)  # request ids
    health.install(server)  # /healthz, /readyz

    app = BildungsmonitorDash(
        __name__,
        server=server,
        title=f"Bildungsmonitor {kommune.name}",
        assets_folder=str(ROOT / "assets"),
        requests_pathname_prefix=settings.url_prefix,
        routes_pathname_prefix="/",
        suppress_callback_exceptions=True,
        serve_locally=True,
        update_title=None,
        meta_tags=[
            {"name": "viewport", "content": "width=device-width, initial-scale=1"},
            {"name": "description", "content": f"Bildungsmonitor {kommune.name}: Bildungsdaten und Maßnahmen"},
        ],
    )
    app.default_language = settings.default_language
    security.install(app, settings)  # headers, framing, cookies, callback errors
    response_cache.install(app)  # whole callback responses for anonymous visitors
    app.index_string = INDEX_TEMPLATE
    services = Services(settings=settings, kommune=kommune, db=db, repo=Repository(db), cache=cache, app=app)
    server.extensions[EXTENSION_KEY] = services

    modules = load_pages()
    pages = [module.PAGE for module in modules]
    app.layout = shell_layout.shell
    shell_layout.register_router(app, pages)
    for module in modules:
        module.register_callbacks(app)
    return app
