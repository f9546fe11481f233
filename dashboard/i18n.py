"""UI texts in German (primary) and English."""

from __future__ import annotations

LANGUAGES = ("de", "en")

TEXTS: dict[str, dict[str, str]] = {
    "app_title": {"de": "Bildungsmonitor", "en": "Education Monitor"},
    "nav_home": {"de": "Übersicht", "en": "Overview"},
    "nav_explorer": {"de": "Indikatoren", "en": "Indicators"},
    "nav_massnahmen": {"de": "Maßnahmen", "en": "Measures"},
    "nav_sources": {"de": "Quellen", "en": "Sources"},
    "skip_to_content": {"de": "Zum Inhalt springen", "en": "Skip to content"},
    "leitlinien": {"de": "Leitlinien des Bildungsleitbilds", "en": "Guiding principles"},
    "leitlinie": {"de": "Leitlinie", "en": "Guiding principle"},
    "handlungsfelder": {"de": "Handlungsfelder", "en": "Fields of action"},
    "massnahmen_count": {"de": "{n} Maßnahmen", "en": "{n} measures"},
    "massnahmen_count_1": {"de": "1 Maßnahme", "en": "1 measure"},
    "indicators_count": {"de": "{n} Indikatoren", "en": "{n} indicators"},
    "indicators_count_1": {"de": "1 Indikator", "en": "1 indicator"},
    "demo_banner": {
        "de": "Die kleinräumigen Zahlen und die Umrisse der Stadtviertel sind erfunden. "
        "Sie zeigen, wie der Bildungsmonitor funktioniert, und sind keine Aussage über {kommune}.",
        "en": "District figures and quarter boundaries are invented. They show how the "
        "monitor works and say nothing about {kommune}.",
    },
    "example_banner": {
        "de": "Handlungsfelder und Maßnahmen sind Beispiele, nicht das beschlossene Bildungskonzept.",
        "en": "Fields of action and measures are examples, not the adopted education concept.",
    },
    "sources_title": {"de": "Quellen und Lizenzen", "en": "Sources and licences"},
    "sources_intro": {
        "de": "Jede Zahl im Bildungsmonitor stammt aus einer dieser Quellen.",
        "en": "Every figure in the monitor comes from one of these sources.",
    },
    "source_publisher": {"de": "Herausgeber", "en": "Publisher"},
    "source_licence": {"de": "Lizenz", "en": "Licence"},
    "source_note": {"de": "Hinweis", "en": "Note"},
    "source_demo": {"de": "Beispieldaten (erfunden)", "en": "Demo data (invented)"},
    "source_real": {"de": "Echte Daten", "en": "Real data"},
    "not_found_title": {"de": "Seite nicht gefunden", "en": "Page not found"},
    "not_found_text": {
        "de": "Die Adresse {path} gibt es im Bildungsmonitor nicht.",
        "en": "The address {path} does not exist in the monitor.",
    },
    "back_home": {"de": "Zur Übersicht", "en": "Back to the overview"},
    "language": {"de": "Sprache", "en": "Language"},
    "footer_sources": {
        "de": "Quellen und Lizenzen aller Daten",
        "en": "Sources and licences of all data",
    },
    "home_intro": {
        "de": "Der Bildungsmonitor zeigt, wie sich Bildung in {kommune} entwickelt: Kennzahlen je "
        "Stadtgebiet, Zeitreihen mit Zielwerten und der Stand der Maßnahmen zu jeder Leitlinie.",
        "en": "The monitor shows how education in {kommune} develops: indicators per district, "
        "time series with targets, and the status of measures for each guiding principle.",
    },
}


def t(key: str, lang: str = "de", **kwargs) -> str:
    entry = TEXTS[key]
    text = entry.get(lang) or entry["de"]
    return text.format(**kwargs) if kwargs else text


def count_text(key: str, n: int, lang: str = "de") -> str:
    """'1 Indikator' / '3 Indikatoren': keys KEY and KEY_1."""
    return t(f"{key}_1", lang) if n == 1 else t(key, lang, n=n)


def normalise_language(value: str | None, default: str = "de") -> str:
    return value if value in LANGUAGES else default
