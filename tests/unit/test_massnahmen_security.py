"""Security of editing: the server refuses edits without a valid session.

The requests go straight to Dash's callback endpoint with Flask's test client,
as an attacker would send them, without the page's form.
"""

import json

import pytest
from flask.sessions import SecureCookieSessionInterface

from dashboard import auth
from dashboard.app import create_app
from dashboard.auth import hash_password
from dashboard.cache import data_version
from dashboard.pages import anmelden, massnahme, massnahmen
from dashboard.services import services

PASSWORD = "ein-sehr-langes-passwort"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    from dashboard.settings import Settings

    path = tmp_path_factory.mktemp("security") / "security.sqlite3"
    dash_app = create_app(Settings.from_env(environ={}, database_url=f"sqlite:///{path}", secret_key="right-key"))
    with dash_app.server.app_context():
        services().repo.save_user("anna", hash_password(PASSWORD), "Anna A.")
    return dash_app


@pytest.fixture
def client(app):
    return app.server.test_client()


def _callback_key(app, output_id: str, input_names) -> str:
    """The callback that writes ``output_id`` and listens to the given inputs."""
    wanted = set(input_names)
    return next(
        key
        for key, spec in app.callback_map.items()
        if f"{output_id}." in key and wanted <= {f"{i['id']}.{i['property']}" for i in spec["inputs"]}
    )


def post_callback(client, app, output_id: str, inputs: dict, state: dict | None = None, changed: str | None = None):
    """POST like the Dash renderer: ids and values of the callback that writes ``output_id``."""
    key = _callback_key(app, output_id, inputs)
    spec = app.callback_map[key]
    outputs = [
        {"id": part.split(".")[0], "property": part.split(".")[1].split("@")[0]} for part in key.strip(".").split("...")
    ]
    state = state or {}
    body = {
        "output": key,
        "outputs": outputs if len(outputs) > 1 else outputs[0],
        "inputs": [{**i, "value": inputs.get(f"{i['id']}.{i['property']}")} for i in spec["inputs"]],
        "state": [{**s, "value": state.get(f"{s['id']}.{s['property']}")} for s in spec["state"]],
        "changedPropIds": [changed or next(iter(inputs))],
    }
    response = client.post("/_dash-update-component", json=body)
    # The JSON escapes umlauts; .shown is what a person would read.
    response.shown = json.dumps(response.get_json(), ensure_ascii=False) if response.is_json else ""
    return response


def m01(app) -> dict:
    with app.server.app_context():
        return next(m for m in services().repo.massnahmen() if m["code"] == "M01")


def save(client, app, *, status="zurückgestellt", version=None, comment="Lenkungsgruppe"):
    m = m01(app)
    return post_callback(
        client,
        app,
        massnahme.EDIT_RESULT,
        {f"{massnahme.EDIT_SAVE}.n_clicks": 1},
        {
            f"{massnahme.EDIT_ID}.data": m["id"],
            f"{massnahme.EDIT_VERSION}.data": m["version"] if version is None else version,
            f"{massnahme.EDIT_STATUS}.value": status,
            f"{massnahme.EDIT_NOTE}.value": m["progress_note"],
            f"{massnahme.EDIT_UNIT}.value": m["responsible_unit"],
            f"{massnahme.EDIT_START}.value": m["start"].isoformat(),
            f"{massnahme.EDIT_END}.value": m["end"].isoformat(),
            f"{massnahme.EDIT_COMMENT}.value": comment,
            f"{massnahme.EDIT_LANG}.data": "de",
        },
    )


def sign_in(client, app, username="anna", password=PASSWORD):
    return post_callback(
        client,
        app,
        anmelden.RESULT,
        {f"{anmelden.SUBMIT}.n_clicks": 1, f"{anmelden.PASSWORD}.n_submit": 0},
        {
            f"{anmelden.USER}.value": username,
            f"{anmelden.PASSWORD}.value": password,
            f"{anmelden.NEXT}.data": {"path": "/massnahmen", "lang": "de"},
        },
        changed=f"{anmelden.SUBMIT}.n_clicks",
    )


def history_of_m01(app) -> list:
    m = m01(app)
    with app.server.app_context():
        return services().repo.massnahme_history([m["id"]]).get(m["id"], [])


