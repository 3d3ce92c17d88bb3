"""The ``teikit`` command: one group, a subcommand per task."""

from __future__ import annotations

import click

from teikit import __version__
from teikit.commands.build import build_group
from teikit.commands.check import check_command
from teikit.commands.convert import convert_command
from teikit.commands.edit import edit_command
from teikit.commands.export import export_group
from teikit.commands.release import release_command
from teikit.commands.serve import serve_command
from teikit.commands.validate import validate_command


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="teikit")
def main() -> None:
    """Turn archival transcripts into a TEI-XML scholarly edition.

    \b
    Example:
        teikit convert seeds/
    """


main.add_command(convert_command)
main.add_command(export_group)
main.add_command(check_command)
main.add_command(build_group)
main.add_command(serve_command)
main.add_command(release_command)
main.add_command(validate_command)
main.add_command(edit_command)
