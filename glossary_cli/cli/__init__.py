"""The command line: the entry point, the Typer app and its options, start-up tricks, completion."""

from glossary_cli.cli.entry import main, run

__all__ = ["main", "run"]
