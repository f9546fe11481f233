"""The data model (SQLAlchemy 2.x). Works on SQLite and PostgreSQL.

Domain words stay German where they are the users' words: Leitlinie,
Handlungsfeld, Massnahme. Everything technical is English.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Polarity(enum.StrEnum):
    HIGHER_BETTER = "higher_better"
    LOWER_BETTER = "lower_better"
    NEUTRAL = "neutral"


class IndicatorKind(enum.StrEnum):
    """How values combine when aggregated from Stadtviertel to Stadtbezirk."""

    RATE = "rate"  # value = numerator / denominator * multiplier
    COUNT = "count"  # value is a count; aggregates by sum
    MEAN = "mean"  # value is an average; aggregates only with num/den
    INDEX = "index"  # cannot be aggregated


class Flag(enum.StrEnum):
    PROVISIONAL = "provisional"  # vorläufig
    ESTIMATED = "estimated"  # geschätzt
    SUPPRESSED = "suppressed"  # Datenschutz: kleine Fallzahl
    SECRET = "secret"  # "." geheim oder unbekannt
    NOTHING = "nothing"  # "-" nichts vorhanden
    BLOCKED = "blocked"  # "x" Tabellenfach gesperrt
    UNRELIABLE = "unreliable"  # "/" nicht sicher genug
    LATER = "later"  # "..." Angabe fällt später an


class MassnahmeStatus(enum.StrEnum):
    NICHT_BEGONNEN = "nicht begonnen"
    IN_PLANUNG = "in Planung"
    IN_UMSETZUNG = "in Umsetzung"
    UMGESETZT = "umgesetzt"
    DAUERHAFT_ETABLIERT = "dauerhaft etabliert"
    ZURUECKGESTELLT = "zurückgestellt"


MASSNAHME_STATUSES = [s.value for s in MassnahmeStatus]
DONE_STATUSES = {MassnahmeStatus.UMGESETZT.value, MassnahmeStatus.DAUERHAFT_ETABLIERT.value}


class Meta(Base):
    """Key/value facts about the loaded data (Kommune slug, load time, demo flag)."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Source(Base):
    """A data source, cited with its licence on the Quellen page and next to figures."""

    __tablename__ = "source"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    publisher: Mapped[str] = mapped_column(Text, default="")
    licence: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str] = mapped_column(Text, default="")
    attribution: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)


class Area(Base):
    __tablename__ = "area"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(64), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("area.id"))
    # GeoJSON geometry (WGS84), simplified as a coverage for the web.
    geometry: Mapped[str | None] = mapped_column(Text)
    # Original geometry as imported, kept for exports.
    geometry_original: Mapped[str | None] = mapped_column(Text)
    # True where the shape is invented (Halle's placeholder Stadtviertel).
    placeholder_geometry: Mapped[bool] = mapped_column(Boolean, default=False)
    # Reference areas (Land, Bund, Kreis medians) have no geometry and no parent.
    is_reference: Mapped[bool] = mapped_column(Boolean, default=False)
    sort_key: Mapped[int] = mapped_column(Integer, default=0)

    parent: Mapped[Area | None] = relationship(remote_side="Area.id")


indicator_leitlinie = Table(
    "indicator_leitlinie",
    Base.metadata,
    Column("indicator_id", ForeignKey("indicator.id", ondelete="CASCADE"), primary_key=True),
    Column("leitlinie_id", ForeignKey("leitlinie.id", ondelete="CASCADE"), primary_key=True),
)

handlungsfeld_leitlinie = Table(
    "handlungsfeld_leitlinie",
    Base.metadata,
    Column("handlungsfeld_id", ForeignKey("handlungsfeld.id", ondelete="CASCADE"), primary_key=True),
    Column("leitlinie_id", ForeignKey("leitlinie.id", ondelete="CASCADE"), primary_key=True),
)

massnahme_indicator = Table(
    "massnahme_indicator",
    Base.metadata,
    Column("massnahme_id", ForeignKey("massnahme.id", ondelete="CASCADE"), primary_key=True),
    Column("indicator_id", ForeignKey("indicator.id", ondelete="CASCADE"), primary_key=True),
)


class Leitlinie(Base):
    __tablename__ = "leitlinie"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[int] = mapped_column(Integer, unique=True)
    title_de: Mapped[str] = mapped_column(Text)
    title_en: Mapped[str] = mapped_column(Text, default="")
    description_de: Mapped[str] = mapped_column(Text, default="")

    handlungsfelder: Mapped[list[Handlungsfeld]] = relationship(
        secondary=handlungsfeld_leitlinie, back_populates="leitlinien", order_by="Handlungsfeld.number"
    )


