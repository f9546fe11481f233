"""Structured JSON logs, one object per line, each with the request id.

``install(server)`` gives every request an id: the caller's ``X-Request-ID``
when it is a sane token (a reverse proxy usually sets one), otherwise a new
one. The id is returned in the response header and added to every log line
written while the request runs, so a user's error report can be found in the
logs. ``GunicornJsonLogger`` makes gunicorn's access and error logs JSON too
(``gunicorn.conf.py`` uses it).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import sys
import uuid

from flask import Flask, g, has_request_context, request

REQUEST_ID_HEADER = "X-Request-ID"
_SAFE_ID = re.compile(r"^[A-Za-z0-9._:\-]{1,128}$")
# Attributes every LogRecord has; anything else was passed as ``extra=`` and is logged.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}


def current_request_id() -> str | None:
    if has_request_context():
        return g.get("request_id")
    return None


def _timestamp(created: float) -> str:
    return dt.datetime.fromtimestamp(created, dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request_id, extras, exception."""

    def format(self, record: logging.LogRecord) -> str:
        payload = {
            "time": _timestamp(record.created),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = getattr(record, "request_id", None) or current_request_id()
        if request_id:
            payload["request_id"] = request_id
        for key, value in vars(record).items():
            if key not in _STANDARD and key not in payload:
                payload[key] = value
        if record.exc_info:
            payload["exception"] = self.formatException(record.exc_info)
        return json.dumps(payload, ensure_ascii=False, default=str)


def configure(log_format: str = "json", level: str = "INFO") -> None:
    """Send the root logger to stderr, as JSON (production) or text (development)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_bildungsmonitor", False):
            root.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    handler._bildungsmonitor = True  # type: ignore[attr-defined]
    if log_format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level.upper())
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)


def _request_id_from(header: str | None) -> str:
    if header and _SAFE_ID.match(header):
        return header
    return uuid.uuid4().hex


def install(server: Flask) -> None:
    """Give every request an id and return it in ``X-Request-ID``."""

    @server.before_request
    def _assign_request_id():
        g.request_id = _request_id_from(request.headers.get(REQUEST_ID_HEADER))

    @server.after_request
    def _return_request_id(response):
        request_id = g.get("request_id")
        if request_id:
            response.headers[REQUEST_ID_HEADER] = request_id
        return response


try:  # gunicorn is only there in production installs
    from gunicorn.glogging import Logger as _GunicornLogger
except ImportError:  # pragma: no cover
    _GunicornLogger = object  # type: ignore[assignment,misc]


class GunicornJsonLogger(_GunicornLogger):  # type: ignore[misc,valid-type]
    """gunicorn's logger with JSON error and access logs (``logger_class`` in gunicorn.conf.py)."""

    def setup(self, cfg) -> None:
        super().setup(cfg)
        for handler in self.error_log.handlers:
            handler.setFormatter(JsonFormatter())
        for handler in self.access_log.handlers:
            handler.setFormatter(logging.Formatter("%(message)s"))

    def access(self, resp, req, environ, request_time) -> None:  # noqa: ARG002 - gunicorn signature
        if not (self.cfg.accesslog or self.cfg.logconfig or self.cfg.logconfig_dict or self.cfg.syslog):
            return
        headers = {name.lower(): value for name, value in (resp.headers or [])}
        query = environ.get("QUERY_STRING", "")
        payload = {
            "time": dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "level": "INFO",
            "logger": "gunicorn.access",
            "request_id": headers.get(REQUEST_ID_HEADER.lower(), ""),
            "remote_addr": environ.get("REMOTE_ADDR", ""),
            "method": environ.get("REQUEST_METHOD", ""),
            "path": environ.get("PATH_INFO", "") + (f"?{query}" if query else ""),
            "status": int(str(resp.status).split(None, 1)[0]),
            "bytes": getattr(resp, "sent", None),
            "duration_ms": round(request_time.total_seconds() * 1000, 1),
            "user_agent": environ.get("HTTP_USER_AGENT", ""),
            "referer": environ.get("HTTP_REFERER", ""),
        }
        try:
            self.access_log.info(json.dumps(payload, ensure_ascii=False))
        except Exception:  # noqa: BLE001 - logging must never break a response
            self.error("Zugriffsprotokoll konnte nicht geschrieben werden")
