"""``teikit edit``: the browser editor for adding markup to the edition, on this machine only."""

from __future__ import annotations

import getpass
import subprocess
from pathlib import Path

import click

from teikit import server
from teikit.commands import console
from teikit.errors import InputError


def _editor_name() -> str:
    try:
        configured = subprocess.run(["git", "config", "user.name"], capture_output=True, text=True, check=False)
        if configured.returncode == 0 and configured.stdout.strip():
            return configured.stdout.strip()
    except OSError:
        pass
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


@click.command("edit")
@click.argument("folder", required=False, default=Path("tei"), type=click.Path(file_okay=False, path_type=Path))
@click.option("-p", "--port", type=click.IntRange(0, 65535), default=0, show_default=True,
              help="Port to listen on (0: any free one).")
@click.option("--host", default=server.LOOPBACK, show_default=True,
              help="Address to listen on; anything but 127.0.0.1 lets other machines reach the editor (with the token).")
@click.option("--editor", "editor_name", default=None,
              help="Who is editing, for each revisionDesc/change [default: git's user.name, else your login].")
def edit_command(folder: Path, port: int, host: str, editor_name: str | None) -> None:
    """Edit the markup of TEI documents in the browser, without losing a word.

    FOLDER holds the documents and, if there is one, register.xml [default: tei/].
    Prints one address with a one-time token: open it in a browser on this machine.
    Every action is checked (the witness's words stay as they are), validated with
    the edition's profile and saved at once, atomically; in a git repository each
    save is a commit. Ctrl-C stops the editor.

    \b
    Example:
        teikit edit
        teikit edit tei/ --port 8765
    """
    from teikit.edit.app import create_app
    from teikit.edit.store import Folder

    try:
        opened = Folder(folder, editor=editor_name if editor_name is not None else _editor_name())
        app, token = create_app(opened, allowed_host=None if host == server.LOOPBACK else host)
        server.serve(app, host, port,
                     lambda address: click.echo(f"Editing {folder} at {address}?token={token} (Ctrl-C stops)"))
    except InputError as problem:
        console.error(problem)
        raise SystemExit(2) from None
    click.echo("Stopped.", err=True)
