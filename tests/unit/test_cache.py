from dashboard.app import create_app
from dashboard.cache import cached, data_version, invalidate_data


def test_cached_values_are_recomputed_after_invalidation(make_settings):
    app = create_app(make_settings())
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    with app.server.app_context():
        assert cached("probe", compute, "a") == 1
        assert cached("probe", compute, "a") == 1
        before = data_version()
        invalidate_data()
        assert data_version() == before + 1
        assert cached("probe", compute, "a") == 2
