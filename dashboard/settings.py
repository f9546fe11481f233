"""All configuration, read from the environment in one place.

Each setting is declared once as (name, default, help). ``Settings.from_env``
reads them with the order: explicit argument > environment > default, so tests
can build an app on their own database without touching ``os.environ``.
``tests/unit/test_settings.py`` fails when the README does not document one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
SHARED_REAL_DEFAULT = ROOT.parent / "shared" / "data" / "real"


@dataclass(frozen=True)
class Setting:
    env: str
    default: str | None
    help: str


SETTINGS: dict[str, Setting] = {
    "kommune": Setting(
        "BM_KOMMUNE",
        "halle",
        "Which Kommune configuration to load: a folder under data/ with a kommune.toml "
        "(shipped: halle, magdeburg), or a path to such a file.",
    ),
    "database_url": Setting(
        "DATABASE_URL",
        None,
        "SQLAlchemy URL of the database. Default: a SQLite file instance/<kommune>.sqlite3 in the repository.",
    ),
    "redis_url": Setting(
        "REDIS_URL",
        None,
        "Redis URL for the shared cache (e.g. redis://127.0.0.1:6379/0). Empty: a per-process in-memory cache.",
    ),
    "secret_key": Setting(
        "SECRET_KEY",
        None,
        "Key that signs sessions. Required in production; without it a random key "
        "is generated per process (sign-ins do not survive a restart).",
    ),
    "url_prefix": Setting(
        "BM_URL_PREFIX",
        "/",
        "URL path prefix when served behind a reverse proxy, e.g. /bildungsmonitor/.",
    ),
    "frame_ancestors": Setting(
        "BM_FRAME_ANCESTORS",
        "",
        "Space-separated origins allowed to embed /embed/ pages in an iframe, "
        "e.g. 'https://www.halle.de'. Empty: no page may be framed.",
    ),
    "default_language": Setting("BM_DEFAULT_LANGUAGE", "de", "Language of the UI when the URL names none: de or en."),
    "shared_data_dir": Setting(
        "BM_SHARED_DATA",
        str(SHARED_REAL_DEFAULT),
        "Folder with the real public data (../shared/data/real). Where it is "
        "absent, real-data indicators are skipped and the app runs on demo data.",
    ),
    # Import (issue 5): see README "Import".
    "import_max_mb": Setting(
        "BM_IMPORT_MAX_MB",
        "20",
        "Largest file in MB that the import accepts (CLI and upload page); XLSX and zip archives may "
        "unpack to at most 8 times this. Keep it below BM_MAX_REQUEST_MB / 1.37 (uploads travel base64-encoded).",
    ),
    # Production operation (issue 8): see README "Betrieb / Deployment".
    "cache_prefix": Setting(
        "BM_CACHE_PREFIX",
        "bildungsmonitor:",
        "Prefix of every cache key in Redis; give each app sharing one Redis its own.",
    ),
    "proxy_hops": Setting(
        "BM_PROXY_HOPS",
        "0",
        "Number of reverse proxies in front of the app whose X-Forwarded-For/-Proto/-Host are "
        "trusted (werkzeug ProxyFix). 1 behind one proxy; 0 (default) trusts none.",
    ),
    "max_request_mb": Setting(
        "BM_MAX_REQUEST_MB",
        "32",
        "Largest request body in MB (uploads included); larger requests get 413.",
    ),
    "log_format": Setting("BM_LOG_FORMAT", "json", "Log format under gunicorn: json (one object per line) or text."),
    "log_level": Setting("BM_LOG_LEVEL", "INFO", "Log level: DEBUG, INFO, WARNING, ERROR."),
    "bind": Setting("BM_BIND", "0.0.0.0:8000", "Address gunicorn listens on (gunicorn.conf.py)."),
    "workers": Setting(
        "BM_WORKERS",
        "",
        "Number of gunicorn worker processes. Empty: 2 x CPU cores + 1.",
    ),
    "threads": Setting("BM_THREADS", "2", "Threads per gunicorn worker (gthread worker)."),
    "timeout": Setting(
        "BM_TIMEOUT",
        "60",
        "gunicorn worker timeout in seconds: a worker that stops answering this long is replaced.",
    ),
}


@dataclass(frozen=True)
class Settings:
    kommune: str = "halle"
    database_url: str | None = None
    redis_url: str | None = None
    secret_key: str | None = None
    url_prefix: str = "/"
    frame_ancestors: str = ""
    default_language: str = "de"
    shared_data_dir: str = str(SHARED_REAL_DEFAULT)
    import_max_mb: str = "20"
    cache_prefix: str = "bildungsmonitor:"
    proxy_hops: str = "0"
    max_request_mb: str = "32"
    log_format: str = "json"
    log_level: str = "INFO"
    bind: str = "0.0.0.0:8000"
    workers: str = ""
    threads: str = "2"
    timeout: str = "60"
    extra: dict = field(default_factory=dict)

    @classmethod
    def from_env(cls, environ: dict | None = None, **overrides) -> Settings:
        env = os.environ if environ is None else environ
        values = {}
        for name, setting in SETTINGS.items():
            if name in overrides:
                values[name] = overrides.pop(name)
            else:
                raw = env.get(setting.env)
                values[name] = raw if raw not in (None, "") else setting.default
        settings = cls(**values, **overrides)
        settings.validate()
        return settings

    def validate(self) -> None:
        if self.default_language not in ("de", "en"):
            raise ValueError(f"BM_DEFAULT_LANGUAGE muss 'de' oder 'en' sein, nicht {self.default_language!r}")
        if not self.url_prefix.startswith("/") or not self.url_prefix.endswith("/"):
            raise ValueError(f"BM_URL_PREFIX muss mit '/' beginnen und enden, nicht {self.url_prefix!r}")

    @property
    def kommune_file(self) -> Path:
        candidate = Path(self.kommune)
        if candidate.suffix == ".toml":
            return candidate if candidate.is_absolute() else ROOT / candidate
        return DATA_DIR / self.kommune / "kommune.toml"

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        instance = ROOT / "instance"
        instance.mkdir(exist_ok=True)
        return f"sqlite:///{instance / (self.kommune_slug + '.sqlite3')}"

    @property
    def kommune_slug(self) -> str:
        return self.kommune_file.parent.name

    @property
    def shared_data(self) -> Path:
        return Path(self.shared_data_dir)


def setting_names() -> list[str]:
    return [s.env for s in SETTINGS.values()]


assert {f.name for f in fields(Settings)} - {"extra"} == set(SETTINGS), "settings out of sync"
