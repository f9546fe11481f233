"""Whole callback responses are cached for anonymous visitors only, and dropped when data changes."""

import pytest

from dashboard.app import create_app
from dashboard.cache import invalidate_data
from dashboard.response_cache import HIT_HEADER
from tests.ops.test_security import router_body


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    from dashboard.settings import Settings

    path = tmp_path_factory.mktemp("rcache") / "rc.sqlite3"
    return create_app(Settings.from_env(environ={}, database_url=f"sqlite:///{path}", secret_key="k"))


def post(client, body, **kw):
    return client.post("/_dash-update-component", json=body, **kw)


def test_anonymous_page_requests_are_served_from_the_cache_until_the_data_changes(app):
    client = app.server.test_client()
    body = router_body("/quellen", search="?lang=en")
    first = post(client, body)
    second = post(client, body)
    assert HIT_HEADER not in first.headers and second.headers[HIT_HEADER] == "hit"
    assert second.data == first.data
    # Security headers and request id are on cached answers too.
    assert second.headers["X-Frame-Options"] == "DENY" and second.headers["X-Request-ID"]
    with app.server.app_context():
        invalidate_data()
    assert HIT_HEADER not in post(client, body).headers


def test_other_queries_are_other_entries(app):
    client = app.server.test_client()
    post(client, router_body("/quellen"))
    german = post(client, router_body("/quellen"))
    english = post(client, router_body("/quellen", search="?lang=en"))
    assert german.headers.get(HIT_HEADER) == "hit"
    assert english.data != german.data


def test_visitors_with_a_session_are_never_served_from_the_cache(app):
    client = app.server.test_client()
    body = router_body("/")
    post(client, body)
    assert post(client, body).headers.get(HIT_HEADER) == "hit"
    client.set_cookie("session", "anything")
    assert HIT_HEADER not in post(client, body).headers


def test_callbacks_not_marked_cacheable_are_always_computed(app):
    client = app.server.test_client()
    sign_in = next(out for out in app.callback_map if "signin-result.children" in out)
    body = {
        "output": sign_in,
        "outputs": [{"id": "signin-result", "property": "children"}, {"id": "signin-redirect", "property": "href"}],
        "inputs": [
            {"id": "signin-submit", "property": "n_clicks", "value": 1},
            {"id": "signin-password", "property": "n_submit", "value": None},
        ],
        "state": [
            {"id": "signin-user", "property": "value", "value": "nobody"},
            {"id": "signin-password", "property": "value", "value": "wrong-password"},
            {"id": "signin-next", "property": "data", "value": {}},
        ],
        "changedPropIds": ["signin-submit.n_clicks"],
    }
    for _ in range(2):
        assert HIT_HEADER not in post(client, body).headers


def test_pages_declare_their_pure_views_as_cacheable(make_settings, monkeypatch):
    from dashboard.pages import quellen
    from dashboard.response_cache import EXTENSION_KEY

    monkeypatch.setattr(quellen, "CACHEABLE_OUTPUTS", ["quellen-view.children"], raising=False)
    app = create_app(make_settings())
    assert {"page-content.children", "quellen-view.children"} <= app.server.extensions[EXTENSION_KEY]
