"""The editor's front end: the bundle built from editor/ (committed, so no npm is needed to run it).

In a checkout it is editor/dist/; an installed teikit carries it as the package teikit.edit.assets.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parents[3] / "editor" / "dist"
FILES = ("editor.js", "editor.css")


def folder() -> Path:
    if _CHECKOUT.is_dir():
        return _CHECKOUT
    spec = importlib.util.find_spec("teikit.edit.assets")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("teikit is installed without the editor's front end; reinstall it")
    return Path(next(iter(spec.submodule_search_locations)))


def file(name: str) -> Path | None:
    return folder() / name if name in FILES else None


def page(nonce: str) -> str:
    """The one page of the editor; everything else it loads from /assets and /api."""
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="teikit-style-nonce" content="{nonce}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>teikit edit</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/editor.css">
<script type="module" src="/assets/editor.js"></script>
</head>
<body>
<a class="skip" href="#reading">Skip to the text</a>
<header class="bar">
  <h1>teikit edit</h1>
  <label for="document-choice">Document</label>
  <select id="document-choice"></select>
  <span id="save-state" role="status" aria-live="polite"></span>
  <div id="toolbar" role="toolbar" aria-label="Markup"></div>
  <div id="message" role="alert" aria-live="assertive" hidden></div>
</header>
<main id="workspace">
  <section class="pane" aria-labelledby="reading-title">
    <h2 id="reading-title">Reading view</h2>
    <div id="reading" tabindex="0" aria-label="Reading view: select words, then choose an action"></div>
  </section>
  <section class="pane" aria-labelledby="source-title" tabindex="0">
    <h2 id="source-title">Source</h2>
    <div id="source"></div>
  </section>
  <aside class="pane side" aria-label="Findings, header and history">
    <h2>Findings</h2>
    <ul id="findings"></ul>
    <h2>Header</h2>
    <form id="header-form"></form>
    <h2>History</h2>
    <ol id="history"></ol>
  </aside>
</main>
<dialog id="dialog" aria-labelledby="dialog-title"><form method="dialog" id="dialog-form"></form></dialog>
</body>
</html>
"""
