"""What the user tells the converter that a document cannot show: its speakers.

Two sources, merged: ``--speaker LABEL`` on the command line (a label form that is a
speaker), and a ``teikit.toml`` beside the transcripts, for a whole archive in one
format::

    [[convert.speakers]]
    labels = ["Q", "QUESTION"]        # label forms, without their colon or full stop
    id = "press"                      # the xml:id of the person in particDesc
    name = "Journalists"              # optional: the name the header gives
    group = true                      # optional: a group (personGrp), not one person

    [[convert.speakers]]
    labels = ["THE PRESIDENT", "The President"]
    id = "clinton"
    register = "clinton"              # optional: the register's xml:id (sameAs="reg:clinton")
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from teikit.errors import InputError

CONFIG_FILE = "teikit.toml"
_XML_NAME = re.compile(r"[A-Za-z_][\w.-]*")


def label_key(label: str) -> str:
    """A label form compared without its closing punctuation, case or spacing ("Q:" = "q" = "Q .")."""
    return " ".join(label.strip().rstrip(":.").split()).casefold()


@dataclass(frozen=True)
class SpeakerHint:
    """One speaker the user described: the label forms that name it, and who it is."""

    labels: tuple[str, ...]
    id: str | None = None
    name: str | None = None
    register: str | None = None
    group: bool = False


@dataclass
class Hints:
    """Everything the user said about the speakers of one transcript."""

    speakers: list[SpeakerHint] = field(default_factory=list)
    source: Path | None = None  # the teikit.toml they came from, if any

    def hint_for(self, label: str) -> SpeakerHint | None:
        key = label_key(label)
        return next((h for h in self.speakers if key in {label_key(form) for form in h.labels}), None)

    @classmethod
    def for_source(cls, transcript: Path, labels: tuple[str, ...] = ()) -> Hints:
        """The hints for ``transcript``: its folder's teikit.toml, then the --speaker labels."""
        config = transcript.parent / CONFIG_FILE
        hints = read_config(config) if config.is_file() else cls()
        known = {label_key(form) for hint in hints.speakers for form in hint.labels}
        hints.speakers += [SpeakerHint((label,)) for label in labels if label_key(label) not in known]
        return hints


def _position(message: str) -> tuple[int, int]:
    found = re.search(r"line (\d+), column (\d+)", message)
    return (int(found[1]), int(found[2])) if found else (1, 1)


def read_config(path: Path) -> Hints:
    """The speakers a teikit.toml describes, or an InputError that says what is wrong with it."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, f"cannot be read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        line, column = _position(str(exc))
        raise InputError(path, f"is not valid TOML: {str(exc).split(' (at')[0]}", line, column) from None
    entries = data.get("convert", {}).get("speakers", [])
    if not isinstance(entries, list):
        raise InputError(path, "convert.speakers must be a list of tables ([[convert.speakers]])")
    hints = Hints(source=path)
    for number, entry in enumerate(entries, start=1):
        where = f"speaker {number} of [[convert.speakers]]"
        if not isinstance(entry, dict):
            raise InputError(path, f"{where} is not a table")
        labels = entry.get("labels")
        if isinstance(labels, str):
            labels = [labels]
        if not labels or not all(isinstance(label, str) and label.strip() for label in labels):
            raise InputError(path, f'{where} needs labels = ["…"], the label forms that name the speaker')
        unknown = set(entry) - {"labels", "id", "name", "register", "group"}
        if unknown:
            raise InputError(path, f"{where} has unknown keys: {', '.join(sorted(unknown))} (labels, id, name, "
                             "register, group are known)")
        for key in ("id", "register"):
            value = entry.get(key)
            if value is not None and not (isinstance(value, str) and _XML_NAME.fullmatch(value)):
                raise InputError(path, f"{where}: {key} = {value!r} is not an XML name (letters, digits, _ . -)")
        hints.speakers.append(
            SpeakerHint(
                tuple(labels),
                entry.get("id"),
                entry.get("name"),
                entry.get("register"),
                bool(entry.get("group", False)),
            )
        )
    return hints
