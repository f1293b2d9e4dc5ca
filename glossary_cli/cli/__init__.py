"""The command line: the Typer app, its options, start-up tricks and shell completion."""

from glossary_cli.cli.app import main, run

__all__ = ["main", "run"]
