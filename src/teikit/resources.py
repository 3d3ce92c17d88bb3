"""Where teikit's stylesheets and schemas are: in a checkout, or inside an installed package.

In the repository they sit at the top (xslt/, schema/), where editors look for them; a
wheel carries them as the packages teikit.stylesheets and teikit.schemas (see pyproject.toml).
"""

from __future__ import annotations

import importlib.util
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
