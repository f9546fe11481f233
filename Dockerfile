# syntax=docker/dockerfile:1
# Bildungsmonitor: multi-stage image. The build stage compiles the wheels; the runtime
# stage has no compiler, runs as a non-root user, migrates the database on start
# (deploy/entrypoint.sh: `dashboard db upgrade`) and serves with gunicorn.

FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY pyproject.toml README.md ./
COPY dashboard ./dashboard
RUN python -m venv /opt/venv \
    && /opt/venv/bin/pip install --no-compile . \
    && /opt/venv/bin/pip uninstall --yes bildungsmonitor

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/venv/bin:$PATH \
    PYTHONPATH=/app \
    BM_BIND=0.0.0.0:8000 \
    BM_SHARED_DATA=/data/real
# Debian's chromium prints the Faktencheck PDF; poppler-utils numbers its table of contents.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install --yes --no-install-recommends chromium poppler-utils fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
RUN groupadd --gid 10001 bildungsmonitor \
    && useradd --uid 10001 --gid 10001 --no-create-home --home-dir /app --shell /usr/sbin/nologin bildungsmonitor
WORKDIR /app
COPY --from=build /opt/venv /opt/venv
COPY app.py gunicorn.conf.py pyproject.toml ./
COPY dashboard ./dashboard
COPY migrations ./migrations
COPY data ./data
COPY geo ./geo
COPY assets ./assets
COPY deploy ./deploy
# The `dashboard` command runs the code in /app (PYTHONPATH), so paths resolve under /app.
RUN printf '#!/bin/sh\nexec python -m dashboard.cli "$@"\n' > /opt/venv/bin/dashboard \
    && chmod 0755 /opt/venv/bin/dashboard deploy/entrypoint.sh \
    && mkdir -p instance && chown 10001:10001 instance
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]
ENTRYPOINT ["/app/deploy/entrypoint.sh"]
CMD ["gunicorn", "app:server", "-c", "gunicorn.conf.py"]
