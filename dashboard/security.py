"""Security headers, framing rules, cookie flags and error responses without tracebacks.

``install(app, settings)`` is called once by the app factory:

- **Content-Security-Policy** on every response. Scripts only from the app
  itself plus Dash's inline scripts by hash (``app.csp_hashes()``); no
  ``'unsafe-eval'``. Styles allow ``'unsafe-inline'`` because React and plotly
  set ``style`` attributes.
- **Framing.** Pages under ``/embed/`` may be framed by ``BM_FRAME_ANCESTORS``
  (``frame-ancestors``; empty: ``'none'``) and never set a cookie; every other
  response says ``frame-ancestors 'none'`` and ``X-Frame-Options: DENY``.
- ``Referrer-Policy``, ``X-Content-Type-Options: nosniff``, and HSTS when the
  request came over HTTPS (behind ``BM_PROXY_HOPS`` trusted proxies, their
  ``X-Forwarded-Proto`` counts, via werkzeug's ProxyFix).
- Session cookies: HttpOnly, SameSite=Lax, and Secure when served over HTTPS.
- A malformed Dash callback request is answered with 400 and a short JSON
  error (with the request id), never a 500 with a traceback.
"""

from __future__ import annotations

import logging

import dash
from dash.exceptions import DashException, PreventUpdate
from flask import Flask, g, jsonify, request
from flask.sessions import SecureCookieSessionInterface
from sqlalchemy.exc import DisconnectionError, InterfaceError, OperationalError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as SQLAlchemyTimeoutError
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from .settings import Settings

log = logging.getLogger(__name__)

EMBED_PREFIX = "/embed/"
CALLBACK_PATH = "/_dash-update-component"
HSTS = "max-age=31536000"
REFERRER_POLICY = "strict-origin-when-cross-origin"
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

# Exceptions a callback raises when fed values the UI never sends (wrong types, missing keys).
# (A value of the wrong type also fails inside a query: SQLAlchemyError other than the ones below.)
CLIENT_ERRORS = (
    TypeError,
    ValueError,
    KeyError,
    IndexError,
    AttributeError,
    RecursionError,
    DashException,
    SQLAlchemyError,
)
# The database is down or restarting: try again shortly (503), whatever the request was.
DATABASE_DOWN = (OperationalError, InterfaceError, DisconnectionError, SQLAlchemyTimeoutError)


class AutoSecureSessionInterface(SecureCookieSessionInterface):
    """The session cookie is ``Secure`` whenever the request came over HTTPS."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config.get("SESSION_COOKIE_SECURE")) or request.is_secure

    def save_session(self, app: Flask, session, response) -> None:
        # Runs after the after_request hooks, so embeds are kept cookie-free here.
        if is_embed(request.path):
            return
        super().save_session(app, session, response)


def is_embed(path: str) -> bool:
    return path.startswith(EMBED_PREFIX) or path == EMBED_PREFIX.rstrip("/")


def frame_ancestors(settings: Settings, path: str) -> str:
    if is_embed(path) and settings.frame_ancestors.strip():
        return " ".join(settings.frame_ancestors.split())
    return "'none'"


def content_security_policy(script_hashes: list[str], ancestors: str) -> str:
    directives = {
        "default-src": "'self'",
        "script-src": " ".join(["'self'", *script_hashes]),
        "style-src": "'self' 'unsafe-inline'",
        "img-src": "'self' data: blob:",
        "font-src": "'self' data:",
        "connect-src": "'self'",
        "worker-src": "'self' blob:",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": ancestors,
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def _is_reference(item) -> bool:
    """A callback input/state/output entry: {id, property} or a list of them (pattern matching)."""
    if isinstance(item, list):
        return all(_is_reference(i) for i in item)
    return isinstance(item, dict) and isinstance(item.get("id"), str | dict) and isinstance(item.get("property"), str)


def callback_request_problem(body, callback_map: dict) -> str | None:
    """Why a ``/_dash-update-component`` body is not one Dash's renderer sends, or None."""
    if not isinstance(body, dict):
        return "Der Anfragekörper ist kein JSON-Objekt."
    if not isinstance(body.get("output"), str):
        return "'output' fehlt oder ist kein Text."
    if body["output"] not in callback_map:
        return "Unbekannter Callback."
    outputs = body.get("outputs")
    if not (_is_reference(outputs) if isinstance(outputs, list) else _is_reference([outputs])):
        return "'outputs' hat nicht die erwartete Form."
    for key in ("inputs", "state"):
        value = body.get(key, [])
        if not isinstance(value, list) or not all(_is_reference(i) for i in value):
            return f"'{key}' hat nicht die erwartete Form."
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(c, str) for c in changed):
        return "'changedPropIds' hat nicht die erwartete Form."
    return None


