"""Load test on loopback: gunicorn (2 workers) with page loads and callbacks.

Starts the app with the production command (``gunicorn -c gunicorn.conf.py``,
migrations first) on a free loopback port and a fresh database (SQLite, or
``--database-url``), optionally with Redis. Then a bounded number of requests
from N concurrent users (one process each, keep-alive):

1. page loads: what a browser fetches for a page (HTML, ``_dash-layout``,
   ``_dash-dependencies``, and the router callback),
2. callbacks: the router callbacks of several pages plus every callback a page
   fires on load (read from ``_dash-dependencies`` and the page's layout, so the
   explorer's callbacks are included once that page exists),
3. the ceiling: a bare Flask endpoint on the same server returning the same
   bytes as each callback.

Prints requests/s, p50/p95/p99 latency and errors per phase, the callback
throughput as a ratio to the ceiling (target >= 30 %, 0 errors), and the peak
RSS/PSS per worker with the demo data loaded (target <= 300 MB).

    .venv/bin/python benchmarks/load.py [--users 8] [--requests 1500]
"""

from __future__ import annotations

import http.client
import json
import multiprocessing as mp
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import click
import psutil

ROOT = Path(__file__).resolve().parent.parent
EXPLORER_PATH = "/indikatoren"
# Explorer callbacks a visitor fires by changing the year: map, time series, heading, table.
EXPLORER_VIEWS = [
    "explorer-map.figure",
    "explorer-ts.figure",
    "explorer-header.children",
    "explorer-table-box.children",
]
NO_CACHE = {"Cookie": "session=benchmark-no-cache"}
PAGES = ["/", "/quellen", "/massnahmen", "/leitlinie/1", EXPLORER_PATH]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# ---------------------------------------------------------------- building requests


def find_props(tree, found: dict) -> None:
    """Every component's props by id, from a Dash JSON layout."""
    if isinstance(tree, dict):
        props = tree.get("props")
        if isinstance(props, dict) and isinstance(props.get("id"), str):
            found.setdefault(props["id"], props)
        for value in tree.values():
            find_props(value, found)
    elif isinstance(tree, list):
        for item in tree:
            find_props(item, found)


def callback_body(dep: dict, values: dict, changed: list[str]) -> dict:
    parts = dep["output"].strip(".").split("...")
    outputs = [{"id": p.rsplit(".", 1)[0], "property": p.rsplit(".", 1)[1].split("@")[0]} for p in parts]
    return {
        "output": dep["output"],
        "outputs": outputs if dep["output"].startswith("..") else outputs[0],
        "inputs": [{**i, "value": values.get(f"{i['id']}.{i['property']}")} for i in dep["inputs"]],
        "state": [{**s, "value": values.get(f"{s['id']}.{s['property']}")} for s in dep["state"]],
        "changedPropIds": changed,
    }


