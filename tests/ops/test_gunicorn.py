"""Two real gunicorn instances on one PostgreSQL and one Redis (the production setup).

Started with the Docker image's exact command. Covers: migrations on start,
JSON logs with request ids, an edit through one instance showing on the other
at once (cache invalidated for both), killing an instance in the middle of
edits without losing or half-writing anything, and fuzzing the callback
endpoint (4xx only, no traceback, no worker lost).
"""

from __future__ import annotations

import json
import random
import subprocess
import threading
import time

import pytest
import requests
from sqlalchemy import create_engine, text

from dashboard.migrate import head_revision
from dashboard.pages import massnahme as massnahme_page
from dashboard.pages.anmelden import NEXT, PASSWORD, RESULT, SUBMIT, USER
from dashboard.response_cache import HIT_HEADER
from tests.ops.conftest import DashClient, find_component, text_of

pytestmark = [pytest.mark.gunicorn, pytest.mark.postgres]

PASSWORD_TEXT = "ops-test-passwort-123"


def massnahme_row(db_url: str, code: str | None = None) -> dict:
    engine = create_engine(db_url)
    with engine.connect() as conn:
        where = "WHERE code = :code" if code else ""
        row = (
            conn.execute(
                text(f"SELECT id, code, status, version FROM massnahme {where} ORDER BY id LIMIT 1"), {"code": code}
            )
            .mappings()
            .one()
        )
    engine.dispose()
    return dict(row)


def sign_in(client: DashClient) -> None:
    response = client.call(
        f"{RESULT}.children",
        {
            f"{USER}.value": "ops-tester",
            f"{PASSWORD}.value": PASSWORD_TEXT,
            f"{SUBMIT}.n_clicks": 1,
            f"{NEXT}.data": {},
        },
        f"{SUBMIT}.n_clicks",
    )
    assert response.status_code == 200, response.text[:300]
    assert "Set-Cookie" in response.headers, response.text[:300]


def save_edit(client: DashClient, m: dict, status: str, comment: str, instance=None, timeout=30):
    p = massnahme_page
    values = {
        f"{p.EDIT_SAVE}.n_clicks": 1,
        f"{p.EDIT_ID}.data": m["id"],
        f"{p.EDIT_VERSION}.data": m["version"],
        f"{p.EDIT_STATUS}.value": status,
        f"{p.EDIT_NOTE}.value": "",
        f"{p.EDIT_UNIT}.value": m.get("responsible_unit", ""),
        f"{p.EDIT_START}.value": None,
        f"{p.EDIT_END}.value": None,
        f"{p.EDIT_COMMENT}.value": comment,
        f"{p.EDIT_LANG}.data": "de",
    }
    return client.call(
        f"{p.EDIT_RESULT}.children", values, f"{p.EDIT_SAVE}.n_clicks", instance=instance, timeout=timeout
    )


@pytest.fixture(scope="module")
def signed_in(cluster):
    a, _b = cluster
    subprocess.run(
        ["dashboard", "user", "create", "ops-tester", "--password-stdin"],
        input=PASSWORD_TEXT + "\n",
        env=a.env,
        check=True,
        capture_output=True,
        text=True,
    )
    session = requests.Session()
    client = DashClient(session, a)
    sign_in(client)
    return client


def test_image_start_command_migrates_once_and_logs_json(cluster):
    a, b = cluster
    assert f"Datenbankschema aktualisiert: leer -> {head_revision()}" in a.log()
    assert "Datenbankschema ist aktuell" in b.log()  # B upgraded nothing and loaded nothing
    assert "Maßnahmen geladen" in a.log() and "Maßnahmen geladen" not in b.log()
    response = requests.get(b.url("/quellen"), headers={"X-Request-ID": "ops-trace-1"}, timeout=10)
    assert response.headers["X-Request-ID"] == "ops-trace-1"
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        access = [
            r for r in b.json_log() if r.get("logger") == "gunicorn.access" and r.get("request_id") == "ops-trace-1"
        ]
        if access:
            break
        time.sleep(0.2)
    assert access and access[0]["path"] == "/quellen" and access[0]["status"] == 200


def test_an_edit_through_one_instance_shows_on_the_other_at_once(cluster, signed_in, ops_pg_url, ops_redis):
    a, b = cluster
    _url, prefix, redis_client = ops_redis
    m = massnahme_row(ops_pg_url)
    new_status = "zurückgestellt" if m["status"] != "zurückgestellt" else "in Umsetzung"
    page = f"/massnahme/{m['code']}"

    def shown_status(instance) -> str:
        return text_of(find_component(signed_in.page(page, instance=instance), "mn-status"))

    assert shown_status(b) != new_status
    # The public (no session) gets the page from the shared response cache on B.
    public = DashClient(requests.Session(), b)

    def public_status() -> tuple[str, bool]:
        response = public.call("page-content.children", {"url.pathname": page, "url.search": ""}, "url.pathname")
        tree = response.json()["response"]
        return text_of(find_component(tree, "mn-status")), response.headers.get(HIT_HEADER) == "hit"

    public_status()  # fills the cache
    old_status, hit = public_status()
    assert hit and old_status == shown_status(b) != new_status
    version_key = f"{prefix}bm:data-version"
    data_version = int(redis_client.get(version_key) or 1)

    response = save_edit(signed_in, m, new_status, "Test: zwei Instanzen", instance=a)
    assert response.status_code == 200 and "Gespeichert" in response.text, response.text[:500]

    # B shows the new status at once, and the shared data version moved on for every worker.
    assert shown_status(b) == new_status
    assert public_status() == (new_status, False)  # the cached page was dropped on B too
    assert int(redis_client.get(version_key)) == data_version + 1
    assert massnahme_row(ops_pg_url, m["code"])["version"] == m["version"] + 1


