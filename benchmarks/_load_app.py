"""The production app plus one bare Flask endpoint, for ``benchmarks/load.py`` only.

``POST /_bench/ceiling?name=N`` returns the bytes stored in ``$BM_BENCH_CEILING_DIR/N``
(a callback response captured from this very server), with no Dash, no
database and no page code: the ceiling a callback's throughput is compared to.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from flask import Response, request

from app import server  # noqa: F401 - the app gunicorn serves

_DIR = Path(os.environ.get("BM_BENCH_CEILING_DIR", "/nonexistent"))


@cache
def _body(name: str) -> bytes:
    return (_DIR / Path(name).name).read_bytes()


@server.post("/_bench/ceiling")
def ceiling():
    request.get_data()  # read the body, as Dash does
    return Response(_body(request.args["name"]), content_type="application/json")
