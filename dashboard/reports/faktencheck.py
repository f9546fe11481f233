"""The Faktencheck: the yearly data report, as one tree of html components.

``build_report`` reads what the report needs through the Repository (and the
pure modules in ``compute/`` and ``figures/static.py``) into a ``Report`` of
plain data; ``render`` turns it into ``dash.html`` components. The app page
shows that tree; ``standalone_html`` writes the same tree as a document that
headless Chromium prints to PDF (``reports/pdf.py``).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd
from dash import html

from ..components import carries_label, labelled_source
from ..compute import targets
from ..compute.disclosure import public_view
from ..compute.faktencheck import KeyFigures, key_figures, select_key_indicators
from ..compute.massnahmen import status_summary
from ..compute.sentences import Point, trend_sentence
from ..figures.static import small_map, trend_chart
from ..formatting import format_date, format_number, format_value
from ..i18n import t
from ..kommune import KommuneConfig
from ..models import MASSNAHME_STATUSES
from ..repository import IndicatorInfo, Repository
from ..settings import ROOT
from .pdf import html_to_pdf, page_texts
from .static_html import document

CSS_FILE = ROOT / "assets" / "faktencheck.css"
#: Years of history in a trend chart.
TREND_YEARS = 15
#: Reference series drawn in the trend chart: the Land's, then Germany's (first one present).
LAND_CODES = ("ST-KREISE-MEDIAN", "LAND-ST")
BUND_CODES = ("DE-KREISE-MEDIAN", "BUND-DE")
MIN_YEAR, MAX_YEAR = 1990, 2100
MAX_PROFILES = 6
#: Reference area names in English (the database holds the German ones).
REFERENCE_NAMES_EN = {
    "ST-KREISE-MEDIAN": "Saxony-Anhalt: median of the districts",
    "DE-KREISE-MEDIAN": "Germany: median of the 400 districts",
    "LAND-ST": "Saxony-Anhalt (demo data)",
    "BUND-DE": "Germany (demo data)",
}


class ReportError(ValueError):
    """Bad input for the report (year, areas, configuration); the message is German and names it."""


def parse_year(raw: str) -> int:
    """The report year from the URL or command line, with a German error naming the value."""
    try:
        year = int(str(raw).strip())
    except ValueError:
        raise ReportError(
            f"Berichtsjahr „{raw}“ in der Adresse ist keine Jahreszahl (z. B. /faktencheck/2024)."
        ) from None
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ReportError(f"Berichtsjahr {year} liegt außerhalb von {MIN_YEAR} bis {MAX_YEAR}.")
    return year


def parse_gebiete(raw: str | None) -> tuple[str, ...]:
    """``?gebiete=SV-37,SV-38`` as a tuple of codes (empty when absent; repeats dropped).

    At most ``MAX_PROFILES``: every combination is a new report to build on the
    server, so an open URL must not ask for arbitrarily many.
    """
    codes = tuple(dict.fromkeys(code.strip() for code in (raw or "").split(",") if code.strip()))
    if len(codes) > MAX_PROFILES:
        raise ReportError(f"Zu viele Gebiete in „gebiete“: {len(codes)}; höchstens {MAX_PROFILES} je Bericht.")
    return codes


def configured_indicators(kommune: KommuneConfig) -> dict[int, list[str]]:
    """The optional ``[faktencheck.indicators]`` table of kommune.toml: Leitlinie number -> indicator ids.

    Example::

        [faktencheck.indicators]
        1 = ["kita_quote_u3", "ohne_abschluss"]
    """
    try:
        raw = tomllib.loads(kommune.path.read_text(encoding="utf-8")).get("faktencheck", {})
    except (OSError, tomllib.TOMLDecodeError):
        return {}
    table = raw.get("indicators", {})
    result = {}
    for key, ids in table.items():
        if not str(key).isdigit() or not isinstance(ids, list):
            raise ReportError(
                f"{kommune.path}: [faktencheck.indicators]: Eintrag „{key}“ muss eine Leitlinien-Nummer mit "
                "einer Liste von Indikator-IDs sein."
            )
        result[int(key)] = [str(i) for i in ids]
    return result


# -- The report as plain data ----------------------------------------------------------------------


@dataclass
class IndicatorSection:
    info: IndicatorInfo
    figures: KeyFigures
    sentence: str
    target: targets.TargetStatus
    trend_uri: str | None
    map_uri: str | None
    map_note: str | None  # why there is no map
    map_year: int | None
    reference_names: dict[str, str]
    # The charts' data, for the table alternative on the page: (series, year, value) and (area, value).
    trend_rows: list[tuple[str, int, float | None]] = field(default_factory=list)
    map_rows: list[tuple[str, float | None, bool]] = field(default_factory=list)


@dataclass
class LeitlinieSection:
    number: int
    title: str
    indicators: list[IndicatorSection]
    status_counts: list[tuple[str, int]]
    massnahmen_total: int
    massnahmen_examples: bool


@dataclass
class ProfileRow:
    info: IndicatorInfo
    year: int | None
    area: Point
    city: Point


@dataclass
class Profile:
    code: str
    name: str
    level_name: str
    rows: list[ProfileRow]


@dataclass
class Report:
    kommune: str
    year: int
    lang: str
    created: dt.date
    leitlinien: list[LeitlinieSection]
    profiles: list[Profile]
    sources: list[dict]
    has_demo: bool
    placeholder_geometry: bool
    map_level_name: str
    notes: list[str] = field(default_factory=list)

    @property
    def indicators(self) -> list[IndicatorInfo]:
        seen: dict[str, IndicatorInfo] = {}
        for ll in self.leitlinien:
            for section in ll.indicators:
                seen.setdefault(section.info.id, section.info)
        for profile in self.profiles:
            for row in profile.rows:
                seen.setdefault(row.info.id, row.info)
        return list(seen.values())


@dataclass
class Plan:
    """What ``build_report`` will do; ``steps`` drives the CLI's progress bar."""

    year: int
    key: dict[int, list[IndicatorInfo]]
    profile_areas: pd.DataFrame

    @property
    def steps(self) -> int:
        return sum(len(v) for v in self.key.values()) + len(self.profile_areas) + 1


