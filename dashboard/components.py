"""Small shared components (notices, source lines). Pure builders plus one lookup."""

from __future__ import annotations

from dash import html

from .i18n import t
from .services import services

NOTICE_LABELS = {
    "demo": {"de": "Beispieldaten", "en": "Demo data"},
    "example": {"de": "Hinweis", "en": "Note"},
    "info": {"de": "Hinweis", "en": "Note"},
    "error": {"de": "Fehler", "en": "Error"},
}


def notice(text, *, kind: str = "demo", lang: str = "de", role: str = "note") -> html.Div:
    """A notice box whose label is written out as text, never colour alone."""
    label = NOTICE_LABELS[kind][lang if lang in ("de", "en") else "de"]
    return html.Div([html.Strong(f"{label}: "), text], className=f"notice notice-{kind}", role=role)


def demo_notice(lang: str) -> html.Div | None:
    """The Beispieldaten banner, shown wherever invented data or shapes are loaded."""
    svc = services()
    has_demo = any(s["is_demo"] for s in svc.repo.sources())
    if not has_demo:
        return None
    return html.Div(
        notice(t("demo_banner", lang, kommune=svc.kommune.name), lang=lang),
        className="container-xxl banner-row",
        id="demo-banner",
    )


def carries_label(source: str) -> bool:
    """True when a source text brings its own label, as required attributions do.

    "Datenquelle: INKAR, BBSR Bonn" and "Quelle: Landeshauptstadt Magdeburg, ..." are the
    wordings the publishers ask for; a second "Quelle:" in front would read twice.
    """
    head, sep, _rest = (source or "").partition(":")
    return bool(sep) and head.strip().lower() in ("quelle", "datenquelle", "source")


def labelled_source(label: str, source: str) -> list:
    """[<strong>Quelle: </strong>, source], or just [source] where it carries its label."""
    return [source] if carries_label(source) else [html.Strong(f"{label}: "), source]


def source_line(source: str, licence: str, lang: str) -> html.P:
    label = "Quelle" if lang == "de" else "Source"
    licence_label = "Lizenz" if lang == "de" else "Licence"
    return html.P([*labelled_source(label, source), f" · {licence_label}: {licence}"], className="source-line")
