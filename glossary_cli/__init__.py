"""glossary: look a term up in your own language, in the terminal or from a script."""

__version__ = "0.1.0"
