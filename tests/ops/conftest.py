"""Real gunicorn instances for the production tests, on PostgreSQL and Redis.

Each instance is started with the exact command of the Docker image
(``deploy/entrypoint.sh gunicorn app:server -c gunicorn.conf.py``) in its own
process group, on a free port, sharing a private PostgreSQL schema and a Redis
key prefix with the other instances of the test session.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import pytest
import requests
from sqlalchemy import create_engine, text

from dashboard.settings import ROOT
from tests.conftest import free_port

START_COMMAND = [str(ROOT / "deploy" / "entrypoint.sh"), "gunicorn", "app:server", "-c", "gunicorn.conf.py"]


@dataclass
class Instance:
    name: str
    port: int
    env: dict
    log_path: Path
    proc: subprocess.Popen | None = None
    history: list = field(default_factory=list)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def start(self, timeout: float = 90) -> Instance:
        log = self.log_path.open("ab")
        self.proc = subprocess.Popen(
            START_COMMAND, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.wait_ready(timeout)
        return self

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"{self.name} ended with {self.proc.returncode}:\n{self.log()[-3000:]}")
            try:
                if requests.get(self.url("/readyz"), timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.3)
        raise AssertionError(f"{self.name} not ready after {timeout}s:\n{self.log()[-3000:]}")

    def workers(self) -> set[int]:
        return {child.pid for child in psutil.Process(self.proc.pid).children()}

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def json_log(self) -> list[dict]:
        lines = []
        for line in self.log().splitlines():
            if line.startswith("{"):
                lines.append(json.loads(line))
        return lines

    def kill(self) -> None:
        """SIGKILL the master and its workers at once, as a crashed host would."""
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture(scope="session")
def ops_pg_url():
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        pytest.skip("TEST_DATABASE_URL ist nicht gesetzt: gunicorn-Tests auf PostgreSQL übersprungen")
    schema = f"bm_ops_{uuid.uuid4().hex[:10]}"
    # pre_ping: the pg_restart test kills pooled connections in between.
    engine = create_engine(base, pool_pre_ping=True)
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in base else "?"
    yield f"{base}{separator}options=-csearch_path%3D{schema}"
    with engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


@pytest.fixture(scope="session")
def ops_redis():
    """(url, prefix) on the test Redis; the prefix's keys are deleted afterwards."""
    import redis

    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/14")
    client = redis.Redis.from_url(url)
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip(f"Redis nicht erreichbar: {url}")
    prefix = f"bm_ops_{uuid.uuid4().hex[:10]}:"
    yield url, prefix, client
    for key in client.scan_iter(f"{prefix}*"):
        client.delete(key)


def instance_env(db_url: str, redis_url: str, prefix: str, port: int) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BM_", "DATABASE_URL", "REDIS_URL"))}
    env.update(
        PATH=f"{Path(sys.executable).parent}:{env.get('PATH', '')}",
        DATABASE_URL=db_url,
        REDIS_URL=redis_url,
        BM_CACHE_PREFIX=prefix,
        BM_BIND=f"127.0.0.1:{port}",
        BM_WORKERS="2",
        BM_THREADS="2",
        BM_TIMEOUT="30",
        SECRET_KEY="ops-test-secret",
    )
    shared = os.environ.get("BM_SHARED_DATA")
    if shared:
        env["BM_SHARED_DATA"] = shared
    return env


@pytest.fixture(scope="session")
def cluster(ops_pg_url, ops_redis, tmp_path_factory):
    """Two instances, A then B, on one database and one Redis."""
    redis_url, prefix, _client = ops_redis
    logs = tmp_path_factory.mktemp("gunicorn")
    instances = []
    try:
        for name in ("A", "B"):
            port = free_port()
            instance = Instance(name, port, instance_env(ops_pg_url, redis_url, prefix, port), logs / f"{name}.log")
            instances.append(instance.start())
        yield instances
    finally:
        for instance in instances:  # all at once: each takes a few seconds to stop gracefully
            if instance.proc and instance.proc.poll() is None:
                os.killpg(instance.proc.pid, signal.SIGTERM)
        for instance in instances:
            instance.stop()


class DashClient:
    """Calls Dash callbacks over HTTP the way the renderer does (built from /_dash-dependencies)."""

    def __init__(self, session: requests.Session, instance: Instance):
        self.session = session
        self.instance = instance
        self.dependencies = session.get(instance.url("/_dash-dependencies"), timeout=10).json()

    def _dependency(self, output: str) -> dict:
        for dep in self.dependencies:
            if output in dep["output"].strip(".").split("..."):
                return dep
        raise AssertionError(f"no callback with output {output}")

    def call(self, output: str, values: dict, changed: str, instance: Instance | None = None, timeout: float = 30):
        dep = self._dependency(output)
        outputs = [
            {"id": part.rsplit(".", 1)[0], "property": part.rsplit(".", 1)[1].split("@")[0]}
            for part in dep["output"].strip(".").split("...")
        ]
        body = {
            "output": dep["output"],
            "outputs": outputs if dep["output"].startswith("..") else outputs[0],
            "inputs": [{**i, "value": values.get(f"{i['id']}.{i['property']}")} for i in dep["inputs"]],
            "state": [{**s, "value": values.get(f"{s['id']}.{s['property']}")} for s in dep["state"]],
            "changedPropIds": [changed],
        }
        target = instance or self.instance
        return self.session.post(target.url("/_dash-update-component"), json=body, timeout=timeout)

    def page(self, path: str, instance: Instance | None = None) -> str:
        """The router's response for a page: the page as the browser would receive it (JSON text)."""
        response = self.call(
            "page-content.children", {"url.pathname": path, "url.search": ""}, "url.pathname", instance=instance
        )
        assert response.status_code == 200, response.text[:500]
        return response.json()["response"]


def find_component(tree, component_id: str):
    """The component with this id in a Dash JSON tree, or None."""
    if isinstance(tree, dict):
        if tree.get("props", {}).get("id") == component_id:
            return tree
        for value in tree.values():
            found = find_component(value, component_id)
            if found is not None:
                return found
    elif isinstance(tree, list):
        for item in tree:
            found = find_component(item, component_id)
            if found is not None:
                return found
    return None


def text_of(tree) -> str:
    """All text in a Dash JSON tree, as a person would read it."""
    if isinstance(tree, str):
        return tree
    if isinstance(tree, int | float):
        return str(tree)
    if isinstance(tree, list):
        return " ".join(text_of(item) for item in tree)
    if isinstance(tree, dict):
        return text_of(tree.get("props", {}).get("children")) if "props" in tree else ""
    return ""