class Handlungsfeld(Base):
    __tablename__ = "handlungsfeld"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[int] = mapped_column(Integer, unique=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    title_de: Mapped[str] = mapped_column(Text)
    title_en: Mapped[str] = mapped_column(Text, default="")
    # Bildungsbereich (Frühkindliche Bildung, Schule, ...), used to group indicators.
    bereich: Mapped[str] = mapped_column(String(100), default="")
    is_example: Mapped[bool] = mapped_column(Boolean, default=False)

    leitlinien: Mapped[list[Leitlinie]] = relationship(
        secondary=handlungsfeld_leitlinie, back_populates="handlungsfelder", order_by="Leitlinie.number"
    )


class Indicator(Base):
    __tablename__ = "indicator"
    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    name_de: Mapped[str] = mapped_column(Text)
    name_en: Mapped[str] = mapped_column(Text, default="")
    definition_de: Mapped[str] = mapped_column(Text, default="")
    definition_en: Mapped[str] = mapped_column(Text, default="")
    unit: Mapped[str] = mapped_column(String(40), default="")
    decimals: Mapped[int] = mapped_column(Integer, default=1)
    kind: Mapped[str] = mapped_column(String(16), default=IndicatorKind.RATE.value)
    # value = numerator / denominator * multiplier (100 for percent).
    multiplier: Mapped[float] = mapped_column(Float, default=100.0)
    source_key: Mapped[str | None] = mapped_column(ForeignKey("source.key"))
    source: Mapped[str] = mapped_column(Text, default="")
    licence: Mapped[str] = mapped_column(Text, default="")
    source_url: Mapped[str] = mapped_column(Text, default="")
    polarity: Mapped[str] = mapped_column(String(16), default=Polarity.NEUTRAL.value)
    handlungsfeld_id: Mapped[int | None] = mapped_column(ForeignKey("handlungsfeld.id"))
    target_value: Mapped[float | None] = mapped_column(Float)
    target_year: Mapped[int | None] = mapped_column(Integer)
    # Values whose count is below this are suppressed (Datenschutz).
    min_count: Mapped[int] = mapped_column(Integer, default=3)
    # The lowest level the data exists at (e.g. stadtviertel, stadt).
    spatial_level: Mapped[str] = mapped_column(String(64), default="")
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    last_update: Mapped[dt.date | None] = mapped_column(Date)
    sort_key: Mapped[int] = mapped_column(Integer, default=0)

    handlungsfeld: Mapped[Handlungsfeld | None] = relationship()
    leitlinien: Mapped[list[Leitlinie]] = relationship(secondary=indicator_leitlinie, order_by="Leitlinie.number")


class IndicatorValue(Base):
    __tablename__ = "indicator_value"
    __table_args__ = (UniqueConstraint("indicator_id", "area_id", "year", name="uq_value_key"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    indicator_id: Mapped[str] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"), index=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("area.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    value: Mapped[float | None] = mapped_column(Float)
    numerator: Mapped[float | None] = mapped_column(Float)
    denominator: Mapped[float | None] = mapped_column(Float)
    flag: Mapped[str | None] = mapped_column(String(16))
    footnote: Mapped[str | None] = mapped_column(Text)
    # The method changed from this year on; do not join the line across it.
    series_break: Mapped[bool] = mapped_column(Boolean, default=False)


class Massnahme(Base):
    __tablename__ = "massnahme"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    title: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(32), default=MassnahmeStatus.NICHT_BEGONNEN.value)
    responsible_unit: Mapped[str] = mapped_column(Text, default="")
    start: Mapped[dt.date | None] = mapped_column(Date)
    end: Mapped[dt.date | None] = mapped_column(Date)
    progress_note: Mapped[str] = mapped_column(Text, default="")
    leitlinie_id: Mapped[int] = mapped_column(ForeignKey("leitlinie.id"))
    handlungsfeld_id: Mapped[int] = mapped_column(ForeignKey("handlungsfeld.id"))
    is_example: Mapped[bool] = mapped_column(Boolean, default=False)
    # Optimistic locking: every write bumps it; a stale version is refused.
    version: Mapped[int] = mapped_column(Integer, default=1, nullable=False)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=func.now())

    leitlinie: Mapped[Leitlinie] = relationship()
    handlungsfeld: Mapped[Handlungsfeld] = relationship()
    indicators: Mapped[list[Indicator]] = relationship(secondary=massnahme_indicator)
    history: Mapped[list[MassnahmeChange]] = relationship(
        back_populates="massnahme",
        order_by="MassnahmeChange.changed_at.desc()",
        cascade="all, delete-orphan",
    )

    __mapper_args__ = {"version_id_col": version}


class MassnahmeChange(Base):
    """One changed field of a Maßnahme: who, when, from, to and why."""

    __tablename__ = "massnahme_change"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    massnahme_id: Mapped[int] = mapped_column(ForeignKey("massnahme.id", ondelete="CASCADE"), index=True)
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=func.now())
    changed_by: Mapped[str] = mapped_column(String(120))
    field: Mapped[str] = mapped_column(String(40), default="status")
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    comment: Mapped[str] = mapped_column(Text, default="")

    massnahme: Mapped[Massnahme] = relationship(back_populates="history")


class User(Base):
    __tablename__ = "app_user"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(120), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(32), default="bildungsmanager")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=func.now())


class ImportRun(Base):
    """One import of a file: who, when, what, and how to undo it."""

    __tablename__ = "import_run"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))  # indicators, catalogue, geo, massnahmen
    filename: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    imported_by: Mapped[str] = mapped_column(String(120), default="")
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime, default=func.now())
    rows_added: Mapped[int] = mapped_column(Integer, default=0)
    rows_changed: Mapped[int] = mapped_column(Integer, default=0)
    # JSON of the rows as they were before, so the import can be rolled back.
    previous_state: Mapped[str | None] = mapped_column(Text)
    rolled_back: Mapped[bool] = mapped_column(Boolean, default=False)


class Agenda(Base):
    """A named slide sequence for the presentation mode (one per meeting)."""

    __tablename__ = "agenda"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(Text, default="")
    # JSON list of slide tokens: ["uebersicht", "ll1", "ind:kita_quote_u3"]
    slides: Mapped[str] = mapped_column(Text, default="[]")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=func.now())
