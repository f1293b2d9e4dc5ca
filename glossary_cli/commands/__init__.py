"""What each command computes, returned as the plain results of glossary_cli.results."""
