"""Static charts for print (Faktencheck): matplotlib SVGs as data URIs.

Live plotly graphs break when printed, so the printable report uses small
static images sized in millimetres for A4. Pure builders: data in, a
``data:image/svg+xml;base64,...`` string out; no pyplot (thread-safe on a server).

Colours are the Okabe-Ito palette (safe for colour-blind readers) and every
line also has its own dash pattern and marker, so nothing is told by colour
alone. Map values use ``cividis`` (perceptually uniform, colour-blind safe);
areas without a value are white and hatched.
"""

from __future__ import annotations

import base64
import io
import math

import pandas as pd
from matplotlib import rcParams
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ..formatting import format_number

MM = 1 / 25.4  # inches per millimetre

#: (colour, dash pattern, marker) per series position: city first, then references.
SERIES_STYLES = [
    ("#0072B2", "-", "o"),
    ("#D55E00", "--", "s"),
    ("#009E73", ":", "^"),
    ("#CC79A7", "-.", "D"),
]
TARGET_COLOUR = "#000000"
MAP_COLOURS = "cividis"

rcParams["svg.fonttype"] = "none"  # text stays text: smaller files, selectable in the PDF
rcParams["svg.hashsalt"] = "bildungsmonitor"  # deterministic ids, reproducible output
rcParams["font.family"] = ["DejaVu Sans", "Liberation Sans", "sans-serif"]


def _data_uri(fig: Figure) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _axis_decimals(values: list[float], decimals: int) -> int:
    span = (max(values) - min(values)) if values else 0
    return 0 if span >= 10 or decimals == 0 else min(decimals, 1)


def trend_chart(
    frame: pd.DataFrame,
    *,
    unit: str,
    decimals: int,
    lang: str = "de",
    target_value: float | None = None,
    target_year: int | None = None,
    width_mm: float = 84,
    height_mm: float = 48,
) -> str:
    """A line chart of one indicator over time.

    Args:
        frame: columns ``series`` (label), ``year``, ``value``; the first series is the city.
        unit, decimals: axis label and number format (German: 1.234,5).
        target_value, target_year: drawn as a marked point with a label, when given.

    Returns:
        An SVG data URI.
    """
    labels = list(dict.fromkeys(frame["series"])) if not frame.empty else []
    # Long labels (e.g. "Deutschland: Median der 400 Kreise") get one legend column, so none is cut off.
    ncol = 2 if all(len(label) <= 26 for label in labels) else 1
    legend_rows = math.ceil(len(labels) / ncol) if labels else 0
    line = 3.0 / height_mm  # one legend line is about 3 mm
    bottom = 0.16 + legend_rows * line
    fig = Figure(figsize=(width_mm * MM, height_mm * MM), dpi=100)
    ax = fig.add_axes((0.14, bottom, 0.83, 0.96 - bottom))
    shown: list[float] = []
    for i, label in enumerate(labels):
        rows = frame[(frame["series"] == label) & frame["value"].notna()].sort_values("year")
        if rows.empty:
            continue
        colour, dash, marker = SERIES_STYLES[i % len(SERIES_STYLES)]
        ax.plot(
            rows["year"],
            rows["value"],
            color=colour,
            linestyle=dash,
            marker=marker,
            markersize=2.6 if i else 3.2,
            linewidth=1.8 if i == 0 else 1.2,
            label=label,
            zorder=3 if i == 0 else 2,
        )
        shown.extend(rows["value"].tolist())
    if target_value is not None and target_year is not None:
        ax.plot([target_year], [target_value], marker="*", color=TARGET_COLOUR, markersize=7, linestyle="none")
        word = "Ziel" if lang == "de" else "Target"
        ax.annotate(
            f"{word} {target_year}: {format_number(target_value, decimals, lang)}",
            (target_year, target_value),
            textcoords="offset points",
            xytext=(-4, 5),
            ha="right",
            fontsize=6.5,
        )
        shown.append(target_value)
    axis_decimals = _axis_decimals(shown, decimals)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: format_number(v, axis_decimals, lang)))
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: str(int(round(v)))))
    ax.yaxis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10]))
    ax.tick_params(labelsize=6.5, length=2.5, pad=1.5)
    ax.set_ylabel(unit if unit and unit != "Anzahl" else ("Anzahl" if lang == "de" else "Number"), fontsize=6.5)
    ax.grid(axis="y", color="#d0d4da", linewidth=0.5)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if shown:
        low, high = min(shown), max(shown)
        pad = (high - low) * 0.12 or max(abs(high) * 0.1, 1)
        ax.set_ylim(min(0, low - pad) if low >= 0 and low - pad < 0 else low - pad, high + pad)
    if labels:
        fig.legend(
            loc="lower left",
            bbox_to_anchor=(0.02, 0.0),
            ncol=ncol,
            fontsize=6,
            frameon=False,
            handlelength=2.4,
            columnspacing=1.0,
        )
    return _data_uri(fig)