def _error_json(message: str, status: int):
    response = jsonify(error=message, request_id=g.get("request_id"))
    return response, status


def install(app: dash.Dash, settings: Settings) -> None:
    server = app.server
    hops = int(settings.proxy_hops or 0)
    if hops > 0:
        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops)
    server.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        MAX_CONTENT_LENGTH=int(float(settings.max_request_mb) * 1024 * 1024),
    )
    server.session_interface = AutoSecureSessionInterface()
    hashes: list[str] = []

    def script_hashes() -> list[str]:
        # After the first request every callback (and its inline script) is registered.
        if not hashes:
            hashes.extend(app.csp_hashes())
        return hashes

    @server.before_request
    def _check_callback_request():
        if request.method != "POST" or not request.path.endswith(CALLBACK_PATH):
            return None
        try:
            body = request.get_json(silent=True)
        except HTTPException:  # 413: larger than BM_MAX_REQUEST_MB
            raise
        except Exception:  # noqa: BLE001 - e.g. RecursionError on absurdly nested JSON
            body = None
        problem = callback_request_problem(body, app.callback_map)
        if problem:
            log.warning("Ungültige Callback-Anfrage abgewiesen: %s", problem)
            return _error_json(f"Ungültige Anfrage: {problem}", 400)
        return None

    @server.after_request
    def _security_headers(response):
        headers = response.headers
        path = request.path
        headers["Content-Security-Policy"] = content_security_policy(script_hashes(), frame_ancestors(settings, path))
        headers["X-Content-Type-Options"] = "nosniff"
        headers["Referrer-Policy"] = REFERRER_POLICY
        headers["Permissions-Policy"] = PERMISSIONS_POLICY
        if is_embed(path):
            headers.pop("X-Frame-Options", None)
            # An embed on a city website must not set cookies (no consent banner needed).
            if "Set-Cookie" in headers:
                del headers["Set-Cookie"]
        else:
            headers["X-Frame-Options"] = "DENY"
        if request.is_secure:
            headers["Strict-Transport-Security"] = HSTS
        return response

    @server.errorhandler(Exception)
    def _unexpected_error(exc: Exception):
        if isinstance(exc, HTTPException):
            if request.path.endswith(CALLBACK_PATH):
                return _error_json(exc.description or exc.name, exc.code or 400)
            return exc
        if isinstance(exc, PreventUpdate):  # pragma: no cover - Dash's own handler answers first
            return "", 204
        if isinstance(exc, DATABASE_DOWN):
            log.error("Datenbank nicht erreichbar: %s", exc.__class__.__name__, exc_info=exc)
            return _error_json("Die Datenbank ist gerade nicht erreichbar. Bitte gleich noch einmal versuchen.", 503)
        if request.path.endswith(CALLBACK_PATH) and isinstance(exc, CLIENT_ERRORS):
            log.warning("Callback mit ungültigen Werten: %s", exc.__class__.__name__, exc_info=exc)
            return _error_json("Ungültige Anfrage: die Werte passen nicht zu diesem Callback.", 400)
        log.error("Unerwarteter Fehler", exc_info=exc)
        return _error_json("Interner Fehler. Bitte die Anfrage-ID angeben, wenn Sie ihn melden.", 500)
