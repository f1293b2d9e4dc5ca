"""Entry point for `python -m glossary_cli`."""

from glossary_cli.cli import main

main()