def _polygons(geometry: dict) -> list[list]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["coordinates"])
    return []


def small_map(
    geojson: dict,
    values: dict[str, float | None],
    *,
    decimals: int,
    unit: str,
    lang: str = "de",
    highlight: tuple[str, ...] = (),
    width_mm: float = 84,
    height_mm: float = 44,
) -> str:
    """A small choropleth of one year (values per area code) with a colour bar.

    Areas without a value (missing or suppressed) are white with a hatch, and
    ``highlight`` areas (e.g. a district profile's areas) get a thick outline.
    """
    from matplotlib.cm import ScalarMappable
    from matplotlib.colors import Normalize
    from matplotlib.patches import Polygon as PolygonPatch

    fig = Figure(figsize=(width_mm * MM, height_mm * MM), dpi=100)
    ax = fig.add_axes((0.0, 0.02, 0.74, 0.96))
    known = [v for v in values.values() if v is not None and not math.isnan(v)]
    norm = Normalize(vmin=min(known), vmax=max(known)) if known else Normalize(0, 1)
    if known and norm.vmin == norm.vmax:
        norm = Normalize(vmin=norm.vmin - 1, vmax=norm.vmax + 1)
    cmap = ScalarMappable(norm=norm, cmap=MAP_COLOURS)
    xs, ys = [], []
    for feature in geojson.get("features", []):
        code = str(feature.get("id"))
        value = values.get(code)
        has_value = value is not None and not math.isnan(value)
        for polygon in _polygons(feature["geometry"]):
            ring = polygon[0]
            xs.extend(p[0] for p in ring)
            ys.extend(p[1] for p in ring)
            patch = PolygonPatch(
                ring,
                closed=True,
                facecolor=cmap.to_rgba(value) if has_value else "#ffffff",
                edgecolor="#000000" if code in highlight else "#ffffff" if has_value else "#6b7280",
                linewidth=1.4 if code in highlight else 0.35,
                hatch=None if has_value else "/////",
                zorder=3 if code in highlight else 2,
            )
            ax.add_patch(patch)
    if xs:
        ax.set_xlim(min(xs), max(xs))
        ax.set_ylim(min(ys), max(ys))
        # Web-map look without a projection library: correct the longitude scale at this latitude.
        ax.set_aspect(1 / math.cos(math.radians((min(ys) + max(ys)) / 2)))
    ax.set_axis_off()
    if known:
        cax = fig.add_axes((0.80, 0.12, 0.04, 0.76))
        bar = fig.colorbar(cmap, cax=cax)
        bar.ax.tick_params(labelsize=6, length=2, pad=1)
        bar.ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: format_number(v, decimals, lang)))
        bar.ax.yaxis.set_major_locator(MaxNLocator(nbins=4))
        if unit and unit != "Anzahl":
            bar.ax.set_title(unit, fontsize=6, pad=3)
        bar.outline.set_linewidth(0.4)
    return _data_uri(fig)


def decode(data_uri: str) -> str:
    """The SVG text of a data URI (for tests and debugging)."""
    return base64.b64decode(data_uri.split(",", 1)[1]).decode("utf-8")
