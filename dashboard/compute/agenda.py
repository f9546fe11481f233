"""The slide sequence of a presentation (the agenda of one meeting). Pure, no I/O.

A slide is written as a short token, so a sequence fits into a URL
(``/praesentation?folien=uebersicht,ll1,ll3,ind:kita_quote_u3``) and into the
``Agenda`` table as a JSON list:

- ``uebersicht``: all Leitlinien with the state of their Maßnahmen
- ``ll<N>``: Leitlinie N with its Maßnahmen status and 2–3 key indicators
- ``ind:<indicator id>``: one indicator, large

Example:
    >>> parse_slides("uebersicht, ll2 ,ind:abitur_quote", leitlinien=[1, 2], indicators=["abitur_quote"])
    Parsed(slides=(Slide(kind='overview', ref=''), Slide(kind='leitlinie', ref='2'), Slide(kind='indicator', ref='abitur_quote')), errors=())
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

OVERVIEW_TOKENS = ("uebersicht", "übersicht", "overview")
NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


@dataclass(frozen=True)
class Slide:
    kind: str  # overview | leitlinie | indicator
    ref: str = ""

    @property
    def token(self) -> str:
        if self.kind == "overview":
            return "uebersicht"
        if self.kind == "leitlinie":
            return f"ll{self.ref}"
        return f"ind:{self.ref}"


@dataclass(frozen=True)
class Parsed:
    slides: tuple[Slide, ...]
    errors: tuple[str, ...]


def default_slides(leitlinien: Iterable[int]) -> tuple[Slide, ...]:
    """The standard agenda: the overview, then every Leitlinie in order."""
    return (Slide("overview"), *(Slide("leitlinie", str(n)) for n in sorted(leitlinien)))


def parse_slides(
    text: str | Sequence[str], *, leitlinien: Iterable[int], indicators: Iterable[str], param: str = "folien"
) -> Parsed:
    """Read a slide list; every token that cannot be shown becomes a German error.

    The valid slides are kept (nothing is lost because of one typo), the errors
    name the URL parameter and the token.
    """
    tokens = [t.strip() for t in (text.split(",") if isinstance(text, str) else text)]
    numbers = {int(n) for n in leitlinien}
    known = set(indicators)
    slides: list[Slide] = []
    errors: list[str] = []
    for token in tokens:
        if not token:
            continue
        low = token.lower()
        if low in OVERVIEW_TOKENS:
            slides.append(Slide("overview"))
        elif re.fullmatch(r"ll\d+", low):
            number = int(low[2:])
            if number in numbers:
                slides.append(Slide("leitlinie", str(number)))
            else:
                errors.append(
                    f"{param}: Leitlinie {number} gibt es nicht (vorhanden: {', '.join(map(str, sorted(numbers)))})."
                )
        elif low.startswith("ind:"):
            indicator = token[4:].strip()
            if indicator in known:
                slides.append(Slide("indicator", indicator))
            else:
                errors.append(f"{param}: Indikator „{indicator}“ ist unbekannt.")
        else:
            errors.append(
                f"{param}: „{token}“ ist keine Folie. Erlaubt sind uebersicht, ll1, ll2, … und ind:<Indikator-ID>."
            )
    return Parsed(tuple(slides), tuple(errors))


def check_agenda_name(name: str) -> str:
    """Agenda names go into URLs: lower-case letters, digits, '-' and '_'."""
    clean = (name or "").strip()
    if not NAME_PATTERN.fullmatch(clean):
        raise ValueError(
            f"Ungültiger Agenda-Name {name!r}: erlaubt sind Kleinbuchstaben, Ziffern, '-' und '_' "
            "(höchstens 64 Zeichen, z. B. lenkungsgruppe-2026-03)."
        )
    return clean


def slide_index(value: str | None, count: int) -> int:
    """The 0-based index of ``?folie=N`` (1-based in the URL), clamped to the agenda."""
    try:
        number = int(value) if value not in (None, "") else 1
    except ValueError:
        number = 1
    return min(max(number, 1), max(count, 1)) - 1


def key_indicators(indicators: Sequence, leitlinie: int, *, linked: Iterable[str] = (), limit: int = 3) -> list:
    """The indicators a Leitlinie slide shows: 2–3, the most telling first.

    Preference: linked to a Maßnahme of the Leitlinie, then with a Zielwert, then
    small-area data (a map says more than one city value), then catalogue order.
    ``indicators`` are objects with ``id``, ``leitlinien``, ``target_value``,
    ``spatial_level`` and ``sort_key`` (``IndicatorInfo``).
    """
    wanted = set(linked)
    candidates = [ind for ind in indicators if leitlinie in ind.leitlinien]
    ranked = sorted(
        candidates,
        key=lambda ind: (
            ind.id not in wanted,
            ind.target_value is None,
            ind.spatial_level == "stadt",
            ind.sort_key,
            ind.id,
        ),
    )
    return ranked[:limit]