def post_json(base: str, path: str, body: dict) -> tuple[int, bytes]:
    request = urllib.request.Request(
        base + path, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def build_requests(base: str) -> tuple[list[tuple], list[tuple], dict[str, bytes]]:
    """(page-load sequences, callback requests, captured callback bytes by name)."""
    deps = json.loads(urllib.request.urlopen(base + "/_dash-dependencies", timeout=30).read())
    router = next(d for d in deps if "page-content.children" in d["output"])
    shell: dict = {}
    find_props(json.loads(urllib.request.urlopen(base + "/_dash-layout", timeout=30).read()), shell)
    page_loads, callbacks, captured = [], [], {}
    for path in PAGES:
        body = callback_body(router, {"url.pathname": path, "url.search": ""}, ["url.pathname"])
        status, data = post_json(base, "/_dash-update-component", body)
        if status != 200:
            print(f"  (Seite {path} übersprungen: HTTP {status})")
            continue
        name = f"router{path.replace('/', '_')}"
        captured[name] = data
        payload = json.dumps(body).encode()
        callbacks.append((name, payload))
        page_loads.append(
            (
                ("GET", path, None),
                ("GET", "/_dash-layout", None),
                ("GET", "/_dash-dependencies", None),
                ("POST", "/_dash-update-component", payload),
            )
        )
        # Callbacks the page fires on load, with the values its layout starts with.
        props = dict(shell)
        find_props(json.loads(data)["response"], props)
        values = {f"{cid}.{prop}": value for cid, p in props.items() for prop, value in p.items()}
        values.update({"url.pathname": path, "url.search": ""})
        for n, dep in enumerate(deps):
            if dep is router or dep.get("clientside_function"):
                continue
            explorer_view = path == EXPLORER_PATH and any(f"..{o}" in f"..{dep['output']}" for o in EXPLORER_VIEWS)
            if dep.get("prevent_initial_call") and not explorer_view:
                continue
            ids = [i["id"] for i in dep["inputs"] + dep["state"]]
            if not ids or any(i.startswith("{") for i in ids) or not all(i in props or i == "url" for i in ids):
                continue
            if not any(i["id"] in props and i["id"] not in shell for i in dep["inputs"]):
                continue  # belongs to another page
            changed = [f"{i['id']}.{i['property']}" for i in dep["inputs"]]
            if explorer_view:  # the visitor moved the year slider
                changed = [c for c in changed if c == "explorer-year.value"] or changed[:1]
            body = callback_body(dep, values, changed)
            status, data = post_json(base, "/_dash-update-component", body)
            if status != 200:
                continue  # e.g. 204 (PreventUpdate): nothing to compare against
            name = f"cb{n}{path.replace('/', '_')}"
            captured[name] = data
            callbacks.append((name, json.dumps(body).encode()))
    return page_loads, callbacks, captured


# ---------------------------------------------------------------- the load client


def _user(port: int, plan: list, out: mp.Queue) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    latencies, errors = [], 0
    started = time.perf_counter()
    for group in plan:
        t0 = time.perf_counter()
        ok = True
        for method, path, body, *extra in group:
            try:
                headers = {"Content-Type": "application/json"} if body else {}
                headers.update(*extra)
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                ok = ok and response.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        latencies.append(time.perf_counter() - t0)
        errors += not ok
    out.put((latencies, errors, time.perf_counter() - started))


def run_phase(port: int, units: list, users: int, total: int) -> dict:
    """``total`` units (a unit is one request, or a page load's requests), spread over ``users``."""
    plans = [[units[(u + k * users) % len(units)] for k in range(total // users)] for u in range(users)]
    out: mp.Queue = mp.Queue()
    procs = [mp.Process(target=_user, args=(port, plan, out)) for plan in plans]
    started = time.perf_counter()
    for p in procs:
        p.start()
    results = [out.get() for _ in procs]
    for p in procs:
        p.join()
    wall = time.perf_counter() - started
    latencies = sorted(x for r in results for x in r[0])
    q = statistics.quantiles(latencies, n=100)
    return {
        "n": len(latencies),
        "rps": len(latencies) / wall,
        "p50": q[49] * 1000,
        "p95": q[94] * 1000,
        "p99": q[98] * 1000,
        "errors": sum(r[1] for r in results),
    }


def report(name: str, r: dict, unit: str = "req") -> None:
    print(
        f"{name:<28} {r['n']:>6} {unit}  {r['rps']:>8.1f} {unit}/s  p50 {r['p50']:>7.1f} ms  "
        f"p95 {r['p95']:>7.1f} ms  p99 {r['p99']:>7.1f} ms  errors {r['errors']}"
    )


# ---------------------------------------------------------------- memory


class PeakMemory(threading.Thread):
    """Samples RSS and PSS of every worker of the gunicorn master."""

    def __init__(self, master_pid: int):
        super().__init__(daemon=True)
        self.master = psutil.Process(master_pid)
        self.rss: dict[int, int] = {}
        self.pss: dict[int, int] = {}
        self.done = threading.Event()

    def sample(self) -> None:
        for child in self.master.children():
            try:
                info = child.memory_full_info()
            except psutil.Error:
                continue
            self.rss[child.pid] = max(self.rss.get(child.pid, 0), info.rss)
            self.pss[child.pid] = max(self.pss.get(child.pid, 0), getattr(info, "pss", 0))

    def run(self) -> None:
        while not self.done.wait(0.2):
            self.sample()


# ---------------------------------------------------------------- main


@click.command()
@click.option("--users", default=8, show_default=True, help="Concurrent users (one process each).")
@click.option("--requests", "total", default=1500, show_default=True, help="Requests per phase (bounded).")
@click.option("--workers", default=2, show_default=True)
@click.option("--database-url", default=None, help="Default: a fresh SQLite file.")
@click.option("--redis-url", default=None, help="Default: the in-process cache.")
def main(users: int, total: int, workers: int, database_url: str | None, redis_url: str | None) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="bm-load-"))
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BM_", "DATABASE_URL", "REDIS_URL"))}
    env.update(
        PATH=f"{Path(sys.executable).parent}:{env.get('PATH', '')}",
        DATABASE_URL=database_url or f"sqlite:///{tmp / 'load.sqlite3'}",
        BM_BIND=f"127.0.0.1:{port}",
        BM_WORKERS=str(workers),
        BM_LOG_LEVEL="WARNING",
        SECRET_KEY="load-test",
        BM_BENCH_CEILING_DIR=str(tmp),
        PYTHONPATH=str(ROOT),
        # Steady state: no worker recycling (max_requests) in the middle of a phase.
        GUNICORN_CMD_ARGS="--max-requests 0",
    )
    if redis_url:
        env.update(REDIS_URL=redis_url, BM_CACHE_PREFIX=f"bm_load_{port}:")
    command = [str(ROOT / "deploy/entrypoint.sh"), "gunicorn", "benchmarks._load_app:server", "-c", "gunicorn.conf.py"]
    log = (tmp / "gunicorn.log").open("wb")
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                if urllib.request.urlopen(base + "/readyz", timeout=2).status == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise SystemExit(f"Server nicht bereit, siehe {tmp / 'gunicorn.log'}")
        memory = PeakMemory(server.pid)
        memory.sample()
        idle_rss = dict(memory.rss)
        memory.start()

        page_loads, callbacks, captured = build_requests(base)
        for name, data in captured.items():
            (tmp / name).write_bytes(data)
        ceilings = [(f"/_bench/ceiling?name={name}", body) for name, body in callbacks]
        print(
            f"gunicorn {workers} Worker, {users} Nutzer, {total} Anfragen je Phase; "
            f"{len(page_loads)} Seiten, {len(callbacks)} Callbacks "
            f"({', '.join(sorted({n.split('_')[0] + '_' + n.split('_', 1)[1] if '_' in n else n for n, _ in callbacks}))})"
        )
        warm = [(("POST", "/_dash-update-component", b),) for _, b in callbacks]
        run_phase(port, warm, users, max(len(warm) * 2, users * 4))  # warm caches and connections

        pages = run_phase(port, page_loads, users, max(total // 4, users))
        cb = run_phase(port, [(("POST", "/_dash-update-component", b),) for _, b in callbacks], users, total)
        # The same callbacks computed every time (a session cookie bypasses the response cache).
        uncached = run_phase(
            port, [(("POST", "/_dash-update-component", b, NO_CACHE),) for _, b in callbacks], users, total // 5
        )
        ceiling = run_phase(port, [(("POST", path, b),) for path, b in ceilings], users, total)
        memory.done.set()
        memory.join()
        memory.sample()

        print()
        report("Seitenaufrufe (4 Anfragen)", pages, "page")
        report("Callbacks (öffentlich)", cb)
        report("Callbacks ohne Antwort-Cache", uncached)
        report("Obergrenze: Flask, gleiche Bytes", ceiling)
        ratio = cb["rps"] / ceiling["rps"]
        errors = pages["errors"] + cb["errors"] + uncached["errors"] + ceiling["errors"]
        print(
            f"\nCallback-Durchsatz / Obergrenze: {ratio:.0%} öffentlich (Ziel >= 30 %), "
            f"{uncached['rps'] / ceiling['rps']:.0%} ohne Antwort-Cache.  Fehler gesamt: {errors} (Ziel 0)"
        )
        mb = 1024 * 1024
        for pid in sorted(memory.rss):
            print(
                f"Worker {pid}: RSS Spitze {memory.rss[pid] / mb:.0f} MB (Start {idle_rss.get(pid, 0) / mb:.0f} MB), "
                f"PSS Spitze {memory.pss[pid] / mb:.0f} MB  (Ziel RSS <= 300 MB)"
            )
        ok = ratio >= 0.30 and errors == 0 and all(v <= 300 * mb for v in memory.rss.values())
        print("Ergebnis:", "Ziele erreicht" if ok else "ZIEL VERFEHLT")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(30)
        if redis_url:  # leave nothing behind in the shared Redis
            import redis

            client = redis.Redis.from_url(redis_url)
            for key in client.scan_iter(f"bm_load_{port}:*"):
                client.delete(key)


if __name__ == "__main__":
    main()
