"""Security headers, framing, cookies and callback error handling, on the real app (no browser)."""

import json
import re

import pytest
from flask import session

from dashboard.app import create_app


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    from dashboard.settings import Settings

    path = tmp_path_factory.mktemp("security") / "sec.sqlite3"
    settings = Settings.from_env(
        environ={},
        database_url=f"sqlite:///{path}",
        secret_key="test-secret",
        frame_ancestors="https://www.halle.de  https://intranet.halle.de",
        proxy_hops="1",
    )
    app = create_app(settings)

    # A route that writes the session, to see the cookie flags (sign-in does this).
    @app.server.route("/_test/session")
    @app.server.route("/embed/_test/session")
    def _touch_session():
        session["seen"] = True
        return "ok"

    return app


@pytest.fixture
def client(app):
    return app.server.test_client()


def csp_of(response) -> dict[str, str]:
    parts = [p.strip() for p in response.headers["Content-Security-Policy"].split(";")]
    return {p.split(" ", 1)[0]: p.split(" ", 1)[1] for p in parts}


def test_pages_carry_the_security_headers_and_may_not_be_framed(client):
    response = client.get("/quellen")
    assert response.status_code == 200
    csp = csp_of(response)
    assert csp["frame-ancestors"] == "'none'"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "unsafe-eval" not in response.headers["Content-Security-Policy"]
    # Every inline script of the page is allowed by its hash, and nothing else inline.
    assert "'unsafe-inline'" not in csp["script-src"]
    html = response.get_data(as_text=True)
    inline = re.findall(r"<script(?![^>]*(?:src=|application/json))[^>]*>(.*?)</script>", html, flags=re.S)
    assert inline, "Dash's renderer start is an inline script"
    import base64
    import hashlib

    for script in inline:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp["script-src"]


def test_embed_pages_may_be_framed_by_the_configured_origins_only(client):
    response = client.get("/embed/indikator/x")
    assert csp_of(response)["frame-ancestors"] == "https://www.halle.de https://intranet.halle.de"
    assert "X-Frame-Options" not in response.headers


def test_embed_responses_set_no_cookie_while_other_pages_set_a_safe_one(client):
    assert "Set-Cookie" not in client.get("/embed/_test/session").headers
    cookie = client.get("/_test/session").headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # plain http


def test_https_behind_the_proxy_gets_hsts_and_secure_cookies(client):
    plain = client.get("/healthz")
    assert "Strict-Transport-Security" not in plain.headers
    secure = client.get("/_test/session", headers={"X-Forwarded-Proto": "https"})
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=")
    assert "Secure" in secure.headers["Set-Cookie"]


def test_forwarded_proto_is_ignored_without_a_trusted_proxy(make_settings):
    app = create_app(make_settings())  # BM_PROXY_HOPS=0
    response = app.server.test_client().get("/healthz", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" not in response.headers


def test_request_id_is_taken_from_the_caller_or_made_up(client):
    assert client.get("/healthz", headers={"X-Request-ID": "proxy-42"}).headers["X-Request-ID"] == "proxy-42"
    made_up = client.get("/healthz", headers={"X-Request-ID": "bad id <script>"}).headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", made_up)


def test_health_and_readiness_do_not_go_through_dash(client):
    health = client.get("/healthz")
    assert health.status_code == 200 and health.json == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json["checks"] == {"database": "ok", "schema": "ok", "data": "ok", "cache": "ok"}


def test_readiness_fails_with_503_when_the_database_is_unreachable(make_settings):
    from dashboard.db import Database

    app = create_app(make_settings())
    services = app.server.extensions["bildungsmonitor"]
    services.db = Database("postgresql+psycopg://nobody@127.0.0.1:1/none")
    response = app.server.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.json["checks"]["database"] == "unreachable"


def test_readiness_fails_while_no_data_is_loaded(make_settings):
    app = create_app(make_settings(), load_if_empty=False)
    response = app.server.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.json["checks"]["data"] == "not loaded"


ROUTER = "..page-content.children...site-nav.children...site-banners.children...site-footer.children...app-shell.className...app-shell.style...skip-link.children.."


def router_body(pathname, search="") -> dict:
    return {
        "output": ROUTER,
        "outputs": [
            {"id": i, "property": p}
            for i, p in [
                ("page-content", "children"),
                ("site-nav", "children"),
                ("site-banners", "children"),
                ("site-footer", "children"),
                ("app-shell", "className"),
                ("app-shell", "style"),
                ("skip-link", "children"),
            ]
        ],
        "inputs": [
            {"id": "url", "property": "pathname", "value": pathname},
            {"id": "url", "property": "search", "value": search},
        ],
        "changedPropIds": ["url.pathname"],
    }


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b"[]",
        b"null",
        b"[" * 50_000 + b"]" * 50_000,
        json.dumps({"output": 5}).encode(),
        json.dumps({"output": "no-such.callback"}).encode(),
        json.dumps({**router_body("/"), "inputs": "x"}).encode(),
        json.dumps({**router_body("/"), "inputs": [{"id": 1}]}).encode(),
        json.dumps({**router_body("/"), "changedPropIds": [None]}).encode(),
        json.dumps(router_body(12345)).encode(),
        json.dumps(router_body({"a": [1, 2]}, search=["x"])).encode(),
    ],
)
def test_malformed_callback_requests_get_400_without_a_traceback(client, body):
    response = client.post("/_dash-update-component", data=body, content_type="application/json")
    assert response.status_code == 400, response.get_data(as_text=True)[:300]
    text = response.get_data(as_text=True)
    assert "Traceback" not in text and 'File "' not in text
    assert response.json["error"].startswith("Ungültige Anfrage")
    assert response.json["request_id"]


def test_a_valid_router_request_still_works(client):
    response = client.post("/_dash-update-component", json=router_body("/quellen"))
    assert response.status_code == 200
    assert "Quellen" in response.get_data(as_text=True)


def test_a_body_over_the_limit_is_refused_with_413(make_settings):
    app = create_app(make_settings(max_request_mb="0.01"))
    response = app.server.test_client().post(
        "/_dash-update-component", data=b"x" * 20_000, content_type="application/json"
    )
    assert response.status_code == 413
