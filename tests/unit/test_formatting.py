from dashboard.formatting import format_number, format_value


def test_german_number_format():
    assert format_number(1234.5, 1) == "1.234,5"
    assert format_number(1234567, 0) == "1.234.567"
    assert format_number(0.25, 2) == "0,25"


def test_english_number_format():
    assert format_number(1234.5, 1, "en") == "1,234.5"


def test_missing_value_is_a_dash():
    assert format_number(None) == "–"
    assert format_number(float("nan")) == "–"


def test_value_with_unit():
    assert format_value(12.345, 1, "%") == "12,3 %"
    assert format_value(45, 1, "je 1.000", "en") == "45.0 per 1,000"
    assert format_value(1234, 0, "Anzahl") == "1.234"


def test_a_source_with_its_own_label_is_not_labelled_twice():
    from dashboard.components import source_line

    def text(p):
        return "".join(c if isinstance(c, str) else c.children for c in p.children)

    assert text(source_line("Datenquelle: INKAR, BBSR Bonn", "dl-de/by-2-0", "de")) == (
        "Datenquelle: INKAR, BBSR Bonn · Lizenz: dl-de/by-2-0"
    )
    assert text(source_line("Beispieldaten", "CC0", "de")) == "Quelle: Beispieldaten · Lizenz: CC0"