def plan_report(repo: Repository, kommune: KommuneConfig, year: int, *, gebiete: tuple[str, ...] = ()) -> Plan:
    """Choose the key indicators and check the requested areas (German error naming ``gebiete``)."""
    indicators = repo.indicators()
    chosen = configured_indicators(kommune)
    known_ids = {i.id for i in indicators}
    for number, ids in chosen.items():
        unknown = [i for i in ids if i not in known_ids]
        if unknown:
            raise ReportError(
                f"{kommune.path}: [faktencheck.indicators] {number}: unbekannte Indikator-ID(s) {', '.join(unknown)}."
            )
    numbers = [ll["number"] for ll in repo.leitlinien()]
    years = {info.id: repo.years(info.id) for info in indicators}
    available = {i for i, ys in years.items() if any(y <= year for y in ys)}
    first = min((ys[0] for ys in years.values() if ys), default=year)
    if not available or year > dt.date.today().year + 1:
        raise ReportError(f"Für das Berichtsjahr {year} liegen keine Daten vor (Daten ab {first}).")
    key = select_key_indicators(indicators, numbers, chosen=chosen, available=available)
    areas = repo.areas()
    districts = areas[areas["level"] != "stadt"]
    unknown = [code for code in gebiete if code not in set(districts["code"])]
    examples = list(kommune.focus_areas) or list(districts["code"].tail(3))
    if unknown:
        raise ReportError(
            f"Unbekanntes Gebiet in „gebiete“: {', '.join(unknown)}. "
            f"Erlaubt sind die Codes der Gebiete, z. B. {', '.join(examples)}."
        )
    profile_areas = districts.set_index("code").loc[list(gebiete)].reset_index() if gebiete else districts.head(0)
    return Plan(year=year, key=key, profile_areas=profile_areas)


