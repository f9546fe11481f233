"""UI texts in German (primary) and English."""

from __future__ import annotations

LANGUAGES = ("de", "en")

TEXTS: dict[str, dict[str, str]] = {
    "app_title": {"de": "Bildungsmonitor", "en": "Education Monitor"},
    "nav_home": {"de": "Übersicht", "en": "Overview"},
    "nav_explorer": {"de": "Indikatoren", "en": "Indicators"},
    # -- Indicator explorer (issue 3) --
    "ex_title": {"de": "Indikatoren erkunden", "en": "Explore indicators"},
    "ex_intro": {
        "de": "Wählen Sie einen Indikator, ein Jahr und eine Ebene. Klicken Sie Gebiete in der Karte an, "
        "um ihren Verlauf mit der Stadt zu vergleichen. Jede Ansicht hat ihre eigene Adresse zum Teilen.",
        "en": "Choose an indicator, a year and a level. Click areas on the map to compare their trend "
        "with the city. Every view has its own address to share.",
    },
    "ex_filter_leitlinie": {"de": "Leitlinie", "en": "Guiding principle"},
    "ex_all_leitlinien": {"de": "Alle Leitlinien", "en": "All guiding principles"},
    "ex_indicator": {"de": "Indikator", "en": "Indicator"},
    "ex_search": {"de": "Indikator suchen …", "en": "Search indicator …"},
    "ex_level": {"de": "Ebene", "en": "Level"},
    "ex_year": {"de": "Jahr", "en": "Year"},
    "ex_play": {"de": "▶ Abspielen", "en": "▶ Play"},
    "ex_pause": {"de": "❚❚ Anhalten", "en": "❚❚ Pause"},
    "ex_classes": {"de": "Farbklassen", "en": "Colour classes"},
    "ex_quantile": {"de": "Quantile", "en": "Quantiles"},
    "ex_equal": {"de": "Gleiche Abstände", "en": "Equal intervals"},
    "ex_manual": {"de": "Eigene Grenzen", "en": "Manual breaks"},
    "ex_breaks": {"de": "Klassengrenzen, z. B. 40; 50; 60", "en": "Class breaks, e.g. 40; 50; 60"},
    "ex_palette": {"de": "Farbskala", "en": "Palette"},
    "ex_sequential": {"de": "Dunkler = günstiger", "en": "Darker = better"},
    "ex_sequential_neutral": {"de": "Dunkler = höher", "en": "Darker = higher"},
    "ex_diverging": {"de": "Abweichung vom Stadtwert", "en": "Difference from the city"},
    "ex_tab_map": {"de": "Karte und Verlauf", "en": "Map and trend"},
    "ex_tab_table": {"de": "Tabelle", "en": "Table"},
    "ex_view": {"de": "Ansicht", "en": "View"},
    "ex_compare": {"de": "Gebiete vergleichen", "en": "Compare areas"},
    "ex_compare_hint": {
        "de": "Gebiete in der Karte anklicken oder hier auswählen (höchstens 8).",
        "en": "Click areas on the map or choose them here (at most 8).",
    },
    "ex_definition": {"de": "Definition und Quelle", "en": "Definition and source"},
    "ex_source": {"de": "Quelle", "en": "Source"},
    "ex_licence": {"de": "Lizenz", "en": "Licence"},
    "ex_last_update": {"de": "Stand", "en": "Last update"},
    "ex_spatial_level": {"de": "Räumliche Ebene", "en": "Spatial level"},
    "ex_polarity": {"de": "Bewertung", "en": "Direction"},
    "ex_pol_higher_better": {"de": "Höhere Werte sind günstiger", "en": "Higher is better"},
    "ex_pol_lower_better": {"de": "Niedrigere Werte sind günstiger", "en": "Lower is better"},
    "ex_pol_neutral": {"de": "Ohne Bewertung (weder hoch noch niedrig ist besser)", "en": "Neutral"},
    "ex_unit": {"de": "Einheit", "en": "Unit"},
    "ex_target": {"de": "Zielwert", "en": "Target"},
    "ex_target_status": {"de": "Zielerreichung", "en": "Target status"},
    "ex_demo": {"de": "Beispieldaten", "en": "Demo data"},
    "ex_demo_note": {
        "de": "Erfundene Zahlen: Sie zeigen, wie der Bildungsmonitor funktioniert.",
        "en": "Invented numbers that show how the monitor works.",
    },
    "ex_map_heading": {"de": "{name} je {level}, {year}", "en": "{name} by {level}, {year}"},
    "ex_ts_heading": {"de": "Verlauf", "en": "Trend"},
    "ex_nodata_legend": {
        "de": "Grau mit ×: kein Wert. Beim Überfahren steht der Grund (z. B. Datenschutz).",
        "en": "Grey with ×: no value. Hover to see why (e.g. data protection).",
    },
    "ex_city_only": {
        "de": "Diesen Indikator gibt es nur für die ganze Stadt (INKAR, Kreisebene), nicht je {level}. "
        "Statt einer Karte vergleicht die Grafik die Kreise und kreisfreien Städte in {land}.",
        "en": "This indicator exists for the whole city only (INKAR, district level). Instead of a map, "
        "the chart compares the districts and cities of {land}.",
    },
    "ex_kreise_heading": {"de": "Kreise in {land}, {year}", "en": "Districts of {land}, {year}"},
    "ex_downloads": {"de": "Herunterladen", "en": "Download"},
    "ex_csv": {"de": "Daten (CSV für Excel)", "en": "Data (CSV)"},
    "ex_xlsx": {"de": "Daten (XLSX)", "en": "Data (XLSX)"},
    "ex_png": {"de": "Grafiken (PNG)", "en": "Charts (PNG)"},
    "ex_svg": {"de": "Grafiken (SVG)", "en": "Charts (SVG)"},
    "ex_area": {"de": "Gebiet", "en": "Area"},
    "ex_value": {"de": "Wert {year}", "en": "Value {year}"},
    "ex_rank": {"de": "Rang", "en": "Rank"},
    "ex_previous": {"de": "Vorjahr {year}", "en": "Previous year {year}"},
    "ex_note": {"de": "Hinweis", "en": "Note"},
    "ex_table_caption": {
        "de": "{name}, {year}, je {level}. Rang 1 = günstigster Wert. Spaltenköpfe sortieren die Tabelle.",
        "en": "{name}, {year}, by {level}. Rank 1 = best value. Column headers sort the table.",
    },
    "ex_references": {"de": "Stadt und Vergleichswerte", "en": "City and references"},
    "ex_url_notice": {"de": "Adresse", "en": "Address"},
    "ex_display": {"de": "Kartendarstellung", "en": "Map display"},
    "ex_compare_placeholder": {"de": "Gebiete auswählen …", "en": "Choose areas …"},
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
    "home_report_link": {
        "de": "Faktencheck Bildung: der Jahresbericht zum Drucken und als PDF",
        "en": "Education fact check: the yearly report, printable and as PDF",
    },
    "home_presentation_link": {
        "de": "Präsentation für die Lenkungsgruppe",
        "en": "Presentation for the steering group",
    },
    "home_intro": {
        "de": "Der Bildungsmonitor zeigt, wie sich Bildung in {kommune} entwickelt: Kennzahlen je "
        "Stadtgebiet, Zeitreihen mit Zielwerten und der Stand der Maßnahmen zu jeder Leitlinie.",
        "en": "The monitor shows how education in {kommune} develops: indicators per district, "
        "time series with targets, and the status of measures for each guiding principle.",
    },
    # -- Maßnahmen, Leitlinie pages, sign-in (issue 4) --
    "nav_signin": {"de": "Anmelden", "en": "Sign in"},
    "nav_leitlinie": {"de": "Leitlinie", "en": "Guiding principle"},
    "nav_massnahme": {"de": "Maßnahme", "en": "Measure"},
    "mn_title": {"de": "Maßnahmen je Leitlinie", "en": "Measures by guiding principle"},
    "mn_intro": {
        "de": "Wie weit ist die Umsetzung des Bildungskonzepts? Je Leitlinie: wie viele Maßnahmen in "
        "welchem Stand sind, welcher Anteil umgesetzt ist und ob die zugehörigen Indikatoren ihre "
        "Zielwerte erreichen.",
        "en": "How far has the education concept come? For each guiding principle: how many measures are "
        "in which status, the share implemented, and whether its indicators reach their targets.",
    },
    "mn_example_notice": {
        "de": "Die Handlungsfelder und Maßnahmen für {kommune} sind Beispiele, nicht das beschlossene "
        "Bildungskonzept. Status, Zuständigkeiten und Termine sind erfunden.",
        "en": "The fields of action and measures for {kommune} are examples, not the adopted education "
        "concept. Status, responsibilities and dates are invented.",
    },
    "mn_all": {"de": "Alle Leitlinien zusammen", "en": "All guiding principles together"},
    "mn_status_of": {"de": "Stand der Maßnahmen", "en": "Status of the measures"},
    "mn_overdue_count": {"de": "{n} überfällig", "en": "{n} overdue"},
    "mn_overdue_rule": {
        "de": "Überfällig heißt: Das geplante Ende ist vorbei und die Maßnahme ist weder umgesetzt noch "
        "dauerhaft etabliert. Zurückgestellte Maßnahmen zählen nicht als überfällig, weil die "
        "Zurückstellung eine bewusste Entscheidung ist.",
        "en": "Overdue means: the planned end has passed and the measure is neither implemented nor "
        "permanently established. Deferred measures do not count as overdue, because deferring is a "
        "deliberate decision.",
    },
    "mn_targets": {"de": "Zielwerte der Indikatoren", "en": "Indicator targets"},
    "mn_targets_none": {
        "de": "Für die Indikatoren dieser Leitlinie sind keine Zielwerte hinterlegt.",
        "en": "No targets are set for the indicators of this guiding principle.",
    },
    "mn_targets_basis": {
        "de": "Bewertet am gesamtstädtischen Wert, Trend der letzten 5 Jahre.",
        "en": "Judged on the city-wide value, trend of the last 5 years.",
    },
    "mn_open_leitlinie": {"de": "Maßnahmen der Leitlinie {n} ansehen", "en": "View the measures of principle {n}"},
    "mn_export": {"de": "Maßnahmenregister herunterladen", "en": "Download the register of measures"},
    "mn_export_text": {
        "de": "Das ganze Register mit allen Feldern, zum Weiterbearbeiten und zum Wiedereinlesen.",
        "en": "The whole register with every field, for editing and importing back.",
    },
    "mn_import": {"de": "Maßnahmenregister einlesen", "en": "Import the register of measures"},
    "mn_import_text": {
        "de": "XLSX oder CSV (Semikolon, UTF-8) im Format des Downloads. Maßnahmen werden über den Code "
        "zugeordnet; bei einem Fehler wird nichts geändert. Nicht enthaltene Maßnahmen bleiben, wie sie sind.",
        "en": "XLSX or CSV (semicolon, UTF-8) in the download's format. Measures are matched by code; on "
        "any error nothing changes. Measures missing from the file stay as they are.",
    },
    "mn_import_drop": {"de": "Datei auswählen oder hierher ziehen", "en": "Choose a file or drop it here"},
    "mn_signed_in_as": {"de": "Angemeldet als {name}", "en": "Signed in as {name}"},
    "mn_signin_hint": {"de": "Für Bildungsmanager: Anmelden zum Bearbeiten", "en": "For staff: sign in to edit"},
    "mn_filters": {"de": "Maßnahmen filtern", "en": "Filter measures"},
    "mn_filter_status": {"de": "Status", "en": "Status"},
    "mn_filter_hf": {"de": "Handlungsfeld", "en": "Field of action"},
    "mn_filter_unit": {"de": "Verantwortliche Stelle", "en": "Responsible unit"},
    "mn_filter_overdue": {"de": "Nur überfällige", "en": "Only overdue"},
    "mn_filter_all": {"de": "Alle", "en": "All"},
    "mn_filter_reset": {"de": "Filter zurücksetzen", "en": "Reset filters"},
    "mn_shown": {"de": "{n} von {total} Maßnahmen angezeigt", "en": "{n} of {total} measures shown"},
    "mn_none_match": {
        "de": "Keine Maßnahme passt zu diesen Filtern.",
        "en": "No measure matches these filters.",
    },
    "mn_responsible": {"de": "Verantwortlich", "en": "Responsible"},
    "mn_period": {"de": "Zeitraum", "en": "Period"},
    "mn_last_change": {"de": "Letzte Änderung", "en": "Last change"},
    "mn_progress": {"de": "Fortschritt", "en": "Progress"},
    "mn_indicators": {"de": "Indikatoren", "en": "Indicators"},
    "mn_overdue": {"de": "überfällig", "en": "overdue"},
    "mn_details": {"de": "Details, Verlauf", "en": "Details, history"},
    "mn_edit": {"de": "Bearbeiten", "en": "Edit"},
    "mn_history": {"de": "Verlauf der Änderungen", "en": "History of changes"},
    "mn_history_none": {"de": "Noch keine Änderungen protokolliert.", "en": "No changes recorded yet."},
    "mn_history_when": {"de": "Wann", "en": "When"},
    "mn_history_who": {"de": "Wer", "en": "Who"},
    "mn_history_field": {"de": "Feld", "en": "Field"},
    "mn_history_old": {"de": "Vorher", "en": "Before"},
    "mn_history_new": {"de": "Nachher", "en": "After"},
    "mn_history_comment": {"de": "Kommentar", "en": "Comment"},
    "mn_edit_title": {"de": "Stand ändern", "en": "Change the status"},
    "mn_edit_comment": {"de": "Kommentar (Pflicht, steht im Verlauf)", "en": "Comment (required, kept in the history)"},
    "mn_save": {"de": "Änderung speichern", "en": "Save change"},
    "mn_saved": {"de": "Gespeichert: {fields}.", "en": "Saved: {fields}."},
    "mn_not_found": {"de": "Die Maßnahme {code} gibt es nicht.", "en": "There is no measure {code}."},
    "mn_leitlinie_not_found": {"de": "Die Leitlinie {n} gibt es nicht.", "en": "There is no guiding principle {n}."},
    "mn_back": {"de": "Zurück zur Leitlinie {n}", "en": "Back to guiding principle {n}"},
    "mn_back_overview": {"de": "Alle Leitlinien", "en": "All guiding principles"},
    "mn_refused": {
        "de": "Nicht angemeldet oder Sitzung abgelaufen: Die Änderung wurde abgelehnt. Bitte melden Sie sich an.",
        "en": "Not signed in or session expired: the change was refused. Please sign in.",
    },
    "mn_example_tag": {"de": "Beispiel", "en": "Example"},
    "signin_title": {"de": "Anmelden", "en": "Sign in"},
    "signin_intro": {
        "de": "Die Anmeldung ist für Bildungsmanagerinnen und Bildungsmanager, die den Stand der Maßnahmen "
        "pflegen. Alle anderen Seiten sind ohne Anmeldung öffentlich.",
        "en": "Signing in is for staff who maintain the status of the measures. Every other page is public.",
    },
    "signin_user": {"de": "Benutzername", "en": "Username"},
    "signin_password": {"de": "Passwort", "en": "Password"},
    "signin_submit": {"de": "Anmelden", "en": "Sign in"},
    "signin_out": {"de": "Abmelden", "en": "Sign out"},
    "signin_done": {"de": "Angemeldet. Weiter …", "en": "Signed in. Continuing …"},
    "signin_signed_out": {"de": "Abgemeldet.", "en": "Signed out."},
    # -- Faktencheck (issue 7) --
    "nav_faktencheck": {"de": "Faktencheck", "en": "Fact check"},
    "fc_title": {"de": "Faktencheck Bildung {year}", "en": "Education fact check {year}"},
    "fc_subtitle": {
        "de": "Bildung in {kommune} in Zahlen: {n} Schlüsselindikatoren zu {m} Leitlinien des Bildungsleitbilds, "
        "ihre Entwicklung, der Vergleich mit Sachsen-Anhalt und Deutschland und der Stand der Maßnahmen.",
        "en": "Education in {kommune} in figures: {n} key indicators for {m} guiding principles, their trend, "
        "the comparison with Saxony-Anhalt and Germany, and the status of the measures.",
    },
    "fc_created": {
        "de": "Erstellt am {date} aus den Daten des Bildungsmonitors.",
        "en": "Created on {date} from the monitor's data.",
    },
    "fc_demo_badge": {"de": "Beispieldaten", "en": "Demo data"},
    "fc_toc": {"de": "Inhalt", "en": "Contents"},
    "fc_appendix": {"de": "Anhang: Quellen und Definitionen", "en": "Appendix: sources and definitions"},
    "fc_definitions": {"de": "Indikatoren", "en": "Indicators"},
    "fc_sources": {"de": "Datenquellen", "en": "Data sources"},
    "fc_method": {"de": "Lesehilfe", "en": "How to read this report"},
    "fc_method_change": {
        "de": "Die Sätze werden aus den Zahlen erzeugt. „Nahezu unverändert“ heißt: höchstens 2 % Abweichung "
        "vom früheren Wert. „Verbessert“ oder „verschlechtert“ steht nur bei Indikatoren mit Richtung "
        "(höher ist besser oder niedriger ist besser). Der Vergleich läuft über fünf Jahre oder, wo die "
        "Reihe kürzer ist, seit dem ersten Jahr mit Wert.",
        "en": "The sentences are generated from the figures. 'Almost unchanged' means at most 2 % away from the "
        "earlier value. 'Improved' or 'worsened' is only said for indicators with a direction. The comparison "
        "covers five years or, where the series is shorter, starts with its first year.",
    },
    "fc_method_refs": {
        "de": "Für INKAR-Indikatoren sind die Vergleichswerte der Median der Kreise Sachsen-Anhalts und der "
        "Median der Kreise Deutschlands, nicht der Landes- oder Bundeswert. Vergleichswerte für "
        "Beispieldaten sind ebenfalls erfunden.",
        "en": "For INKAR indicators the comparison values are the median of the districts (Kreise) of "
        "Saxony-Anhalt and of Germany, not the state or national value. Comparison values for demo data "
        "are invented as well.",
    },
    "fc_method_privacy": {
        "de": "Werte aus kleinen Fallzahlen werden aus Datenschutzgründen nicht veröffentlicht "
        "(„geschützt“); in Karten sind Gebiete ohne Wert weiß und schraffiert.",
        "en": "Values from small counts are not published to protect privacy ('protected'); on maps, areas "
        "without a value are white and hatched.",
    },
    "fc_value_in": {"de": "Wert {year}", "en": "Value {year}"},
    "fc_change_since": {"de": "Veränderung seit {year}", "en": "Change since {year}"},
    "fc_target": {"de": "Zielwert und Stand", "en": "Target and status"},
    "fc_figures_caption": {"de": "Kennzahlen: {name}", "en": "Key figures: {name}"},
    "fc_suppressed_short": {"de": "geschützt", "en": "protected"},
    "fc_trend_alt": {
        "de": "Liniendiagramm: Entwicklung von {name} im Zeitverlauf, mit Vergleichswerten; die Zahlen stehen in der Tabelle darüber.",
        "en": "Line chart: {name} over time, with comparison values; the figures are in the table above.",
    },
    "fc_trend_caption": {"de": "Entwicklung im Zeitverlauf", "en": "Trend over time"},
    "fc_map_alt": {
        "de": "Karte: {name} {year} je Gebiet; Gebiete ohne Wert schraffiert.",
        "en": "Map: {name} {year} by area; areas without a value hatched.",
    },
    "fc_map_caption": {"de": "{level}, {year}", "en": "{level}, {year}"},
    "fc_map_placeholder": {"de": "Umrisse erfunden (Platzhalter).", "en": "Boundaries invented (placeholders)."},
    "fc_no_map_city": {
        "de": "Keine Karte: Dieser Indikator liegt nur für die Gesamtstadt vor (z. B. INKAR-Kreisdaten), nicht kleinräumig.",
        "en": "No map: this indicator exists only for the city as a whole (e.g. INKAR district data).",
    },
    "fc_no_map_values": {
        "de": "Keine Karte: Für die Gebiete liegen bis zu diesem Jahr keine veröffentlichbaren Werte vor.",
        "en": "No map: there are no publishable values for the areas up to this year.",
    },
    "fc_source": {"de": "Quelle", "en": "Source"},
    "fc_see_appendix": {"de": "Definition im Anhang", "en": "definition in the appendix"},
    "fc_massnahmen_title": {"de": "Stand der Maßnahmen", "en": "Status of the measures"},
    "fc_massnahmen_none": {
        "de": "Zu dieser Leitlinie sind keine Maßnahmen erfasst.",
        "en": "No measures are recorded for this guiding principle.",
    },
    "fc_massnahmen_caption": {
        "de": "Maßnahmen der Leitlinie {n} nach Stand",
        "en": "Measures of principle {n} by status",
    },
    "fc_massnahmen_examples": {
        "de": "Die Maßnahmen sind Beispiele, nicht das beschlossene Bildungskonzept.",
        "en": "The measures are examples, not the adopted education concept.",
    },
    "fc_status": {"de": "Stand", "en": "Status"},
    "fc_count": {"de": "Anzahl", "en": "Number"},
    "fc_total": {"de": "Zusammen", "en": "Total"},
    "fc_no_indicators": {
        "de": "Dieser Leitlinie sind noch keine Indikatoren mit Daten zugeordnet.",
        "en": "No indicators with data are linked to this guiding principle yet.",
    },
    "fc_profile_title": {"de": "{level}profil {name} ({code})", "en": "{level} profile {name} ({code})"},
    "fc_profile_intro": {
        "de": "Alle kleinräumigen Indikatoren für {name} im Vergleich mit {kommune} insgesamt, jeweils im "
        "letzten Jahr mit Wert bis zum Berichtsjahr.",
        "en": "All small-area indicators for {name} compared with {kommune} as a whole, each in the latest year "
        "with a value up to the report year.",
    },
    "fc_profile_caption": {"de": "{name} im Vergleich mit der Stadt", "en": "{name} compared with the city"},
    "fc_indicator": {"de": "Indikator", "en": "Indicator"},
    "fc_year": {"de": "Jahr", "en": "Year"},
    "fc_difference": {"de": "Abstand zur Stadt", "en": "Difference to the city"},
    "fc_unit": {"de": "Einheit", "en": "Unit"},
    "fc_data_tables": {"de": "Die Zahlen der Grafiken als Tabelle", "en": "The charts' figures as tables"},
    "fc_area": {"de": "Gebiet", "en": "Area"},
    "fc_value": {"de": "Wert", "en": "Value"},
    "fc_download_pdf": {"de": "PDF herunterladen", "en": "Download PDF"},
    "fc_print_view": {"de": "Druckansicht (HTML)", "en": "Print view (HTML)"},
    "fc_other_years": {"de": "Berichtsjahr", "en": "Report year"},
    "fc_error_title": {"de": "Faktencheck nicht möglich", "en": "Fact check not possible"},
    "fc_pdf_hint": {
        "de": "Das PDF wird auf dem Server erzeugt; das dauert einige Sekunden.",
        "en": "The PDF is built on the server; this takes a few seconds.",
    },
    # -- Presentation and embed (issue 6) --
    "nav_presentation": {"de": "Präsentation", "en": "Presentation"},
    "slide_prev": {"de": "Zurück", "en": "Back"},
    "slide_next": {"de": "Weiter", "en": "Next"},
    "slide_fullscreen": {"de": "Vollbild (F)", "en": "Full screen (F)"},
    "slide_exit": {"de": "Ende (Esc)", "en": "Exit (Esc)"},
    "slide_counter": {"de": "Folie {n} von {total}", "en": "Slide {n} of {total}"},
    "slide_nav_label": {"de": "Folien", "en": "Slides"},
    "slide_keys_help": {
        "de": "Pfeiltasten, Bild auf/ab und Leertaste blättern; F: Vollbild; Esc: beenden.",
        "en": "Arrow keys, Page Up/Down and space turn slides; F: full screen; Esc: exit.",
    },
    "slide_overview_title": {"de": "Leitlinien: Stand der Maßnahmen", "en": "Guiding principles: status of measures"},
    "slide_massnahmen": {"de": "Maßnahmen ({n})", "en": "Measures ({n})"},
    "demo_tag": {"de": "Beispieldaten", "en": "Demo data"},
    "indicator": {"de": "Indikator", "en": "Indicator"},
    "agenda_unknown": {
        "de": "agenda: Die Agenda „{name}“ ist nicht gespeichert. Gezeigt wird die Standardfolge.",
        "en": "agenda: There is no saved agenda “{name}”. Showing the default sequence.",
    },
    "embed_tab_map": {"de": "Karte", "en": "Map"},
    "embed_tab_chart": {"de": "Zeitreihe", "en": "Time series"},
    "embed_tab_table": {"de": "Tabelle", "en": "Table"},
    "embed_open": {"de": "Im Bildungsmonitor öffnen", "en": "Open in the Education Monitor"},
    "embed_unknown": {
        "de": "URL-Pfad {path}: „{name}“ gibt es im Bildungsmonitor nicht.",
        "en": "URL path {path}: “{name}” does not exist in the monitor.",
    },
    "embed_bad_param": {
        "de": "URL-Parameter {param}: „{value}“ ist ungültig; verwendet wird {fallback}.",
        "en": "URL parameter {param}: “{value}” is not valid; using {fallback}.",
    },
    "embed_button": {"de": "Einbetten", "en": "Embed"},
    "embed_dialog_title": {"de": "Diese Ansicht einbetten", "en": "Embed this view"},
    "embed_dialog_intro": {
        "de": "Kopieren Sie diesen Code in Ihre Webseite. Die Höhe passt sich dem Inhalt an, "
        "wenn Sie auch die zweite Zeile (Script) übernehmen.",
        "en": "Copy this code into your web page. The height follows the content when you also copy "
        "the second line (script).",
    },
    "embed_view": {"de": "Ansicht", "en": "View"},
    "embed_height": {"de": "Höhe in Pixeln", "en": "Height in pixels"},
    "embed_language": {"de": "Sprache", "en": "Language"},
    "embed_code": {"de": "HTML-Code zum Einbetten", "en": "HTML code to embed"},
    "embed_leitlinie": {"de": "Leitlinie {n}", "en": "Guiding principle {n}"},
    "embed_more": {"de": "Karte, Zeitreihe und Tabelle", "en": "Map, time series and table"},
    "agenda_page_title": {"de": "Agenden für die Präsentation", "en": "Presentation agendas"},
    "agenda_intro": {
        "de": "Eine Agenda legt fest, welche Folien eine Sitzung der Lenkungsgruppe in welcher Reihenfolge zeigt.",
        "en": "An agenda sets which slides a steering group meeting shows, in which order.",
    },
    "agenda_none": {"de": "Noch keine Agenda gespeichert.", "en": "No agenda saved yet."},
    "agenda_saved": {"de": "Gespeicherte Agenden", "en": "Saved agendas"},
    "agenda_name": {"de": "Name (für die Adresse)", "en": "Name (for the address)"},
    "agenda_name_help": {
        "de": "Kleinbuchstaben, Ziffern, - und _; die Präsentation öffnet dann /praesentation?agenda=NAME.",
        "en": "Lower-case letters, digits, - and _; the presentation then opens /praesentation?agenda=NAME.",
    },
    "agenda_title_label": {"de": "Titel der Sitzung", "en": "Meeting title"},
    "agenda_slides": {"de": "Folien", "en": "Slides"},
    "agenda_slides_help": {
        "de": "Durch Kommas getrennt, z. B. uebersicht, ll1, ll3, ind:kita_quote_u3.",
        "en": "Separated by commas, e.g. uebersicht, ll1, ll3, ind:kita_quote_u3.",
    },
    "agenda_actions": {"de": "Aufrufen", "en": "Open"},
    "agenda_start": {"de": "Präsentation starten", "en": "Start presentation"},
    "agenda_edit": {"de": "Bearbeiten", "en": "Edit"},
    "agenda_available": {"de": "Verfügbare Folien", "en": "Available slides"},
    "agenda_form": {"de": "Agenda anlegen oder ändern", "en": "Create or change an agenda"},
    "agenda_save": {"de": "Agenda speichern", "en": "Save agenda"},
    "agenda_signin": {
        "de": "Agenden anlegen und ändern können angemeldete Bildungsmanagerinnen und -manager.",
        "en": "Signed-in education managers can create and change agendas.",
    },
    "agenda_refused": {
        "de": "Nicht gespeichert: Sie sind nicht (mehr) angemeldet.",
        "en": "Not saved: you are not signed in (any more).",
    },
    "agenda_empty": {"de": "Folien: Es ist keine Folie angegeben.", "en": "Slides: no slide given."},
    "agenda_saved_one": {"de": "Agenda {name} gespeichert ({n} Folien).", "en": "Agenda {name} saved ({n} slides)."},
    "embed_demo_note": {
        "de": "Die Zahlen je Stadtviertel und die Umrisse sind erfunden.",
        "en": "The figures per district and the boundaries are invented.",
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


# -- Import page (issue 5) -------------------------------------------------------
TEXTS.update(
    {
        "nav_import": {"de": "Daten importieren", "en": "Import data"},
        "import_title": {"de": "Daten importieren", "en": "Import data"},
        "import_intro": {
            "de": "Laden Sie eine Datei hoch. Sie wird zuerst vollständig geprüft; gespeichert wird erst, "
            "wenn Sie den Prüfbericht gesehen und bestätigt haben, und nur, wenn er keine Fehler enthält.",
            "en": "Upload a file. It is checked completely first; it is saved only after you have seen "
            "and confirmed the validation report, and only if the report has no errors.",
        },
        "import_signin": {
            "de": "Der Import ist nur für angemeldete Bildungsmanager:innen möglich.",
            "en": "Importing is only available to signed-in staff.",
        },
        "import_signin_link": {"de": "Zur Anmeldung", "en": "Sign in"},
        "import_kind": {"de": "Was wird importiert?", "en": "What is imported?"},
        "import_kind_indicators": {"de": "Indikatorwerte (CSV, XLSX)", "en": "Indicator values (CSV, XLSX)"},
        "import_kind_catalogue": {"de": "Indikatorenkatalog (CSV, XLSX)", "en": "Indicator catalogue (CSV, XLSX)"},
        "import_kind_geo": {
            "de": "Geodaten (GeoJSON, Shapefile als ZIP, GeoPackage)",
            "en": "Geodata (GeoJSON, zipped Shapefile, GeoPackage)",
        },
        "import_sheet": {"de": "Blatt (nur XLSX, leer = erstes Blatt)", "en": "Sheet (XLSX only, empty = first)"},
        "import_format": {"de": "Format", "en": "Format"},
        "import_format_auto": {"de": "automatisch erkennen", "en": "detect automatically"},
        "import_format_long": {"de": "Langformat (Spalte Jahr)", "en": "Long (a year column)"},
        "import_format_wide": {"de": "Breitformat (Jahre als Spalten)", "en": "Wide (years as columns)"},
        "import_level": {"de": "Ebene", "en": "Level"},
        "import_code_field": {"de": "Feld mit dem Gebietscode", "en": "Property with the area code"},
        "import_name_field": {"de": "Feld mit dem Gebietsnamen", "en": "Property with the area name"},
        "import_parent_field": {
            "de": "Feld mit dem übergeordneten Gebiet (optional)",
            "en": "Property with the parent area (optional)",
        },
        "import_file": {"de": "Datei", "en": "File"},
        "import_drop": {
            "de": "Datei hierher ziehen oder auswählen.",
            "en": "Drag a file here or choose one.",
        },
        "import_choose": {"de": "Datei auswählen", "en": "Choose file"},
        "import_limit": {"de": "Höchstens {mb} MB.", "en": "At most {mb} MB."},
        "import_too_large": {
            "de": "{name}: Die Datei ist {size} MB groß; erlaubt sind höchstens {mb} MB. Sie wurde nicht hochgeladen.",
            "en": "{name}: the file is {size} MB; at most {mb} MB are allowed. It was not uploaded.",
        },
        "import_check": {"de": "Prüfen", "en": "Check"},
        "import_confirm": {"de": "Jetzt importieren", "en": "Import now"},
        "import_no_file": {"de": "Bitte zuerst eine Datei auswählen.", "en": "Please choose a file first."},
        "import_report": {"de": "Prüfbericht", "en": "Validation report"},
        "import_counts": {
            "de": "{errors} Fehler, {warnings} Warnung(en).",
            "en": "{errors} error(s), {warnings} warning(s).",
        },
        "import_ok": {
            "de": "Keine Fehler. Prüfen Sie die Warnungen und bestätigen Sie dann den Import.",
            "en": "No errors. Check the warnings, then confirm the import.",
        },
        "import_blocked": {
            "de": "Die Datei hat Fehler und kann nicht importiert werden. Es wurde nichts gespeichert.",
            "en": "The file has errors and cannot be imported. Nothing was saved.",
        },
        "import_col_kind": {"de": "Art", "en": "Type"},
        "import_col_where": {"de": "Ort", "en": "Location"},
        "import_col_message": {"de": "Meldung", "en": "Message"},
        "import_error": {"de": "Fehler", "en": "Error"},
        "import_warning": {"de": "Warnung", "en": "Warning"},
        "import_more": {"de": "… und {n} weitere gleichartige Meldungen.", "en": "… and {n} more of the same kind."},
        "import_done": {
            "de": "Import {run} gespeichert: {added} Zeile(n) neu, {changed} geändert.",
            "en": "Import {run} saved: {added} row(s) added, {changed} changed.",
        },
        "import_changed_file": {
            "de": "Die Datei wurde seit der Prüfung geändert. Bitte erneut prüfen.",
            "en": "The file changed since it was checked. Please check it again.",
        },
        "import_history": {"de": "Letzte Importe", "en": "Recent imports"},
        "import_history_empty": {"de": "Noch keine Importe.", "en": "No imports yet."},
        "import_col_no": {"de": "Nr.", "en": "No."},
        "import_col_when": {"de": "Wann", "en": "When"},
        "import_col_who": {"de": "Wer", "en": "Who"},
        "import_col_file": {"de": "Datei", "en": "File"},
        "import_col_rows": {"de": "Zeilen neu / geändert", "en": "Rows added / changed"},
        "import_col_state": {"de": "Stand", "en": "State"},
        "import_rolled_back": {"de": "zurückgenommen", "en": "rolled back"},
        "import_active": {"de": "in Kraft", "en": "in force"},
        "import_rollback": {"de": "Import {run} zurücknehmen", "en": "Roll back import {run}"},
        "import_rollback_done": {
            "de": "Import {run} zurückgenommen; der Stand davor ist wiederhergestellt.",
            "en": "Import {run} rolled back; the previous state is restored.",
        },
    }
)
