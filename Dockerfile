# Bildungsmonitor: multi-stage image, runs as a non-root user under gunicorn.
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY dashboard ./dashboard
RUN pip install --no-cache-dir --prefix=/install .

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
RUN useradd --create-home --uid 10001 bildungsmonitor
WORKDIR /app
COPY --from=build /install /usr/local
COPY app.py ./
COPY dashboard ./dashboard
COPY data ./data
COPY geo ./geo
COPY assets ./assets
RUN mkdir -p instance && chown bildungsmonitor /app/instance
USER bildungsmonitor
EXPOSE 8000
CMD ["gunicorn", "app:server", "--bind", "0.0.0.0:8000", "--workers", "2"]