def test_killing_an_instance_in_the_middle_of_edits_loses_nothing(cluster, signed_in, ops_pg_url):
    a, b = cluster
    engine = create_engine(ops_pg_url)
    with engine.connect() as conn:
        rows = [
            dict(r)
            for r in conn.execute(
                text("SELECT id, code, version FROM massnahme ORDER BY id LIMIT 4 OFFSET 1")
            ).mappings()
        ]
    acknowledged: list[tuple[str, int]] = []
    failed = 0
    stop = threading.Event()
    lock = threading.Lock()

    def editor(m: dict) -> None:
        nonlocal failed
        session = requests.Session()
        session.cookies.update(signed_in.session.cookies)
        client = DashClient.__new__(DashClient)
        client.session, client.instance, client.dependencies = session, a, signed_in.dependencies
        statuses = ["in Planung", "in Umsetzung"]
        n = 0
        while not stop.is_set():
            n += 1
            try:
                response = save_edit(client, m, statuses[n % 2], f"Kill-Test {n}", timeout=10)
            except requests.RequestException:
                with lock:
                    failed += 1
                return
            if response.status_code == 200 and "Gespeichert" in response.text:
                m["version"] += 1
                with lock:
                    acknowledged.append((m["code"], m["version"]))

    threads = [threading.Thread(target=editor, args=(dict(m),)) for m in rows]
    for thread in threads:
        thread.start()
    time.sleep(2.0)
    a.kill()  # the whole instance, master and workers, mid-stream
    stop.set()
    for thread in threads:
        thread.join(15)

    assert acknowledged, "no edit was acknowledged before the kill"
    assert failed >= 1, "the kill did not hit a request in flight"
    with engine.connect() as conn:
        for m in rows:
            version, history = conn.execute(
                text(
                    "SELECT m.version, (SELECT count(DISTINCT c.comment) FROM massnahme_change c WHERE c.massnahme_id = m.id "
                    "AND c.comment LIKE 'Kill-Test%') FROM massnahme m WHERE m.id = :id"
                ),
                {"id": m["id"]},
            ).one()
            # Every acknowledged edit is stored ...
            acked = [v for code, v in acknowledged if code == m["code"]]
            assert version >= max(acked, default=m["version"])
            # ... and nothing is half-written: one saved edit (its unique comment) per version step.
            assert version - m["version"] == history
    engine.dispose()
    # The other instance kept serving, and the killed one comes back on the same data.
    assert requests.get(b.url("/readyz"), timeout=5).status_code == 200
    a.start()
    assert requests.get(a.url("/readyz"), timeout=5).status_code == 200


def _fuzz_bodies(dependencies: list[dict], count: int, seed: int = 8) -> list[bytes]:
    rng = random.Random(seed)
    junk = [None, True, -1, 1e308, "", "x" * 200_000, [], {}, [[[[]]]], {"id": None}, "ü" * 1000]
    bodies: list[bytes] = [b"", b"{", b"\x00\xff\xfe", b"[" * 100_000, b'{"output": "' + b"a" * 2_000_000 + b'"}']
    while len(bodies) < count:
        dep = rng.choice(dependencies)
        parts = [p for p in dep["output"].strip(".").split("...")]
        body = {
            "output": dep["output"],
            "outputs": [{"id": p.rsplit(".", 1)[0], "property": p.rsplit(".", 1)[1]} for p in parts],
            "inputs": [{**i, "value": rng.choice(junk)} for i in dep["inputs"]],
            "state": [{**s, "value": rng.choice(junk)} for s in dep["state"]],
            "changedPropIds": [f"{dep['inputs'][0]['id']}.{dep['inputs'][0]['property']}"] if dep["inputs"] else [],
        }
        mutation = rng.randrange(6)
        if mutation == 1:
            body["inputs"] = rng.choice(junk)
        elif mutation == 2:
            body["outputs"] = rng.choice(junk)
        elif mutation == 3:
            body["output"] = rng.choice([5, None, "nope.children", "..x.y..."])
        elif mutation == 4:
            del body[rng.choice(list(body))]
        bodies.append(json.dumps(body).encode())
    return bodies


def test_fuzzing_the_callback_endpoint_gives_4xx_and_loses_no_worker(cluster):
    _a, b = cluster
    workers = b.workers()
    dependencies = requests.get(b.url("/_dash-dependencies"), timeout=10).json()
    statuses = {}
    started = time.monotonic()
    for body in _fuzz_bodies(dependencies, count=250):
        response = requests.post(
            b.url("/_dash-update-component"), data=body, headers={"Content-Type": "application/json"}, timeout=30
        )
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        assert "Traceback" not in response.text and 'File "' not in response.text
        assert response.status_code < 500, (response.status_code, body[:300], response.text[:300])
        if time.monotonic() - started > 90:
            break
    # Wrong values that a callback happens to accept are fine (200/204); nothing may crash.
    assert sum(n for s, n in statuses.items() if 400 <= s < 500) >= 100, statuses
    assert b.workers() == workers, "a worker died or was replaced during fuzzing"
    assert requests.get(b.url("/readyz"), timeout=5).status_code == 200