class _Frames:
    """Value frames read once per build (an indicator appears in several sections)."""

    def __init__(self, repo: Repository, city_code: str):
        self.repo = repo
        self.city_code = city_code
        self._memo: dict[tuple[str, str], pd.DataFrame] = {}

    def level(self, info: IndicatorInfo, level: str) -> pd.DataFrame:
        key = (info.id, level)
        if key not in self._memo:
            self._memo[key] = self.repo.values(info.id, level=level)
        return self._memo[key]

    def city(self, info: IndicatorInfo) -> pd.DataFrame:
        frame = self.level(info, "stadt")
        return frame[frame["area_code"] == self.city_code]

    def references(self, info: IndicatorInfo) -> pd.DataFrame:
        key = (info.id, "<references>")
        if key not in self._memo:
            self._memo[key] = public_view(self.repo.reference_values(info.id))
        return self._memo[key]


def _first_present(codes: tuple[str, ...], present: set[str]) -> str | None:
    return next((code for code in codes if code in present), None)


def _indicator_section(
    frames: _Frames,
    kommune: KommuneConfig,
    info: IndicatorInfo,
    year: int,
    lang: str,
    *,
    charts: bool,
    geojson: dict | None,
    map_level: str | None,
    highlight: tuple[str, ...],
) -> IndicatorSection:
    city = frames.city(info)
    refs = frames.references(info)
    names = dict(zip(refs["area_code"], refs["area_name"], strict=False))
    if lang == "en":
        names.update({code: label for code, label in REFERENCE_NAMES_EN.items() if code in names})
    figures = key_figures(city, year, references=refs, reference_labels=names)
    sentence = trend_sentence(
        name=info.name(lang),
        unit=info.unit,
        decimals=info.decimals,
        polarity=info.polarity,
        start=figures.since if figures.since.year < figures.latest.year else None,
        end=figures.latest,
        references=[r for r in figures.references if r.code in (LAND_CODES + BUND_CODES)],
        lang=lang,
    )
    history = city[city["year"] <= year]
    status = targets.target_status(
        history[["year", "value"]],
        target_value=info.target_value,
        target_year=info.target_year,
        polarity=info.polarity,
        lang=lang,
        decimals=info.decimals,
        unit=info.unit,
    )
    trend_uri = map_uri = map_note = None
    map_year = None
    trend_rows: list = []
    map_rows: list = []
    if charts:
        start = figures.latest.year - TREND_YEARS + 1
        series = [history.assign(series=kommune.name)]
        present = set(refs["area_code"])
        for codes in (LAND_CODES, BUND_CODES):
            code = _first_present(codes, present)
            if code:
                rows = refs[(refs["area_code"] == code) & (refs["year"] <= year)]
                series.append(rows.assign(series=names.get(code, code)))
        frame = pd.concat(series, ignore_index=True)
        frame = frame[frame["year"] >= start][["series", "year", "value"]]
        trend_rows = [
            (label, int(y), None if pd.isna(v) else float(v))
            for label, y, v in frame.itertuples(index=False, name=None)
        ]
        show_target = info.target_value is not None and info.target_year is not None
        trend_uri = trend_chart(
            frame,
            unit=info.unit,
            decimals=info.decimals,
            lang=lang,
            target_value=info.target_value if show_target else None,
            target_year=info.target_year if show_target else None,
        )
    if info.spatial_level == "stadt" or map_level is None or not geojson or not geojson.get("features"):
        map_note = t("fc_no_map_city", lang)
    elif charts:
        values = frames.level(info, map_level)
        values = values[values["year"] <= year]
        if values["value"].notna().any():
            map_year = int(values.loc[values["value"].notna(), "year"].max())
            this_year = values[values["year"] == map_year]
            map_rows = [
                (name, None if pd.isna(v) else float(v), flag == "suppressed")
                for name, v, flag in this_year[["area_name", "value", "flag"]].itertuples(index=False, name=None)
            ]
            map_uri = small_map(
                geojson,
                dict(zip(this_year["area_code"], this_year["value"], strict=False)),
                decimals=info.decimals,
                unit=info.unit,
                lang=lang,
                highlight=highlight,
            )
        else:
            map_note = t("fc_no_map_values", lang)
    return IndicatorSection(
        info, figures, sentence, status, trend_uri, map_uri, map_note, map_year, names, trend_rows, map_rows
    )


