"""The ``teikit`` command: one group, a subcommand per task."""

from __future__ import annotations

import importlib

import click

from teikit import __version__

# Each command's module is imported only when that command runs (or --help lists them): `teikit
# validate` then starts without Saxon, Starlette or Typst.
COMMANDS = {
    "convert": "teikit.commands.convert:convert_command",
    "export": "teikit.commands.export:export_group",
    "check": "teikit.commands.check:check_command",
    "build": "teikit.commands.build:build_group",
    "serve": "teikit.commands.serve:serve_command",
    "release": "teikit.commands.release:release_command",
    "validate": "teikit.commands.validate:validate_command",
    "edit": "teikit.commands.edit:edit_command",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, attribute = COMMANDS[name].split(":")
        return getattr(importlib.import_module(module), attribute)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="teikit")
def main() -> None:
    """Turn archival transcripts into a TEI-XML scholarly edition.

    \b
    Example:
        teikit convert seeds/
    """

