"""Small shared components (notices, source lines). Pure builders plus one lookup."""

from __future__ import annotations

from dash import html

from .i18n import t
from .services import services


def notice(text: str, *, kind: str = "demo", role: str = "note") -> html.Div:
    """A labelled notice box; the label is written out, never colour alone."""
    return html.Div(text, className=f"notice notice-{kind}", role=role)


def demo_notice(lang: str) -> html.Div | None:
    """The Beispieldaten banner, shown wherever invented data or shapes are loaded."""
    svc = services()
    has_demo = any(s["is_demo"] for s in svc.repo.sources())
    if not has_demo:
        return None
    return html.Div(
        notice(t("demo_banner", lang, kommune=svc.kommune.name)),
        className="container-xxl banner-row",
        id="demo-banner",
    )


def source_line(source: str, licence: str, lang: str) -> html.P:
    label = "Quelle" if lang == "de" else "Source"
    licence_label = "Lizenz" if lang == "de" else "Licence"
    return html.P([html.Strong(f"{label}: "), source, f" · {licence_label}: {licence}"], className="source-line")