def _profile(frames: _Frames, kommune: KommuneConfig, area: pd.Series, year: int, lang: str) -> Profile:
    level = kommune.level(area["level"])
    rows = []
    for info in frames.repo.indicators():
        if info.spatial_level == "stadt":
            continue
        values = frames.level(info, area["level"])
        values = values[(values["area_code"] == area["code"]) & (values["year"] <= year)]
        known = values[values["value"].notna() | (values["flag"] == "suppressed")]
        if known.empty:
            rows.append(ProfileRow(info, None, Point(year, None), Point(year, None)))
            continue
        latest = int(known["year"].max())
        fig_area = key_figures(values, latest)
        fig_city = key_figures(frames.city(info), latest)
        city_point = fig_city.latest if fig_city.latest.year == latest else Point(latest, None)
        rows.append(ProfileRow(info, latest, fig_area.latest, city_point))
    # German compounds: Stadtviertelprofil, Stadtteilprofil, but Stadtbezirksprofil.
    name = level.name_en if lang == "en" else level.name_de + ("s" if level.name_de.endswith("bezirk") else "")
    return Profile(code=area["code"], name=area["name"], level_name=name, rows=rows)


def build_report(
    repo: Repository,
    kommune: KommuneConfig,
    year: int,
    *,
    gebiete: tuple[str, ...] = (),
    lang: str = "de",
    charts: bool = True,
    today: dt.date | None = None,
    progress: Callable[[str], None] | None = None,
    plan: Plan | None = None,
) -> Report:
    """Collect everything the Faktencheck shows. ``progress(label)`` is called after each step.

    ``charts=False`` leaves out trend charts and maps (the benchmark's baseline).
    """
    plan = plan or plan_report(repo, kommune, year, gebiete=gebiete)
    today = today or dt.date.today()
    step = progress or (lambda _label: None)
    map_level = kommune.district_levels[0].key if kommune.district_levels else None
    geojson = repo.geojson(map_level) if map_level and charts else None
    leitlinien_rows = repo.leitlinien()
    massnahmen = repo.massnahmen()
    frames = _Frames(repo, kommune.city_code)
    sections = []
    for ll in leitlinien_rows:
        number = ll["number"]
        indicator_sections = []
        for info in plan.key.get(number, []):
            indicator_sections.append(
                _indicator_section(
                    frames,
                    kommune,
                    info,
                    year,
                    lang,
                    charts=charts,
                    geojson=geojson,
                    map_level=map_level,
                    highlight=tuple(plan.profile_areas["code"]),
                )
            )
            step(info.name(lang))
        own = [m for m in massnahmen if m["leitlinie"] == number]
        summary = status_summary(own, today)
        sections.append(
            LeitlinieSection(
                number=number,
                title=(ll["title_en"] if lang == "en" and ll["title_en"] else ll["title_de"]),
                indicators=indicator_sections,
                status_counts=[(s, summary.count(s)) for s in MASSNAHME_STATUSES],
                massnahmen_total=summary.total,
                massnahmen_examples=any(m["is_example"] for m in own),
            )
        )
    profiles = []
    for _, area in plan.profile_areas.iterrows():
        profiles.append(_profile(frames, kommune, area, year, lang))
        step(area["name"])
    sources = repo.sources()
    map_level_name = ""
    if map_level:
        level = kommune.level(map_level)
        map_level_name = level.plural_en if lang == "en" else level.plural_de
    report = Report(
        kommune=kommune.name,
        year=year,
        lang=lang,
        created=today,
        leitlinien=sections,
        profiles=profiles,
        sources=sources,
        has_demo=any(s["is_demo"] for s in sources),
        placeholder_geometry=repo.has_placeholder_geometry(),
        map_level_name=map_level_name,
    )
    step(t("fc_appendix", lang))
    return report


# -- Rendering: the report as html components (pure) -----------------------------------------------


def _fmt(value: float | None, info: IndicatorInfo, lang: str) -> str:
    return format_value(value, info.decimals, info.unit, lang)


def _fmt_point(point: Point, info: IndicatorInfo, lang: str) -> str:
    if point.suppressed:
        return t("fc_suppressed_short", lang)
    return _fmt(point.value, info, lang) if point.known else "–"


