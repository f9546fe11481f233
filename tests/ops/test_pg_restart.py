"""PostgreSQL restarts while the app runs: /readyz fails, then recovers; no worker crashes.

This stops the machine's PostgreSQL for a few seconds, so other tests running
at the same time against it fail meanwhile. It runs in CI (alone there); on a
shared machine run it on its own: ``pytest -m pg_restart tests/ops``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
import requests

from tests.ops.conftest import DashClient

pytestmark = [pytest.mark.pg_restart, pytest.mark.gunicorn, pytest.mark.postgres]

CLUSTERS = Path("/etc/postgresql")


def pg_ctl(action: str) -> None:
    version = sorted(os.listdir(CLUSTERS))[-1]
    command = ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action]
    if action == "stop":
        command += ["-m", "fast"]
    subprocess.run(command, check=True, capture_output=True, timeout=60)


def wait_for(instance, status: int, timeout: float) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        try:
            if requests.get(instance.url("/readyz"), timeout=3).status_code == status:
                return time.monotonic() - started
        except requests.RequestException:
            pass
        time.sleep(0.1)
    raise AssertionError(f"/readyz did not answer {status} within {timeout}s")


@pytest.mark.skipif(
    not CLUSTERS.is_dir() or shutil.which("pg_ctlcluster") is None, reason="no local PostgreSQL cluster"
)
def test_readyz_fails_during_a_postgresql_restart_and_recovers_without_lost_workers(cluster):
    instance = cluster[1]
    master, workers = instance.proc.pid, instance.workers()
    assert requests.get(instance.url("/quellen"), timeout=10).status_code == 200
    try:
        pg_ctl("stop")
        wait_for(instance, 503, timeout=10)
        down = requests.get(instance.url("/readyz"), timeout=5)
        assert down.json()["checks"]["database"] == "unreachable"
        # A page needing the database says so in German, with a request id, and no traceback.
        page = DashClient(requests.Session(), instance).call(
            "page-content.children", {"url.pathname": "/massnahmen", "url.search": ""}, "url.pathname"
        )
        assert page.status_code == 503
        assert "nicht erreichbar" in page.json()["error"] and "Traceback" not in page.text
    finally:
        pg_ctl("start")
    recovered_after = wait_for(instance, 200, timeout=30)
    # Pooled connections died with the server; pre-ping replaces them, so pages work at once.
    for _ in range(4):
        assert requests.get(instance.url("/readyz"), timeout=10).status_code == 200
    assert instance.proc.poll() is None and instance.proc.pid == master
    assert instance.workers() == workers, "a worker crashed or was replaced"
    assert recovered_after < 30
