"""JSON log lines carry the request id of the request they were written in."""

import io
import json
import logging

from dashboard.app import create_app
from dashboard.logging_setup import JsonFormatter


def test_log_lines_inside_a_request_carry_its_id_and_the_traceback(make_settings):
    app = create_app(make_settings())

    @app.server.route("/_test/log")
    def _log():
        logging.getLogger("dashboard.test").info("Bericht erzeugt", extra={"rows": 3})
        try:
            int("keine Zahl")
        except ValueError:
            logging.getLogger("dashboard.test").exception("Fehlgeschlagen")
        return "ok"

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("dashboard.test")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        app.server.test_client().get("/_test/log", headers={"X-Request-ID": "req-77"})
    finally:
        logger.removeHandler(handler)
    info, error = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert info["message"] == "Bericht erzeugt" and info["request_id"] == "req-77" and info["rows"] == 3
    assert info["level"] == "INFO" and info["time"].endswith("Z")
    assert error["level"] == "ERROR" and "ValueError" in error["exception"]