def format_change(delta: float | None, info: IndicatorInfo, lang: str) -> str:
    """'+1,2 Prozentpunkte', '−0,4 je 1.000', '±0,0 %'-style change text."""
    if delta is None or math.isnan(delta):
        return "–"
    rounded = round(delta, info.decimals)
    sign = "+" if rounded > 0 else "−" if rounded < 0 else "±"
    number = format_number(abs(delta), info.decimals, lang)
    if info.unit == "%":
        unit = "Prozentpunkte" if lang == "de" else "percentage points"
    elif info.unit in ("", "Anzahl"):
        unit = ""
    else:
        unit = info.unit if lang == "de" else info.unit.replace("je ", "per ").replace("1.000", "1,000")
    return f"{sign}{number} {unit}".strip()


def _demo_badge(lang: str) -> html.Span:
    return html.Span(t("fc_demo_badge", lang), className="fc-badge fc-badge-demo")


def _scroll(table: html.Table, label: str) -> html.Div:
    """A wide table scrolls sideways on a phone; the region is reachable by keyboard."""
    return html.Div(table, className="fc-scroll", tabIndex="0", role="region", **{"aria-label": label})


def _needs_badge(info: IndicatorInfo, lang: str) -> bool:
    """In dense tables the badge is left out where the name itself already says Beispieldaten."""
    return info.is_demo and t("fc_demo_badge", lang).lower() not in info.name(lang).lower()


def _figures_table(section: IndicatorSection, lang: str) -> html.Table:
    info, fig = section.info, section.figures
    latest = fig.latest
    headers = [
        t("fc_value_in", lang, year=latest.year),
        t("fc_change_since", lang, year=fig.previous.year),
        t("fc_change_since", lang, year=fig.five_years.year),
    ]
    cells = [
        _fmt_point(latest, info, lang),
        format_change(fig.change_previous, info, lang),
        format_change(fig.change_five_years, info, lang),
    ]
    for ref in fig.references:
        if ref.code in LAND_CODES + BUND_CODES:
            headers.append(f"{section.reference_names.get(ref.code, ref.code)} {latest.year}")
            cells.append(_fmt(ref.value, info, lang) if ref.value is not None else "–")
    status = section.target
    headers.append(t("fc_target", lang))
    if info.target_value is not None:
        target_text = _fmt(info.target_value, info, lang) + (f" ({info.target_year})" if info.target_year else "")
        cells.append(html.Span([target_text, html.Br(), f"{status.symbol} {status.label}"]))
    else:
        cells.append(f"{status.symbol} {status.label}")
    caption = t("fc_figures_caption", lang, name=info.name(lang))
    return _scroll(
        html.Table(
            [
                html.Caption(caption, className="visually-hidden"),
                html.Thead(html.Tr([html.Th(h, scope="col") for h in headers])),
                html.Tbody(html.Tr([html.Td(c) for c in cells])),
            ],
            className="fc-figures",
        ),
        caption,
    )


def _chart_figure(uri: str | None, alt: str, caption: str, note: str | None = None) -> html.Figure:
    if uri is None:
        return html.Figure(html.P(note, className="fc-no-map"), className="fc-chart fc-chart-empty")
    return html.Figure(
        [html.Img(src=uri, alt=alt, className="fc-chart-img"), html.Figcaption(caption)],
        className="fc-chart",
    )


def _data_tables(section: IndicatorSection, report: Report, lang: str) -> html.Details | None:
    """The charts' numbers as tables (the table alternative); folded on screen, left out in print."""
    info = section.info
    parts = []
    if section.trend_rows:
        labels = list(dict.fromkeys(label for label, _y, _v in section.trend_rows))
        years = sorted({y for _label, y, _v in section.trend_rows})
        lookup = {(label, y): v for label, y, v in section.trend_rows}
        parts.append(
            _scroll(
                html.Table(
                    [
                        html.Caption(t("fc_trend_caption", lang)),
                        html.Thead(
                            html.Tr(
                                [html.Th(t("fc_year", lang), scope="col")] + [html.Th(x, scope="col") for x in labels]
                            )
                        ),
                        html.Tbody(
                            [
                                html.Tr(
                                    [html.Th(str(y), scope="row")]
                                    + [html.Td(_fmt(lookup.get((label, y)), info, lang)) for label in labels]
                                )
                                for y in years
                            ]
                        ),
                    ],
                    className="fc-data-table",
                ),
                t("fc_trend_caption", lang),
            )
        )
    if section.map_rows:
        caption = t("fc_map_caption", lang, year=section.map_year, level=report.map_level_name)
        parts.append(
            _scroll(
                html.Table(
                    [
                        html.Caption(caption),
                        html.Thead(
                            html.Tr(
                                [html.Th(t("fc_area", lang), scope="col"), html.Th(t("fc_value", lang), scope="col")]
                            )
                        ),
                        html.Tbody(
                            [
                                html.Tr(
                                    [
                                        html.Th(name, scope="row"),
                                        html.Td(t("fc_suppressed_short", lang) if hidden else _fmt(value, info, lang)),
                                    ]
                                )
                                for name, value, hidden in section.map_rows
                            ]
                        ),
                    ],
                    className="fc-data-table",
                ),
                caption,
            )
        )
    if not parts:
        return None
    return html.Details([html.Summary(t("fc_data_tables", lang)), *parts], className="fc-data")


