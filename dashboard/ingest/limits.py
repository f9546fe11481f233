"""Size limits for imported files: refuse by size before anything is parsed.

A file larger than ``max_bytes`` is refused. XLSX files and zipped
Shapefiles are zip archives: their members are checked by their declared
uncompressed size *before* anything is unpacked, so a zip bomb (a few KB that
unpack to gigabytes) is refused by size, never expanded.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from ..formatting import format_number

MB = 1024 * 1024
#: Default limit of an uploaded or imported file (BM_IMPORT_MAX_MB).
DEFAULT_MAX_MB = 20
#: Unpacked members of an XLSX or zip may be at most this many times the limit.
UNPACKED_FACTOR = 8
#: A member that unpacks to more than this ratio is a zip bomb, whatever its size.
MAX_RATIO = 200


class TooLarge(ValueError):
    """The file is refused by size; the message is German."""


@dataclass(frozen=True)
class Limits:
    max_bytes: int = DEFAULT_MAX_MB * MB

    @property
    def max_unpacked_bytes(self) -> int:
        return self.max_bytes * UNPACKED_FACTOR

    @classmethod
    def from_mb(cls, mb: float | str | None) -> Limits:
        return cls(max_bytes=int(float(mb or DEFAULT_MAX_MB) * MB))


def _mb(n: int) -> str:
    return format_number(n / MB, 1) + " MB"


def too_large_message(size: int, limits: Limits) -> str:
    return (
        f"Die Datei ist {_mb(size)} groß; erlaubt sind höchstens {_mb(limits.max_bytes)}. "
        "Bitte die Datei aufteilen (z. B. ein Blatt oder einige Indikatoren je Datei)."
    )


def check_size(data: bytes, filename: str, limits: Limits) -> None:
    """Raise TooLarge when the file, or an archive's unpacked content, is over the limit."""
    if len(data) > limits.max_bytes:
        raise TooLarge(f"{filename}: {too_large_message(len(data), limits)}")
    if data[:4] != b"PK\x03\x04":
        return
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except zipfile.BadZipFile as exc:
        raise TooLarge(f"{filename}: Das Archiv ist beschädigt und kann nicht gelesen werden.") from exc
    unpacked = sum(m.file_size for m in members)
    worst = max(members, key=lambda m: m.file_size / max(m.compress_size, 1), default=None)
    if unpacked > limits.max_unpacked_bytes or (
        worst is not None and worst.file_size > MB and worst.file_size / max(worst.compress_size, 1) > MAX_RATIO
    ):
        raise TooLarge(
            f"{filename}: Der Inhalt des Archivs wäre entpackt {_mb(unpacked)} groß "
            f"(erlaubt: {_mb(limits.max_unpacked_bytes)}). Die Datei wird aus Sicherheitsgründen "
            "nicht entpackt (mögliche Zip-Bombe)."
        )
