"""Reading a transcript: strict decoding, and its division into paragraphs."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from teikit.errors import InputError

# Characters XML 1.0 cannot carry at all. A form feed is allowed in a transcript:
# it marks a page break of the original (see read_transcript).
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Paragraph:
    """A run of non-blank lines; ``line`` is the number of its first line in the source.

    ``form_feed`` says that a form feed (a page break of the original) stood in the
    blank lines before it.
    """

    lines: tuple[str, ...]
    line: int
    form_feed: bool = False

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def read_transcript(path: Path) -> str:
    """Return the text of ``path``, or raise an InputError that says what is wrong with it."""
    if not path.exists():
        raise InputError(path, "no such file or folder")
    if path.is_dir():
        raise InputError(path, "is a folder, expected a text file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot be read: {exc.strerror}") from None
    return decode_transcript(path, data)


def decode_transcript(path: Path, data: bytes) -> str:
    """The text of the bytes ``data`` read from ``path``, or an InputError that says what is wrong."""
    if not data.strip():
        raise InputError(path, "is empty: there is no text to convert")
    if b"\x00" in data:
        line, column = _position(data.decode("latin-1"), data.index(b"\x00"))
        raise InputError(path, "is a binary file, not a text transcript", line, column)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _position(data[: exc.start].decode("utf-8", "replace"), exc.start)
        raise InputError(
            path,
            f"is not UTF-8 text (byte 0x{data[exc.start]:02x}); re-save it as UTF-8",
            line,
            column,
        ) from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    # A form feed is a page break of the original; on a line of its own it can be
    # read like the blank lines around it, and XML could not hold it anyway.
    text = text.replace("\f", "\n\f\n")
    bad = _FORBIDDEN.search(text)
    if bad:
        line, column = _position(text, bad.start())
        name = unicodedata.name(bad.group(), "control character")
        raise InputError(
            path,
            f"contains U+{ord(bad.group()):04X} ({name.lower()}), which XML cannot hold; remove it",
            line,
            column,
        )
    return text


def paragraphs(text: str) -> list[Paragraph]:
    """Split text at blank lines. A form feed also ends a paragraph."""
    result: list[Paragraph] = []
    current: list[str] = []
    start = 1
    form_feed = False
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            if not current:
                start = number
            current.append(line)
            continue
        if current:
            result.append(Paragraph(tuple(current), start, form_feed))
            current = []
            form_feed = False
        form_feed = form_feed or "\f" in line
    if current:
        result.append(Paragraph(tuple(current), start, form_feed))
    return result