def _indicator(section: IndicatorSection, report: Report, lang: str) -> html.Article:
    info = section.info
    anchor = f"fc-ind-{info.id}"
    charts = []
    if section.trend_uri:
        charts.append(
            _chart_figure(
                section.trend_uri,
                t("fc_trend_alt", lang, name=info.name(lang)),
                t("fc_trend_caption", lang),
            )
        )
    if section.map_uri:
        caption = t("fc_map_caption", lang, year=section.map_year, level=report.map_level_name)
        if report.placeholder_geometry:
            caption += " " + t("fc_map_placeholder", lang)
        charts.append(
            _chart_figure(section.map_uri, t("fc_map_alt", lang, name=info.name(lang), year=section.map_year), caption)
        )
    elif section.map_note:
        charts.append(_chart_figure(None, "", "", section.map_note))
    source = info.source + (f" · {t('source_licence', lang)}: {info.licence}" if info.licence else "")
    return html.Article(
        [
            html.H3([info.name(lang), " ", _demo_badge(lang) if info.is_demo else None], id=anchor),
            html.P(section.sentence, className="fc-sentence"),
            _figures_table(section, lang),
            html.Div(charts, className="fc-charts") if charts else None,
            _data_tables(section, report, lang),
            html.P(
                [*labelled_source(t("fc_source", lang), source), " · ", t("fc_see_appendix", lang)],
                className="fc-source",
            ),
        ],
        className="fc-indicator",
    )


def _massnahmen(section: LeitlinieSection, lang: str) -> html.Section:
    title = html.H3(t("fc_massnahmen_title", lang), className="fc-h-massnahmen")
    if not section.massnahmen_total:
        return html.Section([title, html.P(t("fc_massnahmen_none", lang))], className="fc-massnahmen")
    headers = [html.Th(status, scope="col") for status, _count in section.status_counts]
    headers.append(html.Th(t("fc_total", lang), scope="col", className="fc-total"))
    counts = [html.Td(str(count)) for _status, count in section.status_counts]
    counts.append(html.Td(str(section.massnahmen_total), className="fc-total"))
    return html.Section(
        [
            title,
            _scroll(
                html.Table(
                    [
                        html.Caption(t("fc_massnahmen_caption", lang, n=section.number)),
                        html.Thead(html.Tr(headers)),
                        html.Tbody(html.Tr(counts)),
                    ],
                    className="fc-status-table",
                ),
                t("fc_massnahmen_caption", lang, n=section.number),
            ),
            html.P(t("fc_massnahmen_examples", lang), className="fc-note") if section.massnahmen_examples else None,
        ],
        className="fc-massnahmen",
    )


def _leitlinie(section: LeitlinieSection, report: Report, lang: str) -> html.Section:
    body = [_indicator(s, report, lang) for s in section.indicators]
    if not body:
        body = [html.P(t("fc_no_indicators", lang), className="fc-note")]
    return html.Section(
        [
            html.P(f"{t('leitlinie', lang)} {section.number}", className="fc-kicker"),
            html.H2(section.title, id=f"fc-ll-{section.number}", className="fc-ll-title"),
            # The Maßnahmen status is short: it goes first, so it never sits alone on a page.
            _massnahmen(section, lang),
            *body,
        ],
        className="fc-leitlinie",
    )


