"""``/healthz`` (the process answers) and ``/readyz`` (it can serve: database, schema, data, cache).

They are plain Flask routes: static rules win over Dash's ``<path:path>``
catch-all, so they never go through the Dash router and cost no page render.
A load balancer sends traffic only while ``/readyz`` answers 200.
"""

from __future__ import annotations

import logging

from flask import Flask, jsonify
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import SQLAlchemyError

from .migrate import VERSION_TABLE, head_revision
from .models import Meta
from .services import services

log = logging.getLogger(__name__)

HEALTH_PATH = "/healthz"
READY_PATH = "/readyz"


def _no_store(response):
    response.headers["Cache-Control"] = "no-store"
    return response


def check_database() -> dict[str, str]:
    """Reachable, migrated to the newest revision, and the Kommune loaded."""
    svc = services()
    try:
        with svc.db.engine.connect() as conn:
            revision = None
            if inspect(conn).has_table(VERSION_TABLE):
                revision = conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()
            kommune = None
            if inspect(conn).has_table(Meta.__tablename__):
                kommune = conn.execute(select(Meta.value).where(Meta.key == "kommune")).scalar()
    except SQLAlchemyError as exc:
        log.warning("readyz: Datenbank nicht erreichbar: %s", exc.__class__.__name__)
        return {"database": "unreachable"}
    checks = {"database": "ok"}
    checks["schema"] = (
        "ok" if revision == head_revision() else f"revision {revision or 'keine'}, erwartet {head_revision()}"
    )
    checks["data"] = "ok" if kommune else "not loaded"
    return checks


def check_cache() -> str:
    backend = services().cache.cache
    client = getattr(backend, "_write_client", None)
    if client is None:  # in-process cache: nothing to reach
        return "ok"
    try:
        client.ping()
    except Exception as exc:  # noqa: BLE001 - any Redis failure means "not ready"
        log.warning("readyz: Redis nicht erreichbar: %s", exc.__class__.__name__)
        return "unreachable"
    return "ok"


def install(server: Flask) -> None:
    head_revision()  # parse the migrations once, at start

    @server.route(HEALTH_PATH)
    def healthz():
        return _no_store(jsonify(status="ok"))

    @server.route(READY_PATH)
    def readyz():
        checks = check_database()
        checks["cache"] = check_cache()
        ready = all(value == "ok" for value in checks.values())
        response = jsonify(status="ready" if ready else "unavailable", checks=checks)
        return _no_store(response), 200 if ready else 503
