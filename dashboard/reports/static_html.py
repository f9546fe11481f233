"""Write a tree of ``dash.html`` components as static HTML.

The Faktencheck page and its PDF share one component tree: the page shows it
in the app, and this module turns the same tree into a standalone document
that headless Chromium prints without a running server or JavaScript.
Only ``dash.html`` components can be written (they map 1:1 to HTML tags).
"""

from __future__ import annotations

import re
from html import escape

VOID_TAGS = {"area", "br", "col", "hr", "img", "input", "link", "meta", "source", "wbr"}
ATTRIBUTE_NAMES = {
    "className": "class",
    "htmlFor": "for",
    "colSpan": "colspan",
    "rowSpan": "rowspan",
    "tabIndex": "tabindex",
    "hrefLang": "hreflang",
    "dateTime": "datetime",
}
# Props of dash components that are not HTML attributes.
SKIPPED_PROPS = {"children", "n_clicks", "n_clicks_timestamp", "disable_n_clicks", "loading_state", "key", "setProps"}


def _css(style: dict) -> str:
    return "; ".join(f"{_kebab(k)}: {v}" for k, v in style.items())


def _kebab(name: str) -> str:
    return re.sub(r"([A-Z])", r"-\1", name).lower()


def to_html(node) -> str:
    """HTML text of a component, a list of components, a string or a number (None: nothing)."""
    if node is None or node is False:
        return ""
    if isinstance(node, str):
        return escape(node, quote=False)
    if isinstance(node, (int, float)):
        return escape(str(node))
    if isinstance(node, (list, tuple)):
        return "".join(to_html(child) for child in node)
    namespace = getattr(node, "_namespace", None)
    if namespace != "dash_html_components":
        raise TypeError(f"{type(node).__name__} ({namespace}) kann nicht als statisches HTML geschrieben werden")
    tag = node._type.lower()
    props = node.to_plotly_json()["props"]
    attributes = []
    for name, value in props.items():
        if name in SKIPPED_PROPS or value is None or value is False:
            continue
        if name == "style":
            value = _css(value)
        attr = ATTRIBUTE_NAMES.get(name, name)
        attributes.append(attr if value is True else f'{attr}="{escape(str(value), quote=True)}"')
    opening = f"<{tag}{' ' if attributes else ''}{' '.join(attributes)}>"
    if tag in VOID_TAGS:
        return opening
    return f"{opening}{to_html(props.get('children'))}</{tag}>"


def document(body, *, title: str, lang: str, css: str) -> str:
    """A complete HTML document with inline CSS (no external requests at all)."""
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>\n{css}\n</style>\n</head>\n"
        f'<body class="fc-standalone">\n{to_html(body)}\n</body>\n</html>\n'
    )
