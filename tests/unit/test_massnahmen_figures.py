"""Pure builders of the Maßnahmen pages: the status bar writes its counts, sparklines."""

import datetime as dt

import pandas as pd

from dashboard.compute.massnahmen import status_summary
from dashboard.figures.massnahmen import done_share_text, sparkline, status_badge, status_bar


def texts(component) -> list[str]:
    """Every text in a component tree, in order (what a screen reader would meet)."""
    if component is None:
        return []
    if isinstance(component, str | int | float):
        return [str(component)]
    if isinstance(component, list | tuple):
        return [text for child in component for text in texts(child)]
    return texts(getattr(component, "children", None))


def summary():
    items = [
        {"code": c, "status": s, "end": None} for c, s in [("a", "umgesetzt"), ("b", "umgesetzt"), ("c", "in Planung")]
    ]
    return status_summary(items, dt.date(2026, 1, 1))


def test_status_bar_writes_every_status_with_its_count():
    bar = status_bar(summary(), lang="de")
    legend = "".join(texts(bar.children[1]))
    for status, count in [("nicht begonnen", 0), ("in Planung", 1), ("umgesetzt", 2), ("zurückgestellt", 0)]:
        assert f"{status}: {count}" in legend
    segments = bar.children[0].children
    assert [s.children for s in segments] == ["1", "2"]  # only statuses with Maßnahmen get a segment
    assert bar.children[0].to_plotly_json()["props"]["aria-hidden"] == "true"


def test_compact_bar_leaves_empty_statuses_out_and_english_labels():
    legend = "".join(texts(status_bar(summary(), lang="en", compact=True).children[1]))
    assert "implemented: 2" in legend and "planned: 1" in legend and "deferred" not in legend


def test_done_share_text_in_both_languages():
    assert done_share_text(summary(), "de") == "2 von 3 umgesetzt oder dauerhaft etabliert (67 %)"
    assert done_share_text(summary(), "en").startswith("2 of 3 implemented")
    assert done_share_text(status_summary([], dt.date(2026, 1, 1)), "de") == "Noch keine Maßnahmen."


def test_status_badge_writes_the_status_name():
    assert status_badge("zurückgestellt").children == "zurückgestellt"
    assert status_badge("zurückgestellt", lang="en").children == "deferred"


def test_sparkline_draws_series_latest_point_and_target():
    frame = pd.DataFrame({"year": [2020, 2021, 2022, 2023], "value": [1.0, None, 2.0, 3.0]})
    fig = sparkline(frame, target_value=5.0)
    line, latest, target = fig.data
    assert list(line.x) == [2020, 2022, 2023]
    assert list(latest.y) == [3.0]
    assert list(target.y) == [5.0, 5.0]
    assert not fig.layout.xaxis.visible


def test_sparkline_of_an_empty_series_is_an_empty_line():
    fig = sparkline(pd.DataFrame({"year": [], "value": []}), target_value=5.0)
    assert len(fig.data) == 1 and len(fig.data[0].x) == 0


def test_a_leitlinie_without_massnahmen_gets_an_empty_bar_and_no_zero_legend():
    bar = status_bar(status_summary([], dt.date(2026, 1, 1)))
    assert "status-bar-none" in bar.children.className
    assert texts(bar) == []
