"""Status summaries, the overdue rule and the filters of the Maßnahmen register (pure)."""

import datetime as dt

from dashboard.compute.massnahmen import (
    MassnahmenFilter,
    filter_massnahmen,
    is_overdue,
    status_summary,
    summaries_by_leitlinie,
)

TODAY = dt.date(2026, 11, 23)


def m(code, status, end=None, leitlinie=1, hf="HF01", unit="FB Schulen"):
    return {
        "code": code,
        "status": status,
        "end": end,
        "leitlinie": leitlinie,
        "handlungsfeld": hf,
        "responsible_unit": unit,
    }


def test_overdue_means_end_passed_and_not_done():
    yesterday = TODAY - dt.timedelta(days=1)
    assert is_overdue(m("a", "in Umsetzung", yesterday), TODAY)
    assert is_overdue(m("b", "nicht begonnen", yesterday), TODAY)
    assert is_overdue(m("c", "in Planung", dt.datetime(2020, 1, 1, 12)), TODAY)
    assert not is_overdue(m("d", "umgesetzt", yesterday), TODAY)
    assert not is_overdue(m("e", "dauerhaft etabliert", yesterday), TODAY)


def test_deferred_open_ended_and_ending_today_are_not_overdue():
    assert not is_overdue(m("a", "zurückgestellt", dt.date(2020, 1, 1)), TODAY)
    assert not is_overdue(m("b", "in Umsetzung", None), TODAY)
    assert not is_overdue(m("c", "in Umsetzung", TODAY), TODAY)


def test_status_summary_counts_every_status_and_the_done_share():
    items = [
        m("a", "umgesetzt"),
        m("b", "dauerhaft etabliert"),
        m("c", "in Umsetzung", dt.date(2020, 1, 1)),
        m("d", "in Umsetzung"),
    ]
    summary = status_summary(items, TODAY)
    assert summary.total == 4
    assert summary.count("in Umsetzung") == 2
    assert summary.count("zurückgestellt") == 0
    assert [status for status, _ in summary.counts][0] == "nicht begonnen"
    assert summary.done == 2 and summary.done_share == 0.5
    assert summary.overdue == 1


def test_empty_summary_has_no_share():
    summary = status_summary([], TODAY)
    assert summary.total == 0 and summary.done_share is None


def test_summaries_per_leitlinie_include_leitlinien_without_massnahmen():
    items = [m("a", "umgesetzt", leitlinie=1), m("b", "in Planung", leitlinie=2)]
    by_ll = summaries_by_leitlinie(items, [1, 2, 3], TODAY)
    assert by_ll[1].done == 1 and by_ll[2].count("in Planung") == 1 and by_ll[3].total == 0


def test_filter_by_status_field_unit_and_overdue():
    late = dt.date(2020, 1, 1)
    items = [
        m("a", "in Umsetzung", late, hf="HF01", unit="FB Schulen"),
        m("b", "in Umsetzung", None, hf="HF02", unit="FB Schulen"),
        m("c", "umgesetzt", late, hf="HF01", unit="Jugendamt"),
    ]
    codes = lambda flt: [x["code"] for x in filter_massnahmen(items, flt, TODAY)]  # noqa: E731
    assert codes(MassnahmenFilter()) == ["a", "b", "c"]
    assert codes(MassnahmenFilter(status="in Umsetzung")) == ["a", "b"]
    assert codes(MassnahmenFilter(handlungsfeld="HF01")) == ["a", "c"]
    assert codes(MassnahmenFilter(einheit="Jugendamt")) == ["c"]
    assert codes(MassnahmenFilter(ueberfaellig=True)) == ["a"]


def test_filter_round_trips_through_the_url_and_ignores_unknown_status():
    flt = MassnahmenFilter(status="umgesetzt", handlungsfeld="HF02", einheit="FB Schulen", ueberfaellig=True)
    assert MassnahmenFilter.from_query(flt.to_query()) == flt
    assert MassnahmenFilter.from_query({"status": "<script>"}).status == ""
    assert not MassnahmenFilter().active