def _profile_section(profile: Profile, report: Report, lang: str) -> html.Section:
    rows = []
    for row in profile.rows:
        info = row.info
        diff = row.area.value - row.city.value if row.area.known and row.city.known else None
        rows.append(
            html.Tr(
                [
                    html.Th(
                        [info.name(lang), " ", _demo_badge(lang) if _needs_badge(info, lang) else None], scope="row"
                    ),
                    html.Td(str(row.year) if row.year else "–"),
                    html.Td(_fmt_point(row.area, info, lang)),
                    html.Td(_fmt_point(row.city, info, lang)),
                    html.Td(format_change(diff, info, lang)),
                ]
            )
        )
    return html.Section(
        [
            html.H2(
                t("fc_profile_title", lang, level=profile.level_name, name=profile.name, code=profile.code),
                id=f"fc-profil-{profile.code}",
                className="fc-ll-title",
            ),
            html.P(t("fc_profile_intro", lang, name=profile.name, kommune=report.kommune)),
            _scroll(
                html.Table(
                    [
                        html.Caption(t("fc_profile_caption", lang, name=profile.name)),
                        html.Thead(
                            html.Tr(
                                [
                                    html.Th(t("fc_indicator", lang), scope="col"),
                                    html.Th(t("fc_year", lang), scope="col"),
                                    html.Th(profile.name, scope="col"),
                                    html.Th(report.kommune, scope="col"),
                                    html.Th(t("fc_difference", lang), scope="col"),
                                ]
                            )
                        ),
                        html.Tbody(rows),
                    ],
                    className="fc-profile-table",
                ),
                t("fc_profile_caption", lang, name=profile.name),
            ),
        ],
        className="fc-profile",
    )


def _appendix(report: Report, lang: str) -> html.Section:
    entries = []
    for info in report.indicators:
        entries.extend(
            [
                html.Dt([info.name(lang), " ", _demo_badge(lang) if info.is_demo else None]),
                html.Dd(
                    [
                        html.P(info.definition(lang) or "–"),
                        html.P(
                            f"{t('fc_unit', lang)}: {info.unit or '–'} · "
                            + (info.source if carries_label(info.source) else f"{t('fc_source', lang)}: {info.source}")
                            + (f" · {t('source_licence', lang)}: {info.licence}" if info.licence else "")
                        ),
                    ]
                ),
            ]
        )
    sources = [
        html.Li(
            [
                html.Strong(src["title"]),
                " ",
                _demo_badge(lang) if src["is_demo"] else None,
                f" · {src['publisher']}" if src["publisher"] else "",
                f" · {t('source_licence', lang)}: {src['licence']}" if src["licence"] else "",
                f" · {src['attribution']}" if src["attribution"] else "",
            ]
        )
        for src in report.sources
    ]
    return html.Section(
        [
            html.H2(t("fc_appendix", lang), id="fc-anhang", className="fc-ll-title"),
            html.H3(t("fc_definitions", lang)),
            html.Dl(entries, className="fc-definitions"),
            html.H3(t("fc_sources", lang)),
            html.Ul(sources, className="fc-sources"),
            html.H3(t("fc_method", lang)),
            html.Ul([html.Li(t(key, lang)) for key in ("fc_method_change", "fc_method_refs", "fc_method_privacy")]),
        ],
        className="fc-appendix",
    )


def toc_entries(report: Report) -> list[tuple[str, str, str]]:
    """(anchor, label, pattern) per contents line; the pattern finds the section's first page in the PDF text."""
    lang = report.lang
    kicker = t("leitlinie", lang).upper()
    entries = [
        (f"fc-ll-{ll.number}", f"{t('leitlinie', lang)} {ll.number}: {ll.title}", rf"{kicker} {ll.number}\b")
        for ll in report.leitlinien
    ]
    for p in report.profiles:
        title = t("fc_profile_title", lang, level=p.level_name, name=p.name, code=p.code)
        entries.append((f"fc-profil-{p.code}", title, re.escape(title)))
    entries.append(("fc-anhang", t("fc_appendix", lang), re.escape(t("fc_appendix", lang))))
    return entries


