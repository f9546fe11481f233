"""Whole callback responses cached for anonymous visitors (the public, the embed).

When the embed goes out in a press release, thousands of people ask for the
same few pages. For a visitor without a session cookie the router's answer
depends only on the request (path, query, language) and on the data, so the
response bytes are cached in the shared cache under the request body and the
*data version* (``cache.invalidate_data()`` makes every instance drop them at
once). A hit skips Dash, the database and the page code entirely.

Only callbacks named here are cached: the page router, plus the outputs a
page module lists in ``CACHEABLE_OUTPUTS = ["some-id.prop", ...]`` (or marks
with ``mark_cacheable(app, ...)``): pure views only, whose answer depends on
nothing but the request and the data; never sign-in, edits, uploads or
downloads. Signed-in users (a session cookie) and responses that set a cookie
are never cached.
"""

from __future__ import annotations

import hashlib
import logging

import dash
from flask import Response, g, request

from . import ids
from .cache import data_version
from .pages import load_pages
from .services import services

log = logging.getLogger(__name__)

CALLBACK_PATH = "/_dash-update-component"
TIMEOUT = 300  # seconds; time-dependent text (e.g. "überfällig") is at most this old
EXTENSION_KEY = "bildungsmonitor_cacheable_outputs"
HIT_HEADER = "X-Bildungsmonitor-Cache"


def mark_cacheable(app: dash.Dash, *outputs: str) -> None:
    """Declare callbacks (by one of their outputs, ``"id.property"``) safe to cache for anonymous visitors."""
    app.server.extensions.setdefault(EXTENSION_KEY, set()).update(outputs)


def _cacheable(app: dash.Dash, output: str) -> bool:
    wanted = app.server.extensions.get(EXTENSION_KEY, set())
    return any(part.split("@")[0] in wanted for part in output.strip(".").split("..."))


def install(app: dash.Dash) -> None:
    server = app.server
    mark_cacheable(app, f"{ids.PAGE}.children")
    for module in load_pages():
        mark_cacheable(app, *getattr(module, "CACHEABLE_OUTPUTS", ()))

    @server.before_request
    def _serve_cached():
        if request.method != "POST" or not request.path.endswith(CALLBACK_PATH):
            return None
        if request.cookies.get(server.config["SESSION_COOKIE_NAME"]):
            return None
        body = request.get_json(silent=True)
        if not isinstance(body, dict) or not isinstance(body.get("output"), str):
            return None  # the request check answers 400
        if not _cacheable(app, body["output"]):
            return None
        svc = services()
        digest = hashlib.sha256(request.get_data()).hexdigest()[:32]
        try:
            key = f"bm:{svc.kommune.slug}:response:{data_version()}:{digest}"
            cached = svc.cache.get(key)
        except Exception as exc:  # noqa: BLE001 - a cache outage must not take the pages down
            log.warning("Antwort-Cache nicht erreichbar: %s", exc.__class__.__name__)
            return None
        if cached is not None:
            return Response(cached, content_type="application/json", headers={HIT_HEADER: "hit"})
        g.response_cache_key = key
        return None

    @server.after_request
    def _store(response):
        key = g.pop("response_cache_key", None)
        if key and response.status_code == 200 and "Set-Cookie" not in response.headers and not response.is_streamed:
            try:
                services().cache.set(key, response.get_data(), timeout=TIMEOUT)
            except Exception as exc:  # noqa: BLE001
                log.warning("Antwort-Cache nicht erreichbar: %s", exc.__class__.__name__)
        return response