def test_edit_without_a_session_is_refused_and_changes_nothing(client, app):
    before = m01(app)
    response = save(client, app)
    assert response.status_code == 200
    assert "Die Änderung wurde abgelehnt" in response.shown
    after = m01(app)
    assert after["status"] == before["status"] and after["version"] == before["version"]
    assert history_of_m01(app) == []


def test_edit_with_a_forged_session_cookie_is_refused(client, app):
    # A cookie that claims to be anna, signed with a key the attacker guessed wrong.
    forger = app.server.__class__("forger")
    forger.secret_key = "wrong-key"
    serializer = SecureCookieSessionInterface().get_signing_serializer(forger)
    forged = serializer.dumps({auth.SESSION_KEY: {"username": "anna", "pw": "x", "at": 2_000_000_000}})
    client.set_cookie("session", forged)
    before = m01(app)
    response = save(client, app)
    assert "Die Änderung wurde abgelehnt" in response.shown
    assert m01(app)["version"] == before["version"]
    assert history_of_m01(app) == []


def test_a_session_cookie_signed_right_but_for_a_stale_password_is_refused(client, app):
    """A stolen cookie from before a password change no longer works."""
    serializer = SecureCookieSessionInterface().get_signing_serializer(app.server)
    import time

    old = serializer.dumps({auth.SESSION_KEY: {"username": "anna", "pw": "0000000000000000", "at": int(time.time())}})
    client.set_cookie("session", old)
    response = save(client, app)
    assert "Die Änderung wurde abgelehnt" in response.shown


def test_signed_in_edit_is_stored_with_history_and_invalidates_the_cache(client, app):
    assert "Angemeldet" in sign_in(client, app).shown
    with app.server.app_context():
        version_before = data_version()
    response = save(client, app, status="umgesetzt", comment="Beschluss 12/2026")
    text = response.shown
    assert "Gespeichert" in text, text
    assert m01(app)["status"] == "umgesetzt"
    history = history_of_m01(app)
    assert history[0]["changed_by"] == "anna" and history[0]["comment"] == "Beschluss 12/2026"
    with app.server.app_context():
        assert data_version() == version_before + 1
    # The same form, sent again with the version it was loaded with, is now stale.
    response = save(client, app, status="in Planung", version=m01(app)["version"] - 1)
    assert "inzwischen von jemand anderem geändert" in response.shown
    assert m01(app)["status"] == "umgesetzt"


def test_upload_without_a_session_is_refused(client, app):
    response = post_callback(
        client,
        app,
        massnahmen.UPLOAD_RESULT,
        {f"{massnahmen.UPLOAD}.contents": "data:text/csv;base64,Q29kZQ=="},
        {f"{massnahmen.UPLOAD}.filename": "x.csv"},
    )
    assert "Die Änderung wurde abgelehnt" in response.shown


def render(client, app, path: str) -> str:
    """The page's component tree as the router callback returns it (JSON text)."""
    response = post_callback(
        client, app, "page-content", {"url.pathname": path, "url.search": ""}, changed="url.pathname"
    )
    assert response.status_code == 200
    return json.dumps(response.get_json()["response"]["page-content"], ensure_ascii=False)


@pytest.mark.parametrize("path", ["/massnahme/M01", "/massnahmen", "/leitlinie/1"])
def test_public_pages_have_no_edit_controls(client, app, path):
    page = render(client, app, path)
    for control in (massnahme.EDIT_SAVE, massnahme.EDIT_STATUS, massnahme.EDIT_COMMENT, massnahmen.UPLOAD):
        assert control not in page
    assert "Beispiel" in page  # Maßnahmen are labelled as examples
    sign_in(client, app)
    if path == "/massnahme/M01":
        assert massnahme.EDIT_SAVE in render(client, app, path)
    if path == "/massnahmen":
        assert massnahmen.UPLOAD in render(client, app, path)


def test_failed_sign_ins_are_limited_per_username_and_ip(client, app):
    for _ in range(auth.MAX_FAILURES):
        assert "Benutzername oder Passwort ist falsch" in sign_in(client, app, password="falsch").shown
    # Now even the right password is refused for a while ...
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in sign_in(client, app).shown
    # ... from this address; another address may still sign in.
    other = app.server.test_client()
    other.environ_base["REMOTE_ADDR"] = "10.0.0.9"
    assert "Angemeldet" in sign_in(other, app).shown
    with app.server.app_context():
        services().cache.clear()