def locate_sections(report: Report, pages: list[str]) -> dict[str, int]:
    """Page number (1-based) of each contents entry, read from the PDF's page texts; {} if one is not found."""
    flat = [re.sub(r"-\s+", "-", re.sub(r"\s+", " ", page)) for page in pages]
    toc_title = t("fc_toc", report.lang)
    start = next((i + 1 for i, page in enumerate(flat) if toc_title in page), 1)
    found = {}
    for anchor, _label, pattern in toc_entries(report):
        page = next((i for i in range(start, len(flat)) if re.search(pattern, flat[i])), None)
        if page is None:
            return {}
        found[anchor] = page + 1
    return found


def _toc(report: Report, lang: str, pages: dict[str, int] | None = None) -> html.Nav:
    items = [
        html.Li(
            [
                html.A(label, href=f"#{anchor}"),
                # The page number's space is kept in both print passes, so pagination does not move.
                html.Span(str(pages[anchor]) if pages else "", className="fc-toc-page"),
            ]
        )
        for anchor, label, _pattern in toc_entries(report)
    ]
    return html.Nav(
        [html.H2(t("fc_toc", lang), className="fc-toc-title"), html.Ol(items)],
        className="fc-toc",
        **{"aria-label": t("fc_toc", lang)},
    )


def render(report: Report, *, toolbar=None, toc_pages: dict[str, int] | None = None) -> html.Div:
    """The whole report as html components (the app page and the PDF share it)."""
    lang = report.lang
    n_indicators = sum(len(ll.indicators) for ll in report.leitlinien)
    cover = html.Header(
        [
            html.P(report.kommune, className="fc-kicker"),
            html.H1(t("fc_title", lang, year=report.year)),
            html.P(
                t("fc_subtitle", lang, kommune=report.kommune, n=n_indicators, m=len(report.leitlinien)),
                className="fc-lead",
            ),
            html.P(t("fc_created", lang, date=format_date(report.created, lang)), className="fc-meta"),
            html.Div(
                [html.Strong(t("fc_demo_badge", lang) + ": "), t("demo_banner", lang, kommune=report.kommune)],
                className="fc-banner",
                role="note",
                id="fc-demo-banner",
            )
            if report.has_demo
            else None,
        ],
        className="fc-cover",
    )
    return html.Div(
        [
            toolbar,
            html.Article(
                [
                    cover,
                    _toc(report, lang, toc_pages),
                    *[_leitlinie(ll, report, lang) for ll in report.leitlinien],
                    *[_profile_section(p, report, lang) for p in report.profiles],
                    _appendix(report, lang),
                ],
                className="fc-report",
                lang=lang,
            ),
        ],
        className="fc-page",
    )


def page_css(report: Report) -> str:
    """The report's stylesheet plus the running footer with title and page numbers (for the PDF)."""
    title = t("fc_title", report.lang, year=report.year) + " · " + report.kommune
    page_word, of_word = ("Seite", "von") if report.lang == "de" else ("Page", "of")
    footer = (
        "@page {\n"
        f'  @bottom-left {{ content: "{_css_string(title)}"; font: 8pt sans-serif; color: #4a5260; }}\n'
        f'  @bottom-right {{ content: "{page_word} " counter(page) " {of_word} " counter(pages); '
        "font: 8pt sans-serif; color: #4a5260; }\n}\n"
        "@page :first { @bottom-left { content: none; } @bottom-right { content: none; } }\n"
    )
    return CSS_FILE.read_text(encoding="utf-8") + "\n" + footer


def _css_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def standalone_html(report: Report, *, toc_pages: dict[str, int] | None = None) -> str:
    """The printable document: the same components, inline CSS, no scripts, no server."""
    title = t("fc_title", report.lang, year=report.year) + " – " + report.kommune
    return document(render(report, toc_pages=toc_pages), title=title, lang=report.lang, css=page_css(report))


def report_pdf(report: Report) -> bytes:
    """The PDF, printed twice: the second pass writes the page numbers into the contents.

    Chromium cannot number a contents list itself (no ``target-counter``), so
    the first print is read back with pdftotext. Without poppler-utils the
    first print (contents without page numbers) is returned.
    """
    first = html_to_pdf(standalone_html(report))
    pages = locate_sections(report, page_texts(first))
    if not pages:
        return first
    return html_to_pdf(standalone_html(report, toc_pages=pages))
