"""Where teikit's stylesheets and schemas are: in a checkout, or inside an installed package.

In the repository they sit at the top (xslt/, schema/), where editors look for them; a
wheel carries them as the packages teikit.stylesheets and teikit.schemas (see pyproject.toml).
"""

from __future__ import annotations

import hashlib
import importlib.util
from collections.abc import Iterable
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parents[2]


def _folder(checkout_name: str, package: str) -> Path:
    folder = _CHECKOUT / checkout_name
    if folder.is_dir():
        return folder
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"teikit is installed without its {checkout_name} files; reinstall it")
    return Path(next(iter(spec.submodule_search_locations)))


XSLT_FOLDER = _folder("xslt", "teikit.stylesheets")
SCHEMA_FOLDER = _folder("schema", "teikit.schemas")


def code_hash(files: Iterable[Path], *versions: str) -> str:
    """A hash of teikit's version, the other ``versions`` given and the ``files``' names and bytes:
    what a kept result (a web page, an export of a document) was made with besides its document."""
    from teikit import __version__

    digest = hashlib.sha256("\0".join([__version__, *versions]).encode())
    for path in sorted(files):
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