def test_signed_in_upload_validates_and_imports(client, app):
    import base64

    from dashboard.ingest.massnahmen import write_register
    from dashboard.massnahmen_service import register_rows

    def upload(content: bytes, filename: str):
        encoded = "data:text/csv;base64," + base64.b64encode(content).decode()
        return post_callback(
            client,
            app,
            massnahmen.UPLOAD_RESULT,
            {f"{massnahmen.UPLOAD}.contents": encoded},
            {f"{massnahmen.UPLOAD}.filename": filename},
        )

    sign_in(client, app)
    with app.server.app_context():
        rows = register_rows(services().db)
    bad = write_register([{**rows[0], "handlungsfeld": "HF99"}, *rows[1:]], "csv")
    response = upload(bad, "register.csv")
    assert "Import abgebrochen, nichts wurde geändert" in response.shown
    assert "Zeile 2, Spalte „Handlungsfeld“: unbekanntes Handlungsfeld „HF99“" in response.shown
    changed = write_register([{**rows[0], "progress_note": "per Upload"}, *rows[1:]], "csv")
    response = upload(changed, "register.csv")
    assert "Import abgeschlossen: 0 neu, 1 geändert" in response.shown
    assert history_of_m01(app)[0]["new_value"] == "per Upload"


def test_unknown_url_filters_are_named_and_ignored(client, app):
    response = post_callback(
        client,
        app,
        "page-content",
        {"url.pathname": "/leitlinie/1", "url.search": "?status=fertig&handlungsfeld=HF01"},
        changed="url.pathname",
    )
    page = json.dumps(response.get_json()["response"]["page-content"], ensure_ascii=False)
    assert "URL-Parameter „status“: „fertig“ gibt es hier nicht" in page
    assert "handlungsfeld“" not in page  # HF01 is valid


@pytest.fixture
def shared_redis():
    import os
    import uuid

    import redis

    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    client = redis.Redis.from_url(url)
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip(f"Redis nicht erreichbar: {url}")
    prefix = f"bm_test_signin_{uuid.uuid4().hex[:10]}:"
    yield url, prefix
    for key in client.scan_iter(f"{prefix}*"):
        client.delete(key)


def test_failed_sign_ins_are_counted_across_workers_in_redis(make_settings, shared_redis, tmp_path):
    url, prefix = shared_redis
    settings = make_settings(redis_url=url, cache_prefix=prefix, database_url=f"sqlite:///{tmp_path / 'w.sqlite3'}")
    worker_a, worker_b = create_app(settings), create_app(settings)
    with worker_a.server.app_context():
        services().repo.save_user("anna", hash_password(PASSWORD))
    client_a, client_b = worker_a.server.test_client(), worker_b.server.test_client()
    for _ in range(auth.MAX_FAILURES):
        sign_in(client_a, worker_a, password="falsch")
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in sign_in(client_b, worker_b).shown


def test_after_sign_out_edits_are_refused_again(client, app):
    assert "Angemeldet" in sign_in(client, app).shown
    response = post_callback(
        client,
        app,
        anmelden.RESULT,
        {f"{anmelden.SIGN_OUT}.n_clicks": 1},
        {f"{anmelden.NEXT}.data": {"path": "/massnahmen", "lang": "de"}},
    )
    assert "Abgemeldet" in response.shown
    assert "Die Änderung wurde abgelehnt" in save(client, app, status="nicht begonnen").shown


def test_the_register_download_is_csv_with_bom_or_xlsx(client, app):
    import base64

    csv_response = post_callback(client, app, massnahmen.DOWNLOAD, {f"{massnahmen.EXPORT_CSV}.n_clicks": 1})
    data = csv_response.get_json()["response"][massnahmen.DOWNLOAD]["data"]
    content = base64.b64decode(data["content"])
    assert data["filename"].endswith(".csv") and content.startswith(b"\xef\xbb\xbfCode;Titel;")
    assert content.decode("utf-8-sig").count("\r\n") == 62  # header + 61 Maßnahmen
    xlsx_response = post_callback(
        client, app, massnahmen.DOWNLOAD, {f"{massnahmen.EXPORT_XLSX}.n_clicks": 1}, changed="mn-export-xlsx.n_clicks"
    )
    data = xlsx_response.get_json()["response"][massnahmen.DOWNLOAD]["data"]
    assert data["filename"].endswith(".xlsx") and base64.b64decode(data["content"])[:2] == b"PK"
