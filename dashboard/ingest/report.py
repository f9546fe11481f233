"""The validation report: every error and warning with file, sheet, row and column."""

from __future__ import annotations

from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Issue:
    """One finding. ``row`` is the row as numbered in the spreadsheet (header = 1)."""

    severity: str
    message: str
    file: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    def where(self) -> str:
        parts = [self.file]
        if self.sheet:
            parts.append(f"Blatt „{self.sheet}“")
        if self.row is not None:
            parts.append(f"Zeile {self.row}")
        if self.column:
            parts.append(f"Spalte „{self.column}“")
        return ", ".join(parts)

    def text(self) -> str:
        """'werte.csv, Zeile 4, Spalte „Wert“: „abc“ ist keine Zahl. …'"""
        return f"{self.where()}: {self.message}"

    def as_dict(self) -> dict:
        return {
            "severity": self.severity,
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class Report:
    """All findings of one file; errors block the import, warnings do not."""

    file: str
    issues: list[Issue] = field(default_factory=list)
    #: Cap per message kind, so a file with 100,000 bad rows gives a readable report.
    max_per_kind: int = 200
    _counts: dict = field(default_factory=dict, repr=False)
    _seen: set = field(default_factory=set, repr=False)
    suppressed_issues: int = 0

    def add(self, severity: str, message: str, *, sheet=None, row=None, column=None, kind: str | None = None):
        issue = Issue(severity, message, self.file, sheet, row, column)
        if issue in self._seen:
            return  # the same cell read for several years (wide format) is reported once
        self._seen.add(issue)
        key = (severity, kind or message)
        self._counts[key] = self._counts.get(key, 0) + 1
        if self._counts[key] > self.max_per_kind:
            self.suppressed_issues += 1
            return
        self.issues.append(issue)

    def error(self, message: str, **where):
        self.add(ERROR, message, **where)

    def warning(self, message: str, **where):
        self.add(WARNING, message, **where)

    def extend(self, issues: list[Issue]):
        self.issues.extend(issues)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == ERROR]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == WARNING]

    @property
    def ok(self) -> bool:
        return not self.errors

    def texts(self, severity: str | None = None) -> list[str]:
        return [i.text() for i in self.issues if severity is None or i.severity == severity]


class ImportRefused(ValueError):
    """The file cannot be imported; ``report`` lists every reason."""

    def __init__(self, report: Report):
        self.report = report
        super().__init__("\n".join(report.texts(ERROR)) or report.file)
