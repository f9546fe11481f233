"""Page registry. Each page is one module with a ``PAGE`` and ``register_callbacks(app)``.

To add a page, write a module in this package and add its name to PAGE_MODULES.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass

PAGE_MODULES = [
    "home",
    "quellen",
    "explorer",
    "massnahmen",
    "leitlinie",
    "massnahme",
    "anmelden",
    "faktencheck",
    "praesentation",
    "embed",
    "agenden",
    "importer",
]


@dataclass(frozen=True)
class Page:
    """A page: its path pattern (``/leitlinie/<number>``), layout and navigation label.

    ``layout(query: dict[str, str], lang: str, **path_params)`` returns the content.
    ``chrome=False`` pages (embeds, slides) render without header and footer.
    """

    path: str
    layout: Callable
    title_key: str
    nav: bool = False
    chrome: bool = True
    order: int = 100

    def match(self, pathname: str) -> dict | None:
        pattern = "^" + re.sub(r"<(\w+)>", r"(?P<\1>[^/]+)", self.path.rstrip("/")) + "/?$"
        found = (
            re.match(pattern, pathname.rstrip("/") or "/")
            if self.path != "/"
            else ({} if pathname in ("", "/") else None)
        )
        if found is None:
            return None
        return found if isinstance(found, dict) else found.groupdict()


def load_pages() -> list:
    """Import every page module; returns the modules in PAGE_MODULES order."""
    return [importlib.import_module(f"{__name__}.{name}") for name in PAGE_MODULES]


def find_page(pages: list[Page], pathname: str) -> tuple[Page | None, dict]:
    for page in pages:
        params = page.match(pathname)
        if params is not None:
            return page, params
    return None, {}
