"""Entry point for `python -m glossary_cli`."""

from glossary_cli.cli.app import main

main()
