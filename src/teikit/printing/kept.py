"""What Typst made in the print edition shown, kept for the next build: a PDF is the same bytes
whenever the Typst source, its inputs, the compiler, the fonts and the PDF standards are (the
tests build twice and compare), so an offprint or a part of the book whose source has not changed
is taken from the version shown instead of being typeset again.

Each result is two files in the version's ``.teikit-kept`` folder, named by the key: the PDF and
what else Typst said (its warnings, what a part exports to the others). A build links the results
it takes or makes into its own version, so the folder holds what the version was made of and no
more, and the version it replaces can go whole."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from importlib.metadata import version
from pathlib import Path

from teikit.files import reuse, write_atomically
from teikit.printing.typeset import PDF_STANDARDS, Typeset
from teikit.resources import code_hash

KEPT = ".teikit-kept"
FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")


class KeptTypesetting:
    def __init__(self, previous: Path | None, staging: Path, font_paths: Sequence[Path] = ()) -> None:
        self.previous, self.staging = previous, staging
        self.folder = staging / KEPT
        fonts = [p for folder in font_paths for p in Path(folder).rglob("*") if p.suffix.lower() in FONT_SUFFIXES]
        here = Path(__file__).parent
        # The compiler's version from the package's metadata: loading it here would load Typst, which
        # runs only in processes of its own.
        self.salt = code_hash([*here.glob("*.py"), *fonts], version("typst"), *PDF_STANDARDS,
                              *sorted(str(Path(f).resolve()) for f in font_paths))
        self.taken = 0

    def typeset(self, make: Callable[[], Typeset], source: str, **inputs: object) -> Typeset:
        """What ``make`` gives for ``source`` (with ``inputs``): taken from the version shown when
        it was made there, else made and kept."""
        key = hashlib.sha256(json.dumps([self.salt, source, inputs], sort_keys=True).encode()).hexdigest()
        found = self._take(key)
        if found is not None:
            self.taken += 1
            return found
        result = make()
        try:
            write_atomically(self.folder / f"{key}.json",
                             json.dumps({"warnings": result.warnings, "exported": result.exported}).encode())
            write_atomically(self.folder / f"{key}.pdf", result.pdf)
        except OSError:
            # Not kept (a full disk): typeset again next time. Whether the PDF itself can be written
            # is the build's to find and say.
            (self.folder / f"{key}.json").unlink(missing_ok=True)
        return result

    def _take(self, key: str) -> Typeset | None:
        if self.previous is None:
            return None
        self.folder.mkdir(exist_ok=True)
        # Linked as the web's unchanged files are (a regular file only), then read from this version.
        names = [f"{KEPT}/{key}.json", f"{KEPT}/{key}.pdf"]
        if not all((self.staging / name).exists() or reuse(self.previous, self.staging, name) for name in names):
            return None
        try:
            said = json.loads((self.folder / f"{key}.json").read_bytes())
            pdf = (self.folder / f"{key}.pdf").read_bytes()
        except (OSError, ValueError):
            return None
        return Typeset(pdf, said["warnings"], said["exported"])
