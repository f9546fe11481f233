"""Choropleth map of one indicator and one year. Pure builders, no I/O.

The map is a plotly ``go.Choropleth`` on an invisible ``geo`` (no tile server,
works offline). It has one choropleth trace (index ``MAP_TRACE``) whose ``z``
is the *class index* of each area (``-1`` = no value), drawn with a stepped
colour scale, and one scatter trace (``NODATA_TRACE``) that puts a "×" on
areas without a value, so they differ by pattern, not only by grey.

``map_trace_update`` returns only what changes when indicator, year or
selection change (values, colours, hover texts, legend). A page sends the
geometry once with ``choropleth_figure`` and afterwards patches the figure
with that dict (see ``apply_update``), so the GeoJSON never travels again.

Example:
    fig = choropleth_figure(frame, geojson, classes=classify(frame["value"], polarity="higher_better"),
                            unit="%", decimals=1, lang="de")
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..compute.classify import NO_DATA_COLOR, Classes
from ..formatting import format_number, format_value

MAP_TRACE = 0
NODATA_TRACE = 1
PLACEHOLDER_TEXT = {"de": "Umrisse erfunden (Platzhalter)", "en": "Invented boundaries (placeholder)"}
NO_VALUE_LABEL = {"de": "kein Wert", "en": "no value"}
SELECTED_LINE = "#111111"
BORDER_LINE = "#8a8f98"  # grey, so that near-white classes still show their shape

#: Why an area has no value, by flag (official symbols of German statistics).
MISSING_REASONS = {
    "suppressed": {
        "de": "Wert unterdrückt (Datenschutz: kleine Fallzahl)",
        "en": "Value suppressed (data protection: small count)",
    },
    "secret": {"de": "Geheim oder unbekannt (.)", "en": "Confidential or unknown (.)"},
    "nothing": {"de": "Nichts vorhanden (–)", "en": "Nothing there (–)"},
    "blocked": {"de": "Tabellenfach gesperrt (x)", "en": "Cell blocked (x)"},
    "unreliable": {"de": "Aussagewert eingeschränkt (/)", "en": "Not reliable enough (/)"},
    "later": {"de": "Angabe fällt später an (…)", "en": "Available later (…)"},
    None: {"de": "Kein Wert für dieses Jahr", "en": "No value for this year"},
}


def missing_reason(flag: str | None, lang: str = "de", footnote: str | None = None) -> str:
    """A short German/English sentence why an area shows no value."""
    lang = lang if lang in ("de", "en") else "de"
    if flag in MISSING_REASONS and flag is not None:
        return MISSING_REASONS[flag][lang]
    if footnote:
        return footnote
    return MISSING_REASONS[None][lang]


def ranks(values: pd.Series, polarity: str) -> pd.Series:
    """Rank 1 = best (highest for higher_better/neutral, lowest for lower_better); NaN stays NaN."""
    ascending = polarity == "lower_better"
    return values.rank(method="min", ascending=ascending)


def _stepped_colorscale(colors: Sequence[str]) -> list:
    """Colour bands for z = -1 (no value), 0 .. n-1 (classes)."""
    bands = [NO_DATA_COLOR, *colors]
    k = len(bands)
    scale = []
    for i, color in enumerate(bands):
        scale.append([i / k, color])
        scale.append([(i + 1) / k, color])
    return scale


def _is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def map_trace_update(
    values: pd.DataFrame,
    area_codes: Sequence[str],
    *,
    classes: Classes,
    unit: str,
    decimals: int,
    lang: str = "de",
    polarity: str = "neutral",
    names: Mapping[str, str] | None = None,
    selected: Sequence[str] = (),
    centroids: Mapping[str, tuple[float, float]] | None = None,
    legend_title: str | None = None,
) -> dict:
    """Everything of the map that depends on the data, without geometry.

    Args:
        values: one year of one level: ``area_code``, ``value``, ``flag``,
            optional ``area_name`` and ``footnote``. Suppressed values must
            already be removed (``public_view``).
        area_codes: all areas that have a shape, in the GeoJSON's order.
        classes: from ``compute.classify.classify``.
        unit, decimals, lang: number formatting and legend unit.
        polarity: decides the rank order (rank 1 = best).
        names: area code -> name (falls back to ``area_name`` in ``values``).
        selected: area codes drawn with a thick outline.
        centroids: area code -> (lon, lat) for the "×" on areas without a value.
        legend_title: the colour legend's title (default: the unit).

    Returns:
        ``{"map": {...trace props...}, "nodata": {...}, "colorbar": {...}}``,
        plain JSON-able dicts (see ``apply_update``).
    """
    lang = lang if lang in ("de", "en") else "de"
    frame = values.drop_duplicates("area_code").set_index("area_code") if len(values) else pd.DataFrame()
    names = dict(names or {})
    if "area_name" in frame:
        for code, name in frame["area_name"].items():
            names.setdefault(code, name)
    value_of = frame["value"].astype(float) if "value" in frame else pd.Series(dtype=float)
    value_of = value_of.reindex(list(area_codes))
    rank_of = ranks(value_of, polarity)
    n_ranked = int(value_of.notna().sum())
    selected_set = set(selected or ())
    z, hover, widths, lines, nodata_codes = [], [], [], [], []
    for code in area_codes:
        value = value_of.get(code)
        name = names.get(code, code)
        row = frame.loc[code] if code in frame.index else None
        flag = row["flag"] if row is not None and "flag" in row and isinstance(row["flag"], str) else None
        footnote = (
            row["footnote"] if row is not None and "footnote" in row and isinstance(row["footnote"], str) else None
        )
        if _is_missing(value):
            z.append(-1)
            nodata_codes.append(code)
            hover.append(f"<b>{name}</b><br>{missing_reason(flag, lang, footnote)}")
        else:
            z.append(classes.index_of(float(value)))
            rank = int(rank_of[code])
            rank_text = (
                f"Rang {rank} von {n_ranked} (1 = bester Wert)"
                if lang == "de"
                else f"Rank {rank} of {n_ranked} (1 = best)"
            )
            if polarity == "neutral":
                rank_text = (
                    f"Rang {rank} von {n_ranked} (1 = höchster Wert)"
                    if lang == "de"
                    else f"Rank {rank} of {n_ranked} (1 = highest)"
                )
            extra = ""
            if flag == "provisional":
                extra = "<br>vorläufiger Wert" if lang == "de" else "<br>provisional value"
            elif footnote:
                extra = f"<br>{footnote}"
            hover.append(f"<b>{name}</b><br>{format_value(float(value), decimals, unit, lang)}<br>{rank_text}{extra}")
        is_selected = code in selected_set
        widths.append(3.5 if is_selected else 0.6)
        lines.append(SELECTED_LINE if is_selected else BORDER_LINE)
    n = classes.n
    labels = classes.labels(lambda v: format_number(v, decimals, lang))
    points = [(code, centroids[code]) for code in nodata_codes if centroids and code in centroids]
    title = legend_title if legend_title is not None else unit
    return {
        "map": {
            "locations": list(area_codes),
            "z": z,
            "hovertext": hover,
            "colorscale": _stepped_colorscale(classes.colors),
            "zmin": -1.5,
            "zmax": n - 0.5,
            "marker.line.width": widths,
            "marker.line.color": lines,
        },
        "nodata": {
            "lon": [p[1][0] for p in points],
            "lat": [p[1][1] for p in points],
            "hovertext": [hover[list(area_codes).index(code)] for code, _ in points],
        },
        "colorbar": {
            "tickvals": [-1, *range(n)],
            "ticktext": [NO_VALUE_LABEL[lang], *labels],
            "title": {"text": title},
        },
    }


def _joined(values) -> str:
    return ",".join("" if v is None else str(v) for v in values)


def compact_update(
    values: pd.DataFrame,
    area_codes: Sequence[str],
    *,
    classes: Classes,
    unit: str,
    decimals: int,
    lang: str = "de",
    polarity: str = "neutral",
    selected: Sequence[str] = (),
    centroids: Mapping[str, tuple[float, float]] | None = None,
    legend_title: str | None = None,
) -> dict:
    """The same information as ``map_trace_update``, packed small for the browser.

    Numbers travel as comma-joined strings (rounded to ``decimals``); hover
    texts, colour scale and outlines are rebuilt in the browser
    (``assets/explorer.js: applyMapData``) from these fields:

    ``z`` class index per area (-1 = no value), ``v`` rounded value, ``r`` rank,
    ``n`` number of ranked areas, ``m`` {reason: "i,j"} for areas without a
    value, ``fn`` {footnote: "i,j"}, ``p`` provisional indices, ``s`` selected
    indices, ``nd`` [[lon, lat], ...] of areas without a value, ``c`` colours,
    ``l`` legend labels, ``tt`` legend title, ``ut`` unit text, ``hi`` 1 when
    rank 1 is the highest (neutral) rather than the best value, ``d`` decimals,
    ``lang``.
    """
    lang = lang if lang in ("de", "en") else "de"
    codes = list(area_codes)
    frame = values.drop_duplicates("area_code").set_index("area_code") if len(values) else pd.DataFrame()
    aligned = frame.reindex(codes) if len(frame) else pd.DataFrame(index=codes)
    value_of = aligned["value"].astype(float) if "value" in aligned else pd.Series(np.nan, index=codes)
    flags = aligned["flag"] if "flag" in aligned else pd.Series(None, index=codes, dtype=object)
    notes = aligned["footnote"] if "footnote" in aligned else pd.Series(None, index=codes, dtype=object)
    missing = value_of.isna().to_numpy()
    if classes.n <= 1:
        z = np.zeros(len(codes), dtype=int)
    else:
        inner = np.asarray(classes.breaks[1:-1], dtype=float)
        z = np.clip(np.searchsorted(inner, value_of.fillna(0).to_numpy(), side="right"), 0, classes.n - 1)
    z = np.where(missing, -1, z)
    rank_of = ranks(value_of, polarity)
    reasons: dict[str, list[int]] = {}
    footnotes: dict[str, list[int]] = {}
    is_text = flags.map(lambda f: isinstance(f, str)).to_numpy(dtype=bool)
    provisional = [int(i) for i in np.flatnonzero((flags == "provisional").to_numpy(dtype=bool) & ~missing)]
    for i in np.flatnonzero(missing):
        flag = flags.iloc[i] if is_text[i] else None
        note = notes.iloc[i] if isinstance(notes.iloc[i], str) else None
        reasons.setdefault(missing_reason(flag, lang, note), []).append(int(i))
    for i in np.flatnonzero(~missing & notes.map(lambda n: isinstance(n, str)).to_numpy(dtype=bool)):
        if flags.iloc[i] != "provisional":
            footnotes.setdefault(notes.iloc[i], []).append(int(i))
    nodata = [centroids[codes[i]] for i in np.flatnonzero(missing) if centroids and codes[i] in centroids]
    labels = [NO_VALUE_LABEL[lang], *classes.labels(lambda v: format_number(v, decimals, lang))]
    rounded = np.round(value_of.to_numpy(dtype=float), decimals)
    unit_text = format_value(1, 0, unit, lang)[1:] if unit else ""
    selected_set = set(selected or ())
    return {
        "z": ",".join(map(str, z.tolist())),
        "v": ",".join("" if m else repr(float(v)).removesuffix(".0") for v, m in zip(rounded, missing, strict=True)),
        "r": _joined(None if m else int(r) for r, m in zip(rank_of, missing, strict=True)),
        "n": int((~missing).sum()),
        "m": {k: _joined(v) for k, v in reasons.items()},
        "fn": {k: _joined(v) for k, v in footnotes.items()},
        "p": _joined(provisional),
        "s": [i for i, code in enumerate(codes) if code in selected_set],
        "nd": [[lon, lat] for lon, lat in nodata],
        "c": list(classes.colors),
        "l": labels,
        "tt": legend_title if legend_title is not None else unit,
        "ut": unit_text,
        # rank sentence and "provisional" note are fixed texts in assets/explorer.js (RANK, PROVISIONAL)
        "hi": 1 if polarity == "neutral" else 0,
        "d": decimals,
        "lang": lang,
    }


def _set_path(target: dict, dotted: str, value) -> None:
    parts = dotted.split(".")
    for part in parts[:-1]:
        target = target.setdefault(part, {})
    target[parts[-1]] = value


def apply_update(figure, update: dict):
    """Write ``map_trace_update``'s dict into a figure dict or a ``dash.Patch``.

    Works on anything indexable like ``fig["data"][0]["z"]``, so the same code
    patches a live figure (``dash.Patch()``) and builds a fresh one.
    """
    for dotted, value in update["map"].items():
        node = figure["data"][MAP_TRACE]
        parts = dotted.split(".")
        for part in parts[:-1]:
            node = node[part]
        node[parts[-1]] = value
    for key, value in update["nodata"].items():
        figure["data"][NODATA_TRACE][key] = value
    for key, value in update["colorbar"].items():
        figure["data"][MAP_TRACE]["colorbar"][key] = value
    return figure


def centroids_of(geojson: dict) -> dict[str, tuple[float, float]]:
    """A point inside each feature (lon, lat), rounded to 5 digits."""
    import shapely.geometry

    out = {}
    for feature in geojson.get("features", []):
        point = shapely.geometry.shape(feature["geometry"]).representative_point()
        out[feature["id"]] = (round(point.x, 5), round(point.y, 5))
    return out


def choropleth_figure(
    values: pd.DataFrame,
    geojson: dict,
    *,
    classes: Classes,
    unit: str,
    decimals: int,
    lang: str = "de",
    polarity: str = "neutral",
    selected: Sequence[str] = (),
    placeholder: bool = False,
    legend_title: str | None = None,
    centroids: Mapping[str, tuple[float, float]] | None = None,
    height: int | None = 520,
    uirevision: str = "map",
) -> go.Figure:
    """The full map, geometry included (send once, then patch with ``map_trace_update``).

    Args:
        values: one year, one level (see ``map_trace_update``).
        geojson: FeatureCollection whose feature ``id`` is the area code.
        classes: colour classes from ``compute.classify.classify``.
        unit, decimals, lang, polarity, selected, legend_title: see ``map_trace_update``.
        placeholder: label the map "Umrisse erfunden (Platzhalter)".
        centroids: precomputed ``centroids_of(geojson)`` (computed when None).
        height: figure height in pixels (None: the container's height, for CSS-sized graphs).
        uirevision: keeps zoom and pan across updates.
    """
    lang = lang if lang in ("de", "en") else "de"
    codes = [f["id"] for f in geojson.get("features", [])]
    names = {f["id"]: f.get("properties", {}).get("name", f["id"]) for f in geojson.get("features", [])}
    if centroids is None:
        centroids = centroids_of(geojson)
    update = map_trace_update(
        values,
        codes,
        classes=classes,
        unit=unit,
        decimals=decimals,
        lang=lang,
        polarity=polarity,
        names=names,
        selected=selected,
        centroids=centroids,
        legend_title=legend_title,
    )
    fig = go.Figure()
    fig.add_trace(
        go.Choropleth(
            geojson=geojson,
            featureidkey="id",
            locationmode="geojson-id",
            hoverinfo="text",
            # names stay in the browser for updates built there (compact_update)
            text=[names.get(code, code) for code in codes],
            colorbar={
                "thickness": 14,
                "len": 0.9,
                # inside the figure: the legend stays visible on a phone
                "x": 0.79,
                "xanchor": "left",
                "outlinewidth": 0,
                "tickfont": {"size": 12},
            },
            showscale=True,
            name="",
        )
    )
    fig.add_trace(
        go.Scattergeo(
            mode="markers",
            marker={"symbol": "x-thin", "size": 9, "line": {"width": 1.6, "color": "#3a3a3a"}},
            hoverinfo="text",
            showlegend=False,
            name="",
        )
    )
    figure_dict = fig.to_dict()
    figure_dict["data"][MAP_TRACE].setdefault("marker", {}).setdefault("line", {})
    apply_update(figure_dict, update)
    fig = go.Figure(figure_dict)
    annotations = []
    if placeholder:
        annotations.append(
            {
                "text": PLACEHOLDER_TEXT[lang],
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": 0,
                "xanchor": "left",
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": 13, "color": "#3d2b00"},
                "bgcolor": "#fff4d6",
                "bordercolor": "#8a6100",
                "borderwidth": 1,
                "borderpad": 4,
            }
        )
    fig.update_layout(
        geo={
            "fitbounds": "locations",
            "domain": {"x": [0, 0.78], "y": [0, 1]},
            "visible": False,
            "projection": {"type": "mercator"},
            "bgcolor": "rgba(0,0,0,0)",
        },
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        height=height,
        paper_bgcolor="#ffffff",
        template="none",  # the default template adds ~6 kB to every response
        separators=",." if lang == "de" else ".,",
        annotations=annotations,
        uirevision=uirevision,
        hoverlabel={"bgcolor": "#ffffff", "font": {"size": 14, "color": "#1b1f24"}},
        dragmode=False,
    )
    return fig
