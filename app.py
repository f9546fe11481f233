"""Entry point: ``gunicorn app:server`` or ``python app.py`` (development server)."""

import os

from dashboard.app import create_app

app = create_app()
server = app.server

if __name__ == "__main__":
    app.run(
        host=os.environ.get("BM_HOST", "127.0.0.1"),
        port=int(os.environ.get("BM_PORT", "8050")),
        debug=os.environ.get("BM_DEBUG", "") == "1",
    )
