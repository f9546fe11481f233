"""Caching of expensive queries and figures, shared by all workers when Redis is set.

Every cached entry's key contains the current *data version*. Anything that
changes data (an import, a Maßnahme edit, a reload) calls
``invalidate_data()``, which bumps the version in the shared cache, so every
worker and every instance sees fresh data at once, without scanning keys.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from .services import services

VERSION_KEY = "bm:data-version"


def data_version() -> int:
    cache = services().cache
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=0)
        version = cache.get(VERSION_KEY) or 1
    return int(version)


def invalidate_data() -> int:
    """Mark all cached data as stale (for every worker sharing the cache)."""
    cache = services().cache
    data_version()  # make sure the counter exists
    # cache.cache is the backend; inc() is atomic on Redis.
    return int(cache.cache.inc(VERSION_KEY) or data_version())


def cached(name: str, compute: Callable[[], Any], *key_parts, timeout: int | None = None) -> Any:
    """Return ``compute()``, cached under name + key parts + the data version."""
    svc = services()
    digest = hashlib.sha1(json.dumps(key_parts, default=str, sort_keys=True).encode()).hexdigest()[:16]
    key = f"bm:{svc.kommune.slug}:{name}:{data_version()}:{digest}"
    value = svc.cache.get(key)
    if value is None:
        value = compute()
        svc.cache.set(key, value, timeout=timeout)
    return value
