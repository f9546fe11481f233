"""The Redis cache is shared: invalidating on one instance makes every other one recompute."""

import pytest

from dashboard.app import create_app
from dashboard.cache import cached, invalidate_data


@pytest.fixture
def two_apps(make_settings, ops_redis, tmp_path):
    url, prefix, _client = ops_redis
    # Two apps as two instances would be: own processes' state, one database, one Redis.
    settings = make_settings(
        redis_url=url, cache_prefix=prefix + "shared:", database_url=f"sqlite:///{tmp_path / 'one.sqlite3'}"
    )
    return create_app(settings), create_app(settings)


def test_invalidation_on_one_instance_reaches_the_other(two_apps):
    first, second = two_apps
    calls = []

    def compute():
        calls.append(1)
        return f"Stand {len(calls)}"

    with first.server.app_context():
        assert cached("probe", compute, "x") == "Stand 1"
    with second.server.app_context():
        assert cached("probe", compute, "x") == "Stand 1"  # served from Redis, not recomputed
        invalidate_data()
    with first.server.app_context():
        assert cached("probe", compute, "x") == "Stand 2"
    assert len(calls) == 2


def test_instances_with_different_prefixes_do_not_share(make_settings, ops_redis, tmp_path):
    url, prefix, _client = ops_redis
    db = f"sqlite:///{tmp_path / 'two.sqlite3'}"
    halle = create_app(make_settings(redis_url=url, cache_prefix=prefix + "a:", database_url=db))
    other = create_app(make_settings(redis_url=url, cache_prefix=prefix + "b:", database_url=db))
    with halle.server.app_context():
        assert cached("probe", lambda: "halle", "k") == "halle"
    with other.server.app_context():
        assert cached("probe", lambda: "andere", "k") == "andere"
