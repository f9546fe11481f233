"""gunicorn configuration: ``gunicorn app:server -c gunicorn.conf.py``.

Every value comes from the settings in ``dashboard/settings.py`` (BM_BIND,
BM_WORKERS, BM_THREADS, BM_TIMEOUT, BM_LOG_FORMAT, BM_LOG_LEVEL), so the
README documents them in one table.
"""

import multiprocessing

from dashboard import logging_setup
from dashboard.settings import Settings

_settings = Settings.from_env()

bind = _settings.bind
# Dash callbacks are mostly Python (pandas, plotly): processes, not threads, give parallelism.
workers = int(_settings.workers) if _settings.workers else 2 * multiprocessing.cpu_count() + 1
worker_class = "gthread"
threads = int(_settings.threads)
timeout = int(_settings.timeout)
graceful_timeout = 30
keepalive = 5
# Replace workers now and then, so a slow leak can never grow without bound.
max_requests = 2000
max_requests_jitter = 200
# Load the app (migrations and the data load included) once in the master, then fork.
preload_app = True
# gunicorn does not rewrite the scheme itself: ProxyFix, with BM_PROXY_HOPS, alone decides
# whose X-Forwarded-Proto is trusted (HSTS and Secure cookies follow it).
secure_scheme_headers = {}

# gunicorn 24+ opens a control socket in $HOME; several instances on one host would share it.
control_socket_disable = True

accesslog = "-"
errorlog = "-"
loglevel = _settings.log_level.lower()
if _settings.log_format == "json":
    logger_class = logging_setup.GunicornJsonLogger
logging_setup.configure(_settings.log_format, _settings.log_level)


def post_fork(server, worker):  # noqa: ARG001 - gunicorn hook signature
    """Each worker opens its own database connections (never share a socket across fork)."""
    from dashboard.services import EXTENSION_KEY

    flask_app = worker.app.wsgi()
    flask_app.extensions[EXTENSION_KEY].db.engine.dispose(close=False)
